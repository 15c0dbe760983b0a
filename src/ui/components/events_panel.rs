//! Narration: what Kubernetes recorded and what the StatefulSet controller
//! is waiting for, in plain words, with where things stand now announced
//! to screen readers. The log is one Tab stop; the arrow keys walk it
//! (`hooks::use_roving`).

use std::rc::Rc;

use yew::prelude::*;

use super::segs::segs_roving;
use crate::ui::ctx::use_ctx;
use crate::ui::hooks::{use_roving, use_scroll_to_end};
use crate::ui::store::Action;
use crate::view_model::clock::{clock_text, exact_clock_text, exact_times};
use crate::view_model::narration::Line;
use crate::view_model::Msg;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lines: Rc<Vec<Rc<Line>>>,
    /// The "Now" line (`view_model::now`).
    pub now: AttrValue,
    pub with_status: bool,
}

#[component]
pub fn EventsPanel(p: &Props) -> Html {
    let ctx = use_ctx();
    let list = use_node_ref();
    use_scroll_to_end(list.clone(), p.lines.last().map(|l| l.id));
    let ids: Vec<u64> = p.lines.iter().map(|l| l.id).collect();
    let roving = use_roving(&ids);
    let toggle = {
        let ctx = ctx.clone();
        Callback::from(move |_: Event| ctx.send(Action::ToggleStatusLines))
    };
    // Lines in one tenth of a second but not at one instant show their
    // milliseconds, or they would read as simultaneous.
    let times: Vec<u64> = p.lines.iter().map(|l| l.at.as_ms()).collect();
    let exact = exact_times(&times);
    html! {
        <div class="events">
            <h2 class="panel-title">{ ctx.t(Msg::Narration) }</h2>
            <p class="events__now" aria-live="polite" aria-atomic="true">
                <strong>{ ctx.t(Msg::NowLabel) }</strong>{ " " }{ p.now.clone() }
            </p>
            <label class="check small">
                <input type="checkbox" checked={p.with_status} onchange={toggle} />
                { ctx.t(Msg::ShowPodStatus) }
            </label>
            <p id="events-keys" class="visually-hidden">{ ctx.t(Msg::EventsKeys) }</p>
            <ol class="events__list" ref={list} aria-label={ctx.t(Msg::PanelEvents)}
                aria-describedby="events-keys" onkeydown={roving.onkeydown} onfocusin={roving.onfocusin}>
                if p.lines.is_empty() {
                    <li class="muted">{ ctx.t(Msg::NoEvents) }</li>
                }
                { for p.lines.iter().zip(exact).map(|(l, exact)| html! {
                    <EventLine key={l.id} line={l.clone()} {exact} active={roving.active == Some(l.id)} />
                }) }
            </ol>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct LineProps {
    line: Rc<Line>,
    /// Write the time to the millisecond.
    exact: bool,
    /// Holds the list's Tab stop.
    active: bool,
}

/// One line. A component of its own so that only new lines are rendered:
/// a line already told keeps its `Rc`, and equal props skip the render.
#[component]
fn EventLine(p: &LineProps) -> Html {
    let ctx = use_ctx();
    let l = &p.line;
    let at = l.at.as_ms();
    html! {
        <li class={classes!("event", l.kind.class())} data-entry={l.id.to_string()}
            tabindex={if p.active { "0" } else { "-1" }}>
            <time class="event__at">{ if p.exact { exact_clock_text(at) } else { clock_text(at) } }</time>
            <span class="event__text">{ segs_roving(&ctx, &l.segs) }</span>
            if let Some(raw) = &l.raw {
                <span class="event__raw" translate="no">{ raw.clone() }</span>
            }
        </li>
    }
}
