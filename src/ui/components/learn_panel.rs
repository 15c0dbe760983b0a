//! Learn: the guided lessons (the list, or the lesson in progress) and
//! what a StatefulSet and a headless Service are.

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::prelude::*;

use super::lesson_list::LessonList;
use super::lesson_view::LessonView;
use super::topics::Topics;
use crate::view_model::lesson::Tutor;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub tutor: Option<Rc<Tutor>>,
    pub done: Rc<BTreeMap<String, Vec<bool>>>,
}

#[component]
pub fn LearnPanel(p: &Props) -> Html {
    html! {
        <div class="learn">
            if let Some(t) = &p.tutor {
                <LessonView tutor={t.clone()} />
            } else {
                <LessonList done={p.done.clone()} />
                <Topics />
            }
        </div>
    }
}
