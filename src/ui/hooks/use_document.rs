//! The document follows the page's language: `<html lang>`, the title, and
//! the language the crash overlay uses.

use yew::prelude::*;

use crate::view_model::{Lang, Msg};

#[hook]
pub fn use_document(lang: Lang) {
    use_effect_with(lang, |&lang| {
        let doc = gloo::utils::document();
        if let Some(html) = doc.document_element() {
            let _ = html.set_attribute("lang", lang.tag());
        }
        doc.set_title(&format!("Ordinal: {}", lang.t(Msg::Tagline)));
        crate::ui::panic::set_lang(lang);
    });
}
