//! The lesson in progress: its steps (done ones green), the step being
//! read, the "try this" experiments offered so far, the workshop link and
//! the way back to the list. Step completions are announced politely.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::lesson_step::{rich, LessonStep, StepState};
use crate::ui::browser;
use crate::ui::ctx::use_ctx;
use crate::ui::store::Action;
use crate::view_model::lesson::{lesson_lang, Tutor};
use crate::view_model::Msg;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub tutor: Rc<Tutor>,
}

#[component]
pub fn LessonView(p: &Props) -> Html {
    let ctx = use_ctx();
    // A step opened to read (None: the current one).
    let reading = use_state(|| None::<usize>);
    let link_open = use_state(|| false);
    {
        // A step completed: follow the learner to the next one.
        let reading = reading.clone();
        use_effect_with(p.tutor.progress.step, move |_| reading.set(None));
    }
    let t = &p.tutor;
    let Some(lesson) = t.lesson() else {
        return html! {};
    };
    let lang = lesson_lang(ctx.lang);
    let view = lesson.view(lang);
    let total = view.steps.len();
    let current = t.progress.step;
    let shown = reading.unwrap_or(current).min(total.saturating_sub(1));
    let state = |i: usize| {
        if t.progress.done.get(i).copied().unwrap_or(false) {
            StepState::Done
        } else if i == current {
            StepState::Current
        } else {
            StepState::Todo
        }
    };
    let back = {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| ctx.send(Action::CloseLesson))
    };
    let restart = {
        let (ctx, id, seed) = (ctx.clone(), lesson.id.clone(), t.progress.seed);
        Callback::from(move |_: MouseEvent| {
            ctx.send(Action::OpenLesson {
                id: id.clone(),
                step: 0,
                seed,
            })
        })
    };
    let toggle_link = {
        let link_open = link_open.clone();
        Callback::from(move |_: MouseEvent| link_open.set(!*link_open))
    };
    let url = format!("{}{}", browser::page_url(), t.link(ctx.lang));
    let copy = {
        let url = url.clone();
        Callback::from(move |_: MouseEvent| {
            let u = url.clone();
            wasm_bindgen_futures::spawn_local(async move {
                browser::copy(u).await;
            });
        })
    };
    let select_all = Callback::from(|e: FocusEvent| {
        e.target_unchecked_into::<HtmlInputElement>().select();
    });
    let announce = if t.finished() {
        ctx.t(Msg::LessonFinished).to_string()
    } else {
        t.just_done
            .and_then(|i| view.steps.get(i).map(|s| (i, s.title)))
            .map(|(i, title)| ctx.f(Msg::LessonStepDone, &[&(i + 1).to_string(), title]))
            .unwrap_or_default()
    };
    let step = &view.steps[shown];
    let hint = (shown == current)
        .then(|| t.verdict.as_ref().and_then(|v| v.hint(lang)))
        .flatten()
        .map(|h| AttrValue::from(h.to_string()));
    let done_count = t.progress.done.iter().filter(|d| **d).count();
    html! {
        <section class="lesson" data-lesson={lesson.id.clone()} aria-labelledby="lesson-title">
            <div class="lesson__bar">
                <button type="button" class="button button--ghost button--small lesson-back" onclick={back}>
                    <span aria-hidden="true">{ "← " }</span>{ ctx.t(Msg::LessonAll) }
                </button>
                <button type="button" class="button button--ghost button--small lesson-restart" onclick={restart}
                    title={ctx.t(Msg::LessonRestartHint)}>{ ctx.t(Msg::LessonRestart) }</button>
                <button type="button" class="button button--ghost button--small lesson-link-button"
                    aria-expanded={link_open.to_string()} onclick={toggle_link}>{ ctx.t(Msg::LessonLink) }</button>
            </div>
            if *link_open {
                <div class="lesson__link">
                    <label for="lesson-link">{ ctx.t(Msg::LessonLinkHint) }</label>
                    <div class="row">
                        <input id="lesson-link" class="input" readonly=true value={url} translate="no"
                            onfocus={select_all} />
                        <button type="button" class="button" onclick={copy} aria-label={ctx.t(Msg::Copy)}
                            title={ctx.t(Msg::Copy)}>{ "⧉" }</button>
                    </div>
                </div>
            }
            <h2 id="lesson-title" class="lesson__title">{ view.title }</h2>
            <p class="muted small">
                { ctx.f(Msg::LessonStepsDone, &[&done_count.to_string(), &total.to_string()]) }
            </p>
            <ol class="lesson-steps" aria-label={ctx.t(Msg::LessonSteps)}>
                { for view.steps.iter().enumerate().map(|(i, s)| {
                    let st = state(i);
                    let open = {
                        let reading = reading.clone();
                        Callback::from(move |_: MouseEvent| reading.set(Some(i)))
                    };
                    let cls = match st {
                        StepState::Done => "is-done",
                        StepState::Current => "is-current",
                        StepState::Todo => "is-todo",
                    };
                    let label = ctx.t(match st {
                        StepState::Done => Msg::LessonStateDone,
                        StepState::Current => Msg::LessonStateCurrent,
                        StepState::Todo => Msg::LessonStateTodo,
                    });
                    html! {
                        <li key={i} class={classes!("lesson-steps__item", cls, (i == shown).then_some("is-shown"))}>
                            <button type="button" class="lesson-steps__button" onclick={open}
                                aria-current={(i == current).then_some("step")}
                                aria-label={format!("{} — {} ({label})", ctx.f(Msg::LessonStepN, &[&(i + 1).to_string(), &total.to_string()]), s.title)}>
                                <span class="lesson-steps__mark" aria-hidden="true">
                                    { match st { StepState::Done => "✓".to_string(), _ => (i + 1).to_string() } }
                                </span>
                                <span class="lesson-steps__title">{ s.title }</span>
                            </button>
                        </li>
                    }
                }) }
            </ol>
            <p class="lesson__status" role="status" aria-live="polite">{ announce }</p>
            if t.finished() && reading.is_none() {
                <p class="lesson__finished">{ ctx.t(Msg::LessonFinished) }</p>
            }
            if !t.finished() || reading.is_some() {
                <LessonStep index={shown} total={total} title={AttrValue::from(step.title.to_string())}
                    text={AttrValue::from(step.text.to_string())} run={AttrValue::from(step.run.to_string())}
                    state={state(shown)} hint={hint} />
            }
            if reading.is_some_and(|r| r != current) && !t.finished() {
                <button type="button" class="button button--ghost button--small" onclick={{
                    let reading = reading.clone();
                    Callback::from(move |_: MouseEvent| reading.set(None))
                }}>{ ctx.t(Msg::LessonBackToCurrent) }</button>
            }
            { for view.experiments.iter().enumerate()
                .filter(|(_, x)| x.after >= 1 && t.progress.done.get(x.after - 1).copied().unwrap_or(false))
                .map(|(n, x)| {
                    let tried = t.tried.is_some_and(|(i, _, _)| i == n);
                    let run = {
                        let ctx = ctx.clone();
                        Callback::from(move |_: MouseEvent| ctx.send(Action::TryExperiment(n)))
                    };
                    let undo = {
                        let ctx = ctx.clone();
                        Callback::from(move |_: MouseEvent| ctx.send(Action::UndoExperiment))
                    };
                    html! {
                        <aside class="try" key={format!("x{n}")}>
                            <p class="try__kind small">
                                { ctx.t(Msg::LessonTry) }{ " · " }{ ctx.f(Msg::LessonMistake, &[&x.mistake.to_string()]) }
                            </p>
                            <h4 class="try__title">{ x.title }</h4>
                            <div class="try__text">{ rich(x.text) }</div>
                            <pre class="lesson-step__run" translate="no">{ x.run.trim_end() }</pre>
                            <div class="row">
                                <button type="button" class="button button--small try-run" onclick={run}>
                                    { ctx.t(Msg::LessonTryRun) }
                                </button>
                                if tried {
                                    <button type="button" class="button button--small try-undo" onclick={undo}>
                                        { ctx.t(Msg::LessonTryUndo) }
                                    </button>
                                }
                            </div>
                        </aside>
                    }
                }) }
        </section>
    }
}
