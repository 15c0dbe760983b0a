//! The Priority admission plugin (`plugin/pkg/admission/priority`) and the
//! PriorityClass registry's delete rule: a new Pod's priority and
//! preemption policy come from its `priorityClassName` (or the global
//! default class, or 0); a class that does not exist refuses the Pod, so a
//! StatefulSet naming one records `FailedCreate` and creates nothing. Only
//! one class may be the global default, and the two system classes cannot
//! be deleted.
//!
//! May not import yew, web_sys, gloo, js_sys or wasm_bindgen.

use super::errors::{go_quote, ApiError};
use super::validation::priority_class::SYSTEM_PRIORITY_CLASSES;
use crate::engine::objects::pod::PodSpec;
use crate::engine::objects::scheduling::PriorityClassFields;
use crate::engine::objects::{GenericObject, Kind, Object, RcStr, Value};
use crate::engine::Engine;

/// `DefaultPriorityWhenNoDefaultClassExists`.
const DEFAULT_PRIORITY: i64 = 0;
const PREEMPT_LOWER_PRIORITY: &str = "PreemptLowerPriority";

impl Engine {
    fn priority_classes(&self) -> impl Iterator<Item = std::rc::Rc<GenericObject>> {
        self.store
            .list_dyn(Kind::PriorityClass, None)
            .into_iter()
            .filter_map(|o| match o {
                Object::Other(_, pc) => Some(pc),
                _ => None,
            })
    }

    /// `getDefaultPriorityClass`: of the classes marked global default (a
    /// race can leave several), the one with the lowest value.
    fn default_priority_class(&self) -> Option<std::rc::Rc<GenericObject>> {
        self.priority_classes()
            .filter(|pc| PriorityClassFields::of(pc).global_default)
            .min_by_key(|pc| PriorityClassFields::of(pc).value)
    }

    /// `admitPod` on create: resolves the class, refuses a Pod whose own
    /// `priority` or `preemptionPolicy` disagrees with it, and fills both in.
    pub(super) fn admit_pod_priority(
        &self,
        name: &str,
        spec: &mut PodSpec,
    ) -> Result<(), ApiError> {
        let forbidden = |why: String| {
            Err(ApiError::Forbidden(format!(
                "pods {} is forbidden: {why}",
                go_quote(name)
            )))
        };
        // `establishPriority`: the named class, else the global default
        // (whose name the Pod then takes), else priority 0.
        let class = spec.priority_class_name();
        let resolved = if class.is_empty() {
            self.default_priority_class()
        } else {
            match self.store.get_dyn(Kind::PriorityClass, "", class) {
                Some(Object::Other(_, pc)) => Some(pc),
                _ => return forbidden(format!("no PriorityClass with name {class} was found")),
            }
        };
        let (priority, policy) = match &resolved {
            Some(pc) => {
                let f = PriorityClassFields::of(pc);
                (f.value, f.preemption_policy.map(str::to_string))
            }
            None => (DEFAULT_PRIORITY, Some(PREEMPT_LOWER_PRIORITY.to_string())),
        };
        if let Some(pc) = resolved.filter(|_| class.is_empty()) {
            spec.extra.insert(
                "priorityClassName".into(),
                Value::from(pc.metadata.name.as_str()),
            );
        }
        let priority = i32::try_from(priority).unwrap_or(i32::MAX);
        if let Some(given) = spec.priority.filter(|&p| p != priority) {
            return forbidden(format!("the integer value of priority ({given}) must not be provided in pod spec; priority admission controller computed {priority} from the given PriorityClass name"));
        }
        spec.priority = Some(priority);
        if let Some(policy) = policy {
            if let Some(given) = spec.preemption_policy.as_deref().filter(|&p| p != policy) {
                return forbidden(format!("the string value of PreemptionPolicy ({given}) must not be provided in pod spec; priority admission controller computed {policy} from the given PriorityClass name"));
            }
            spec.preemption_policy = Some(RcStr::interned(&policy));
        }
        Ok(())
    }

    /// `validatePriorityClass` (after validation, on create and update):
    /// a second global default is refused.
    pub(super) fn admit_priority_class(
        &self,
        obj: &Object,
        creating: bool,
    ) -> Result<(), ApiError> {
        let Object::Other(Kind::PriorityClass, pc) = obj else {
            return Ok(());
        };
        if !PriorityClassFields::of(pc).global_default {
            return Ok(());
        }
        match self.default_priority_class() {
            Some(d) if creating || d.metadata.name != pc.metadata.name => Err(ApiError::Forbidden(format!(
                "priorityclasses.scheduling.k8s.io {} is forbidden: PriorityClass {} is already marked as default. Only one default can exist",
                go_quote(&pc.metadata.name),
                d.metadata.name
            ))),
            _ => Ok(()),
        }
    }

    /// The registry's `Delete`: the system classes stay.
    pub(super) fn check_priority_class_delete(
        &self,
        kind: Kind,
        name: &str,
    ) -> Result<(), ApiError> {
        if kind == Kind::PriorityClass && SYSTEM_PRIORITY_CLASSES.iter().any(|(n, _, _)| *n == name)
        {
            return Err(ApiError::Forbidden(format!(
                "priorityclasses.scheduling.k8s.io {} is forbidden: this is a system priority class and cannot be deleted",
                go_quote(name)
            )));
        }
        Ok(())
    }
}
