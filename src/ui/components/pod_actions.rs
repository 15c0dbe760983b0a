//! Buttons for a Pod: delete, force delete, crash, fail and heal readiness,
//! and a shell (which only fills the console: the learner runs it).

use std::rc::Rc;

use yew::prelude::*;

use super::actions_bar::command_button;
use crate::ui::ctx::use_ctx;
use crate::ui::store::Action;
use crate::view_model::cluster::PodVm;
use crate::view_model::Msg;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub pod: Rc<PodVm>,
}

#[component]
pub fn PodActions(p: &Props) -> Html {
    let ctx = use_ctx();
    let pod = &p.pod;
    let ns = if pod.namespace == "default" {
        String::new()
    } else {
        format!(" -n {}", pod.namespace)
    };
    let name = &pod.name;
    let shell_cmd = format!("kubectl exec -it {name}{ns} -- sh");
    let shell = {
        let ctx = ctx.clone();
        let cmd = shell_cmd.clone();
        Callback::from(move |_: MouseEvent| ctx.send(Action::FillConsole(cmd.clone())))
    };
    html! {
        <div class="actions__buttons">
            { command_button(&ctx, Msg::ActDelete, format!("kubectl delete pod {name}{ns} --wait=false"), "act-delete") }
            { command_button(&ctx, Msg::ActForceDelete, format!("kubectl delete pod {name}{ns} --grace-period=0 --force"), "act-force-delete") }
            { command_button(&ctx, Msg::ActCrash, format!("sim fail {name} crash"), "act-crash") }
            if pod.has_readiness {
                { command_button(&ctx, Msg::ActFailReadiness, format!("sim fail {name} readiness"), "act-fail-readiness") }
            }
            { command_button(&ctx, Msg::ActHeal, format!("sim heal {name}"), "act-heal") }
            <button type="button" class="button act-shell" title={ctx.f(Msg::RunsCommand, &[&shell_cmd])}
                onclick={shell}>{ ctx.t(Msg::ActShell) }</button>
            if let Some(f) = &pod.fqdn {
                <p class="muted small fqdn">{ ctx.t(Msg::PodDnsName) }{ ": " }<code translate="no">{ f.clone() }</code></p>
            }
        </div>
    }
}
