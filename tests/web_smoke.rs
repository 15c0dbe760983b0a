//! Browser smoke tests: mount the app in headless Chromium and read the DOM.
//! Run by `make test` (step `test-wasm`); each test mounts into its own `<div>`
//! and waits with `yew::scheduler::flush()`, never with sleeps.
#![cfg(target_arch = "wasm32")]

use ordinal::ui::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh `<div>` appended to `<body>`, so tests never share a root.
fn fresh_root() -> Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

#[wasm_bindgen_test]
async fn app_mounts_with_title_and_example_manifest() {
    let root = fresh_root();
    yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;

    let title = root.query_selector("h1").unwrap().expect("a heading");
    assert_eq!(title.text_content().as_deref(), Some("Ordinal"));

    let editor: HtmlTextAreaElement = root
        .query_selector("textarea")
        .unwrap()
        .expect("a textarea")
        .dyn_into()
        .unwrap();
    let text = editor.value();
    assert!(text.contains("kind: StatefulSet"), "editor text: {text}");
    assert!(text.contains("clusterIP: None"), "editor text: {text}");
}
