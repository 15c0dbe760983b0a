//! Keeps a scrolling list at its end when something is added, unless the
//! reader has scrolled up to read.
//!
//! "At the end" is judged against the height the list had before this
//! update: a jump in time can add dozens of lines at once, and measured
//! against the new height a reader who was following would look scrolled up.
//!
//! The element that scrolls is not always the list: where a panel grows
//! with its content (the laptop layout's side panels), its container does.
//! So the hook scrolls the nearest element, from the list up, whose
//! computed `overflow-y` lets it scroll.

use web_sys::Element;
use yew::prelude::*;

/// The list itself or the first ancestor that scrolls its content.
fn scroller(el: &Element) -> Element {
    let window = web_sys::window();
    let mut cur = Some(el.clone());
    while let Some(e) = cur {
        let scrolls = window
            .as_ref()
            .and_then(|w| w.get_computed_style(&e).ok().flatten())
            .and_then(|s| s.get_property_value("overflow-y").ok())
            .is_some_and(|o| o == "auto" || o == "scroll");
        if scrolls && e.scroll_height() > e.client_height() {
            return e;
        }
        cur = e.parent_element();
    }
    el.clone()
}

#[hook]
pub fn use_scroll_to_end<D: PartialEq + 'static>(node: NodeRef, dep: D) {
    let last_height = use_mut_ref(|| 0i32);
    use_effect_with(dep, move |_| {
        if let Some(list) = node.cast::<Element>() {
            let el = scroller(&list);
            let before = (*last_height.borrow()).max(el.client_height());
            let was_at_end = before - el.scroll_top() - el.client_height() < 120;
            if was_at_end || el.scroll_top() == 0 {
                el.set_scroll_top(el.scroll_height());
            }
            *last_height.borrow_mut() = el.scroll_height();
        }
    });
}

/// Brings the element into view when `dep` changes to something, if it is
/// outside the window: on a phone the selected Pod's actions are below the
/// cluster view and the Service card, so tapping a Pod seemed to do nothing.
/// Where it is already visible (a laptop's side panel) nothing moves.
#[hook]
pub fn use_reveal<D: PartialEq + 'static>(node: NodeRef, dep: Option<D>) {
    use_effect_with(dep, move |dep| {
        if dep.is_some() {
            if let Some(el) = node.cast::<Element>() {
                let rect = el.get_bounding_client_rect();
                let height = web_sys::window()
                    .and_then(|w| w.inner_height().ok())
                    .and_then(|v| v.as_f64())
                    .unwrap_or(f64::MAX);
                if rect.top() < 0.0 || rect.bottom() > height {
                    el.scroll_into_view_with_bool(false);
                }
            }
        }
    });
}
