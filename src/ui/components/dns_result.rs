//! One lookup: the query travels from the Pod to CoreDNS and back (CSS
//! animates it on mount; the key is the lookup's serial), then the names
//! the resolver tried and the answer records with why each is there.

use std::rc::Rc;

use yew::prelude::*;

use super::segs::segs;
use crate::ui::ctx::use_ctx;
use crate::ui::store::Lookup;
use crate::view_model::dns::from_trace;
use crate::view_model::Msg;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lookup: Rc<Lookup>,
    pub why_not: Rc<Vec<String>>,
}

#[component]
pub fn DnsResult(p: &Props) -> Html {
    let ctx = use_ctx();
    let l = from_trace(
        ctx.lang,
        p.lookup.serial,
        &p.lookup.trace,
        p.lookup.command.as_deref(),
    );
    let ok = l.rcode == "NOERROR" && !l.records.is_empty();
    html! {
        <section class={classes!("lookup-result", if ok { "is-ok" } else { "is-nx" })}
            aria-label={ctx.t(Msg::DnsAnswer)}>
            <div class="flight" aria-hidden="true">
                <span class="flight__node flight__pod" translate="no">{ l.from.clone() }</span>
                <span class="flight__wire"><span class="flight__packet"></span></span>
                <span class="flight__node flight__dns">{ ctx.t(Msg::DnsServer) }</span>
                <span class="flight__wire flight__wire--back"><span class="flight__packet"></span></span>
                <span class="flight__node flight__answer">{ l.rcode }</span>
            </div>
            <p class="small">
                <code translate="no">{ format!("{} {}", l.qtype, l.name) }</code>{ " · " }
                { ctx.f(Msg::DnsSame, &[""]) }<code translate="no">{ l.command.clone() }</code>
            </p>
            <details class="tried">
                <summary class="small">{ ctx.t(Msg::DnsTried) }</summary>
                <ol class="small" translate="no">
                    { for l.tried.iter().map(|t| html! {
                        <li class={if t.answers > 0 { "is-hit" } else { "is-miss" }}>
                            { format!("{} → {}", t.name, t.rcode) }
                        </li>
                    }) }
                </ol>
            </details>
            if ok {
                <ul class="answers">
                    { for l.records.iter().map(|r| html! {
                        <li key={r.key.clone()} class="answer">
                            <code translate="no">{ format!("{} {} {}", r.name, r.type_, r.data) }</code>
                            <span class="answer__why small">{ segs(&ctx, &r.why) }</span>
                        </li>
                    }) }
                </ul>
            } else if l.rcode == "NXDOMAIN" {
                <p class="notice notice--warn small">{ ctx.t(Msg::DnsNx) }</p>
            } else {
                <p class="notice small">{ ctx.t(Msg::DnsNoData) }</p>
            }
            if !ok && !p.why_not.is_empty() {
                <div class="why-not">
                    <h3 class="section-title">{ ctx.t(Msg::WhyNotTitle) }</h3>
                    <ul class="small">
                        { for p.why_not.iter().map(|w| html! { <li>{ w.clone() }</li> }) }
                    </ul>
                </div>
            }
        </section>
    }
}
