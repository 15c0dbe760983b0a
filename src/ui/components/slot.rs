//! One ordinal of a StatefulSet: the identity (`web-0`) whether or not its
//! Pod exists right now, the Pod, and the claims that outlive it.

use std::rc::Rc;

use yew::prelude::*;

use super::claim_chip::ClaimChip;
use super::pod_card::PodCard;
use crate::ui::ctx::use_ctx;
use crate::view_model::cluster::SlotVm;
use crate::view_model::Msg;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub slot: Rc<SlotVm>,
}

#[component]
pub fn Slot(p: &Props) -> Html {
    let ctx = use_ctx();
    let s = &p.slot;
    let state = s.pod.as_ref().map_or("is-absent", |pod| pod.state.class());
    html! {
        <li class={classes!("slot", state, (!s.in_range).then_some("is-outside"))}
            data-pod={s.name.clone()}>
            <div class="slot__ordinal" aria-hidden="true">{ s.ordinal }</div>
            { match &s.pod {
                Some(pod) => html! { <PodCard pod={pod.clone()} /> },
                None => html! {
                    <div class="pod pod--absent">
                        <div class="pod__name" translate="no">{ s.name.clone() }</div>
                        <div class="pod__status muted">
                            { ctx.t(if s.in_range { Msg::SlotEmpty } else { Msg::SlotOutside }) }
                        </div>
                    </div>
                },
            } }
            if !s.claims.is_empty() {
                <div class="claims">
                    { for s.claims.iter().map(|c| html! { <ClaimChip key={c.id.clone()} claim={c.clone()} /> }) }
                </div>
            }
        </li>
    }
}
