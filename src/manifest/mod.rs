//! Manifests: YAML and JSON text in, typed objects or positioned diagnostics
//! out. The only module that knows YAML. May not import browser crates.
