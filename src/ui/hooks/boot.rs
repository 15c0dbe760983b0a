//! What the page finds when it starts: a share link in the address
//! (`#s=…`), else the saved session, preferences and history. Anything that
//! cannot be read is set aside and reported, never a blank page.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::storage;
use crate::ui::store::{Boot, Theme};
use crate::view_model::lesson::Tutor;
use crate::view_model::scenario::{LinkError, Scenario, MAX_LINK};
use crate::view_model::{Lang, Msg};

#[derive(Serialize, Deserialize, Default)]
pub struct Prefs {
    #[serde(default)]
    pub lang: Option<String>,
    #[serde(default)]
    pub theme: String,
    #[serde(default)]
    pub present: bool,
    #[serde(default)]
    pub speed: Option<usize>,
}

fn navigator_lang() -> Lang {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .map(|l| Lang::from_tag(&l))
        .unwrap_or_default()
}

/// The address's fragment if it starts with `prefix`; the fragment is
/// then removed from the address.
fn take_fragment(prefix: &str) -> Option<String> {
    let w = web_sys::window()?;
    let hash = w.location().hash().ok()?;
    let payload = hash.strip_prefix(prefix)?.to_string();
    // The link has done its job: a reload keeps the user's own work.
    if let Ok(h) = w.history() {
        let path = w.location().pathname().unwrap_or_default();
        let search = w.location().search().unwrap_or_default();
        let _ = h.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}{search}")),
        );
    }
    Some(payload)
}

pub fn read() -> Boot {
    let mut boot = Boot::default();
    match storage::get(storage::PREFS).map(|t| serde_json::from_str::<Prefs>(&t)) {
        Some(Ok(p)) => {
            boot.lang = p.lang.as_deref().map(Lang::from_tag);
            boot.theme = Theme::parse(&p.theme);
            boot.present = p.present;
            boot.speed = p.speed;
        }
        Some(Err(_)) => {
            storage::set_aside(storage::PREFS);
            boot.notices
                .push((Msg::SavedDamaged, vec!["prefs".into()], true));
        }
        None => {}
    }
    if boot.lang.is_none() {
        boot.lang = Some(navigator_lang());
    }
    // A workshop link: a lesson at a step, with a seed and a language.
    if let Some(fragment) = take_fragment("#lesson=") {
        match crate::lessons::Link::decode(&format!("lesson={fragment}")) {
            Some(link) => {
                boot.lang = Some(crate::view_model::lesson::page_lang(link.lang));
                boot.lesson_link = Some(link);
            }
            None => boot.notices.push((Msg::LessonLinkDamaged, vec![], true)),
        }
    }
    match storage::get(storage::LESSONS_DONE)
        .map(|t| serde_json::from_str::<BTreeMap<String, Vec<bool>>>(&t))
    {
        Some(Ok(d)) => boot.lesson_done = d,
        Some(Err(_)) => {
            storage::set_aside(storage::LESSONS_DONE);
            boot.notices
                .push((Msg::SavedDamaged, vec!["lessons".into()], true));
        }
        None => {}
    }
    match storage::get(storage::LESSON).map(|t| serde_json::from_str::<Option<Tutor>>(&t)) {
        Some(Ok(t)) => boot.tutor = t,
        Some(Err(_)) => {
            storage::set_aside(storage::LESSON);
            boot.notices
                .push((Msg::SavedDamaged, vec!["lesson".into()], true));
        }
        None => {}
    }
    if boot.lesson_link.is_some() {
        return boot_rest(boot);
    }
    if let Some(link) = take_fragment("#s=") {
        match Scenario::from_link(&link) {
            Ok(sc) => {
                boot.scenario = Some(sc);
                boot.from_link = true;
                boot.notices.push((Msg::LinkLoaded, vec![], false));
            }
            Err(LinkError::TooLong(_)) => {
                boot.notices
                    .push((Msg::LinkTooLong, vec![MAX_LINK.to_string()], true));
            }
            Err(LinkError::Damaged(why)) => {
                boot.notices.push((Msg::LinkDamaged, vec![why], true));
            }
        }
    }
    boot_rest(boot)
}

/// The editor's text, the history and the saved scenario.
fn boot_rest(mut boot: Boot) -> Boot {
    boot.editor = storage::get(storage::EDITOR);
    match storage::get(storage::HISTORY).map(|t| serde_json::from_str::<Vec<String>>(&t)) {
        Some(Ok(h)) => boot.history = h,
        Some(Err(_)) => {
            storage::set_aside(storage::HISTORY);
            boot.notices
                .push((Msg::SavedDamaged, vec!["history".into()], true));
        }
        None => {}
    }
    if boot.scenario.is_none()
        && boot.lesson_link.is_none()
        && boot
            .notices
            .iter()
            .all(|n| n.0 != Msg::LinkDamaged && n.0 != Msg::LinkTooLong)
    {
        match storage::get(storage::SCENARIO).map(|t| Scenario::from_json(&t)) {
            Some(Ok(sc)) => {
                boot.scenario = Some(sc);
                boot.notices.push((Msg::Restored, vec![], false));
            }
            Some(Err(_)) => {
                storage::set_aside(storage::SCENARIO);
                boot.notices
                    .push((Msg::SavedDamaged, vec!["scenario".into()], true));
            }
            None => {}
        }
    }
    boot
}
