//! Ask the cluster DNS a question as a Pod would (through its search list).

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::engine::dns::QType;
use crate::ui::ctx::use_ctx;
use crate::ui::store::Action;
use crate::view_model::Msg;

const TYPES: [QType; 5] = [QType::A, QType::Srv, QType::Ptr, QType::Aaaa, QType::Txt];

#[derive(Properties, PartialEq)]
pub struct Props {
    pub pods: Rc<Vec<String>>,
}

#[component]
pub fn LookupForm(p: &Props) -> Html {
    let ctx = use_ctx();
    let from = use_node_ref();
    let name = use_node_ref();
    let qtype = use_node_ref();
    // Which options are chosen is kept here: a select whose options change
    // must say which one is selected on every render.
    let pod = use_state(String::new);
    let kind = use_state(|| QType::A);
    // The name typed too: the input's `value` is set again on every render
    // (a type picked re-renders), so it must be what was typed, not the
    // first value.
    let typed = use_state(|| "nginx".to_string());
    let on_name = {
        let typed = typed.clone();
        Callback::from(move |e: InputEvent| {
            typed.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let chosen_pod = if p.pods.contains(&*pod) {
        (*pod).clone()
    } else {
        p.pods.first().cloned().unwrap_or_default()
    };
    let on_pod = {
        let pod = pod.clone();
        Callback::from(move |e: Event| {
            pod.set(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let on_kind = {
        let kind = kind.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            kind.set(QType::parse(&v).unwrap_or(QType::A));
        })
    };
    let onsubmit = {
        let ctx = ctx.clone();
        let (from, name, qtype) = (from.clone(), name.clone(), qtype.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let pod = from
                .cast::<HtmlSelectElement>()
                .map(|s| s.value())
                .unwrap_or_default();
            let n = name
                .cast::<HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default();
            let t = qtype
                .cast::<HtmlSelectElement>()
                .and_then(|s| QType::parse(&s.value()))
                .unwrap_or(QType::A);
            if !n.trim().is_empty() {
                ctx.send(Action::LookUp {
                    pod,
                    name: n,
                    qtype: t,
                });
            }
        })
    };
    html! {
        <form class="lookup" {onsubmit}>
            <label class="field">
                <span class="small">{ ctx.t(Msg::DnsFrom) }</span>
                <select class="select" ref={from} translate="no" onchange={on_pod}>
                    if p.pods.is_empty() { <option value="">{ "—" }</option> }
                    { for p.pods.iter().map(|n| html! {
                        <option value={n.clone()} selected={*n == chosen_pod}>{ n.clone() }</option>
                    }) }
                </select>
            </label>
            <label class="field field--grow">
                <span class="small">{ ctx.t(Msg::DnsName) }</span>
                <input id="dns-name" class="input" ref={name} value={(*typed).clone()} oninput={on_name} translate="no"
                    spellcheck="false" autocomplete="off" autocapitalize="off" />
            </label>
            <label class="field">
                <span class="small">{ ctx.t(Msg::DnsType) }</span>
                <select class="select" ref={qtype} translate="no" onchange={on_kind}>
                    { for TYPES.iter().map(|t| html! {
                        <option value={t.as_str()} selected={*t == *kind}>{ t.as_str() }</option>
                    }) }
                </select>
            </label>
            <button type="submit" class="button button--primary dns-ask">{ ctx.t(Msg::DnsAsk) }</button>
        </form>
    }
}
