//! One Tab stop for a long list whose entries are full of links (the
//! narration: each line names two or three objects, so the log was dozens
//! of Tab stops to get past). The entries take turns holding the Tab stop
//! (a roving tabindex), their links are left out of the Tab order, and
//! the arrow keys move inside: ↑/↓ (Home/End) from entry to entry, →/←
//! through the entry's links and back to it, Escape back to the entry,
//! Enter on an entry follows its first link. The mouse is unchanged.
//!
//! Entries carry `data-entry="ID"`; the hook says which one holds the Tab
//! stop: the one the focus was last in, while it is still listed, else
//! the newest.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

const ENTRY: &str = "[data-entry]";
const LINK: &str = ".obj-link";

pub struct Roving {
    /// The entry with `tabindex="0"`.
    pub active: Option<u64>,
    pub onkeydown: Callback<KeyboardEvent>,
    pub onfocusin: Callback<FocusEvent>,
}

#[hook]
pub fn use_roving(ids: &[u64]) -> Roving {
    let chosen = use_state_eq(|| None::<u64>);
    let active = (*chosen)
        .filter(|c| ids.contains(c))
        .or(ids.last().copied());
    let onfocusin = {
        let chosen = chosen.clone();
        Callback::from(move |e: FocusEvent| {
            let id = e
                .target_dyn_into::<Element>()
                .and_then(|t| t.closest(ENTRY).ok().flatten())
                .and_then(|entry| entry.get_attribute("data-entry"))
                .and_then(|v| v.parse().ok());
            if id.is_some() {
                chosen.set(id);
            }
        })
    };
    Roving {
        active,
        onkeydown: Callback::from(on_key),
        onfocusin,
    }
}

fn on_key(e: KeyboardEvent) {
    if e.alt_key() || e.ctrl_key() || e.meta_key() {
        return;
    }
    let Some(target) = e.target_dyn_into::<Element>() else {
        return;
    };
    let Some(entry) = target.closest(ENTRY).ok().flatten() else {
        return;
    };
    let on_entry = target == entry;
    let links = links(&entry);
    let at = links.iter().position(|l| *l == target);
    let to = match e.key().as_str() {
        "ArrowDown" => entry_after(&entry, true),
        "ArrowUp" => entry_after(&entry, false),
        "Home" => entry.parent_element().and_then(|l| first_entry(&l, true)),
        "End" => entry.parent_element().and_then(|l| first_entry(&l, false)),
        "ArrowRight" => match at {
            Some(i) => links.get(i + 1).cloned(),
            None => links.first().cloned(),
        },
        "ArrowLeft" if !on_entry => match at {
            Some(i) if i > 0 => links.get(i - 1).cloned(),
            _ => Some(entry.clone()),
        },
        "Escape" if !on_entry => Some(entry.clone()),
        "Enter" | " " if on_entry => {
            e.prevent_default();
            if let Some(first) = links.first().and_then(|l| l.dyn_ref::<HtmlElement>()) {
                first.click();
            }
            return;
        }
        _ => return,
    };
    // The keys are ours inside the list, even at its ends (no scrolling
    // of the list or the page under the focus).
    e.prevent_default();
    if let Some(el) = to.and_then(|t| t.dyn_into::<HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// The entry's links, in order.
fn links(entry: &Element) -> Vec<Element> {
    let mut out = Vec::new();
    if let Ok(list) = entry.query_selector_all(LINK) {
        for i in 0..list.length() {
            if let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                out.push(el);
            }
        }
    }
    out
}

/// The next (or previous) entry beside `entry`.
fn entry_after(entry: &Element, forward: bool) -> Option<Element> {
    let mut cur = step(entry, forward);
    while let Some(el) = cur {
        if el.matches(ENTRY).unwrap_or(false) {
            return Some(el);
        }
        cur = step(&el, forward);
    }
    None
}

/// The first (or last) entry of `list`.
fn first_entry(list: &Element, first: bool) -> Option<Element> {
    let edge = if first {
        list.first_element_child()
    } else {
        list.last_element_child()
    }?;
    if edge.matches(ENTRY).unwrap_or(false) {
        Some(edge)
    } else {
        entry_after(&edge, first)
    }
}

fn step(el: &Element, forward: bool) -> Option<Element> {
    if forward {
        el.next_element_sibling()
    } else {
        el.previous_element_sibling()
    }
}
