//! A textarea whose YAML is parsed on every keystroke, and the parse
//! result: the least a YAML-editing Yew page has to ship.

use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

const SAMPLE: &str = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\n";

fn summary(text: &str) -> String {
    match serde_yaml::from_str::<serde_yaml::Value>(text) {
        Ok(v) => format!(
            "{} {}",
            v["kind"].as_str().unwrap_or("?"),
            v["metadata"]["name"].as_str().unwrap_or("?")
        ),
        Err(e) => e.to_string(),
    }
}

#[function_component]
fn App() -> Html {
    let text = use_state(|| SAMPLE.to_string());
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(t) = e.target().and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok()) {
                text.set(t.value());
            }
        })
    };
    html! {
        <main>
            <h1>{ "Floor" }</h1>
            <textarea value={(*text).clone()} {oninput} />
            <p id="result">{ summary(&text) }</p>
        </main>
    }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
