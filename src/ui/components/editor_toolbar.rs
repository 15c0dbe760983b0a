//! Examples to load, Apply, undo and redo.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::ui::ctx::use_ctx;
use crate::ui::store::Action;
use crate::view_model::examples::{self, EXAMPLES};
use crate::view_model::Msg;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub example: &'static str,
    pub can_undo: bool,
    pub can_redo: bool,
    pub has_errors: bool,
    pub file: AttrValue,
}

#[component]
pub fn EditorToolbar(p: &Props) -> Html {
    let ctx = use_ctx();
    let on_pick = {
        let ctx = ctx.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(ex) = examples::by_id(&v) {
                ctx.send(Action::SelectExample(ex.id));
            }
        })
    };
    let send = |a: fn(&'static str) -> Action, arg: &'static str| {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| ctx.send(a(arg)))
    };
    let about = examples::by_id(p.example)
        .map(|e| ctx.t(e.about))
        .unwrap_or_default();
    html! {
        <div class="toolbar">
            <div class="toolbar__row">
                <label class="visually-hidden" for="example-select">{ ctx.t(Msg::Examples) }</label>
                <select id="example-select" class="select select--grow" onchange={on_pick}
                    aria-describedby="example-about">
                    { for EXAMPLES.iter().map(|e| html! {
                        <option value={e.id} selected={e.id == p.example}>{ ctx.t(e.title) }</option>
                    }) }
                </select>
                <button type="button" class="button load-example" onclick={send(Action::LoadExample, p.example)}>
                    { ctx.t(Msg::LoadExample) }
                </button>
            </div>
            <p id="example-about" class="muted small">{ about }</p>
            <div class="toolbar__row">
                <button type="button" class="button button--primary apply" title={ctx.t(Msg::ApplyHint)}
                    onclick={send(|_| Action::ApplyEditor, "")}>
                    { ctx.t(Msg::Apply) }
                    <span class="muted small" translate="no">{ format!(" {}", p.file) }</span>
                </button>
                <button type="button" class="button undo" disabled={!p.can_undo}
                    onclick={send(|_| Action::Undo, "")}>{ ctx.t(Msg::Undo) }</button>
                <button type="button" class="button redo" disabled={!p.can_redo}
                    onclick={send(|_| Action::Redo, "")}>{ ctx.t(Msg::Redo) }</button>
            </div>
        </div>
    }
}
