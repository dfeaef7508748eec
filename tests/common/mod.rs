//! The temporary corpus and index that the integration tests run the real binary on.
// Each test crate (`cli.rs`, `faults.rs`) uses a different part of this module.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

pub const SEED: &str = "seed/000_b20ef67de0c6e6f8.txt";

/// A temporary corpus (a copy of the shipped one) and an index folder beside it.
pub struct Fixture {
    pub dir: TempDir,
}

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

impl Fixture {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"),
            &dir.path().join("corpus"),
        );
        Fixture { dir }
    }

    pub fn corpus(&self) -> PathBuf {
        self.dir.path().join("corpus")
    }

    pub fn index_dir(&self) -> PathBuf {
        self.dir.path().join("index")
    }

    pub fn cmd(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        let mut c = Command::cargo_bin("wenku").unwrap();
        c.arg(args[0])
            .arg("--corpus")
            .arg(self.corpus())
            .arg("--index")
            .arg(self.index_dir())
            .args(&args[1..])
            .env_remove("NO_COLOR")
            .assert()
    }

    /// Adds 1,000 copies of the seed article and starts `wenku index` on them in the
    /// background, returning once it has been running for 100 ms.
    pub fn start_long_index_run(&self) -> std::process::Child {
        let seed = fs::read_to_string(self.corpus().join(SEED)).unwrap();
        let bulk = self.corpus().join("bulk");
        fs::create_dir_all(&bulk).unwrap();
        for i in 0..1000 {
            fs::write(
                bulk.join(format!("{i:04}.txt")),
                format!("{seed}\n\n批量{i}\n"),
            )
            .unwrap();
        }
        let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("wenku"))
            .args(["index", "--quiet", "--corpus"])
            .arg(self.corpus())
            .arg("--index")
            .arg(self.index_dir())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(100));
        child
    }

    pub fn index(&self) -> String {
        let out = self.cmd(&["index", "--quiet"]).success();
        String::from_utf8_lossy(&out.get_output().stderr).into_owned()
    }

    /// JSON hits for a query (empty on exit code 1).
    pub fn search(&self, query: &[&str]) -> Vec<Value> {
        self.search_with(&[], query)
    }

    /// Runs `search --json` with `options` before the `--` that ends them (and
    /// `--limit 10` unless they hold a limit).
    pub fn search_with(&self, options: &[&str], query: &[&str]) -> Vec<Value> {
        let mut args = vec!["search", "--json"];
        if !options.contains(&"--limit") {
            args.extend(["--limit", "10"]);
        }
        args.extend_from_slice(options);
        args.push("--");
        args.extend_from_slice(query);
        let out = self.cmd(&args);
        let code = out.get_output().status.code();
        assert!(
            matches!(code, Some(0) | Some(1)),
            "exit {code:?}: {}",
            String::from_utf8_lossy(&out.get_output().stderr)
        );
        String::from_utf8_lossy(&out.get_output().stdout)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }
}
