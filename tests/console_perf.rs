//! How long the StatefulSet Basics script takes end to end, natively (the
//! target is 50 ms per run in a release build). Ignored by default: wall
//! clock is not something normal tests assert. Run it with
//!
//!   cargo test --release --test native console_perf -- --ignored --nocapture

use std::path::Path;
use std::time::{Duration, Instant};

use ordinal::console::Console;

fn run_once(src: &str, dir: &Path) -> Duration {
    let mut c = Console::new(1);
    let dir = dir.to_path_buf();
    c.set_file_reader(std::rc::Rc::new(move |p: &str| {
        std::fs::read_to_string(dir.join(p)).map_err(|_| "No such file or directory".to_string())
    }));
    let started = Instant::now();
    let t = c.run_script(src, false).expect("script parses");
    let elapsed = started.elapsed();
    assert!(!t.entries.is_empty());
    elapsed
}

#[test]
#[ignore]
fn statefulset_basics_end_to_end() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scripts");
    let src = std::fs::read_to_string(dir.join("statefulset-basics.sh")).expect("script");
    // One run to warm caches, then the measured ones.
    run_once(&src, &dir);
    let mut times: Vec<Duration> = (0..15).map(|_| run_once(&src, &dir)).collect();
    times.sort();
    let median = times[times.len() / 2];
    println!(
        "statefulset-basics.sh: min {:.1} ms, median {:.1} ms, max {:.1} ms ({} runs)",
        times[0].as_secs_f64() * 1e3,
        median.as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3,
        times.len()
    );
}
