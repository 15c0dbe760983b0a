//! Conditions on PersistentVolumeClaims: whether they exist and are bound,
//! whether they still hold the volume they had when the step began, who
//! owns them (the retention policy at work), and what their volume holds.

use serde::{Deserialize, Serialize};

use super::{default_ns, yes, Ctx};
use crate::lessons::text::Text;

fn fail<T>(en: String, pt: String) -> Result<T, Text> {
    Err(Text::new(en, pt))
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimCond {
    pub name: String,
    #[serde(default = "default_ns")]
    pub ns: String,
    #[serde(default = "yes")]
    pub exists: bool,
    pub bound: Option<bool>,
    /// Bound to the volume it had at the step's start.
    pub same_volume: Option<bool>,
    pub terminating: Option<bool>,
    /// The kind of its controller owner: `StatefulSet`, `Pod` or `none`.
    pub owner: Option<String>,
    /// A path inside the volume (`/index.html` is what a Pod sees at
    /// `<mountPath>/index.html`).
    pub file: Option<String>,
    /// Text the file must contain.
    pub contains: Option<String>,
}

impl ClaimCond {
    pub fn eval(&self, cx: &Ctx<'_>) -> Result<(), Text> {
        let n = &self.name;
        let Some(c) = cx.engine.store().pvcs.get(&self.ns, n) else {
            return if self.exists {
                fail(
                    format!("PersistentVolumeClaim {n} does not exist."),
                    format!("O PersistentVolumeClaim {n} não existe."),
                )
            } else {
                Ok(())
            };
        };
        if !self.exists {
            return fail(
                format!("PersistentVolumeClaim {n} still exists."),
                format!("O PersistentVolumeClaim {n} ainda existe."),
            );
        }
        let volume = &c.spec.volume_name;
        if let Some(want) = self.terminating {
            let t = c.metadata.is_terminating();
            if want != t {
                return if want {
                    fail(
                        format!("{n} is not being deleted."),
                        format!("{n} não está sendo excluído."),
                    )
                } else {
                    fail(
                        format!("{n} is being deleted (Terminating)."),
                        format!("{n} está sendo excluído (Terminating)."),
                    )
                };
            }
        }
        if let Some(want) = self.bound {
            let phase = if c.status.phase.is_empty() {
                "Pending"
            } else {
                c.status.phase.as_str()
            };
            if want != (phase == "Bound") {
                return fail(format!("{n} is {phase}."), format!("{n} está {phase}."));
            }
        }
        if let Some(want) = self.same_volume {
            let old = cx.base.claim(&self.ns, n).unwrap_or("");
            let same = !old.is_empty() && old == volume;
            if want && !same {
                return fail(
                    format!("{n} is bound to {volume}, not to {old} as when the step began."),
                    format!(
                        "{n} está vinculado a {volume}, e não a {old} como no início do passo."
                    ),
                );
            }
            if !want && same {
                return fail(
                    format!("{n} is still bound to the same volume {volume}."),
                    format!("{n} ainda está vinculado ao mesmo volume {volume}."),
                );
            }
        }
        if let Some(want) = &self.owner {
            let have = c
                .metadata
                .controller_ref()
                .map_or("none", |o| o.kind.as_str());
            if have != want {
                return fail(
                    format!("The controller owner of {n} is {have}; this step needs {want}."),
                    format!("O dono controlador de {n} é {have}; este passo precisa de {want}."),
                );
            }
        }
        if let Some(path) = &self.file {
            let text = cx
                .engine
                .volumes
                .get(volume)
                .and_then(|t| t.read(path).ok())
                .ok_or_else(|| {
                    Text::new(
                        format!("The volume of {n} has no file {path} yet."),
                        format!("O volume de {n} ainda não tem o arquivo {path}."),
                    )
                })?;
            if let Some(want) = &self.contains {
                if !text.contains(want.as_str()) {
                    let shown = text.trim();
                    return fail(
                        format!("The file {path} in the volume of {n} holds \"{shown}\", not \"{want}\"."),
                        format!("O arquivo {path} no volume de {n} contém \"{shown}\", e não \"{want}\"."),
                    );
                }
            }
        }
        Ok(())
    }
}
