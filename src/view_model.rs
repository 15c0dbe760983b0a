//! What the page shows, computed from the simulation without touching the
//! browser: the scenario timeline (inputs, snapshots, rewind), the cluster
//! view model derived once per engine revision, the narration in plain
//! English and Portuguese, DNS tables, console completion, YAML
//! highlighting, the editor's undo history and share links.
//!
//! Pure Rust like `engine`, `manifest` and `console`: no clock, no
//! randomness, no browser crates (yew, web_sys, gloo, js_sys,
//! wasm_bindgen), so native tests cover it. `ui` turns it into HTML.

pub mod apply_plan;
pub mod clock;
pub mod cluster;
pub mod complete;
pub mod dns;
pub mod editor;
pub mod examples;
pub mod highlight;
pub mod i18n;
pub mod lesson;
pub mod narration;
pub mod now;
pub mod scenario;
pub mod session;
pub mod stand_in;
pub mod svg;
pub mod textlinks;
pub mod timeline;

pub use i18n::{Lang, Msg};
pub use session::{Input, Session, TimedInput};
