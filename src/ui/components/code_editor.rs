//! The YAML editor: a transparent `<textarea>` over a highlighted `<pre>`,
//! line numbers, and diagnostics underlined where they point (their message
//! shows on hover). Ctrl/Cmd+Enter applies; Ctrl/Cmd+Z and Shift+Z / Y undo
//! and redo. Both layers size to the text, so the wrapper scrolls them
//! together.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlTextAreaElement};
use yew::prelude::*;

use crate::ui::ctx::use_ctx;
use crate::ui::store::Action;
use crate::view_model::editor::DiagVm;
use crate::view_model::highlight::highlight;
use crate::view_model::Msg;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub text: Rc<str>,
    pub diagnostics: Rc<Vec<DiagVm>>,
}

#[component]
pub fn CodeEditor(p: &Props) -> Html {
    let ctx = use_ctx();
    let marks: Vec<(u32, u32)> = p.diagnostics.iter().map(|d| (d.line, d.col)).collect();
    let lines = use_memo((p.text.clone(), marks), |(text, marks)| {
        highlight(text, marks)
    });
    let oninput = {
        let ctx = ctx.clone();
        Callback::from(move |e: InputEvent| {
            ctx.send(Action::Edit(
                e.target_unchecked_into::<HtmlTextAreaElement>().value(),
            ))
        })
    };
    let onkeydown = {
        let ctx = ctx.clone();
        Callback::from(move |e: KeyboardEvent| {
            let cmd = e.ctrl_key() || e.meta_key();
            let action = match e.key().as_str() {
                "Enter" if cmd => Action::ApplyEditor,
                "z" | "Z" if cmd && e.shift_key() => Action::Redo,
                "z" if cmd => Action::Undo,
                "y" if cmd => Action::Redo,
                _ => return,
            };
            e.prevent_default();
            ctx.send(action);
        })
    };
    // The message of the diagnostic under the pointer becomes the tooltip.
    let onmousemove = Callback::from(|e: MouseEvent| {
        let area: HtmlTextAreaElement = e.target_unchecked_into();
        let doc = gloo::utils::document();
        let found = doc
            .elements_from_point(e.client_x() as f32, e.client_y() as f32)
            .iter()
            .filter_map(|v| v.dyn_into::<Element>().ok())
            .find_map(|el| el.get_attribute("data-msg"));
        match found {
            Some(m) => area.set_title(&m),
            None => area.set_title(""),
        }
    });
    let count = lines.len();
    let widest = p
        .text
        .split('\n')
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0);
    let line_class = |n: usize| {
        let ds: Vec<&DiagVm> = p
            .diagnostics
            .iter()
            .filter(|d| d.line as usize == n)
            .collect();
        match ds.first() {
            Some(d) if d.error => Some(("gutter__n is-error", d.message.clone())),
            Some(d) => Some(("gutter__n is-warning", d.message.clone())),
            None => None,
        }
    };
    html! {
        <div class="code" translate="no">
            <div class="code__gutter" aria-hidden="true">
                { for (1..=count).map(|n| match line_class(n) {
                    Some((c, m)) => html! { <span class={c} title={m}>{ n }</span> },
                    None => html! { <span class="gutter__n">{ n }</span> },
                }) }
            </div>
            <div class="code__body">
                <pre class="code__hl" aria-hidden="true">
                    { for lines.iter().map(|toks| html! {
                        <span class="code__line">
                            { for toks.iter().map(|t| match t.diag {
                                Some(d) => {
                                    let diag = &p.diagnostics[d];
                                    let c = if diag.error { "diag is-error" } else { "diag is-warning" };
                                    html! { <span class={classes!(t.class.css(), c)} data-msg={diag.message.clone()}>{ t.text.clone() }</span> }
                                }
                                None => html! { <span class={t.class.css()}>{ t.text.clone() }</span> },
                            }) }
                            { "\n" }
                        </span>
                    }) }
                </pre>
                <textarea id="manifest" class="code__input" spellcheck="false" autocapitalize="off"
                    autocomplete="off" wrap="off" rows={(count + 1).to_string()}
                    cols={(widest + 4).max(40).to_string()}
                    aria-label={ctx.t(Msg::ManifestLabel)} aria-describedby="diagnostics"
                    value={p.text.to_string()} {oninput} {onkeydown} {onmousemove} />
            </div>
        </div>
    }
}
