//! The editor's problems, listed with their place; clicking one moves the
//! cursor there.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::ui::ctx::use_ctx;
use crate::view_model::editor::DiagVm;
use crate::view_model::Msg;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub diagnostics: Rc<Vec<DiagVm>>,
}

/// Puts the editor's cursor at a 1-based line and column.
fn go_to(line: u32, col: u32) {
    let Some(area) = gloo::utils::document()
        .get_element_by_id("manifest")
        .and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok())
    else {
        return;
    };
    let text = area.value();
    let mut offset = 0usize;
    for (i, l) in text.split('\n').enumerate() {
        if i + 1 == line as usize {
            offset += l
                .chars()
                .take(col.saturating_sub(1) as usize)
                .map(char::len_utf16)
                .sum::<usize>();
            break;
        }
        offset += l.chars().map(char::len_utf16).sum::<usize>() + 1;
    }
    let _ = area.focus();
    let _ = area.set_selection_range(offset as u32, offset as u32);
}

#[component]
pub fn Diagnostics(p: &Props) -> Html {
    let ctx = use_ctx();
    html! {
        <section id="diagnostics" class="diagnostics" aria-label={ctx.t(Msg::Problems)}>
            <h3 class="section-title">{ ctx.t(Msg::Problems) }</h3>
            if p.diagnostics.is_empty() {
                <p class="muted small">{ ctx.t(Msg::NoProblems) }</p>
            } else {
                <ul class="diag-list">
                    { for p.diagnostics.iter().map(|d| {
                        let (line, col) = (d.line, d.col);
                        let onclick = Callback::from(move |_: MouseEvent| go_to(line, col));
                        html! {
                            <li class={classes!("diag-item", if d.error { "is-error" } else { "is-warning" })}>
                                <button type="button" class="link" {onclick}>
                                    <span class="diag-item__kind">{ ctx.t(if d.error { Msg::Error } else { Msg::Warning }) }</span>
                                    { " " }
                                    <span class="diag-item__at">{ ctx.f(Msg::ProblemAt, &[&line.to_string(), &col.to_string()]) }</span>
                                </button>
                                <span class="diag-item__msg" translate="no">{ d.message.clone() }</span>
                            </li>
                        }
                    }) }
                </ul>
            }
        </section>
    }
}
