//! The controllers of kube-controller-manager that Ordinal runs: the
//! StatefulSet controller, the EndpointSlice (and Endpoints) controller, the
//! EndpointSliceMirroring controller, the
//! PersistentVolume binder with the local-path provisioner, the node
//! lifecycle controller, the namespace controller, and the disruption controller (PodDisruptionBudget
//! status, and the eviction check that `kubectl drain` meets). Each reconciles from the store and writes back
//! through the API server, as the real ones do.

pub mod daemonset;
pub mod deployment;
pub mod disruption;
pub mod endpointslice;
pub mod endpointslice_mirroring;
pub mod hpa;
pub mod namespace;
pub mod nodelifecycle;
pub mod pv;
pub mod replicaset;
pub mod statefulset;
