//! A Service: headless or not, its selector, and its EndpointSlice entries
//! linked to their Pods (ready, not ready and terminating look different;
//! only published ones are in DNS).

use std::rc::Rc;

use yew::prelude::*;

use super::segs::obj_link;
use crate::ui::ctx::use_ctx;
use crate::view_model::cluster::{EpState, ServiceVm};
use crate::view_model::Msg;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub svc: Rc<ServiceVm>,
}

#[component]
pub fn ServiceCard(p: &Props) -> Html {
    let ctx = use_ctx();
    let s = &p.svc;
    let kind = if s.headless {
        ctx.t(Msg::Headless).to_string()
    } else {
        ctx.f(Msg::ClusterIp, &[&s.cluster_ip])
    };
    let selector = match &s.selector {
        Some(sel) => ctx.f(Msg::Selector, &[sel]),
        None => ctx.t(Msg::NoSelector).to_string(),
    };
    html! {
        <section class={classes!("service", ctx.sel_classes(&s.id), s.headless.then_some("is-headless"))}>
            <header class="service__head">
                <h3 class="lane__title">
                    <span class="kind">{ ctx.t(Msg::Service) }</span>{ " " }
                    { obj_link(&ctx, &s.id, &s.name) }
                </h3>
                <span class="badge">{ kind }</span>
            </header>
            <ul class="facts">
                <li translate="no">{ selector }</li>
                if !s.ports.is_empty() { <li translate="no">{ s.ports.clone() }</li> }
                if s.publish_not_ready { <li class="is-info">{ ctx.t(Msg::PublishNotReady) }</li> }
            </ul>
            <h4 class="section-title">
                { ctx.t(Msg::EndpointSlices) }
                { for s.slices.iter().map(|n| html! { <span class="muted small" translate="no">{ format!(" {n}") }</span> }) }
            </h4>
            if s.endpoints.is_empty() {
                <p class="muted small empty-endpoints">{ ctx.t(Msg::NoEndpoints) }</p>
            } else {
                <ul class="endpoints">
                    { for s.endpoints.iter().map(|e| {
                        let pod_id = format!("pod/{}", e.pod);
                        let state = match e.state {
                            EpState::Ready => Msg::EpReady,
                            EpState::NotReady => Msg::EpNotReady,
                            EpState::Terminating => Msg::EpTerminating,
                        };
                        html! {
                            <li key={e.key.clone()} class={classes!("endpoint", e.state.class(),
                                e.published.then_some("is-published"), ctx.sel_classes(&pod_id))}>
                                <span class="dot" aria-hidden="true"></span>
                                <span class="endpoint__ip" translate="no">{ e.ip.clone() }</span>
                                { obj_link(&ctx, &pod_id, &e.pod) }
                                <span class="endpoint__state">{ ctx.t(state) }</span>
                                { match &e.hostname {
                                    Some(h) => html! { <span class="endpoint__host" translate="no">{ format!("{h}.{}", s.name) }</span> },
                                    None => html! { <span class="endpoint__host is-warning">{ ctx.t(Msg::EpNoHostname) }</span> },
                                } }
                            </li>
                        }
                    }) }
                </ul>
            }
        </section>
    }
}
