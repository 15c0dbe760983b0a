//! Ordinal: a deterministic simulation of Kubernetes StatefulSets and headless
//! Services, shown as a web page and driven from a console or the `ordinal`
//! command line.
//!
//! Layering (checked by `make test`, see `tests/layering.rs`):
//! - `engine`, `manifest` and `console` are pure Rust: no clock, no ambient
//!   randomness, no browser crates (`yew`, `web_sys`, `gloo`, `js_sys`,
//!   `wasm_bindgen`). Native tests and the command line drive them directly.
//! - `ui` is the page: the only module that touches the browser. It is
//!   compiled for wasm32 only.

pub mod console;
pub mod engine;
pub mod lessons;
pub mod manifest;
#[cfg(not(target_arch = "wasm32"))]
pub mod native_alloc;
pub mod sort;
pub mod view_model;

#[cfg(target_arch = "wasm32")]
pub mod ui;

/// The version printed by `ordinal --version` and shown on the page.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
