//! The console: what ran and what it printed (object names are links),
//! and the prompt.

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::prelude::*;

use super::console_input::ConsoleInput;
use super::segs::segs;
use crate::ui::app::Transcript;
use crate::ui::ctx::use_ctx;
use crate::ui::hooks::use_scroll_to_end;
use crate::ui::store::Action;
use crate::view_model::cluster::ClusterVm;
use crate::view_model::complete::Names;
use crate::view_model::textlinks::{is_table, link};
use crate::view_model::Msg;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub transcript: Transcript,
    pub names: Rc<BTreeMap<String, String>>,
    /// What the prompt completes (`completion_names`, derived when `names` changes).
    pub completion: Rc<Names>,
    pub cleared_from: usize,
    pub history: Rc<Vec<String>>,
    pub fill: Option<(u64, AttrValue)>,
    /// The prompt for the next command (`$ `, or a container shell's).
    pub prompt: AttrValue,
    /// The prompt asks for a password: what is typed is not shown.
    #[prop_or_default]
    pub secret: bool,
}

#[component]
pub fn ConsolePanel(p: &Props) -> Html {
    let ctx = use_ctx();
    let out = use_node_ref();
    let last = p.transcript.0.last().map(|r| r.key);
    use_scroll_to_end(out.clone(), last);
    let clear = {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| ctx.send(Action::ClearConsole))
    };
    let save = {
        let t = p.transcript.0.clone();
        Callback::from(move |_: MouseEvent| {
            let text = transcript_text(&t);
            let _ = crate::ui::browser::download("ordinal-transcript.txt", &text, "text/plain");
        })
    };
    let names = p.names.clone();
    html! {
        <div class="console">
            <div class="console__head">
                <h2 class="panel-title">{ ctx.t(Msg::PanelConsole) }</h2>
                <button type="button" class="button button--ghost button--small save-transcript" onclick={save}
                    title={ctx.t(Msg::SaveTranscriptHint)}>
                    { ctx.t(Msg::SaveTranscript) }
                </button>
                <button type="button" class="button button--ghost button--small" onclick={clear}>
                    { ctx.t(Msg::ClearConsole) }
                </button>
            </div>
            <div class="console__out" ref={out} tabindex="0" role="log" aria-label={ctx.t(Msg::PanelConsole)}>
                <p class="console__hello">{ ctx.t(Msg::ConsoleWelcome) }</p>
                { for p.transcript.0.iter().filter(|r| r.key.0 >= p.cleared_from).map(|r| html! {
                    <div key={format!("{}-{}", r.key.0, r.key.1)} class={classes!("entry", (r.status != 0).then_some("is-failed"))}>
                        { for r.lines.iter().enumerate().map(|(i, l)| html! {
                            <div class="entry__cmd" translate="no">
                                <span class="prompt" aria-hidden="true">{ if i == 0 { r.prompt.as_str() } else { "> " } }</span>{ l.clone() }
                            </div>
                        }) }
                        if !r.output.is_empty() {
                            <pre class={classes!("entry__out", is_table(&r.output).then_some("entry__out--table"))} translate="no">{ segs(&ctx, &link(&r.output, &names)) }</pre>
                        }
                    </div>
                }) }
            </div>
            <ConsoleInput history={p.history.clone()} fill={p.fill.clone()} names={p.completion.clone()}
                prompt={p.prompt.clone()} secret={p.secret} />
        </div>
    }
}

/// The names the prompt completes, from the cluster's view model.
pub fn completion_names(vm: &ClusterVm) -> Names {
    let mut n = Names {
        pods: (*vm.pod_names).clone(),
        sets: vm.sets.iter().map(|s| s.name.clone()).collect(),
        services: vm.services.iter().map(|s| s.name.clone()).collect(),
        nodes: (*vm.node_names).clone(),
        files: vec!["web.yaml".into(), "zookeeper.yaml".into()],
        ..Default::default()
    };
    for (name, id) in vm.names.iter() {
        if id.starts_with("pvc/") {
            n.claims.push(name.clone());
        }
    }
    n
}

/// The console as a terminal would show it: `$ command` lines, then output.
fn transcript_text(entries: &[Rc<crate::view_model::session::Ran>]) -> String {
    let mut out = String::new();
    for r in entries {
        for (i, l) in r.lines.iter().enumerate() {
            out.push_str(if i == 0 { &r.prompt } else { "> " });
            out.push_str(l);
            out.push('\n');
        }
        out.push_str(&r.output);
    }
    out
}
