//! Engine benchmarks (issue #5's performance budgets). Run with
//! `cargo bench --bench engine [-- FILTER | -- size=N]`; prints one line per
//! result (`make bench` turns them into a table). The scenarios live in
//! `common/scenarios.rs`, shared with the wasm build (`examples/engine_wasm.rs`).
//! Natively the timings use `std::time::Instant` here, in the benchmark
//! only — the engine itself never reads a clock.

use std::sync::OnceLock;
use std::time::Instant;

#[path = "common/scenarios.rs"]
mod scenarios;

fn clock() -> f64 {
    static ORIGIN: OnceLock<Instant> = OnceLock::new();
    ORIGIN.get_or_init(Instant::now).elapsed().as_secs_f64()
}

/// The process's peak resident memory in MB (Linux), if known.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    // `cargo bench` adds `--bench`; the first other argument is the filter.
    let filter = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .unwrap_or_default();
    clock();
    scenarios::run(&filter, clock, &mut |line| println!("{line}"));
    if let Some(mb) = peak_rss_mb() {
        println!("native_peak_rss_mb {mb:.0}");
    }
}
