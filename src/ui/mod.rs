//! The page: the only module that touches the browser (yew, web_sys, gloo).
//! Compiled for wasm32 only. The engine, manifest and console modules must
//! never import from here.

mod app;

pub use app::App;

/// Mounts the app into `<main id="app">` from index.html, replacing the
/// loading message there; falls back to `<body>` if the element is missing.
pub fn start() {
    let root = gloo::utils::document().get_element_by_id("app");
    match root {
        Some(root) => yew::Renderer::<App>::with_root(root).render(),
        None => yew::Renderer::<App>::new().render(),
    };
}
