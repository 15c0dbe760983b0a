//! Fault injection (`sim fail`, `sim heal`, `sim node`, `sim image`,
//! `sim pod`): what a real cluster suffers without anyone asking — failing
//! probes, crashing processes, lost nodes, broken registries, evictions.
//! Faults on a Pod are kept by namespace/name, so one set on a Pending Pod
//! applies once it starts, and they end when that Pod object is removed.

use std::collections::{BTreeMap, BTreeSet};

use super::apiserver::ApiError;
use super::store::Key;
use super::{Engine, Kind};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProbeKind {
    Readiness,
    Liveness,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    /// A probe of the Pod's containers starts failing.
    FailProbe {
        pod: Key,
        probe: ProbeKind,
    },
    /// The Pod's main processes crash (and keep crashing after restarts).
    Crash {
        pod: Key,
    },
    /// Undo every fault on the Pod.
    Heal {
        pod: Key,
    },
    /// The main process of a container ends once (`pkill`, `kill 1`), with
    /// this exit code (137 killed, 0 a clean stop); the kubelet restarts it.
    KillMain {
        pod: Key,
        container: Option<String>,
        code: i64,
    },
    NodeDown(String),
    NodeUp(String),
    ImageBroken(String),
    ImageOk(String),
    /// The kubelet evicts the Pod (phase Failed, reason Evicted).
    Evict {
        pod: Key,
    },
    /// The Pod's containers exit and the Pod reaches a terminal phase.
    Phase {
        pod: Key,
        phase: String,
    },
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PodFaults {
    pub readiness: bool,
    pub liveness: bool,
    pub crash: bool,
}

#[derive(Clone, Debug, Default)]
pub struct Faults {
    pub pods: BTreeMap<Key, PodFaults>,
    pub nodes_down: BTreeSet<String>,
    pub broken_images: BTreeSet<String>,
    /// Images forced to pull even though the catalogue does not know their tag.
    pub ok_images: BTreeSet<String>,
}

impl Faults {
    pub fn pod(&self, k: &Key) -> PodFaults {
        self.pods.get(k).cloned().unwrap_or_default()
    }
    pub fn node_down(&self, node: &str) -> bool {
        self.nodes_down.contains(node)
    }
}

impl Engine {
    fn require_pod(&self, k: &Key) -> Result<(), ApiError> {
        if self.store.pods.get(&k.0, &k.1).is_some() {
            Ok(())
        } else {
            Err(ApiError::NotFound {
                kind: Kind::Pod,
                name: k.1.clone(),
            })
        }
    }

    fn require_node(&self, node: &str) -> Result<(), ApiError> {
        if self.store.nodes.get("", node).is_some() {
            Ok(())
        } else {
            Err(ApiError::NotFound {
                kind: Kind::Node,
                name: node.to_string(),
            })
        }
    }

    /// Applies a fault. Errors name what does not exist.
    pub fn inject(&mut self, f: Fault) -> Result<(), ApiError> {
        match f {
            Fault::FailProbe { pod, probe } => {
                self.require_pod(&pod)?;
                let pf = self.faults.pods.entry(pod.clone()).or_default();
                match probe {
                    ProbeKind::Readiness => pf.readiness = true,
                    ProbeKind::Liveness => pf.liveness = true,
                }
                self.kubelet_faults_changed(&pod);
            }
            Fault::Crash { pod } => {
                self.require_pod(&pod)?;
                self.faults.pods.entry(pod.clone()).or_default().crash = true;
                self.kubelet_faults_changed(&pod);
            }
            Fault::Heal { pod } => {
                self.require_pod(&pod)?;
                self.faults.pods.remove(&pod);
                self.kubelet_faults_changed(&pod);
            }
            Fault::KillMain {
                pod,
                container,
                code,
            } => {
                self.require_pod(&pod)?;
                self.kubelet_kill_main(&pod, container.as_deref(), code);
            }
            Fault::NodeDown(node) => {
                self.require_node(&node)?;
                if self.faults.nodes_down.insert(node.clone()) {
                    self.node_went_silent(&node);
                }
            }
            Fault::NodeUp(node) => {
                self.require_node(&node)?;
                if self.faults.nodes_down.remove(&node) {
                    self.node_came_back(&node);
                }
            }
            Fault::ImageBroken(image) => {
                self.faults.ok_images.remove(&image);
                self.faults.broken_images.insert(image);
            }
            Fault::ImageOk(image) => {
                self.faults.broken_images.remove(&image);
                self.faults.ok_images.insert(image.clone());
                self.kubelet_image_fixed(&image);
            }
            Fault::Evict { pod } => {
                self.require_pod(&pod)?;
                self.kubelet_terminal(&pod, "Failed", true);
            }
            Fault::Phase { pod, phase } => {
                self.require_pod(&pod)?;
                if phase != "Failed" && phase != "Succeeded" {
                    return Err(ApiError::BadRequest(format!(
                        "phase must be Failed or Succeeded, not {phase:?}"
                    )));
                }
                self.kubelet_terminal(&pod, &phase, false);
            }
        }
        self.actor = super::Actor::User;
        self.settle();
        self.actor = super::Actor::Cluster;
        Ok(())
    }
}
