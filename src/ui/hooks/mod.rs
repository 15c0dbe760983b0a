//! The page's effects: the only places that touch timers, storage, the
//! document and the address bar.

pub mod boot;
pub mod storage;
mod use_clock;
mod use_document;
mod use_hash_links;
mod use_persist;
mod use_roving;
mod use_scroll;

pub use use_clock::use_clock;
pub use use_document::use_document;
pub use use_hash_links::use_hash_links;
pub use use_persist::use_persist;
pub use use_roving::use_roving;
pub use use_scroll::{use_reveal, use_scroll_to_end};

/// `?crash-test` in the address makes the page panic once it has started,
/// so the failure overlay can be seen and tested.
#[yew::hook]
pub fn use_crash_test() {
    yew::use_effect_with((), |_| {
        let asked = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .is_some_and(|s| s.contains("crash-test"));
        if asked {
            panic!("crash test requested by the page address (?crash-test)");
        }
    });
}
