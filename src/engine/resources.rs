//! A Pod's resource requests and limits as the scheduler and kubectl count
//! them (`k8s.io/component-helpers/resource`: `PodRequests`, `PodLimits`),
//! and the scheduler's integer view of them (`framework.Resource`): what
//! the NodeResourcesFit plugin compares with a node's `status.allocatable`
//! less what the Pods already bound there request.
//!
//! The sums are generic over the amount type so that kubectl's describe
//! (which prints them as quantities) and the scheduler (which compares
//! integers) walk the containers by the same rules.

use std::collections::BTreeMap;
use std::ops::ControlFlow;

use super::apiserver::validation::quantity::Quantity;
use super::objects::{Container, PodSpec, Value};

/// What a resource list holds: a quantity that adds and compares.
pub trait Amount: Clone {
    /// A quantity as written in a resource list (None: not one).
    fn from_json(v: &Value) -> Option<Self>;
    /// `Quantity.Add` (the result keeps the receiver's format).
    fn plus(&self, other: &Self) -> Self;
    /// `Quantity.Cmp(other) > 0`.
    fn greater(&self, other: &Self) -> bool;
    fn is_zero(&self) -> bool;
}

/// An amount in nano-units, as the scheduler adds them up.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Nanos(pub i128);

impl Amount for Nanos {
    fn from_json(v: &Value) -> Option<Nanos> {
        Quantity::from_value(v).ok().map(|q| Nanos(q.nanos()))
    }
    fn plus(&self, other: &Nanos) -> Nanos {
        Nanos(self.0.saturating_add(other.0))
    }
    fn greater(&self, other: &Nanos) -> bool {
        self.0 > other.0
    }
    fn is_zero(&self) -> bool {
        self.0 == 0
    }
}

impl Nanos {
    /// `MilliValue()`: rounded up, saturating at `int64`.
    pub fn milli(self) -> i64 {
        ceil_div(self.0, 1_000_000)
    }

    /// `Value()`: rounded up, saturating at `int64`.
    pub fn value(self) -> i64 {
        ceil_div(self.0, 1_000_000_000)
    }
}

fn ceil_div(a: i128, b: i128) -> i64 {
    let q = a / b + i128::from(a % b > 0);
    q.clamp(i64::MIN as i128, i64::MAX as i128) as i64
}

/// A resource list (`v1.ResourceList`), by resource name.
pub type ResourceList<A> = BTreeMap<String, A>;

fn list_of<A: Amount>(v: Option<&Value>) -> ResourceList<A> {
    v.and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .filter_map(|(k, q)| A::from_json(q).map(|q| (k.clone(), q)))
                .collect()
        })
        .unwrap_or_default()
}

fn container_list<A: Amount>(c: &Container, which: &str) -> ResourceList<A> {
    list_of(c.resources.as_ref().and_then(|r| r.get(which)))
}

/// `addResourceList`.
fn add_list<A: Amount>(list: &mut ResourceList<A>, new: &ResourceList<A>) {
    for (name, q) in new {
        match list.get_mut(name) {
            Some(v) => *v = v.plus(q),
            None => {
                list.insert(name.clone(), q.clone());
            }
        }
    }
}

/// `maxResourceList`.
fn max_list<A: Amount>(list: &mut ResourceList<A>, new: &ResourceList<A>) {
    for (name, q) in new {
        match list.get_mut(name) {
            Some(v) if !q.greater(v) => {}
            Some(v) => *v = q.clone(),
            None => {
                list.insert(name.clone(), q.clone());
            }
        }
    }
}

/// `aggregateContainerResourcesByFn` over the spec: the containers and
/// the sidecars (restartable init containers) run together and add up; a
/// plain init container runs alone beside the sidecars declared before it,
/// and the Pod needs the most any of those moments needs.
fn aggregate<A: Amount>(spec: &PodSpec, which: &str) -> ResourceList<A> {
    let mut result = ResourceList::new();
    for c in &spec.containers {
        add_list(&mut result, &container_list(c, which));
    }
    let mut sidecars = ResourceList::new();
    let mut inits = ResourceList::new();
    for c in &spec.init_containers {
        let own = container_list(c, which);
        let during = if c.restart_policy.as_deref() == Some("Always") {
            add_list(&mut result, &own);
            add_list(&mut sidecars, &own);
            sidecars.clone()
        } else {
            let mut combined = own;
            add_list(&mut combined, &sidecars);
            combined
        };
        max_list(&mut inits, &during);
    }
    max_list(&mut result, &inits);
    result
}

