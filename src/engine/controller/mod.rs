//! The controllers of kube-controller-manager that Ordinal runs: the
//! StatefulSet controller, the EndpointSlice (and Endpoints) controller, the
//! PersistentVolume binder with the local-path provisioner, and the node
//! lifecycle controller. Each reconciles from the store and writes back
//! through the API server, as the real ones do.

pub mod endpointslice;
pub mod nodelifecycle;
pub mod pv;
pub mod statefulset;
