//! Every record the cluster DNS answers now, and why.

use std::rc::Rc;

use yew::prelude::*;

use super::segs::segs;
use crate::ui::ctx::use_ctx;
use crate::view_model::dns::RecordVm;
use crate::view_model::Msg;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub records: Rc<Vec<Rc<RecordVm>>>,
}

#[component]
pub fn DnsTable(p: &Props) -> Html {
    let ctx = use_ctx();
    html! {
        <section class="records">
            <h3 class="section-title">{ ctx.t(Msg::DnsAll) }</h3>
            if p.records.is_empty() {
                <p class="muted small">{ ctx.t(Msg::DnsNone) }</p>
            } else {
                <div class="table-wrap" tabindex="0" role="region" aria-label={ctx.t(Msg::DnsAll)}>
                    <table class="table">
                        <thead><tr>
                            <th scope="col">{ ctx.t(Msg::DnsRecordName) }</th>
                            <th scope="col">{ ctx.t(Msg::DnsRecordType) }</th>
                            <th scope="col">{ ctx.t(Msg::DnsRecordData) }</th>
                            <th scope="col">{ ctx.t(Msg::DnsRecordWhy) }</th>
                        </tr></thead>
                        <tbody>
                            { for p.records.iter().map(|r| html! {
                                <DnsRow key={r.key.as_str()} record={r.clone()} />
                            }) }
                        </tbody>
                    </table>
                </div>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct RowProps {
    record: Rc<RecordVm>,
}

/// One record. A component of its own so that a table of hundreds of
/// records only renders the rows whose record changed (an unchanged record
/// keeps its `Rc`, and equal props skip the render).
#[component]
fn DnsRow(p: &RowProps) -> Html {
    let ctx = use_ctx();
    let r = &p.record;
    let related = r.links.iter().any(|l| ctx.is_selected(l));
    html! {
        <tr class={classes!(related.then_some("is-related"), r.not_ready.then_some("is-not-ready"))}>
            <td translate="no" class="mono">{ dotted(r.name.trim_end_matches(".cluster.local.")) }</td>
            <td translate="no">{ r.type_ }</td>
            <td translate="no" class="mono">{ dotted(&r.data) }</td>
            <td class="small">{ segs(&ctx, &r.why) }</td>
        </tr>
    }
}

/// A DNS name with a line break allowed after each dot, where a name breaks
/// naturally; without them the narrow column broke names anywhere
/// (`nginx.defa` / `ult.svc`). `<wbr>` adds nothing to copied text.
fn dotted(name: &str) -> Html {
    let mut labels = name.split_inclusive('.').peekable();
    let mut out = Vec::new();
    while let Some(label) = labels.next() {
        out.push(html! { { label.to_string() } });
        if labels.peek().is_some() {
            out.push(html! { <wbr /> });
        }
    }
    out.into_iter().collect()
}
