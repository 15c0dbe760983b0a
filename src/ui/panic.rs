//! When the page panics: an overlay that says what happened, a report the
//! user can copy, and a reload link. Built with plain DOM calls because the
//! app itself can no longer run; the saved state (editor, history,
//! scenario) brings the user's work back after the reload.

use std::cell::Cell;

use crate::view_model::{Lang, Msg};

thread_local! {
    static LANG: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// The language the overlay speaks (kept in step with the page).
pub fn set_lang(lang: Lang) {
    LANG.with(|l| l.set(lang));
}

/// Replaces Yew's default hook (which only logs to the console).
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let report = report(&info.to_string());
        show(&report);
    }));
}

fn report(what: &str) -> String {
    let w = web_sys::window();
    let agent = w
        .as_ref()
        .and_then(|w| w.navigator().user_agent().ok())
        .unwrap_or_default();
    let href = w
        .as_ref()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let href = href.split('#').next().unwrap_or("").to_string();
    format!(
        "Ordinal {}\n{what}\npage: {href}\nbrowser: {agent}\n",
        crate::VERSION
    )
}

fn show(report: &str) {
    let lang = LANG.with(Cell::get);
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = doc.body() else { return };
    let el = |tag: &str, class: &str, text: Option<&str>| {
        let e = doc.create_element(tag).ok()?;
        e.set_class_name(class);
        if let Some(t) = text {
            e.set_text_content(Some(t));
        }
        Some(e)
    };
    let build = || -> Option<()> {
        let overlay = el("div", "crash", None)?;
        overlay.set_attribute("role", "alertdialog").ok()?;
        overlay
            .set_attribute("aria-labelledby", "crash-title")
            .ok()?;
        let boxed = el("div", "crash__box", None)?;
        let h = el("h2", "crash__title", Some(lang.t(Msg::CrashTitle)))?;
        h.set_id("crash-title");
        boxed.append_child(&h).ok()?;
        let body_text = el("p", "", Some(lang.t(Msg::CrashBody)))?;
        boxed.append_child(&body_text).ok()?;
        let label = el("label", "crash__label", Some(lang.t(Msg::CrashReport)))?;
        label.set_attribute("for", "crash-report").ok()?;
        boxed.append_child(&label).ok()?;
        let area = el("textarea", "crash__report", Some(report))?;
        area.set_id("crash-report");
        area.set_attribute("readonly", "").ok()?;
        area.set_attribute("rows", "6").ok()?;
        area.set_attribute("translate", "no").ok()?;
        boxed.append_child(&area).ok()?;
        let href = web_sys::window()?.location().pathname().ok()?;
        let reload = el(
            "a",
            "button button--primary crash__reload",
            Some(lang.t(Msg::CrashReload)),
        )?;
        reload.set_attribute("href", &href).ok()?;
        boxed.append_child(&reload).ok()?;
        overlay.append_child(&boxed).ok()?;
        body.append_child(&overlay).ok()?;
        let _ = reload.dyn_ref_focus();
        Some(())
    };
    let _ = build();
}

trait Focus {
    fn dyn_ref_focus(&self) -> Option<()>;
}

impl Focus for web_sys::Element {
    fn dyn_ref_focus(&self) -> Option<()> {
        use wasm_bindgen::JsCast;
        self.dyn_ref::<web_sys::HtmlElement>()?.focus().ok()
    }
}
