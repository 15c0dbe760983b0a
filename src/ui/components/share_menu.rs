//! Sharing: a link that reproduces the scenario (seed, inputs, moment),
//! export to a file and import from one.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::ui::browser;
use crate::ui::ctx::use_ctx;
use crate::ui::store::{Action, SharePack};
use crate::view_model::scenario::{Scenario, MAX_LINK};
use crate::view_model::Msg;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub share: Option<Rc<SharePack>>,
    pub seed: u64,
}

#[component]
pub fn ShareMenu(p: &Props) -> Html {
    let ctx = use_ctx();
    let toggle = {
        let ctx = ctx.clone();
        let open = p.share.is_some();
        Callback::from(move |_: MouseEvent| {
            ctx.send(if open {
                Action::CloseShare
            } else {
                Action::OpenShare
            })
        })
    };
    let on_import = {
        let ctx = ctx.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let ctx = ctx.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match browser::read_chosen(input).await {
                    Ok((name, text)) => match Scenario::from_json(&text) {
                        Ok(sc) => ctx.send(Action::Load(Box::new(sc), Msg::ImportDone, vec![name])),
                        Err(why) => {
                            ctx.send(Action::Notify(Msg::ImportFailed, vec![name, why], true))
                        }
                    },
                    Err(why) => ctx.send(Action::Notify(
                        Msg::ImportFailed,
                        vec![String::new(), why],
                        true,
                    )),
                }
            });
        })
    };
    let panel = p.share.as_ref().map(|pack| {
        let url = pack.link.as_ref().map(|l| format!("{}#s={l}", browser::page_url()));
        let copy = url.clone().ok().map(|u| {
            Callback::from(move |_: MouseEvent| {
                let u = u.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    browser::copy(u).await;
                });
            })
        });
        let json = pack.json.clone();
        let export = Callback::from(move |_: MouseEvent| {
            let _ = browser::download("ordinal-scenario.json", &json, "application/json");
        });
        let select_all = Callback::from(|e: FocusEvent| {
            e.target_unchecked_into::<HtmlInputElement>().select();
        });
        html! {
            <div class="popover" role="dialog" aria-label={ctx.t(Msg::Share)}>
                { match &url {
                    Ok(u) => html! {
                        <>
                            <label for="share-link">{ ctx.t(Msg::ShareReady) }</label>
                            <div class="row">
                                <input id="share-link" class="input" readonly=true value={u.clone()}
                                    translate="no" onfocus={select_all} />
                                <button type="button" class="button" onclick={copy} aria-label={ctx.t(Msg::Copy)}
                                    title={ctx.t(Msg::Copy)}>{ "⧉" }</button>
                            </div>
                            <p class="muted">{ ctx.t(Msg::ShareCopied) }</p>
                        </>
                    },
                    Err(n) => html! {
                        <p class="notice notice--warn">
                            { ctx.f(Msg::ShareTooLong, &[&n.to_string(), &MAX_LINK.to_string()]) }
                        </p>
                    },
                } }
                <div class="row">
                    <button type="button" class="button" onclick={export}>{ ctx.t(Msg::Export) }</button>
                    <label class="button file-button">
                        { ctx.t(Msg::Import) }
                        <input type="file" accept=".json,application/json" class="visually-hidden"
                            onchange={on_import.clone()} />
                    </label>
                </div>
            </div>
        }
    });
    html! {
        <div class="share">
            <button type="button" class="button" aria-label={ctx.t(Msg::Share)} aria-expanded={p.share.is_some().to_string()}
                onclick={toggle}>
                <span class="icon" aria-hidden="true">{ "⤴" }</span><span class="label">{ ctx.t(Msg::Share) }</span>
            </button>
            { panel.unwrap_or_default() }
        </div>
    }
}
