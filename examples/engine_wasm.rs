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
        lines.push_str(&l);
        lines.push('\n');
    });
    lines
}
