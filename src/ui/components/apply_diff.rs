//! What Apply will change on the live objects (computed only while open).

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::ctx::use_ctx;
use crate::ui::store::Action;
use crate::view_model::apply_plan::{Change, PlanItem};
use crate::view_model::Msg;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub plan: Rc<Option<Vec<PlanItem>>>,
    pub open: bool,
}

#[component]
pub fn ApplyDiff(p: &Props) -> Html {
    let ctx = use_ctx();
    let toggle = {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| ctx.send(Action::ToggleDiff))
    };
    let items = (*p.plan).clone().unwrap_or_default();
    html! {
        <section class="apply-diff">
            <button type="button" class="disclosure" aria-expanded={p.open.to_string()}
                aria-controls="apply-diff-body" onclick={toggle}>
                <span aria-hidden="true">{ if p.open { "▾ " } else { "▸ " } }</span>
                { ctx.t(Msg::Changes) }
            </button>
            if p.open {
                <div id="apply-diff-body" class="apply-diff__body">
                    { for items.iter().map(|it| {
                        let label = it.label.as_str();
                        match &it.change {
                            Change::Create => html! { <p class="plan is-create">{ ctx.f(Msg::WillCreate, &[label]) }</p> },
                            Change::Unchanged => html! { <p class="plan is-same muted">{ ctx.f(Msg::Unchanged, &[label]) }</p> },
                            Change::Error(e) => html! { <p class="plan is-error">{ ctx.f(Msg::CannotPlan, &[label, e]) }</p> },
                            Change::Patch(lines) => html! {
                                <div class="plan is-change">
                                    <p>{ ctx.f(Msg::WillChange, &[label]) }</p>
                                    <pre class="diff" translate="no">
                                        { for lines.iter().map(|l| {
                                            let c = match l.chars().next() {
                                                Some('+') => "diff__add",
                                                Some('-') => "diff__del",
                                                Some('@') => "diff__hunk",
                                                _ => "diff__same",
                                            };
                                            html! { <span class={c}>{ format!("{l}\n") }</span> }
                                        }) }
                                    </pre>
                                </div>
                            },
                        }
                    }) }
                </div>
            }
        </section>
    }
}
