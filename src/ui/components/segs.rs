//! Sentences made of text, object links and literal cluster text.

use yew::prelude::*;

use crate::ui::ctx::Ctx;
use crate::view_model::narration::Seg;

/// Renders segments; objects become buttons that select them.
pub fn segs(ctx: &Ctx, segs: &[Seg]) -> Html {
    render(ctx, segs, None)
}

/// The same, in an entry of a list the arrow keys walk
/// (`hooks::use_roving`): the links are left out of the Tab order.
pub fn segs_roving(ctx: &Ctx, segs: &[Seg]) -> Html {
    render(ctx, segs, Some("-1"))
}

fn render(ctx: &Ctx, segs: &[Seg], tabindex: Option<&'static str>) -> Html {
    segs.iter()
        .map(|s| match s {
            Seg::Text(t) => html! { { t.clone() } },
            Seg::Code(t) => html! { <code translate="no">{ t.clone() }</code> },
            Seg::Obj { id, name } => link(ctx, id, name, tabindex),
        })
        .collect()
}

/// An object name that selects the object when clicked.
pub fn obj_link(ctx: &Ctx, id: &str, name: &str) -> Html {
    link(ctx, id, name, None)
}

fn link(ctx: &Ctx, id: &str, name: &str, tabindex: Option<&'static str>) -> Html {
    html! {
        <button type="button" class={classes!("obj-link", ctx.sel_classes(id))}
            translate="no" onclick={ctx.select_cb::<MouseEvent>(id)} {tabindex}>
            { name.to_string() }
        </button>
    }
}
