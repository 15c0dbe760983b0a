//! Table-driven tests of defaulting and validation against the messages a
//! Kubernetes 1.35 API server returns, one case per rule (R-numbers from
//! `kubernetes-behaviour.md`). Objects are written as the JSON a manifest
//! decodes to, defaulted, then validated — the API server's order.

mod defaults;
mod meta;
mod pdb;
mod pod;
mod quantity;
mod service;
mod statefulset;
mod statefulset_upstream;
mod storage;
mod support;
