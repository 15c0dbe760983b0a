//! The simulated cluster. Sans-IO: inputs and the current simulated time go
//! in, events come out; no clock, no ambient randomness, ordered maps only.
//! May not import yew, web_sys, gloo, js_sys or wasm_bindgen.

pub mod objects;
pub mod rng;
pub mod store;
pub mod time;
pub mod apiserver;
