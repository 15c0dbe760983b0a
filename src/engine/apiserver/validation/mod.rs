//! Validation as the API server does it (R9), with apimachinery's messages.
//! (Interim: filled in by the validation work; signatures are the contract.)

use super::errors::FieldError;
use crate::engine::objects::Object;

pub fn validate_create(_obj: &Object) -> Vec<FieldError> {
    Vec::new()
}

pub fn validate_update(_new: &Object, _old: &Object) -> Vec<FieldError> {
    Vec::new()
}
