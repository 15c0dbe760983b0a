//! The engine benchmarks of `benches/engine.rs`, built for wasm32 and run
//! by Node.js (`make bench`): the same scenarios (`benches/common/
//! scenarios.rs`), timed with the JavaScript `performance.now()`. Build:
//!
//!   cargo build --profile bench --target wasm32-unknown-unknown --example engine_wasm
//!   wasm-bindgen --target nodejs --out-dir bench-out/wasm \
//!     target/wasm32-unknown-unknown/release/examples/engine_wasm.wasm
//!   node -e 'console.log(require("./bench-out/wasm/engine_wasm.js").run(""))'
//!
//! Natively this example is empty (it only exists for wasm32).

#![cfg(target_arch = "wasm32")]

use wasm_bindgen::prelude::*;

#[path = "../benches/common/scenarios.rs"]
mod scenarios;

#[wasm_bindgen]
extern "C" {
    /// The JavaScript high-resolution clock, in milliseconds.
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

fn clock() -> f64 {
    performance_now() / 1000.0
}

/// Runs the scenarios matching `filter` (see `scenarios::run`); returns
/// the result lines.
#[wasm_bindgen]
pub fn run(filter: &str) -> String {
    let mut lines = String::new();
    scenarios::run(filter, clock, &mut |l| {
        // Read while the 10k scenario's engine is alive, before the DNS
        // lookups and the snapshot clone that follow it.
        let at_10k =
            l.starts_with("parallel_10k_ready_s") || l.starts_with("parallel_10000_ready_s");
        lines.push_str(&l);
        lines.push('\n');
        if at_10k {
            lines.push_str(&format!(
                "wasm_memory_10k_mb {:.1} (linear memory with 10,000 Pods Ready: its high-water mark)\n",
                linear_memory_mb()
            ));
        }
    });
    lines
}

/// The size of the module's linear memory in MB (10^6 bytes, the unit of
/// the budget). A wasm memory only grows: this is the most the allocator
/// has ever asked for in this instance, every byte the page would hold for
/// the engine (its objects, the allocator's free lists and fragments).
/// Each earlier run's engine was dropped before the next one started, so
/// it is the peak of one engine at a time.
fn linear_memory_mb() -> f64 {
    const PAGE: f64 = 65_536.0;
    core::arch::wasm32::memory_size::<0>() as f64 * PAGE / 1e6
}
