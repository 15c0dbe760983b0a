//! The lessons, in teaching order, each with how far the learner got.

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::prelude::*;

use super::lesson_step::rich;
use crate::lessons;
use crate::ui::ctx::use_ctx;
use crate::ui::store::Action;
use crate::view_model::lesson::lesson_lang;
use crate::view_model::Msg;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub done: Rc<BTreeMap<String, Vec<bool>>>,
}

#[component]
pub fn LessonList(p: &Props) -> Html {
    let ctx = use_ctx();
    let lang = lesson_lang(ctx.lang);
    html! {
        <section class="lessons" aria-labelledby="lessons-title">
            <h2 id="lessons-title" class="panel-title">{ ctx.t(Msg::Lessons) }</h2>
            <p class="muted small">{ ctx.t(Msg::LessonsIntro) }</p>
            <ol class="lesson-list">
                { for lessons::lessons().iter().map(|l| {
                    let v = l.view(lang);
                    let total = l.steps.len();
                    let done = p.done.get(&l.id);
                    let n = done.map_or(0, |d| d.iter().filter(|x| **x).count());
                    // Continue at the first step not done (from the start once all are).
                    let next = done
                        .and_then(|d| d.iter().position(|x| !x))
                        .unwrap_or(0);
                    let open = {
                        let (ctx, id) = (ctx.clone(), l.id.clone());
                        Callback::from(move |_: MouseEvent| {
                            ctx.send(Action::OpenLesson { id: id.clone(), step: next, seed: 1 })
                        })
                    };
                    let forget = {
                        let (ctx, id) = (ctx.clone(), l.id.clone());
                        Callback::from(move |_: MouseEvent| ctx.send(Action::ForgetLesson(id.clone())))
                    };
                    let started = n > 0 && n < total;
                    html! {
                        <li key={l.id.clone()} class={classes!("lesson-card", (n == total).then_some("is-complete"))}
                            data-lesson={l.id.clone()}>
                            <h3 class="lesson-card__title">{ v.title }</h3>
                            <div class="lesson-card__summary">{ rich(v.summary) }</div>
                            <div class="lesson-card__foot">
                                <progress max={total.to_string()} value={n.to_string()}
                                    aria-label={ctx.f(Msg::LessonStepsDone, &[&n.to_string(), &total.to_string()])} />
                                <span class="muted small">
                                    { ctx.f(Msg::LessonStepsDone, &[&n.to_string(), &total.to_string()]) }
                                </span>
                                <button type="button" class="button button--primary button--small lesson-start"
                                    onclick={open}>
                                    { ctx.t(if started { Msg::LessonContinue } else { Msg::LessonStart }) }
                                </button>
                                if n > 0 {
                                    <button type="button" class="button button--ghost button--small lesson-forget"
                                        onclick={forget}>{ ctx.t(Msg::LessonForget) }</button>
                                }
                            </div>
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}
