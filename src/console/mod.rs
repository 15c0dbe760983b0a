//! The console: the sh subset, kubectl, the commands inside Pods and the
//! simulator controls. Pure Rust; may not import browser crates.
pub mod printers;
pub mod sh;
