//! Every native integration test, as one test binary: each `tests/NAME.rs`
//! below is a module of it (`cargo test --test native NAME::` runs one file).
//!
//! One binary instead of one per file: each of those linked the whole engine
//! with its line tables (about 45 MB apiece), so 35 of them wrote 1.6 GB and
//! spent most of `make test`'s native step in the linker. The browser tests
//! (`tests/web_*.rs`) stay binaries of their own: they exist for wasm32 only.
#![cfg(not(target_arch = "wasm32"))]

mod fuzzing;
mod support;

mod cassandra_tutorial;
mod cli;
mod console_autoscale;
mod console_config;
mod console_cp;
mod console_create;
mod console_debug;
mod console_explain;
mod console_expose;
mod console_fuzz;
mod console_golden;
mod console_interactive;
mod console_kubectl_more;
mod console_kustomize;
mod console_logs;
mod console_modify;
mod console_perf;
mod console_port_forward;
mod console_raw;
mod console_set_local;
mod console_set_resources;
mod console_set_selector;
mod console_sim;
mod container_apps;
mod container_exec;
mod container_net;
mod deployments;
mod disruption_budgets;
mod dns_coredns;
mod dns_docs;
mod dns_reload;
mod endpoints_mirroring;
mod engine_basics;
mod engine_fingerprint;
mod engine_property;
mod engine_rules;
mod event_ttl;
mod fuzz_scenario;
mod image_pulls;
mod kustomize_fuzz;
mod layering;
mod lessons_data;
mod lessons_gallery;
mod lessons_layering;
mod lessons_play;
mod lifecycle_hooks;
mod manifest_errors;
mod manifest_fixtures;
mod manifest_robustness;
mod mysql_tutorial;
mod namespace_deletion;
mod node_taints;
mod periodic_resync;
mod printers_describe;
mod printers_formats;
mod printers_get;
mod priority_classes;
mod probe_events;
mod probes;
mod psql_client;
mod redis_client;
mod rules_identity;
mod rules_network;
mod rules_status;
mod scheduler_preemption;
mod scheduler_resources;
mod service_accounts;
mod service_updates;
mod statefulset_controller;
mod statefulset_docs;
mod storage_rules;
mod system_pods;
mod upstream_cmd;
mod upstream_e2e;
mod waiting_scripts;
mod yaml_fidelity;
mod zookeeper_tutorial;
