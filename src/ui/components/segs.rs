//! Sentences made of text, object links and literal cluster text.

use yew::prelude::*;

use crate::ui::ctx::Ctx;
use crate::view_model::narration::Seg;

/// Renders segments; objects become buttons that select them.
pub fn segs(ctx: &Ctx, segs: &[Seg]) -> Html {
    segs.iter()
        .map(|s| match s {
            Seg::Text(t) => html! { { t.clone() } },
            Seg::Code(t) => html! { <code translate="no">{ t.clone() }</code> },
            Seg::Obj { id, name } => obj_link(ctx, id, name),
        })
        .collect()
}

/// An object name that selects the object when clicked.
pub fn obj_link(ctx: &Ctx, id: &str, name: &str) -> Html {
    html! {
        <button type="button" class={classes!("obj-link", ctx.sel_classes(id))}
            translate="no" onclick={ctx.select_cb::<MouseEvent>(id)}>
            { name.to_string() }
        </button>
    }
}