/// `IsSupportedPodLevelResource`: cpu, memory and huge pages.
fn pod_level_supported(name: &str) -> bool {
    name == "cpu" || name == "memory" || name.starts_with("hugepages-")
}

/// The Pod-level `spec.resources` list `which`, if it names a supported
/// resource.
fn pod_level<A: Amount>(spec: &PodSpec, which: &str) -> ResourceList<A> {
    list_of(spec.extra.get("resources").and_then(|r| r.get(which)))
}

fn overhead<A: Amount>(spec: &PodSpec) -> ResourceList<A> {
    list_of(spec.extra.get("overhead"))
}

/// `PodRequests` (no status resources): the containers' sum or the
/// largest init-container moment, Pod-level requests in place of those for
/// the resources they name, plus the Pod overhead.
pub fn pod_requests<A: Amount>(spec: &PodSpec) -> ResourceList<A> {
    let mut reqs = aggregate(spec, "requests");
    let pod: ResourceList<A> = pod_level(spec, "requests");
    if pod.keys().any(|k| pod_level_supported(k)) {
        for (name, q) in pod {
            if pod_level_supported(&name) {
                reqs.insert(name, q);
            }
        }
    }
    add_list(&mut reqs, &overhead(spec));
    reqs
}

/// `PodLimits` (no status resources): as the requests, with the overhead
/// added only to limits that are set and not zero.
pub fn pod_limits<A: Amount>(spec: &PodSpec) -> ResourceList<A> {
    let mut limits = aggregate(spec, "limits");
    let pod_limits: ResourceList<A> = pod_level(spec, "limits");
    let pod_requests: ResourceList<A> = pod_level(spec, "requests");
    if pod_limits
        .keys()
        .chain(pod_requests.keys())
        .any(|k| pod_level_supported(k))
    {
        for (name, q) in pod_limits {
            if pod_level_supported(&name) {
                limits.insert(name, q);
            }
        }
    }
    for (name, q) in overhead::<A>(spec) {
        if let Some(v) = limits.get_mut(&name) {
            if !v.is_zero() {
                *v = v.plus(&q);
            }
        }
    }
    limits
}

/// `schedutil.IsScalarResourceName`: extended resources (a domain other
/// than `kubernetes.io`), huge pages, `kubernetes.io/`-prefixed native
/// resources and attachable volumes.
fn is_scalar(name: &str) -> bool {
    let prefixed_native = name.contains("kubernetes.io/");
    let native = !name.contains('/') || prefixed_native;
    let extended = !native && !name.starts_with("requests.");
    extended
        || name.starts_with("hugepages-")
        || prefixed_native
        || name.starts_with("attachable-volumes-")
}

/// `framework.Resource`: the integers the scheduler compares.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Resource {
    pub milli_cpu: i64,
    pub memory: i64,
    pub ephemeral_storage: i64,
    /// `pods` (a node's allocatable only).
    pub allowed_pods: i64,
    pub scalar: BTreeMap<String, i64>,
}

impl Resource {
    /// `Resource.Add(list)` on an empty Resource.
    pub fn from_list(list: &ResourceList<Nanos>) -> Resource {
        let mut r = Resource::default();
        for (name, q) in list {
            match name.as_str() {
                "cpu" => r.milli_cpu = r.milli_cpu.saturating_add(q.milli()),
                "memory" => r.memory = r.memory.saturating_add(q.value()),
                "pods" => r.allowed_pods = r.allowed_pods.saturating_add(q.value()),
                "ephemeral-storage" => {
                    r.ephemeral_storage = r.ephemeral_storage.saturating_add(q.value())
                }
                n if is_scalar(n) => {
                    let e = r.scalar.entry(n.to_string()).or_default();
                    *e = e.saturating_add(q.value());
                }
                _ => {}
            }
        }
        r
    }

