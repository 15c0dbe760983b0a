//! The API server's behaviour on top of the store: admission (defaulting and
//! validation), uid / resourceVersion / generation bookkeeping, graceful
//! deletion, finalizers and garbage collection.

pub mod defaults;
mod ephemeral;
pub mod errors;
mod priority;
mod service_account;
pub mod validation;
pub mod warnings;

pub use errors::{go_quote, ApiError, FieldError, FieldErrorType};
pub mod gc;
pub mod server;

pub use server::{
    DeleteOptions, Propagation, FINALIZER_FOREGROUND, FINALIZER_ORPHAN, FINALIZER_PVC_PROTECTION,
    FINALIZER_PV_PROTECTION, LAST_APPLIED,
};
