//! Defaulting (R1): what the API server fills in on create and update.
//! (Interim: filled in by the defaults work; signature is the contract.)

use crate::engine::objects::Object;

pub fn apply_defaults(_obj: &mut Object) {}