    /// A node's `status.allocatable` (its capacity when that is empty, as
    /// the kubelet reports one or the other).
    pub fn allocatable(
        allocatable: &BTreeMap<String, String>,
        capacity: &BTreeMap<String, String>,
    ) -> Resource {
        let src = if allocatable.is_empty() {
            capacity
        } else {
            allocatable
        };
        let list: ResourceList<Nanos> = src
            .iter()
            .filter_map(|(k, v)| {
                Quantity::parse(v)
                    .ok()
                    .map(|q| (k.clone(), Nanos(q.nanos())))
            })
            .collect();
        Resource::from_list(&list)
    }

    /// What the scheduler counts for a Pod (`computePodResourceRequest`).
    pub fn of_pod(spec: &PodSpec) -> Resource {
        Resource::from_list(&pod_requests(spec))
    }

    /// Whether it asks for nothing (NodeResourcesFit then checks only the
    /// Pod count).
    pub fn is_empty(&self) -> bool {
        self.milli_cpu == 0
            && self.memory == 0
            && self.ephemeral_storage == 0
            && self.scalar.is_empty()
    }

    pub fn add(&mut self, other: &Resource) {
        self.milli_cpu = self.milli_cpu.saturating_add(other.milli_cpu);
        self.memory = self.memory.saturating_add(other.memory);
        self.ephemeral_storage = self
            .ephemeral_storage
            .saturating_add(other.ephemeral_storage);
        for (k, v) in &other.scalar {
            let e = self.scalar.entry(k.clone()).or_default();
            *e = e.saturating_add(*v);
        }
    }

    pub fn sub(&mut self, other: &Resource) {
        self.milli_cpu = self.milli_cpu.saturating_sub(other.milli_cpu);
        self.memory = self.memory.saturating_sub(other.memory);
        self.ephemeral_storage = self
            .ephemeral_storage
            .saturating_sub(other.ephemeral_storage);
        for (k, v) in &other.scalar {
            if let Some(e) = self.scalar.get_mut(k) {
                *e = e.saturating_sub(*v);
                if *e == 0 {
                    self.scalar.remove(k);
                }
            }
        }
    }
}

/// One resource a Pod does not fit in, as `InsufficientResource` reports
/// it (CPU in millicores, the Pod count as `pods`).
pub struct Shortfall<'a> {
    pub name: &'a str,
    pub requested: i64,
    pub used: i64,
    pub capacity: i64,
}

/// `noderesources.Fits`: each resource a Pod requesting `req` does not fit
/// in on a node whose Pods (`pods` of them, requesting `used`) leave part
/// of `alloc`, in the plugin's order (the Pod count, cpu, memory,
/// ephemeral storage, then the others by name), until `each` breaks. The
/// scheduler's filter and the kubelet's admission both read this.
fn shortfalls<'a>(
    req: &'a Resource,
    alloc: &'a Resource,
    used: &'a Resource,
    pods: usize,
    mut each: impl FnMut(Shortfall<'a>) -> ControlFlow<()>,
) {
    if pods as i64 + 1 > alloc.allowed_pods {
        let pods = Shortfall {
            name: "pods",
            requested: 1,
            used: pods as i64,
            capacity: alloc.allowed_pods,
        };
        if each(pods).is_break() {
            return;
        }
    }
    if req.is_empty() {
        return;
    }
    let fixed = [
        ("cpu", req.milli_cpu, alloc.milli_cpu, used.milli_cpu),
        ("memory", req.memory, alloc.memory, used.memory),
        (
            "ephemeral-storage",
            req.ephemeral_storage,
            alloc.ephemeral_storage,
            used.ephemeral_storage,
        ),
    ];
    let scalars = req.scalar.iter().map(|(name, want)| {
        let have = alloc.scalar.get(name).copied().unwrap_or(0);
        let taken = used.scalar.get(name).copied().unwrap_or(0);
        (name.as_str(), *want, have, taken)
    });
    for (name, want, have, taken) in fixed.into_iter().chain(scalars) {
        if want > 0 && want > have.saturating_sub(taken) {
            let short = Shortfall {
                name,
                requested: want,
                used: taken,
                capacity: have,
            };
            if each(short).is_break() {
                return;
            }
        }
    }
}

