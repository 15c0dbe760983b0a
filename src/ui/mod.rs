//! The page: the only module that touches the browser (yew, web_sys, gloo).
//! Compiled for wasm32 only. The engine, manifest, console and view_model
//! modules never import from here.
//!
//! `store` is the one reducer; `hooks` hold every effect (the clock,
//! storage, the document); `components` are functions of their props;
//! `view_model` (outside) computes what they show.

mod app;
mod browser;
mod components;
mod ctx;
mod hooks;
mod panic;
pub mod store;

pub use app::App;

/// Mounts the app into `<main id="app">` from index.html, replacing the
/// loading message there; falls back to `<body>` if the element is missing.
pub fn start() {
    panic::install();
    let root = gloo::utils::document().get_element_by_id("app");
    match root {
        Some(root) => yew::Renderer::<App>::with_root(root).render(),
        None => yew::Renderer::<App>::new().render(),
    };
}
