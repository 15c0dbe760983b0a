//! Buttons for a StatefulSet: scale, change the image, and "pause" — which
//! StatefulSets do not have (kubectl says so; partition is the way).

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::actions_bar::command_button;
use crate::ui::ctx::use_ctx;
use crate::ui::store::Action;
use crate::view_model::cluster::SetVm;
use crate::view_model::Msg;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub set: Rc<SetVm>,
}

#[component]
pub fn SetActions(p: &Props) -> Html {
    let ctx = use_ctx();
    let paused_note = use_state(|| false);
    let s = &p.set;
    let name = &s.name;
    let (container, image) = s.images.first().cloned().unwrap_or_default();
    let input = use_node_ref();
    let on_image = {
        let ctx = ctx.clone();
        let input = input.clone();
        let (name, container) = (name.clone(), container.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(i) = input.cast::<HtmlInputElement>() {
                let img = i.value();
                if !img.trim().is_empty() {
                    ctx.send(Action::Run(format!(
                        "kubectl set image sts/{name} {container}={}",
                        img.trim()
                    )));
                }
            }
        })
    };
    let pause = {
        let ctx = ctx.clone();
        let note = paused_note.clone();
        let cmd = format!("kubectl rollout pause sts/{name}");
        Callback::from(move |_: MouseEvent| {
            note.set(true);
            ctx.send(Action::Run(cmd.clone()));
        })
    };
    let up = s.replicas + 1;
    let down = (s.replicas - 1).max(0);
    html! {
        <div class="actions__buttons">
            { command_button(&ctx, Msg::ActScaleDown, format!("kubectl scale sts {name} --replicas={down}"), "act-scale-down") }
            { command_button(&ctx, Msg::ActScaleUp, format!("kubectl scale sts {name} --replicas={up}"), "act-scale-up") }
            <button type="button" class="button act-pause" onclick={pause}>{ ctx.t(Msg::ActPause) }</button>
            { command_button(&ctx, Msg::ActDeleteSet, format!("kubectl delete sts {name}"), "act-delete-set") }
            <form class="image-form" onsubmit={on_image}>
                <label for="image-input" class="small">{ ctx.f(Msg::ActImageLabel, &[&container]) }</label>
                <div class="row">
                    <input id="image-input" class="input" ref={input} value={image} translate="no"
                        spellcheck="false" autocomplete="off" />
                    <button type="submit" class="button act-image">{ ctx.t(Msg::ActImage) }</button>
                </div>
            </form>
            if *paused_note {
                <p class="notice small" role="note">{ ctx.t(Msg::PauseNote) }</p>
            }
        </div>
    }
}
