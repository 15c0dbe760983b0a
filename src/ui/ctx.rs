//! What every component can read without props: the store's dispatcher,
//! the language, and the current selection with the objects related to it.

use std::collections::BTreeSet;
use std::rc::Rc;

use yew::prelude::*;

use super::store::{Action, Store};
use crate::view_model::{Lang, Msg};

#[derive(Clone, PartialEq)]
pub struct Ctx {
    pub dispatch: UseReducerDispatcher<Store>,
    pub lang: Lang,
    pub selected: Option<AttrValue>,
    /// Ids linked to the selection (its claims, node, endpoints…).
    pub related: Rc<BTreeSet<String>>,
}

impl Ctx {
    pub fn t(&self, m: Msg) -> &'static str {
        self.lang.t(m)
    }
    pub fn f(&self, m: Msg, args: &[&str]) -> String {
        self.lang.f(m, args)
    }
    pub fn send(&self, a: Action) {
        self.dispatch.dispatch(a);
    }
    /// A callback that runs a console command.
    pub fn run_cb<E>(&self, cmd: String) -> Callback<E> {
        let d = self.dispatch.clone();
        Callback::from(move |_| d.dispatch(Action::Run(cmd.clone())))
    }
    /// A callback that selects (or unselects) an object.
    pub fn select_cb<E>(&self, id: &str) -> Callback<E> {
        let d = self.dispatch.clone();
        let id = id.to_string();
        Callback::from(move |_| d.dispatch(Action::Select(Some(id.clone()))))
    }
    /// `is-selected` / `is-related` for an object.
    pub fn sel_classes(&self, id: &str) -> Classes {
        let mut c = Classes::new();
        if self.selected.as_deref() == Some(id) {
            c.push("is-selected");
        } else if self.related.contains(id) {
            c.push("is-related");
        }
        c
    }
    pub fn is_selected(&self, id: &str) -> bool {
        self.selected.as_deref() == Some(id)
    }
}

#[hook]
pub fn use_ctx() -> Ctx {
    use_context::<Ctx>().expect("the App provides Ctx")
}
