//! Keeps a scrolling list at its end when something is added, unless the
//! reader has scrolled up to read.

use web_sys::Element;
use yew::prelude::*;

#[hook]
pub fn use_scroll_to_end<D: PartialEq + 'static>(node: NodeRef, dep: D) {
    use_effect_with(dep, move |_| {
        if let Some(el) = node.cast::<Element>() {
            let near_end = el.scroll_height() - el.scroll_top() - el.client_height() < 120;
            if near_end || el.scroll_top() == 0 {
                el.set_scroll_top(el.scroll_height());
            }
        }
    });
}
