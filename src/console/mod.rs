//! The console: the sh subset, kubectl, the commands inside Pods and the
//! simulator controls. Pure Rust; may not import browser crates (yew,
//! web_sys, gloo, js_sys, wasm_bindgen).

pub mod container;
pub mod help;
pub(crate) mod host;
pub mod kubectl;
pub mod library;
mod line_escape;
pub mod printers;
pub mod session;
pub mod sh;
pub mod sim;
pub mod workstation;

pub use session::{Console, DirLister, DnsTrace, FileReader, Request};

use crate::engine::store::Key;
use crate::engine::Engine;

/// The kubelet's runner for one-shot main processes (see `engine::config`).
pub(crate) fn process_runner(
    engine: &mut Engine,
    pod: &Key,
    container: &str,
    argv: &[String],
    budget: crate::engine::SimDuration,
) -> crate::engine::ProcessOutcome {
    container::run_main_process_outcome(engine, pod, container, argv, budget)
}
