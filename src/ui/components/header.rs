//! The top bar: the name, the language, the theme, presentation mode and
//! sharing.

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::share_menu::ShareMenu;
use crate::ui::ctx::use_ctx;
use crate::ui::store::{Action, SharePack, Theme};
use crate::view_model::{Lang, Msg};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub theme: Theme,
    pub present: bool,
    pub share: Option<Rc<SharePack>>,
    pub seed: u64,
}

#[component]
pub fn Header(p: &Props) -> Html {
    let ctx = use_ctx();
    let on_lang = {
        let ctx = ctx.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            ctx.send(Action::SetLang(Lang::from_tag(&v)));
        })
    };
    let theme_label = ctx.t(match p.theme {
        Theme::Auto => Msg::ThemeAuto,
        Theme::Light => Msg::ThemeLight,
        Theme::Dark => Msg::ThemeDark,
    });
    let send = |a: fn() -> Action| {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| ctx.send(a()))
    };
    html! {
        <header class="topbar">
            <div class="brand">
                <h1 class="brand__name" translate="no">{ "Ordinal" }</h1>
                <p class="brand__tagline">{ ctx.t(Msg::Tagline) }</p>
            </div>
            <div class="topbar__tools">
                <label class="visually-hidden" for="lang-select">{ ctx.t(Msg::Language) }</label>
                <select id="lang-select" class="select" onchange={on_lang}>
                    <option value="en" lang="en" selected={ctx.lang == Lang::En}>{ "English" }</option>
                    <option value="pt-BR" lang="pt-BR" selected={ctx.lang == Lang::Pt}>{ "Português (Brasil)" }</option>
                </select>
                <button type="button" class="button button--ghost theme-button" onclick={send(|| Action::CycleTheme)}
                    title={ctx.t(Msg::Theme)} aria-label={theme_label}>
                    <span class="icon" aria-hidden="true">{ "◐" }</span><span class="label">{ theme_label }</span>
                </button>
                <button type="button" class="button button--ghost present-button" aria-pressed={p.present.to_string()}
                    aria-label={ctx.t(Msg::Present)} onclick={send(|| Action::TogglePresent)}>
                    <span class="icon" aria-hidden="true">{ "⤢" }</span>
                    <span class="label">{ ctx.t(if p.present { Msg::PresentOff } else { Msg::Present }) }</span>
                </button>
                <ShareMenu share={p.share.clone()} seed={p.seed} />
            </div>
        </header>
    }
}
