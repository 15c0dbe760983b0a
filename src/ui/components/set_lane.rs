//! One StatefulSet: its settings in words and its ordinal slots in order.

use std::rc::Rc;

use yew::prelude::*;

use super::segs::obj_link;
use super::slot::Slot;
use crate::ui::ctx::use_ctx;
use crate::view_model::cluster::SetVm;
use crate::view_model::Msg;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub set: Rc<SetVm>,
}

#[component]
pub fn SetLane(p: &Props) -> Html {
    let ctx = use_ctx();
    let s = &p.set;
    let strategy = match s.partition {
        Some(n) => format!(
            "{} ({})",
            s.strategy,
            ctx.f(Msg::SetPartition, &[&n.to_string()])
        ),
        None => s.strategy.clone(),
    };
    let rolling = s.current_revision != s.update_revision && !s.update_revision.is_empty();
    html! {
        <section class={classes!("lane", ctx.sel_classes(&s.id), s.terminating.then_some("is-terminating"))}
            aria-label={format!("StatefulSet {}", s.name)}>
            <header class="lane__head">
                <h3 class="lane__title">
                    <span class="kind">{ "StatefulSet" }</span>{ " " }
                    { obj_link(&ctx, &s.id, &s.name) }
                </h3>
                <span class="badge">{ ctx.f(Msg::SetSummary, &[&s.ready.to_string(), &s.replicas.to_string()]) }</span>
            </header>
            <ul class="facts">
                <li>{ ctx.f(Msg::SetPolicy, &[&s.policy]) }</li>
                <li>{ ctx.f(Msg::SetUpdate, &[&strategy]) }</li>
                <li>{ ctx.f(Msg::SetRetention, &[&s.when_deleted, &s.when_scaled]) }</li>
                if s.service_ok {
                    <li>{ ctx.f(Msg::SetService, &[&s.service_name]) }</li>
                } else {
                    <li class="is-warning">{ ctx.f(Msg::SetNoService, &[&s.service_name]) }</li>
                }
                if let Some((hpa, min, max)) = &s.autoscaler {
                    <li>{ ctx.f(Msg::SetAutoscaler, &[hpa, &min.to_string(), &max.to_string()]) }</li>
                }
                if rolling {
                    <li class="is-rolling">{ ctx.f(Msg::SetRevisions, &[&s.current_revision, &s.update_revision]) }</li>
                }
            </ul>
            <ol class="slots" start="0">
                { for s.slots.iter().map(|sl| html! {
                    <Slot key={sl.name.clone()} slot={sl.clone()} />
                }) }
            </ol>
        </section>
    }
}
