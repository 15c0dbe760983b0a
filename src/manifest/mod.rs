//! Manifests: YAML and JSON text in, typed objects or positioned diagnostics
//! out. The only module that knows YAML. May not import browser crates.

pub mod check;
pub mod gofmt;
pub mod goparse;
pub mod json;
pub mod positions;
pub mod print;
pub mod resolve;
pub mod schema;
mod schema_defs;
pub mod stream;
pub mod tree;
pub mod yaml;
