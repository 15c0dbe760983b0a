//! Commands inside containers: what `kubectl exec` and the main processes
//! of `kubectl run` print, as the busybox, nginx (Debian) and dnsutils images
//! answer — on the container's file system (volume-backed paths reach the
//! PersistentVolume), through the Pod's resolver (every DNS query becomes a
//! `DnsTrace`), over the simulated network to the nginx at the other end.
//!
//! - [`exec`] / [`exec_with`]: `kubectl exec` with its preflight errors;
//! - [`run_main_process_outcome`]: the kubelet's runner for main processes
//!   (their writes stay; a script ending in a server serves);
//!   [`run_main_process`] computes one on a copy of the engine
//!   ([`run_main_process_traced`] also returns its DNS lookups);
//! - [`ContainerHost`]: the shell host of one container, for callers that
//!   run their own shell against it;
//! - [`InteractiveShell`]: a shell fed one typed line at a time
//!   (`kubectl exec -it POD -- sh`, `kubectl run -it … -- sh`), with its prompt;
//! - [`ATTACH_BANNER`], [`session_ended`], [`run_terminated`]: kubectl's
//!   texts around `kubectl run -it`.
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

pub(crate) mod archive;
mod busybox_usage;
mod cassandra;
mod clock;
mod commands;
mod db_clients;
mod du;
mod env;
mod exec;
mod find_dd;
mod fs_cmds;
mod host;
mod human;
mod identity;
mod image;
mod interactive;
mod ls;
mod mounts;
mod mysql;
pub(crate) mod net;
mod perm_cmds;
pub(crate) mod probe;
mod psql;
mod redis;
pub(crate) mod sys_cmds;
mod sysctl;
mod tar;
mod zookeeper;

pub(crate) use clock::Tm;
pub(crate) use exec::exec_routed;
pub use exec::{
    default_container, exec, exec_with, interactive_banner, kubelet_unreachable, reattach_message,
    run_hook_outcome, run_main_process, run_main_process_outcome, run_main_process_traced,
    run_terminated, session_ended, ExecRequest, ATTACH_BANNER,
};
pub use host::{ContainerHost, MAX_WAIT};
pub(crate) use human::size as human_size;
pub use image::{ShellKind, Toolbox};
pub use interactive::{is_client_prompt, InteractiveShell};
pub(crate) use ls::columns as ls_columns;
