//! What a StatefulSet and a headless Service are, each claim with a
//! button that shows it happening in the simulated cluster.

use yew::prelude::*;

use crate::engine::dns::QType;
use crate::ui::ctx::{use_ctx, Ctx};
use crate::ui::store::{Action, Panel};
use crate::view_model::examples::Pick;
use crate::view_model::lesson::{Demo, TOPICS};
use crate::view_model::Msg;

fn demo(ctx: &Ctx, d: Demo) -> Html {
    let c = ctx.clone();
    let onclick = Callback::from(move |_: MouseEvent| match d {
        Demo::Run(cmd) => c.send(Action::Run(cmd.to_string())),
        Demo::Lookup(name) => c.send(Action::LookUp {
            pod: "web-0".into(),
            name: name.into(),
            qtype: QType::A,
        }),
        Demo::Example(id) => {
            if let Some(ex) = Pick::parse(id) {
                c.send(Action::LoadExample(ex));
                c.send(Action::ApplyEditor);
            }
        }
        Demo::Select(id) => {
            c.send(Action::Select(Some(id.to_string())));
            c.send(Action::ShowPanel(Panel::Cluster));
        }
    });
    let title = match d {
        Demo::Run(cmd) => ctx.f(Msg::RunsCommand, &[cmd]),
        _ => String::new(),
    };
    html! {
        <button type="button" class="button button--small show-me" {title} {onclick}>
            { ctx.t(Msg::ShowMe) }
        </button>
    }
}

#[component]
pub fn Topics() -> Html {
    let ctx = use_ctx();
    html! {
        <div class="topics">
            { for TOPICS.iter().map(|t| html! {
                <article class="topic">
                    <h2 class="panel-title">{ ctx.t(t.title) }</h2>
                    <p>{ ctx.t(t.intro) }</p>
                    <ul class="claims-list">
                        { for t.claims.iter().map(|c| html! {
                            <li>
                                <span>{ ctx.t(c.text) }</span>
                                { c.demo.map(|d| demo(&ctx, d)).unwrap_or_default() }
                            </li>
                        }) }
                    </ul>
                </article>
            }) }
        </div>
    }
}
