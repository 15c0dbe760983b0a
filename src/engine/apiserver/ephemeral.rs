//! The Pod's `ephemeralcontainers` subresource (`PATCH
//! /api/v1/namespaces/NS/pods/NAME/ephemeralcontainers`, what `kubectl
//! debug` writes): the strategy keeps everything of the stored Pod but its
//! `spec.ephemeralContainers` (`dropNonEphemeralContainerUpdates`), the
//! new ones are defaulted as containers are, and the update is validated
//! by `ValidatePodEphemeralContainersUpdate` (existing ones may be neither
//! removed nor changed). The generation moves with the spec.
//!
//! May not import yew, web_sys, gloo, js_sys or wasm_bindgen.

use std::rc::Rc;

use super::errors::ApiError;
use crate::engine::objects::{Kind, Object};
use crate::engine::Engine;

impl Engine {
    /// Writes the `ephemeralcontainers` subresource of a Pod: `pod` is the
    /// Pod as the client wants it (after its patch); only its
    /// `spec.ephemeralContainers` is taken. Returns the stored Pod. The
    /// kubelet starts what was added at its next sync of the Pod.
    pub fn update_ephemeral_containers(&mut self, pod: Object) -> Result<Object, ApiError> {
        self.user_request(|e| e.do_update_ephemeral(pod))
    }

    fn do_update_ephemeral(&mut self, pod: Object) -> Result<Object, ApiError> {
        let Object::Pod(wanted) = pod else {
            return Err(ApiError::BadRequest(
                "the ephemeralcontainers subresource is a Pod's".into(),
            ));
        };
        let ns = wanted.metadata.namespace.to_string();
        let name = wanted.metadata.name.to_string();
        self.check_namespace(Kind::Pod, &ns, None)?;
        let old_obj = self.stored_for_update(&Object::Pod(wanted.clone()), &ns, &name)?;
        let Object::Pod(old) = &old_obj else {
            return Err(ApiError::NotFound {
                kind: Kind::Pod,
                name,
            });
        };
        let mut new = (**old).clone();
        {
            let spec = new.spec_mut();
            spec.ephemeral_containers = wanted.spec.ephemeral_containers.clone();
            for c in &mut spec.ephemeral_containers {
                super::defaults::default_container(c);
            }
        }
        let errs = super::validation::validate_pod_ephemeral_update(&new, old);
        if !errs.is_empty() {
            return Err(ApiError::Invalid {
                kind: Kind::Pod,
                name,
                causes: errs,
            });
        }
        if new.spec == old.spec {
            return Ok(old_obj);
        }
        new.metadata.generation += 1;
        Ok(self.store.write(Object::Pod(Rc::new(new))))
    }
}
