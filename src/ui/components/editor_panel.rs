//! The editor column: examples, Apply, undo/redo, the YAML, its problems
//! and what Apply would change.

use std::rc::Rc;

use yew::prelude::*;

use super::apply_diff::ApplyDiff;
use super::code_editor::CodeEditor;
use super::diagnostics::Diagnostics;
use super::editor_toolbar::EditorToolbar;
use crate::view_model::apply_plan::PlanItem;
use crate::view_model::editor::EditorState;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub editor: Rc<EditorState>,
    pub example: crate::view_model::examples::Pick,
    pub plan: Rc<Option<Vec<PlanItem>>>,
    pub diff_open: bool,
}

#[component]
pub fn EditorPanel(p: &Props) -> Html {
    let e = &p.editor;
    html! {
        <div class="editor-panel">
            <EditorToolbar example={p.example} can_undo={e.can_undo()} can_redo={e.can_redo()}
                has_errors={e.has_errors()} file={AttrValue::from(e.file.to_string())} />
            <CodeEditor text={e.text.clone()} diagnostics={e.diagnostics.clone()} />
            <Diagnostics diagnostics={e.diagnostics.clone()} />
            <ApplyDiff plan={p.plan.clone()} open={p.diff_open} />
        </div>
    }
}
