//! The nodes: which Pods run where, and the node-local volumes pinned to
//! each node (a Pod whose claim lives on a node can only run there).

use std::rc::Rc;

use yew::prelude::*;

use super::segs::obj_link;
use crate::ui::ctx::{use_ctx, Ctx};
use crate::view_model::cluster::{shown_namespace, NodeVm};
use crate::view_model::Msg;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub nodes: Vec<Rc<NodeVm>>,
}

fn node(ctx: &Ctx, n: &NodeVm) -> Html {
    let status = if n.ready {
        Msg::NodeReady
    } else {
        Msg::NodeNotReady
    };
    html! {
        <section key={n.id.clone()} class={classes!("node", (!n.ready).then_some("is-down"),
            n.control_plane.then_some("is-control-plane"), ctx.sel_classes(&n.id))}>
            <header class="node__head">
                <h3 class="lane__title">
                    <span class="kind">{ ctx.t(Msg::KindNode) }</span>{ " " }
                    { obj_link(ctx, &n.id, &n.name) }
                </h3>
                <span class={classes!("badge", (!n.ready).then_some("is-warning"))}>{ ctx.t(status) }</span>
            </header>
            if n.control_plane { <p class="muted small">{ ctx.t(Msg::NodeControlPlane) }</p> }
            <h4 class="section-title">{ ctx.t(Msg::NodePods) }</h4>
            <ul class="chips">
                { for n.pods.iter().map(|p| html! {
                    <li key={p.id.clone()} class={classes!("chip", p.state.class(),
                        (!shown_namespace(&p.namespace)).then_some("is-system"))}>
                        <span class="dot" aria-hidden="true"></span>
                        { obj_link(ctx, &p.id, &p.name) }
                    </li>
                }) }
            </ul>
            if !n.volumes.is_empty() {
                <h4 class="section-title">{ ctx.t(Msg::NodeVolumes) }</h4>
                <ul class="chips">
                    { for n.volumes.iter().map(|(pv, claim)| html! {
                        <li key={pv.clone()} class="chip chip--volume">
                            <span aria-hidden="true">{ "⛁ " }</span>
                            if claim.is_empty() {
                                <span translate="no">{ pv.clone() }</span>
                            } else {
                                { obj_link(ctx, &format!("pvc/{claim}"), claim) }
                            }
                        </li>
                    }) }
                </ul>
            }
        </section>
    }
}

#[component]
pub fn NodeView(p: &Props) -> Html {
    let ctx = use_ctx();
    html! {
        <div class="nodes">
            { for p.nodes.iter().map(|n| node(&ctx, n)) }
        </div>
    }
}
