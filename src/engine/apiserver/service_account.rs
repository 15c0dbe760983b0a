//! The ServiceAccount admission plugin on Pod creation
//! (`plugin/pkg/admission/serviceaccount`): the Pod's account must exist
//! in its namespace, its `automountServiceAccountToken` decides whether
//! the token volume is mounted when the Pod does not say, and its
//! `imagePullSecrets` are copied to a Pod that names none.
//!
//! The plugin retries a missing `default` account a few times (the
//! serviceaccounts controller is about to create it); here that controller
//! writes it in the same step as its namespace, so one look is enough.

use serde_json::Value;

use super::{go_quote, ApiError};
use crate::engine::objects::{GenericObject, Kind, Object, PodSpec};
use crate::engine::Engine;
use std::rc::Rc;

impl Engine {
    /// `Admit`'s lookup: the Pod's account, or the Forbidden error the
    /// plugin returns (`pods "p" is forbidden: error looking up service
    /// account default/nope: serviceaccount "nope" not found`).
    pub(super) fn admit_service_account(
        &self,
        pod: &str,
        ns: &str,
        spec: &PodSpec,
    ) -> Result<Option<Rc<GenericObject>>, ApiError> {
        let account = spec.service_account_name.as_deref().unwrap_or("default");
        match self.store.get_dyn(Kind::ServiceAccount, ns, account) {
            Some(Object::Other(_, sa)) => Ok(Some(sa)),
            Some(_) => Ok(None),
            None => Err(ApiError::Forbidden(format!(
                "pods {} is forbidden: error looking up service account {ns}/{account}: serviceaccount {} not found",
                go_quote(pod),
                go_quote(account)
            ))),
        }
    }
}

/// `shouldAutomount`: the Pod's preference wins, then the account's; true
/// when neither says.
pub(super) fn should_automount(spec: &PodSpec, account: &Option<Rc<GenericObject>>) -> bool {
    let said = |v: Option<&Value>| v.and_then(Value::as_bool);
    said(spec.extra.get("automountServiceAccountToken"))
        .or_else(|| {
            said(
                account
                    .as_ref()
                    .and_then(|a| a.rest.get("automountServiceAccountToken")),
            )
        })
        .unwrap_or(true)
}

/// A Pod without `imagePullSecrets` gets its account's.
pub(super) fn copy_image_pull_secrets(spec: &mut PodSpec, account: &Option<Rc<GenericObject>>) {
    let has = |v: Option<&Value>| v.and_then(Value::as_array).is_some_and(|a| !a.is_empty());
    if has(spec.extra.get("imagePullSecrets")) {
        return;
    }
    let Some(secrets) = account
        .as_ref()
        .and_then(|a| a.rest.get("imagePullSecrets"))
        .filter(|v| has(Some(v)))
    else {
        return;
    };
    // Only the names: the plugin copies `LocalObjectReference`s.
    let names: Vec<Value> = secrets
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| serde_json::json!({"name": s.get("name").cloned().unwrap_or(Value::String(String::new()))}))
        .collect();
    spec.extra
        .insert("imagePullSecrets".into(), Value::Array(names));
}
