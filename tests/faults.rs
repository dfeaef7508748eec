//! Integration tests for faults and bad input: the real `wenku` binary killed at random
//! points, out of disk space, on a read-only index folder, and fed odd files.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use common::{Fixture, SEED};

fn wenku() -> PathBuf {
    assert_cmd::cargo::cargo_bin("wenku")
}

fn stderr_of(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs `wenku ARGS[0] --corpus … --index … ARGS[1..]` through `sh`, after `setup` (shell
/// commands such as `ulimit -f 100`).
fn run_in_shell(f: &Fixture, setup: &str, args: &[&str]) -> Output {
    let mut line = format!(
        "{setup}; exec \"$0\" {} --corpus \"$1\" --index \"$2\"",
        args[0]
    );
    for i in 1..args.len() {
        line.push_str(&format!(" \"${}\"", i + 2));
    }
    Command::new("sh")
        .arg("-c")
        .arg(line)
        .arg(wenku())
        .arg(f.corpus())
        .arg(f.index_dir())
        .args(&args[1..])
        .output()
        .unwrap()
}

/// The live generation's folder.
fn live_generation(f: &Fixture) -> PathBuf {
    let name = fs::read_to_string(f.index_dir().join("CURRENT")).unwrap();
    f.index_dir().join(name.trim())
}

fn generations(f: &Fixture) -> usize {
    fs::read_dir(f.index_dir())
        .unwrap()
        .filter(|e| {
            let e = e.as_ref().unwrap();
            e.file_name().to_string_lossy().starts_with("g-") && e.path().is_dir()
        })
        .count()
}

/// The names of the files in `dir`, sorted.
fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// What a search answered, in a form to compare: article, paragraph and text per hit.
fn answers(hits: &[Value]) -> Vec<(String, u64, String)> {
    hits.iter()
        .map(|h| {
            (
                h["article"].as_str().unwrap().to_string(),
                h["paragraph"].as_u64().unwrap(),
                h["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// A search that cannot update the index answers as `before`, and says it answers
/// from the last commit.
fn assert_search_answers_from_the_last_commit(f: &Fixture, before: &[(String, u64, String)]) {
    let out = f
        .cmd(&["search", "--json", "--limit", "10", "--", "小米汽车毛利率"])
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("last commit"), "{stderr}");
    assert_eq!(answers(&json_hits(out.get_output())), before);
}

fn json_hits(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Writes `n` copies of the seed article under `bulk/`, each ending with a paragraph
/// holding `marker` (so a search for it counts the copies indexed).
fn write_bulk(f: &Fixture, n: usize, marker: &str) {
    let seed = fs::read_to_string(f.corpus().join(SEED)).unwrap();
    let bulk = f.corpus().join("bulk");
    fs::create_dir_all(&bulk).unwrap();
    for i in 0..n {
        fs::write(
            bulk.join(format!("{i:03}.txt")),
            format!("{seed}\n\n{marker} 第{i}篇\n"),
        )
        .unwrap();
    }
}

/// Asserts that a failed write was reported once, clearly: exit code 2, one line naming
/// the index folder and what to do, no panic.
fn assert_clear_write_error(out: &Output, index: &Path, what: &str) {
    let stderr = stderr_of(out);
    assert_eq!(out.status.code(), Some(2), "{what}: {stderr}");
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| !l.starts_with("indexed:"))
        .collect();
    assert_eq!(lines.len(), 1, "{what}: {stderr}");
    let line = lines[0];
    assert!(
        line.starts_with("wenku: cannot write the index at")
            && line.contains(&index.display().to_string())
            && line.contains("as it was before")
            && line.contains("wenku index"),
        "{what}: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{what}: {stderr}");
}

/// A 64-bit xorshift: kill delays that differ between points but repeat between runs.
struct Xorshift(u64);

impl Xorshift {
    fn unit(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[test]
fn killed_at_random_points_the_index_is_old_or_new_and_the_next_run_completes() {
    const COPIES: usize = 20;
    const KILLS: usize = 8;
    let seed: u64 = std::env::var("WENKU_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_2025);
    let mut rng = Xorshift(seed);
    let f = Fixture::new();
    let marker = |i: usize| format!("wkmark{i}x");
    // One uninterrupted run: how long a run takes on this machine now.
    write_bulk(&f, COPIES, &marker(0));
    let started = Instant::now();
    f.index();
    let mut run_ms = started.elapsed().as_millis() as f64;
    let articles = 9 + COPIES as u64;
    for i in 1..=KILLS {
        // Each point replaces the copies' marker, so the old and the new state differ
        // in every copy; even points start from scratch (a new generation).
        write_bulk(&f, COPIES, &marker(i));
        let rebuild = i % 2 == 0;
        // Stratified: point i falls in the i-th eighth of the run (and a little past it).
        let delay = 20.0 + (i as f64 - 1.0 + rng.unit()) / KILLS as f64 * run_ms * 1.1;
        let ctx = format!(
            "seed {seed} (set WENKU_KILL_SEED to repeat), kill {i} of `index{}` after {delay:.0} ms of a {run_ms:.0} ms run",
            if rebuild { " --rebuild" } else { "" }
        );
        let mut run = Command::new(wenku());
        run.args(["index", "--quiet", "--corpus"])
            .arg(f.corpus())
            .arg("--index")
            .arg(f.index_dir())
            .stderr(Stdio::null());
        if rebuild {
            run.arg("--rebuild");
        }
        let mut child = run.spawn().unwrap();
        std::thread::sleep(Duration::from_millis(delay as u64));
        let _ = child.kill(); // SIGKILL; it may have finished already.
        child.wait().unwrap();

        // Hold the write lock as another `wenku index` would: `search` must answer from
        // the last commit, as it is, without updating it first.
        let lock = fs::File::options()
            .write(true)
            .open(f.index_dir().join(".wenku.lock"))
            .unwrap();
        assert!(lock.try_lock().is_ok(), "{ctx}: the lock outlived the run");
        let out = f.cmd(&["status", "--json"]).get_output().clone();
        assert_eq!(out.status.code(), Some(0), "{ctx}: {}", stderr_of(&out));
        let status: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(status["articles"].as_u64(), Some(articles), "{ctx}");
        let count = |m: &str| {
            let out = f
                .cmd(&["search", "--json", "--limit", "100", "--", m])
                .get_output()
                .clone();
            let code = out.status.code();
            assert!(
                matches!(code, Some(0) | Some(1)),
                "{ctx}: exit {code:?}: {}",
                stderr_of(&out)
            );
            json_hits(&out).len()
        };
        let state = (count(&marker(i - 1)), count(&marker(i)));
        assert!(
            state == (COPIES, 0) || state == (0, COPIES),
            "{ctx}: neither the old nor the new index: {state:?}"
        );
        let hits = f.search_with(&["--article", SEED], &["小米汽车毛利率"]);
        assert!(hits[0]["text"].as_str().unwrap().contains("26.4%"), "{ctx}");
        drop(lock);
        let found = if state.0 == 0 { "new" } else { "old" };
        eprintln!("{ctx}: {found} index");

        // The next run completes the job, and leaves one generation. When it does the
        // whole job, its time is the length of a run for the next point (the machine's
        // load changes).
        let started = Instant::now();
        f.index();
        if state.0 > 0 {
            run_ms = started.elapsed().as_millis() as f64;
        }
        assert_eq!(
            (count(&marker(i - 1)), count(&marker(i))),
            (0, COPIES),
            "{ctx}"
        );
        assert_eq!(generations(&f), 1, "{ctx}");
        let out = f.cmd(&["status", "--json"]).success();
        let status: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
        assert_eq!(status["up_to_date"], true, "{ctx}");
    }
}

#[test]
fn file_size_limit_mid_build_is_a_clear_error_and_the_old_index_answers() {
    let f = Fixture::new();
    f.index();
    let before = answers(&f.search_with(&["--article", SEED], &["小米汽车毛利率"]));
    let meta = fs::read(live_generation(&f).join("meta.json")).unwrap();
    write_bulk(&f, 100, "wkbulkx");
    // Files may not grow past 200 KB: the new segment's store cannot be written. With
    // SIGXFSZ ignored, the write fails with EFBIG instead of killing the process.
    let limit = "trap '' XFSZ; ulimit -f 200";
    let out = run_in_shell(&f, limit, &["index", "--quiet"]);
    assert_clear_write_error(&out, &f.index_dir(), "EFBIG");
    assert!(stderr_of(&out).contains("ulimit"), "{}", stderr_of(&out));
    assert_eq!(
        fs::read(live_generation(&f).join("meta.json")).unwrap(),
        meta,
        "the last commit changed"
    );
    // `search` cannot update either: it says so and answers from the last commit.
    let search = [
        "search",
        "--json",
        "--article",
        SEED,
        "--",
        "小米汽车毛利率",
    ];
    let out = run_in_shell(&f, limit, &search);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("last commit"),
        "{}",
        stderr_of(&out)
    );
    assert_eq!(answers(&json_hits(&out)), before);
    assert!(f.cmd(&["status"]).get_output().status.success());
    // Without the limit, the next run completes.
    let summary = f.index();
    assert!(summary.contains("100 added"), "{summary}");
    assert_eq!(f.search(&["wkbulkx"]).len(), 10);
}

/// A file system mounted for a test, unmounted when dropped (also on failure).
struct Mount(PathBuf);

impl Mount {
    /// Runs `mount ARGS… DIR`; `None` (with a note) where mounting is not permitted.
    fn new(dir: &Path, args: &[&str]) -> Option<Mount> {
        let ok = Command::new("mount")
            .args(args)
            .arg(dir)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            eprintln!(
                "note: `mount {}` is not permitted here; part skipped",
                args.join(" ")
            );
        }
        ok.then(|| Mount(dir.to_path_buf()))
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

#[test]
fn full_disk_is_a_clear_error_and_the_old_index_answers() {
    let f = Fixture::new();
    fs::create_dir_all(f.index_dir()).unwrap();
    // A 2 MB file system: the shipped corpus's index fits, 100 more articles do not.
    let Some(_disk) = Mount::new(&f.index_dir(), &["-t", "tmpfs", "-o", "size=2m", "tmpfs"]) else {
        return;
    };
    f.index();
    let before = answers(&f.search(&["小米汽车毛利率"]));
    let meta = fs::read(live_generation(&f).join("meta.json")).unwrap();
    let files = file_names(&live_generation(&f));
    write_bulk(&f, 100, "wkbulkx");
    let out = f.cmd(&["index", "--quiet"]).get_output().clone();
    assert_clear_write_error(&out, &f.index_dir(), "ENOSPC");
    assert!(
        stderr_of(&out).contains("disk space"),
        "{}",
        stderr_of(&out)
    );
    assert_eq!(
        fs::read(live_generation(&f).join("meta.json")).unwrap(),
        meta
    );
    // The files of the failed run are gone again: the disk is as free as before.
    assert_eq!(file_names(&live_generation(&f)), files);
    assert_eq!(generations(&f), 1);
    assert_search_answers_from_the_last_commit(&f, &before);
    // With room again, the next run completes.
    assert!(
        Command::new("mount")
            .args(["-o", "remount,size=64m"])
            .arg(f.index_dir())
            .status()
            .unwrap()
            .success()
    );
    let summary = f.index();
    assert!(summary.contains("100 added"), "{summary}");
    assert_eq!(f.search(&["wkbulkx"]).len(), 10);
}

#[test]
fn read_only_index_folder_is_a_clear_error_and_search_still_answers() {
    let f = Fixture::new();
    f.index();
    let before = answers(&f.search(&["小米汽车毛利率"]));
    // As root, permissions do not stop writes: a read-only bind mount does.
    let index = f.index_dir();
    let bind = Mount::new(&index, &["--bind", &index.display().to_string()]);
    let read_only = bind.is_some()
        && Command::new("mount")
            .args(["-o", "remount,bind,ro"])
            .arg(&index)
            .status()
            .is_ok_and(|s| s.success());
    if read_only {
        // Nothing to do: nothing to write either, so no error.
        let out = f.cmd(&["index", "--quiet"]).get_output().clone();
        assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
        write_bulk(&f, 3, "wkbulkx");
        let out = f.cmd(&["index", "--quiet"]).get_output().clone();
        assert_clear_write_error(&out, &index, "EROFS");
        assert!(stderr_of(&out).contains("writable"), "{}", stderr_of(&out));
        assert_search_answers_from_the_last_commit(&f, &before);
        f.cmd(&["status"]).success();
    } else if bind.is_some() {
        eprintln!("note: a read-only remount is not permitted here; part skipped");
    }
    drop(bind);
    // Not a folder: a file where the index folder, or its parent, should be.
    let file = f.dir.path().join("a-file");
    fs::write(&file, "not a folder").unwrap();
    for path in [file.clone(), file.join("index")] {
        let out = Command::new(wenku())
            .args(["index", "--quiet", "--corpus"])
            .arg(f.corpus())
            .arg("--index")
            .arg(&path)
            .output()
            .unwrap();
        assert_clear_write_error(&out, &path, "not a folder");
        assert!(
            stderr_of(&out).contains("must be a folder"),
            "{}",
            stderr_of(&out)
        );
        assert_eq!(fs::read_to_string(&file).unwrap(), "not a folder");
    }
    // The real index was never touched, and is writable again.
    write_bulk(&f, 3, "wkbulkx");
    f.index();
    assert_eq!(f.search(&["wkbulkx"]).len(), 3);
}

/// Runs `wenku index` with a time limit: a FIFO that blocked the reader would hang it.
fn index_within_a_minute(f: &Fixture) -> String {
    let out = assert_cmd::Command::new(wenku())
        .args(["index", "--quiet", "--corpus"])
        .arg(f.corpus())
        .arg("--index")
        .arg(f.index_dir())
        .timeout(Duration::from_secs(60))
        .assert()
        .success();
    String::from_utf8_lossy(&out.get_output().stderr).into_owned()
}

/// Asserts a one-line warning that names `name` and contains each of `words`.
fn assert_warning(stderr: &str, name: &str, words: &[&str]) {
    assert!(
        stderr.lines().any(|l| l.starts_with("wenku: warning:")
            && l.contains(name)
            && words.iter().all(|w| l.contains(w))),
        "no warning naming {name} with {words:?}: {stderr}"
    );
}

#[test]
fn fifo_dangling_link_and_symlink_loop_are_skipped_with_warnings_naming_them() {
    let f = Fixture::new();
    let odd = f.corpus().join("odd");
    fs::create_dir_all(&odd).unwrap();
    fs::write(odd.join("ok.txt"), "同一个文件夹里的正常文章讲企鹅。\n").unwrap();
    // Nothing ever writes to the FIFO: opening it to read would wait for ever.
    assert!(
        Command::new("mkfifo")
            .arg(odd.join("pipe.txt"))
            .status()
            .unwrap()
            .success()
    );
    std::os::unix::fs::symlink("nowhere.txt", odd.join("dangling.txt")).unwrap();
    std::os::unix::fs::symlink("..", odd.join("loop")).unwrap();

    let stderr = index_within_a_minute(&f);
    assert_warning(&stderr, "odd/pipe.txt", &["skipping", "not a regular file"]);
    assert_warning(
        &stderr,
        "odd/dangling.txt",
        &["skipping", "nowhere.txt", "does not exist"],
    );
    assert_warning(&stderr, "odd/loop", &["skipping", "loop", "not followed"]);
    assert!(stderr.contains("10 added"), "{stderr}");
    assert_eq!(f.search(&["企鹅"])[0]["article"], "odd/ok.txt");
    assert!(
        f.search(&["小米汽车毛利率"])[0]["text"]
            .as_str()
            .unwrap()
            .contains("26.4%")
    );
    // `status` walks the corpus the same way: it does not hang either, and says why.
    let out = assert_cmd::Command::new(wenku())
        .args(["status", "--corpus"])
        .arg(f.corpus())
        .arg("--index")
        .arg(f.index_dir())
        .timeout(Duration::from_secs(60))
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert_warning(&stderr, "odd/pipe.txt", &["not a regular file"]);
}

#[test]
fn non_utf8_bytes_in_front_matter_are_read_with_a_warning_naming_the_line() {
    let f = Fixture::new();
    // A UTF-8 article whose title was pasted in GBK (海狸报告).
    let mut gbk_title = b"---\ntitle: \xba\xa3\xc0\xea\xb1\xa8\xb8\xe6\nlang: zh\n---\n\n".to_vec();
    gbk_title.extend("正文讲的是海狸的故事。\n\n第二段也讲海狸。\n".as_bytes());
    fs::write(f.corpus().join("gbk-title.md"), gbk_title).unwrap();
    // Bytes that are no text in any encoding, in the title and the author.
    let mut stray = b"---\ntitle: ab\xff\xfecd\nauthor: \xc3\x28\n---\n\n".to_vec();
    stray.extend("正文讲的是水獭的故事。\n".as_bytes());
    fs::write(f.corpus().join("stray-bytes.md"), stray).unwrap();

    let stderr = f.index();
    assert_warning(&stderr, "gbk-title.md", &["line 2", "UTF-8"]);
    assert_warning(&stderr, "stray-bytes.md", &["line 2, 3", "UTF-8"]);
    assert!(stderr.contains("11 added"), "{stderr}");
    let hits = f.search(&["海狸"]);
    assert_eq!(hits[0]["article"], "gbk-title.md");
    assert_eq!(hits[0]["title"], "海狸报告");
    let hits = f.search(&["水獭"]);
    assert_eq!(hits[0]["article"], "stray-bytes.md");
    assert_eq!(hits[0]["title"], "ab\u{fffd}\u{fffd}cd");
    assert_eq!(hits[0]["text"], "正文讲的是水獭的故事。");
}

#[test]
fn a_one_megabyte_line_is_split_into_passages_and_found() {
    let f = Fixture::new();
    // Real sentences with no line end, then one "word" of a megabyte (base64, say).
    let seed = fs::read_to_string(f.corpus().join(SEED)).unwrap();
    let sentences = seed.replace('\n', "");
    let mut line = String::new();
    while line.len() < 1_000_000 {
        line.push_str(&sentences);
    }
    line.push_str("末尾的河马句子。");
    fs::write(f.corpus().join("line-zh.txt"), &line).unwrap();
    let blob = format!("{} hippopotamusblob", "QUJD".repeat(250_000));
    fs::write(f.corpus().join("line-blob.txt"), blob).unwrap();

    let stderr = f.index();
    assert!(stderr.contains("11 added"), "{stderr}");
    let hits = f.search(&["河马"]);
    assert_eq!(hits[0]["article"], "line-zh.txt");
    let text = hits[0]["text"].as_str().unwrap();
    assert!(text.ends_with("末尾的河马句子。"), "{text}");
    assert!(
        text.chars().count() <= 3000,
        "a passage of {} chars",
        text.len()
    );
    assert_eq!(
        f.search(&["hippopotamusblob"])[0]["article"],
        "line-blob.txt"
    );
    assert!(
        f.search(&["小米汽车毛利率"])[0]["text"]
            .as_str()
            .unwrap()
            .contains("26.4%")
    );
}

#[test]
fn a_50_mb_article_is_indexed_and_a_phrase_at_its_end_found() {
    let f = Fixture::new();
    // Real paragraphs of the shipped articles, numbered so that no two are the same.
    let mut paragraphs = Vec::new();
    for entry in walkdir_files(&f.corpus()) {
        let text = fs::read_to_string(entry).unwrap();
        paragraphs.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| l.chars().count() > 20 && !l.starts_with(['-', '#']))
                .map(str::to_string),
        );
    }
    assert!(paragraphs.len() > 50);
    let mut huge = String::with_capacity(50_100_000);
    let mut i = 0;
    while huge.len() < 50_000_000 {
        huge.push_str(&format!(
            "{}（第{i}段）\n\n",
            paragraphs[i % paragraphs.len()]
        ));
        i += 1;
    }
    huge.push_str("文末的独角兽段落讲到了珊瑚礁的保护。\n");
    fs::write(f.corpus().join("huge.txt"), huge).unwrap();

    let started = Instant::now();
    let stderr = f.index();
    eprintln!("indexing a 50 MB article took {:.1?}", started.elapsed());
    assert!(stderr.contains("10 added"), "{stderr}");
    let hits = f.search(&["\"独角兽段落\"", "珊瑚礁"]);
    assert_eq!(hits[0]["article"], "huge.txt");
    assert_eq!(hits[0]["text"], "文末的独角兽段落讲到了珊瑚礁的保护。");
    let last = format!("（第{}段）", i - 1);
    assert_eq!(
        f.search(&[&format!("\"{last}\"")])[0]["article"],
        "huge.txt"
    );
    let hits = f.search_with(&["--article", SEED], &["小米汽车毛利率"]);
    assert!(hits[0]["text"].as_str().unwrap().contains("26.4%"));
}

/// The article files under `dir`, recursively.
fn walkdir_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walkdir_files(&path));
        } else if path.extension().is_some_and(|e| e == "txt" || e == "md") {
            files.push(path);
        }
    }
    files
}

#[test]
fn segment_files_no_commit_holds_are_removed_by_the_next_run() {
    // What a run on a full disk can leave when tantivy could not record the files it
    // wrote: the next run removes them, and only them.
    let f = Fixture::new();
    f.index();
    let live = live_generation(&f);
    let before = file_names(&live);
    let stray = live.join("0123456789abcdef0123456789abcdef.idx");
    fs::write(&stray, b"left by a failed run").unwrap();
    f.index();
    assert!(!stray.exists(), "the stray segment file is still there");
    assert_eq!(file_names(&live), before);
    assert!(!f.search(&["小米汽车毛利率"]).is_empty());
}
