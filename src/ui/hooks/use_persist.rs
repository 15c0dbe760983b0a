//! Saves what must survive a reload as it changes: the editor's text, the
//! console history, the scenario (seed, inputs, the moment shown) and the
//! preferences. The scenario is also saved when the page is hidden, so the
//! latest moment is kept while playing.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use yew::prelude::*;

use super::boot::Prefs;
use super::storage;
use crate::ui::store::Store;

fn save_scenario(store: &Store) {
    storage::set(storage::SCENARIO, &store.scenario().to_json());
}

#[hook]
pub fn use_persist(store: &Store) {
    let text = store.editor.text.clone();
    use_effect_with(text, |t| storage::set(storage::EDITOR, t));

    let history = store.history.clone();
    use_effect_with(history, |h| {
        storage::set(
            storage::HISTORY,
            &serde_json::to_string(&**h).unwrap_or_default(),
        )
    });

    let prefs = (
        store.lang.tag(),
        store.theme.as_str(),
        store.present,
        store.speed,
    );
    use_effect_with(prefs, |&(lang, theme, present, speed)| {
        let p = Prefs {
            lang: Some(lang.to_string()),
            theme: theme.to_string(),
            present,
            speed: Some(speed),
        };
        storage::set(
            storage::PREFS,
            &serde_json::to_string(&p).unwrap_or_default(),
        );
    });

    let tutor = store.tutor.clone();
    use_effect_with(tutor, |t| {
        storage::set(
            storage::LESSON,
            &serde_json::to_string(&t.as_deref()).unwrap_or_default(),
        )
    });
    let done = store.lesson_done.clone();
    use_effect_with(done, |d| {
        storage::set(
            storage::LESSONS_DONE,
            &serde_json::to_string(&**d).unwrap_or_default(),
        )
    });

    // The latest state, for the `pagehide` listener below.
    let latest: Rc<RefCell<Option<Store>>> = use_mut_ref(|| None);
    *latest.borrow_mut() = Some(store.clone());

    let key = (
        store.scenario_rev,
        store.playing,
        store.session.clock().as_ms() / 10_000,
        store.session.applied(),
    );
    {
        let latest = latest.clone();
        use_effect_with(key, move |_| {
            if let Some(s) = latest.borrow().as_ref() {
                save_scenario(s);
            }
        });
    }
    use_effect_with((), move |_| {
        let listener = EventListener::new(&gloo::utils::window(), "pagehide", move |_| {
            if let Some(s) = latest.borrow().as_ref() {
                save_scenario(s);
            }
        });
        move || drop(listener)
    });
}
