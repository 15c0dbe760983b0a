//! The scrubbable timeline: a range input over marks for warnings, waits,
//! lifecycle events and the user's inputs. Moving it rewinds or replays.
//! The arrow keys move a tenth of a second as the range's step does, but
//! stop at every moment something happened: several can share a tenth
//! (a Pod starts, and 42 ms later the next one is created), and the
//! range's own steps would jump over all of them at once.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::ui::ctx::use_ctx;
use crate::ui::store::Action;
use crate::view_model::clock::exact_clock_text;
use crate::view_model::timeline::Mark;
use crate::view_model::Msg;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub clock: u64,
    pub horizon: u64,
    pub marks: Rc<Vec<Mark>>,
}

#[component]
pub fn Timeline(p: &Props) -> Html {
    let ctx = use_ctx();
    let on_input = {
        let ctx = ctx.clone();
        Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<HtmlInputElement>().value();
            if let Ok(ms) = v.parse::<f64>() {
                ctx.send(Action::Seek(ms.max(0.0) as u64));
            }
        })
    };
    let on_key = {
        let ctx = ctx.clone();
        Callback::from(move |e: KeyboardEvent| {
            let forward = match e.key().as_str() {
                "ArrowRight" | "ArrowUp" => true,
                "ArrowLeft" | "ArrowDown" => false,
                _ => return,
            };
            e.prevent_default();
            ctx.send(Action::Nudge(forward));
        })
    };
    // The range moves in steps of 100 ms; its end is the horizon rounded up.
    let span = p.horizon.div_ceil(100).max(1) * 100;
    let value = p.clock.div_ceil(100) * 100;
    let value_text = exact_clock_text(p.clock);
    html! {
        <div class="timeline">
            <Marks marks={p.marks.clone()} />
            <input type="range" class="timeline__range" min="0" max={span.to_string()}
                step="100" value={value.min(span).to_string()} oninput={on_input} onkeydown={on_key}
                aria-label={ctx.t(Msg::Timeline)} aria-valuetext={value_text}
                title={ctx.t(Msg::TimelineHint)} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct MarksProps {
    marks: Rc<Vec<Mark>>,
}

/// The marks: a component of its own, drawn when they change rather than
/// at every tick of the clock (up to `timeline::BUCKETS` of them).
#[component]
fn Marks(p: &MarksProps) -> Html {
    let marks = p.marks.iter().map(|m| {
        let x = format!("{:.1}%", f64::from(m.at) / 10.0);
        html! { <rect class={m.kind.class()} x={x} y="0" width="2" height="100%" /> }
    });
    html! {
        <svg class="timeline__marks" aria-hidden="true" focusable="false">
            { for marks }
        </svg>
    }
}
