//! Keeps a scrolling list at its end when something is added, unless the
//! reader has scrolled up to read.
//!
//! "At the end" is judged against the height the list had before this
//! update: a jump in time can add dozens of lines at once, and measured
//! against the new height a reader who was following would look scrolled up.

use web_sys::Element;
use yew::prelude::*;

#[hook]
pub fn use_scroll_to_end<D: PartialEq + 'static>(node: NodeRef, dep: D) {
    let last_height = use_mut_ref(|| 0i32);
    use_effect_with(dep, move |_| {
        if let Some(el) = node.cast::<Element>() {
            let before = (*last_height.borrow()).max(el.client_height());
            let was_at_end = before - el.scroll_top() - el.client_height() < 120;
            if was_at_end || el.scroll_top() == 0 {
                el.set_scroll_top(el.scroll_height());
            }
            *last_height.borrow_mut() = el.scroll_height();
        }
    });
}
