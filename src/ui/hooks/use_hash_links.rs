//! A share or workshop link pasted into the address bar of a page that is
//! already open only changes the fragment: no new page load, so `boot`
//! never sees it. Reload then (what is saved comes back, and the link wins).

use gloo::events::EventListener;
use yew::prelude::*;

#[hook]
pub fn use_hash_links() {
    use_effect_with((), |_| {
        let window = gloo::utils::window();
        let listener = EventListener::new(&window, "hashchange", move |_| {
            let w = gloo::utils::window();
            let hash = w.location().hash().unwrap_or_default();
            if hash.starts_with("#lesson=") || hash.starts_with("#s=") {
                let _ = w.location().reload();
            }
        });
        move || drop(listener)
    });
}
