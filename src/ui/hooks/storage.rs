//! The browser's local storage, by key; every failure (storage disabled,
//! quota) is quietly ignored: the page works without it.

pub const SCENARIO: &str = "ordinal.v1.scenario";
pub const EDITOR: &str = "ordinal.v1.editor";
pub const HISTORY: &str = "ordinal.v1.history";
pub const PREFS: &str = "ordinal.v1.prefs";
/// The lesson in progress (a `Tutor`) and the steps done per lesson.
pub const LESSON: &str = "ordinal.v1.lesson";
pub const LESSONS_DONE: &str = "ordinal.v1.lessons-done";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

pub fn set(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

/// Moves a value that could not be read out of the way, keeping it.
pub fn set_aside(key: &str) {
    if let (Some(s), Some(v)) = (storage(), get(key)) {
        let _ = s.set_item(&format!("{key}.damaged"), &v);
        let _ = s.remove_item(key);
    }
}
