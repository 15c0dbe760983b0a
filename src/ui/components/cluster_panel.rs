//! The cluster: StatefulSets as rows of ordinal slots with the Services
//! that govern them, or the nodes with their Pods and volumes.

use std::rc::Rc;

use yew::prelude::*;

use super::claim_chip::ClaimChip;
use super::node_view::NodeView;
use super::pod_card::PodCard;
use super::service_card::ServiceCard;
use super::set_lane::SetLane;
use crate::ui::ctx::use_ctx;
use crate::ui::store::{Action, ClusterView};
use crate::view_model::clock::clock_text;
use crate::view_model::cluster::ClusterVm;
use crate::view_model::Msg;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub vm: Rc<ClusterVm>,
    pub view: ClusterView,
    /// Simulated milliseconds (written on the exported picture).
    pub clock: u64,
}

#[component]
pub fn ClusterPanel(p: &Props) -> Html {
    let ctx = use_ctx();
    let switch = |v: ClusterView, m: Msg| {
        let c = ctx.clone();
        let onclick = Callback::from(move |_: MouseEvent| c.send(Action::SetClusterView(v)));
        html! {
            <button type="button" class={classes!("seg", (p.view == v).then_some("is-active"))}
                aria-pressed={(p.view == v).to_string()} {onclick}>{ ctx.t(m) }</button>
        }
    };
    // The cluster as a picture at the moment of the click, for both exports.
    let picture = {
        let (vm, clock, lang) = (p.vm.clone(), p.clock, ctx.lang);
        Rc::new(move || crate::view_model::svg::cluster_svg(lang, &vm, &clock_text(clock)))
    };
    let export = {
        let picture = picture.clone();
        Callback::from(move |_: MouseEvent| {
            let _ =
                crate::ui::browser::download("ordinal-cluster.svg", &picture(), "image/svg+xml");
        })
    };
    let export_png = Callback::from(move |_: MouseEvent| {
        let svg = picture();
        wasm_bindgen_futures::spawn_local(async move {
            let _ = crate::ui::browser::download_png("ordinal-cluster.png", &svg, 2.0).await;
        });
    });
    let vm = &p.vm;
    let body = match p.view {
        ClusterView::Nodes => html! { <NodeView nodes={vm.nodes.clone()} /> },
        ClusterView::Sets => html! {
            <>
                if vm.sets.is_empty() {
                    <p class="empty">{ ctx.t(Msg::EmptyCluster) }</p>
                }
                { for vm.sets.iter().map(|s| html! { <SetLane key={s.id.clone()} set={s.clone()} /> }) }
                if !vm.other_pods.is_empty() {
                    <section class="lane lane--other">
                        <h3 class="section-title">{ ctx.t(Msg::OtherPods) }</h3>
                        <div class="slots">
                            { for vm.other_pods.iter().map(|pod| html! {
                                <div class="slot" key={pod.id.clone()}><PodCard pod={pod.clone()} /></div>
                            }) }
                        </div>
                    </section>
                }
                if !vm.other_claims.is_empty() {
                    <section class="lane lane--other">
                        <h3 class="section-title">{ ctx.t(Msg::OtherClaims) }</h3>
                        <div class="claims">
                            { for vm.other_claims.iter().map(|c| html! { <ClaimChip key={c.id.clone()} claim={c.clone()} /> }) }
                        </div>
                    </section>
                }
                <div class="services">
                    { for vm.services.iter().map(|s| html! { <ServiceCard key={s.id.clone()} svc={s.clone()} /> }) }
                </div>
            </>
        },
    };
    html! {
        <div class="cluster">
            <div class="cluster__head">
                <h2 class="panel-title">{ ctx.t(Msg::PanelCluster) }</h2>
                <button type="button" class="button button--ghost button--small reset" title={ctx.t(Msg::ResetHint)}
                    onclick={{ let c = ctx.clone(); Callback::from(move |_: MouseEvent| c.send(Action::Reset)) }}>
                    { ctx.t(Msg::Reset) }
                </button>
                <button type="button" class="button button--ghost button--small export-svg" onclick={export}
                    title={ctx.t(Msg::ExportSvgHint)}>{ ctx.t(Msg::ExportSvg) }</button>
                <button type="button" class="button button--ghost button--small export-png" onclick={export_png}
                    title={ctx.t(Msg::ExportPngHint)}>{ ctx.t(Msg::ExportPng) }</button>
                <div class="segmented" role="group" aria-label={ctx.t(Msg::ViewSwitch)}>
                    { switch(ClusterView::Sets, Msg::ViewSets) }
                    { switch(ClusterView::Nodes, Msg::ViewNodes) }
                </div>
            </div>
            <div class="cluster__body">{ body }</div>
        </div>
    }
}
