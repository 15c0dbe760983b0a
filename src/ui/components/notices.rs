//! Messages about the page itself (a restored session, a damaged link…).

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::ctx::use_ctx;
use crate::ui::store::{Action, Notice};
use crate::view_model::Msg;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub notices: Rc<Vec<Notice>>,
}

#[component]
pub fn Notices(p: &Props) -> Html {
    let ctx = use_ctx();
    html! {
        <div class="notices" role="status" aria-live="polite">
            { for p.notices.iter().map(|n| {
                let id = n.id;
                let dismiss = {
                    let ctx = ctx.clone();
                    Callback::from(move |_: MouseEvent| ctx.send(Action::Dismiss(id)))
                };
                let args: Vec<String> = n.args.iter().map(|a| ctx.lang.detail(a)).collect();
                let args: Vec<&str> = args.iter().map(String::as_str).collect();
                html! {
                    <div key={id} class={classes!("notice", n.warn.then_some("notice--warn"))}>
                        <span>{ ctx.f(n.msg, &args) }</span>
                        <button type="button" class="button button--ghost button--small" onclick={dismiss}
                            aria-label={ctx.t(Msg::Dismiss)}>{ "✕" }</button>
                    </div>
                }
            }) }
        </div>
    }
}
