//! Tuning of the native allocator (mimalloc) that the command line and the
//! engine benchmarks use (`src/bin/ordinal.rs`, `benches/engine.rs`); the
//! page uses Rust's wasm allocator and never calls this.
//!
//! mimalloc gives memory it no longer uses back to the system after 10 ms
//! (`purge_delay`). The engine frees and allocates in waves (a write
//! replaces an object, a sync rebuilds its lists), so pages went back and
//! came again: a 10,000-Pod scale-up took some 1,500 page faults, each
//! zeroing a 2 MiB transparent huge page, about a tenth of its time in the
//! kernel's `clear_page` (`perf record`). A run of the command line is short
//! and its peak is what it holds anyway: keeping freed memory for reuse
//! leaves about 300 faults and the same peak resident size. Output does not
//! change: nothing in the engine depends on where memory comes from.

#[cfg(not(target_arch = "wasm32"))]
unsafe extern "C" {
    /// `mi_option_set` of mimalloc's C API (linked by the `mimalloc` crate).
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}

/// `mi_option_purge_delay` in mimalloc's `mi_option_e` (v3, as vendored by
/// libmimalloc-sys 0.1.49).
#[cfg(not(target_arch = "wasm32"))]
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

/// Keeps freed memory in the process for reuse (purge delay -1: never
/// purge). Call first thing in `main`; the option is read at every purge.
#[cfg(not(target_arch = "wasm32"))]
pub fn keep_freed_memory() {
    // SAFETY: sets a process-wide option of the linked mimalloc; any value
    // is valid for this option, and it is read, not cached, by the allocator.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
}
