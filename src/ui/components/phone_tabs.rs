//! On a phone every panel is a tab of its own.

use yew::prelude::*;

use super::tabs::tab;
use crate::ui::ctx::use_ctx;
use crate::ui::store::Panel;
use crate::view_model::Msg;

const ALL: [Panel; 6] = [
    Panel::Cluster,
    Panel::Editor,
    Panel::Console,
    Panel::Events,
    Panel::Dns,
    Panel::Learn,
];

#[derive(Properties, PartialEq)]
pub struct Props {
    pub active: Panel,
}

#[component]
pub fn PhoneTabs(p: &Props) -> Html {
    let ctx = use_ctx();
    html! {
        <nav class="tabs tabs--phone" role="tablist" aria-label={ctx.t(Msg::Panels)}>
            { for ALL.iter().map(|&t| tab(&ctx, t, t == p.active)) }
        </nav>
    }
}
