//! A PersistentVolumeClaim under its slot: bound to which volume on which
//! node, attached or retained, and what the retention policy will do.

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::ctx::use_ctx;
use crate::view_model::cluster::{ClaimOwner, ClaimState, ClaimVm};
use crate::view_model::Msg;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub claim: Rc<ClaimVm>,
}

#[component]
pub fn ClaimChip(p: &Props) -> Html {
    let ctx = use_ctx();
    let c = &p.claim;
    let onclick = ctx.select_cb::<MouseEvent>(&c.id);
    let state = match c.state {
        ClaimState::Attached => ctx.f(Msg::ClaimAttached, &[&c.pod]),
        ClaimState::Retained => ctx.f(Msg::ClaimRetained, &[&c.pod]),
        ClaimState::Pending => ctx.t(Msg::ClaimWaiting).to_string(),
        ClaimState::Deleting => ctx.t(Msg::ClaimDeleting).to_string(),
    };
    let owner = match &c.owner {
        ClaimOwner::None => None,
        ClaimOwner::Set(_) => Some(ctx.t(Msg::ClaimOwnedBySet).to_string()),
        ClaimOwner::Pod(p) => Some(ctx.f(Msg::ClaimOwnedByPod, &[p])),
    };
    let volume = (!c.volume.is_empty()).then(|| {
        let short: String = c.volume.chars().take(12).collect();
        (short, c.volume.clone())
    });
    html! {
        <button type="button" class={classes!("claim", c.state.class(), ctx.sel_classes(&c.id))}
            aria-pressed={ctx.is_selected(&c.id).to_string()} {onclick}>
            <span class="claim__top">
                <span class="claim__icon" aria-hidden="true">{ "⛁" }</span>
                <span class="claim__name" translate="no">{ c.name.clone() }</span>
                <span class="claim__phase" translate="no">{ c.phase.clone() }</span>
            </span>
            <span class="claim__state">{ state }</span>
            if let Some((short, full)) = volume {
                <span class="claim__pv" title={full}>
                    <span aria-hidden="true">{ "→ " }</span>
                    <span translate="no">{ format!("{short}… {}", c.capacity) }</span>
                    if !c.node.is_empty() {
                        { " " }{ ctx.f(Msg::ClaimPinned, &[c.node.trim_start_matches("ordinal-")]) }
                    }
                </span>
            }
            if let Some(o) = owner { <span class="claim__owner">{ o }</span> }
        </button>
    }
}
