//! The prompt: Enter runs (or asks for more with `> ` when the command is
//! not finished), ↑/↓ walk the history, Tab completes, Escape clears the
//! suggestions. Pasted blocks run as they are.

use std::rc::Rc;

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::console::sh::Completeness;
use crate::console::Console;
use crate::ui::ctx::use_ctx;
use crate::ui::store::Action;
use crate::view_model::complete::{apply, complete, Names};
use crate::view_model::Msg;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub history: Rc<Vec<String>>,
    pub fill: Option<(u64, AttrValue)>,
    pub names: Rc<Names>,
    pub prompt: AttrValue,
    /// A password prompt: the text is masked, as a terminal hides it.
    #[prop_or_default]
    pub secret: bool,
}

#[component]
pub fn ConsoleInput(p: &Props) -> Html {
    let ctx = use_ctx();
    let text = use_state(String::new);
    // Position in the history while walking it (None: editing a new line).
    let walk = use_state(|| None::<usize>);
    // What was being typed when ↑ began the walk: ↓ past the newest entry
    // gives it back, as a shell does.
    let draft = use_state(String::new);
    let cands = use_state(Vec::<String>::new);
    let area = use_node_ref();
    {
        let (text, area) = (text.clone(), area.clone());
        use_effect_with(p.fill.clone(), move |fill| {
            if let Some((_, t)) = fill {
                text.set(t.to_string());
                if let Some(a) = area.cast::<HtmlTextAreaElement>() {
                    let _ = a.focus();
                }
            }
        });
    }
    let oninput = {
        let (text, cands) = (text.clone(), cands.clone());
        Callback::from(move |e: InputEvent| {
            text.set(e.target_unchecked_into::<HtmlTextAreaElement>().value());
            cands.set(Vec::new());
        })
    };
    let onkeydown = {
        let (text, walk, cands, ctx) = (text.clone(), walk.clone(), cands.clone(), ctx.clone());
        let draft = draft.clone();
        let (history, names) = (p.history.clone(), p.names.clone());
        Callback::from(move |e: KeyboardEvent| {
            let a: HtmlTextAreaElement = e.target_unchecked_into();
            let value = a.value();
            let caret = a.selection_start().ok().flatten().unwrap_or(0) as usize;
            let caret = value
                .char_indices()
                .nth(caret)
                .map_or(value.len(), |(i, _)| i);
            match e.key().as_str() {
                "Enter" if !e.shift_key() => {
                    e.prevent_default();
                    if matches!(Console::completeness(&value), Completeness::NeedsMore(_)) {
                        text.set(format!("{value}\n"));
                        return;
                    }
                    if !value.trim().is_empty() {
                        ctx.send(Action::Run(value.clone()));
                    }
                    text.set(String::new());
                    walk.set(None);
                    cands.set(Vec::new());
                }
                "ArrowUp" if !value[..caret].contains('\n') && !history.is_empty() => {
                    e.prevent_default();
                    if walk.is_none() {
                        draft.set(value.clone());
                    }
                    let i = walk.map_or(history.len() - 1, |i| i.saturating_sub(1));
                    walk.set(Some(i));
                    text.set(history[i].clone());
                }
                "ArrowDown" if !value[caret..].contains('\n') && walk.is_some() => {
                    e.prevent_default();
                    match walk.map(|i| i + 1).filter(|&i| i < history.len()) {
                        Some(i) => {
                            walk.set(Some(i));
                            text.set(history[i].clone());
                        }
                        None => {
                            walk.set(None);
                            text.set((*draft).clone());
                        }
                    }
                }
                "Tab" if !value.trim().is_empty() && !e.shift_key() => {
                    if let Some(c) = complete(&value, caret, &names) {
                        e.prevent_default();
                        let (line, _) = apply(&value, caret, &c);
                        text.set(line);
                        cands.set(if c.candidates.len() > 1 {
                            c.candidates
                        } else {
                            Vec::new()
                        });
                    }
                }
                "Escape" => cands.set(Vec::new()),
                _ => {}
            }
        })
    };
    let lines = text.split('\n').count();
    // The hint names kubectl: only at the console's own prompt, not in a
    // container's shell or a database client.
    html! {
        <div class="prompt-box">
            if !cands.is_empty() {
                <ul class="completions" aria-label={ctx.t(Msg::Completions)} translate="no">
                    { for cands.iter().map(|c| html! { <li>{ c.clone() }</li> }) }
                </ul>
            }
            <div class="prompt-row">
                <span class="prompt" aria-hidden="true">
                    { for (0..lines).map(|i| html! { <span>{ if i == 0 { p.prompt.trim_end() } else { ">" } }<br/></span> }) }
                </span>
                <label for="console-input" class="visually-hidden">{ ctx.t(Msg::ConsoleLabel) }</label>
                <textarea id="console-input" class={classes!("prompt-input", p.secret.then_some("is-secret"))} ref={area} rows={lines.to_string()}
                    spellcheck="false" autocomplete="off" autocapitalize="off" translate="no"
                    placeholder={(p.prompt.trim_end() == "$").then(|| ctx.t(Msg::ConsolePlaceholder))} value={(*text).clone()}
                    aria-describedby={(lines > 1).then_some("console-more")} {oninput} {onkeydown} />
            </div>
            if lines > 1 { <p id="console-more" class="visually-hidden">{ ctx.t(Msg::ConsoleContinue) }</p> }
        </div>
    }
}
