//! Examples to load (Kubernetes behaviours and the gallery of stateful
//! software), Apply, undo and redo.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::ui::ctx::use_ctx;
use crate::ui::store::Action;
use crate::view_model::examples::Pick;
use crate::view_model::Msg;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub example: Pick,
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
            if let Some(ex) = Pick::parse(&v) {
                ctx.send(Action::SelectExample(ex));
            }
        })
    };
    let send = |a: fn(Pick) -> Action, arg: Pick| {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| ctx.send(a(arg)))
    };
    let about = p.example.about(ctx.lang);
    let option = |e: Pick| {
        let key = e.key();
        html! { <option value={key} selected={e == p.example}>{ e.title(ctx.lang) }</option> }
    };
    html! {
        <div class="toolbar">
            <div class="toolbar__row">
                <label class="visually-hidden" for="example-select">{ ctx.t(Msg::Examples) }</label>
                <select id="example-select" class="select select--grow" onchange={on_pick}
                    aria-describedby="example-about">
                    <optgroup label={ctx.t(Msg::ExamplesK8s)}>
                        { for Pick::all().filter(|e| !e.is_gallery()).map(option) }
                    </optgroup>
                    <optgroup label={ctx.t(Msg::ExamplesGallery)}>
                        { for Pick::all().filter(|e| e.is_gallery()).map(option) }
                    </optgroup>
                </select>
                <button type="button" class="button load-example" onclick={send(Action::LoadExample, p.example)}>
                    { ctx.t(Msg::LoadExample) }
                </button>
            </div>
            <p id="example-about" class="muted small">{ about }</p>
            <div class="toolbar__row">
                <button type="button" class="button button--primary apply" title={ctx.t(Msg::ApplyHint)}
                    onclick={send(|_| Action::ApplyEditor, p.example)}>
                    { ctx.t(Msg::Apply) }
                    <span class="muted small" translate="no">{ format!(" {}", p.file) }</span>
                </button>
                <span class="toolbar__pair">
                    <button type="button" class="button undo" disabled={!p.can_undo}
                        onclick={send(|_| Action::Undo, p.example)}>{ ctx.t(Msg::Undo) }</button>
                    <button type="button" class="button redo" disabled={!p.can_redo}
                        onclick={send(|_| Action::Redo, p.example)}>{ ctx.t(Msg::Redo) }</button>
                </span>
            </div>
        </div>
    }
}
