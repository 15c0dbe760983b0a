//! A Pod as kubectl describes it: STATUS, READY, restarts, IP, node (or
//! the node it is nominated to while preemption makes room) and revision;
//! its state class drives the CSS transitions.

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::ctx::use_ctx;
use crate::view_model::cluster::{PodVm, RevState};
use crate::view_model::Msg;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub pod: Rc<PodVm>,
}

#[component]
pub fn PodCard(p: &Props) -> Html {
    let ctx = use_ctx();
    let pod = &p.pod;
    let onclick = ctx.select_cb::<MouseEvent>(&pod.id);
    let rev = match pod.rev_state {
        RevState::Steady => None,
        RevState::Updated => Some(("rev is-new", ctx.t(Msg::PodNewRevision))),
        RevState::Old => Some(("rev is-old", ctx.t(Msg::PodOldRevision))),
    };
    let label = format!("Pod {} {} {}", pod.name, pod.status, pod.ready);
    html! {
        <button type="button" class={classes!("pod", pod.state.class(), ctx.sel_classes(&pod.id))}
            aria-label={label} aria-pressed={ctx.is_selected(&pod.id).to_string()} {onclick}>
            <span class="pod__top">
                <span class="pod__name" translate="no">{ pod.name.clone() }</span>
                <span class="pod__ready" title={ctx.t(Msg::PodReady)}>{ pod.ready.clone() }</span>
            </span>
            <span class="pod__status" translate="no">
                <span class="dot" aria-hidden="true"></span>{ pod.status.clone() }
                if pod.restarts != "0" {
                    <span class="pod__restarts" title={ctx.t(Msg::PodRestarts)}>{ format!(" ↻{}", pod.restarts) }</span>
                }
            </span>
            <span class="pod__meta" translate="no">
                { if pod.ip.is_empty() { "—".to_string() } else { pod.ip.clone() } }
                if !pod.node.is_empty() {
                    <span class="pod__node">{ pod.node.trim_start_matches("ordinal-").to_string() }</span>
                } else if !pod.nominated.is_empty() {
                    <span class="pod__node is-nominated" title={ctx.t(Msg::PodNominated)}>
                        { format!("→ {}", pod.nominated.trim_start_matches("ordinal-")) }
                    </span>
                }
            </span>
            if !pod.revision.is_empty() {
                <span class="pod__rev">
                    <span translate="no">{ pod.revision.clone() }</span>
                    if let Some((c, t)) = rev { <span class={c}>{ t }</span> }
                </span>
            }
        </button>
    }
}
