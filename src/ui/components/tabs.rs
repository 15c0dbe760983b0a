//! Tabs that switch the panels of a column on wide screens.

use yew::prelude::*;

use crate::ui::ctx::use_ctx;
use crate::ui::store::{Action, Panel};
use crate::view_model::Msg;

pub fn panel_label(p: Panel) -> Msg {
    match p {
        Panel::Editor => Msg::PanelEditor,
        Panel::Learn => Msg::PanelLessons,
        Panel::Cluster => Msg::PanelCluster,
        Panel::Console => Msg::PanelConsole,
        Panel::Events => Msg::PanelEvents,
        Panel::Dns => Msg::PanelDns,
    }
}

pub fn panel_id(p: Panel) -> &'static str {
    match p {
        Panel::Editor => "panel-editor",
        Panel::Learn => "panel-learn",
        Panel::Cluster => "panel-cluster",
        Panel::Console => "panel-console",
        Panel::Events => "panel-events",
        Panel::Dns => "panel-dns",
    }
}

/// One tab button (shared by the column tabs and the phone tabs).
pub fn tab(ctx: &crate::ui::ctx::Ctx, p: Panel, active: bool) -> Html {
    let onclick = {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| ctx.send(Action::ShowPanel(p)))
    };
    html! {
        <button type="button" role="tab" class={classes!("tab", active.then_some("is-active"))}
            aria-selected={active.to_string()} aria-controls={panel_id(p)} onclick={onclick}>
            { ctx.t(panel_label(p)) }
        </button>
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub tabs: Vec<Panel>,
    pub active: Panel,
}

#[component]
pub fn ColumnTabs(p: &Props) -> Html {
    let ctx = use_ctx();
    html! {
        <div class="tabs tabs--column" role="tablist">
            { for p.tabs.iter().map(|&t| tab(&ctx, t, t == p.active)) }
        </div>
    }
}
