//! Time: play/pause, the next event, the speed, the simulated clock and
//! the timeline.

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::timeline::Timeline;
use crate::ui::ctx::use_ctx;
use crate::ui::store::{Action, SPEEDS};
use crate::view_model::clock::{clock_text, exact_clock_text};
use crate::view_model::timeline::Mark;
use crate::view_model::Msg;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub clock: u64,
    pub horizon: u64,
    pub playing: bool,
    pub speed: usize,
    pub marks: Rc<Vec<Mark>>,
}

#[component]
pub fn TimeBar(p: &Props) -> Html {
    let ctx = use_ctx();
    let play = {
        let ctx = ctx.clone();
        let playing = p.playing;
        Callback::from(move |_: MouseEvent| ctx.send(Action::SetPlaying(!playing)))
    };
    let step = {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| ctx.send(Action::Step))
    };
    let live = {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| ctx.send(Action::GoLive))
    };
    let on_speed = {
        let ctx = ctx.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            ctx.send(Action::SetSpeed(v.parse().unwrap_or(2)));
        })
    };
    let at_end = p.clock >= p.horizon;
    // Stopped, the clock says exactly where it is: two moments can share a
    // tenth. Running, milliseconds would only flicker.
    let clock = if p.playing {
        clock_text(p.clock)
    } else {
        exact_clock_text(p.clock)
    };
    html! {
        <div class="timebar" role="group" aria-label={ctx.t(Msg::Timeline)}>
            <button type="button" class={classes!("button", "button--primary", "play")}
                aria-pressed={p.playing.to_string()} onclick={play}>
                <span class="icon" aria-hidden="true">{ if p.playing { "❚❚" } else { "▶" } }</span>
                { ctx.t(if p.playing { Msg::Pause } else { Msg::Play }) }
            </button>
            <button type="button" class="button step" onclick={step} aria-label={ctx.t(Msg::Step)}>
                <span class="icon" aria-hidden="true">{ "⇥" }</span><span class="label">{ ctx.t(Msg::Step) }</span>
            </button>
            <label class="speed">
                <span class="visually-hidden">{ ctx.t(Msg::Speed) }</span>
                <select class="select" onchange={on_speed} title={ctx.t(Msg::Speed)}>
                    { for SPEEDS.iter().enumerate().map(|(i, s)| html! {
                        <option value={i.to_string()} selected={i == p.speed}>{ format!("{s}×") }</option>
                    }) }
                </select>
            </label>
            <div class="clock" role="timer" aria-label={ctx.t(Msg::SimTime)} title={ctx.t(Msg::SimTime)}>
                { clock }
            </div>
            <Timeline clock={p.clock} horizon={p.horizon} marks={p.marks.clone()} />
            <button type="button" class="button live" disabled={at_end} onclick={live}
                title={ctx.t(Msg::LiveHint)}>
                { ctx.t(Msg::Live) }
            </button>
        </div>
    }
}
