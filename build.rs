//! Links the `wenku` binary as a position-dependent executable on Linux with glibc.
//!
//! Every search is a process. The dictionaries compiled into the binary (CC-CEDICT,
//! jieba's, the folding tables) hold static tables of string pointers: as a
//! position-independent executable the loader rewrites 27,000 of them at every start,
//! 0.3-0.45 ms of a 3 ms search of the shipped corpus (measured side by side with
//! `bench/speed.sh`-style runs, 2026-11-26). Libraries stay randomised; the binary's
//! own addresses are fixed.

fn main() {
    let linux = std::env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux");
    let gnu = std::env::var("CARGO_CFG_TARGET_ENV").is_ok_and(|env| env == "gnu");
    if linux && gnu {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
