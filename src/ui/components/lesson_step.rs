//! One step of a lesson: the explanation, what to type (with buttons that
//! put it in the console or run it), and — for the current step — what the
//! automatic check still misses.

use yew::prelude::*;

use crate::ui::ctx::use_ctx;
use crate::ui::store::Action;
use crate::view_model::lesson::{paragraphs, Run};
use crate::view_model::Msg;

/// Lesson text as paragraphs, `code` as code (always as text, never HTML).
pub fn rich(text: &str) -> Html {
    html! {
        { for paragraphs(text).into_iter().map(|p| html! {
            <p>
                { for p.into_iter().map(|r| match r {
                    Run::Text(t) => html! { { t.to_string() } },
                    Run::Code(c) => html! { <code translate="no">{ c.to_string() }</code> },
                }) }
            </p>
        }) }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum StepState {
    Done,
    Current,
    Todo,
}

#[derive(Properties, PartialEq)]
pub struct Props {
    /// 0-based.
    pub index: usize,
    pub total: usize,
    pub title: AttrValue,
    pub text: AttrValue,
    pub run: AttrValue,
    pub state: StepState,
    /// What is still missing (current step only).
    pub hint: Option<AttrValue>,
}

#[component]
pub fn LessonStep(p: &Props) -> Html {
    let ctx = use_ctx();
    let commands = p.run.trim_end().to_string();
    let fill = {
        let (ctx, c) = (ctx.clone(), commands.clone());
        Callback::from(move |_: MouseEvent| ctx.send(Action::FillConsole(c.clone())))
    };
    let run = ctx.run_cb::<MouseEvent>(commands.clone());
    let state = match p.state {
        StepState::Done => "is-done",
        StepState::Current => "is-current",
        StepState::Todo => "is-todo",
    };
    html! {
        <article class={classes!("lesson-step", state)} aria-labelledby="lesson-step-title">
            <p class="lesson-step__n muted small">
                { ctx.f(Msg::LessonStepN, &[&(p.index + 1).to_string(), &p.total.to_string()]) }
                { " · " }
                { ctx.t(match p.state {
                    StepState::Done => Msg::LessonStateDone,
                    StepState::Current => Msg::LessonStateCurrent,
                    StepState::Todo => Msg::LessonStateTodo,
                }) }
            </p>
            <h3 id="lesson-step-title" class="lesson-step__title">
                if p.state == StepState::Done { <span class="tick" aria-hidden="true">{ "✓ " }</span> }
                { p.title.clone() }
            </h3>
            <div class="lesson-step__text">{ rich(&p.text) }</div>
            <h4 class="lesson-step__sub">{ ctx.t(Msg::LessonCommands) }</h4>
            <pre class="lesson-step__run" translate="no">{ commands.clone() }</pre>
            <div class="row">
                <button type="button" class="button button--small lesson-fill" onclick={fill}>
                    { ctx.t(Msg::LessonFill) }
                </button>
                <button type="button" class="button button--small lesson-run" onclick={run}>
                    { ctx.t(Msg::LessonRunAll) }
                </button>
            </div>
            if p.state == StepState::Current {
                <div class="lesson-check">
                    <p class="muted small">{ ctx.t(Msg::LessonChecking) }</p>
                    if let Some(h) = &p.hint {
                        <p class="lesson-check__hint"><strong>{ ctx.t(Msg::LessonNotYet) }</strong>{ " " }{ rich_inline(h) }</p>
                    }
                </div>
            }
        </article>
    }
}

/// One line of text with `code` runs, inline.
fn rich_inline(text: &str) -> Html {
    html! {
        { for text.split('`').enumerate().filter(|(_, t)| !t.is_empty()).map(|(i, t)| if i % 2 == 1 {
            html! { <code translate="no">{ t.to_string() }</code> }
        } else {
            html! { { t.to_string() } }
        }) }
    }
}