/// The kubelet's admission (`AdmissionCheck`): the first resource a Pod
/// requesting `req` does not fit in.
pub fn first_insufficient<'a>(
    req: &'a Resource,
    alloc: &'a Resource,
    used: &'a Resource,
    pods: usize,
) -> Option<Shortfall<'a>> {
    let mut first = None;
    shortfalls(req, alloc, used, pods, |s| {
        first = Some(s);
        ControlFlow::Break(())
    });
    first
}

/// `fitsRequest` (NodeResourcesFit's Filter): why a node whose Pods
/// (`pods` of them, requesting `used`) and allocatable `alloc` cannot take
/// a Pod requesting `req`, in the plugin's order; empty when it can.
pub fn fit_reasons(req: &Resource, alloc: &Resource, used: &Resource, pods: usize) -> Vec<String> {
    let mut out = Vec::new();
    shortfalls(req, alloc, used, pods, |s| {
        out.push(match s.name {
            "pods" => "Too many pods".to_string(),
            name => format!("Insufficient {name}"),
        });
        ControlFlow::Continue(())
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn spec(v: Value) -> PodSpec {
        serde_json::from_value(v).unwrap()
    }

    fn cpu_mem(s: &PodSpec) -> (i64, i64) {
        let r = Resource::of_pod(s);
        (r.milli_cpu, r.memory)
    }

    #[test]
    fn containers_add_up_and_init_containers_take_the_max() {
        // The example of `computePodResourceRequest`.
        let s = spec(json!({
            "initContainers": [
                {"name": "ic1", "resources": {"requests": {"cpu": "2", "memory": "1G"}}},
                {"name": "ic2", "resources": {"requests": {"cpu": "2", "memory": "3G"}}}
            ],
            "containers": [
                {"name": "c1", "resources": {"requests": {"cpu": "2", "memory": "1G"}}},
                {"name": "c2", "resources": {"requests": {"cpu": "1", "memory": "1G"}}}
            ]
        }));
        assert_eq!(cpu_mem(&s), (3000, 3_000_000_000));
    }

    #[test]
    fn sidecars_add_up_and_later_init_containers_run_beside_them() {
        let s = spec(json!({
            "initContainers": [
                {"name": "side", "restartPolicy": "Always", "resources": {"requests": {"cpu": "500m"}}},
                {"name": "init", "resources": {"requests": {"cpu": "2"}}}
            ],
            "containers": [
                {"name": "c", "resources": {"requests": {"cpu": "1"}}}
            ]
        }));
        // max(1 + 0.5, 2 + 0.5)
        assert_eq!(cpu_mem(&s).0, 2500);
    }

    #[test]
    fn pod_level_requests_and_overhead() {
        let s = spec(json!({
            "resources": {"requests": {"cpu": "3"}},
            "overhead": {"cpu": "250m", "memory": "120Mi"},
            "containers": [
                {"name": "c", "resources": {"requests": {"cpu": "1", "memory": "1Gi"}}}
            ]
        }));
        assert_eq!(cpu_mem(&s), (3250, (1 << 30) + 120 * (1 << 20)));
        let l: ResourceList<Nanos> = pod_limits(&s);
        assert!(l.is_empty(), "{l:?}");
    }

    #[test]
    fn fit_reasons_in_the_plugins_order() {
        let alloc = Resource {
            milli_cpu: 4000,
            memory: 8 << 30,
            allowed_pods: 110,
            ..Default::default()
        };
        let used = Resource {
            milli_cpu: 3500,
            ..Default::default()
        };
        let req = Resource {
            milli_cpu: 1000,
            memory: 9 << 30,
            ..Default::default()
        };
        assert_eq!(
            fit_reasons(&req, &alloc, &used, 110),
            ["Too many pods", "Insufficient cpu", "Insufficient memory"]
        );
        assert!(fit_reasons(&Resource::default(), &alloc, &used, 3).is_empty());
        let exact = Resource {
            milli_cpu: 500,
            ..Default::default()
        };
        assert!(fit_reasons(&exact, &alloc, &used, 3).is_empty());
    }
}
