//! Container lifecycle hooks (core `validateLifecycle`,
//! `validateLifecycleHandler`, `validateSleepAction`): each of `postStart`
//! and `preStop` names exactly one handler (exec, httpGet, tcpSocket or
//! sleep), valid as a probe's would be, and a sleep may not outlast the
//! Pod's termination grace period (zero is allowed since
//! PodLifecycleSleepActionAllowZero, GA in 1.34).
//!
//! May not import yew, web_sys, gloo, js_sys or wasm_bindgen.

use super::probe::{count_handler, validate_actions};
use super::render::{invalid, required, Path};
use crate::engine::apiserver::errors::FieldError;
use crate::engine::objects::pod::{Container, Probe};
use crate::engine::objects::Value;

pub(super) fn validate_lifecycle(
    c: &Container,
    grace: Option<i64>,
    path: &Path,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let Some(lifecycle) = c.extra.get("lifecycle").filter(|v| !v.is_null()) else {
        return errs;
    };
    for hook in ["postStart", "preStop"] {
        if let Some(h) = lifecycle.get(hook).filter(|v| !v.is_null()) {
            errs.extend(validate_handler(h, grace, &path.child(hook)));
        }
    }
    errs
}

fn validate_handler(h: &Value, grace: Option<i64>, path: &Path) -> Vec<FieldError> {
    // The shared actions read as a probe's (its other fields stay unset).
    let mut as_probe: Probe = serde_json::from_value(h.clone()).unwrap_or_default();
    if let Some(get) = as_probe.http_get.as_mut() {
        // Defaulted by the API server before validation
        // (`SetDefaults_HTTPGetAction`).
        get.scheme.get_or_insert_with(|| "HTTP".to_string());
        get.path.get_or_insert_with(|| "/".to_string());
    }
    let mut handlers = 0;
    let mut errs = validate_actions(&as_probe, path, &mut handlers);
    if let Some(sleep) = h.get("sleep").filter(|v| !v.is_null()) {
        if count_handler(&mut errs, &mut handlers, path, "sleep") {
            let seconds = sleep.get("seconds").and_then(Value::as_i64).unwrap_or(0);
            if let Some(g) = grace {
                if seconds < 0 || seconds > g {
                    errs.push(invalid(
                        &path.child("sleep"),
                        seconds.to_string(),
                        &format!(
                            "must be non-negative and less than terminationGracePeriodSeconds ({g})"
                        ),
                    ));
                }
            }
        }
    }
    if handlers == 0 {
        errs.push(required(path, "must specify a handler type"));
    }
    errs
}
