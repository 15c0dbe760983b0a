//! What can be done to the selected object. Every button runs the console
//! command that does it, so the learner sees (and can retype) the command.

use std::rc::Rc;

use yew::prelude::*;

use super::pod_actions::PodActions;
use super::set_actions::SetActions;
use crate::ui::ctx::{use_ctx, Ctx};
use crate::ui::hooks::use_reveal;
use crate::ui::store::Action;
use crate::view_model::cluster::ClusterVm;
use crate::view_model::Msg;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub vm: Rc<ClusterVm>,
}

/// A button that runs `cmd` in the console; its title shows the command.
pub fn command_button(ctx: &Ctx, label: Msg, cmd: String, class: &'static str) -> Html {
    let title = ctx.f(Msg::RunsCommand, &[&cmd]);
    html! {
        <button type="button" class={classes!("button", class)} title={title}
            onclick={ctx.run_cb::<MouseEvent>(cmd)}>{ ctx.t(label) }</button>
    }
}

#[component]
pub fn ActionsBar(p: &Props) -> Html {
    let ctx = use_ctx();
    let close = {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| ctx.send(Action::Select(None)))
    };
    let node = use_node_ref();
    use_reveal(node.clone(), ctx.selected.clone());
    let sel = ctx.selected.clone();
    let Some(sel) = sel else {
        return html! { <div class="actions is-empty"><p class="muted small">{ ctx.t(Msg::NothingSelected) }</p></div> };
    };
    let (kind, name) = sel.split_once('/').unwrap_or(("", &sel));
    let body = match kind {
        "pod" => p.vm.pod(name).map(|pod| html! { <PodActions pod={pod.clone()} /> }),
        "sts" => p.vm.set(name).map(|s| html! { <SetActions set={s.clone()} /> }),
        "node" => Some(html! {
            <div class="actions__buttons">
                { command_button(&ctx, Msg::ActNodeDown, format!("sim node down {name}"), "act-node-down") }
                { command_button(&ctx, Msg::ActNodeUp, format!("sim node up {name}"), "act-node-up") }
            </div>
        }),
        "pvc" => p.vm.claim(name).map(|_| html! {
            <div class="actions__buttons">
                { command_button(&ctx, Msg::ActDeleteClaim, format!("kubectl delete pvc {name} --wait=false"), "act-delete-claim") }
            </div>
        }),
        _ => None,
    };
    html! {
        <div class="actions" ref={node} role="region" aria-label={ctx.f(Msg::ActionsFor, &[name])}>
            <div class="actions__head">
                <h3 class="section-title">{ ctx.f(Msg::ActionsFor, &[""]) }<span translate="no">{ name.to_string() }</span></h3>
                <button type="button" class="button button--ghost button--small" onclick={close}
                    aria-label={ctx.t(Msg::Close)}>{ "✕" }</button>
            </div>
            { body.unwrap_or_default() }
        </div>
    }
}
