//! DNS: a lookup box, the latest lookup animated and explained, and every
//! record the cluster answers now.

use std::rc::Rc;

use yew::prelude::*;

use super::dns_result::DnsResult;
use super::dns_table::DnsTable;
use super::lookup_form::LookupForm;
use crate::ui::ctx::use_ctx;
use crate::ui::store::Lookup;
use crate::view_model::dns::RecordVm;
use crate::view_model::Msg;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Every record, when the panel is shown (see `App`).
    pub records: Option<Rc<Vec<Rc<RecordVm>>>>,
    pub lookup: Option<Rc<Lookup>>,
    pub pods: Rc<Vec<String>>,
    /// Why the lookup found nothing (empty when it did, or no cause is known).
    pub why_not: Rc<Vec<String>>,
}

#[component]
pub fn DnsPanel(p: &Props) -> Html {
    let ctx = use_ctx();
    html! {
        <div class="dns">
            <h2 class="panel-title">{ ctx.t(Msg::DnsLookup) }</h2>
            <LookupForm pods={p.pods.clone()} />
            if let Some(l) = &p.lookup {
                <DnsResult key={l.serial} lookup={l.clone()} why_not={p.why_not.clone()} />
            }
            if let Some(records) = &p.records {
                <DnsTable records={records.clone()} />
            }
        </div>
    }
}
