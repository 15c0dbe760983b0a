//! Engine benchmarks (issue #5's performance budgets). Run with
//! `cargo bench --bench engine [-- FILTER | -- size=N]`; prints one line per
//! result (`make bench` turns them into a table). The scenarios live in
//! `common/scenarios.rs`, shared with the wasm build (`examples/engine_wasm.rs`).
//! Natively the timings use `std::time::Instant` here, in the benchmark
//! only — the engine itself never reads a clock.

use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::Instant;

/// The command line's allocator (mimalloc, src/bin/ordinal.rs), counting
/// the bytes in use and their peak: the engine's own heap, without the
/// allocator's free lists and fragments that the resident-memory figure
/// also holds.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// The benchmark is one thread, so the counts are read and written with
// plain loads and stores: `fetch_add` and `fetch_max` are locked
// instructions (a compare-and-swap loop for the maximum), and at one
// allocation every few hundred instructions they cost the measured runs
// several per cent of their time.
fn grow(by: usize) {
    let now = LIVE.load(Ordering::Relaxed) + by;
    LIVE.store(now, Ordering::Relaxed);
    if now > PEAK.load(Ordering::Relaxed) {
        PEAK.store(now, Ordering::Relaxed);
    }
}

fn shrink(by: usize) {
    LIVE.store(LIVE.load(Ordering::Relaxed) - by, Ordering::Relaxed);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { mimalloc::MiMalloc.alloc(layout) };
        if !p.is_null() {
            grow(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) };
        shrink(layout.size());
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                grow(new_size - layout.size());
            } else {
                shrink(layout.size() - new_size);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

#[path = "common/scenarios.rs"]
mod scenarios;

fn clock() -> f64 {
    static ORIGIN: OnceLock<Instant> = OnceLock::new();
    ORIGIN.get_or_init(Instant::now).elapsed().as_secs_f64()
}

/// The process's peak resident memory in MB (10^6 bytes, the unit of the
/// budget; Linux), if known.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024.0 / 1e6)
}

fn main() {
    // As the command line does (src/native_alloc.rs).
    ordinal::native_alloc::keep_freed_memory();
    // `cargo bench` adds `--bench`; the first other argument is the filter.
    let filter = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .unwrap_or_default();
    clock();
    if filter == "memory" {
        memory(clock);
        return;
    }
    // MB of 10^6 bytes, as the budgets count them (these figures were
    // MiB, 4.9 % smaller, until this was written down).
    let mb = |b: usize| b as f64 / 1e6;
    scenarios::run(&filter, clock, &mut |line| {
        println!("{line}");
        // Called while the scenario's engine is alive: what 10,000 Pods
        // with their claims, volumes and Events hold.
        if line.starts_with("parallel_10k_ready_s") || line.starts_with("parallel_10000_ready_s") {
            println!(
                "native_heap_10k_mb {:.1} (in use with 10,000 Pods Ready)",
                mb(LIVE.load(Ordering::Relaxed))
            );
        }
    });
    if let Some(mb) = peak_rss_mb() {
        println!("native_peak_rss_mb {mb:.1}");
    }
    println!(
        "native_peak_heap_mb {:.1} (bytes allocated at the worst moment)",
        mb(PEAK.load(Ordering::Relaxed))
    );
}

/// `-- memory`: where the heap of 10,000 Ready Pods goes, by engine part
/// and, for one Pod, PV and claim, by field.
fn memory(clock: fn() -> f64) {
    let (_, e) = scenarios::scale_up(clock, 10_000, "Parallel");
    let live = || LIVE.load(Ordering::Relaxed) as isize;
    let size = |name: &str, f: &dyn Fn() -> Box<dyn std::any::Any>| {
        let before = live();
        let copy = f();
        println!("memory_one {name} {} bytes", live() - before);
        drop(copy);
    };
    let p = e.store().pods.get("default", "web-7").unwrap().clone();
    size("pod.metadata", &|| Box::new(p.metadata.clone()));
    size("pod.spec", &|| Box::new((*p.spec).clone()));
    size("pod.spec.volumes", &|| Box::new(p.spec.volumes.clone()));
    size("pod.spec.containers", &|| {
        Box::new(p.spec.containers.clone())
    });
    size("pod.status", &|| Box::new(p.status.clone()));
    let pv = e.store().pvs.iter().next().unwrap().clone();
    size("pv.metadata", &|| Box::new(pv.metadata.clone()));
    size("pv.spec", &|| Box::new(pv.spec.clone()));
    let c = e.store().pvcs.iter().next().unwrap().clone();
    size("pvc.metadata", &|| Box::new(c.metadata.clone()));
    size("pvc.spec", &|| Box::new(c.spec.clone()));
    drop((p, pv, c));
    for (part, bytes) in e.memory_breakdown(&|| LIVE.load(Ordering::Relaxed)) {
        println!("memory_10k {part} {:.1} MB", bytes as f64 / 1e6);
    }
}
