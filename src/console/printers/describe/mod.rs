//! `kubectl describe` (DESC, `staging/src/k8s.io/kubectl/pkg/describe`):
//! one describer per kind writes tab-separated lines at indentation levels
//! (`PrefixWriter`: two spaces a level), the whole text is aligned by a
//! tab writer with minwidth 0 and padding 2, and most describers end with
//! the object's events. The shared pieces live here: the writer, label,
//! annotation, taint and toleration blocks, RFC 1123Z times, and the
//! `Events:` table (R10.11).
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys,
//! wasm_bindgen).

mod apps;
mod autoscaling;
mod cluster;
mod generic;
mod network;
pub(crate) mod pod;
mod storage;
mod workloads;

pub(crate) use workloads::strategy as workloads_strategy;

use crate::console::printers::events::{interval, sort_events};
use crate::console::printers::gosort::go_sort;
use crate::console::printers::tabwriter::TabWriter;
use crate::engine::objects::pod::Toleration;
use crate::engine::objects::{Event, Kind, Object, Time};
use crate::engine::time::{human_duration, SimDuration, SimTime};
use crate::engine::Engine;

/// The text of `kubectl describe` for one object. `Err` carries kubectl's
/// message for kinds it cannot describe (none today: every kind has at
/// least the generic describer).
/// `show_events`: `--show-events` (kubectl's default is true); without it
/// there is no `Events:` section at all, not even `<none>`.
pub fn describe(engine: &Engine, obj: &Object, show_events: bool) -> Result<String, String> {
    let mut w = Writer {
        hide_events: !show_events,
        ..Writer::default()
    };
    match obj.kind() {
        Kind::Pod => pod::describe_pod(engine, obj, &mut w),
        Kind::StatefulSet => workloads::describe_statefulset(engine, obj, &mut w),
        Kind::Deployment => apps::describe_deployment(engine, obj, &mut w),
        Kind::ReplicaSet => apps::describe_replicaset(engine, obj, &mut w),
        Kind::DaemonSet => apps::describe_daemonset(engine, obj, &mut w),
        Kind::Service => network::describe_service(engine, obj, &mut w),
        Kind::Endpoints => network::describe_endpoints(engine, obj, &mut w),
        Kind::EndpointSlice => network::describe_endpointslice(engine, obj, &mut w),
        Kind::PersistentVolumeClaim => storage::describe_pvc(engine, obj, &mut w),
        Kind::PersistentVolume => storage::describe_pv(engine, obj, &mut w),
        Kind::StorageClass => storage::describe_storageclass(engine, obj, &mut w),
        Kind::Node => cluster::describe_node(engine, obj, &mut w),
        Kind::Namespace => cluster::describe_namespace(engine, obj, &mut w),
        Kind::ConfigMap => cluster::describe_configmap(engine, obj, &mut w),
        Kind::Secret => cluster::describe_secret(obj, &mut w),
        Kind::PodDisruptionBudget => workloads::describe_pdb(engine, obj, &mut w),
        Kind::PriorityClass => cluster::describe_priorityclass(engine, obj, &mut w),
        Kind::HorizontalPodAutoscaler => autoscaling::describe_hpa(engine, obj, &mut w),
        _ => generic::describe_generic(engine, obj, &mut w),
    }
    Ok(w.finish())
}

/// Several objects, as `kubectl describe pods` prints them: separated by
/// a blank line. Objects that fail are left out and their messages
/// returned (kubectl prints them after the rest).
pub fn describe_many(
    engine: &Engine,
    objects: &[Object],
    show_events: bool,
) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut errors = Vec::new();
    for obj in objects {
        match describe(engine, obj, show_events) {
            Ok(text) => {
                if !out.is_empty() {
                    out.push_str("\n\n");
                }
                out.push_str(&text);
            }
            Err(e) => errors.push(e),
        }
    }
    (out, errors)
}

/// kubectl's `PrefixWriter` over a buffer that a tab writer aligns at the end.
#[derive(Default)]
pub(crate) struct Writer {
    buf: String,
    /// `--show-events=false`: every describer leaves its Events out.
    hide_events: bool,
}

impl Writer {
    /// `Write(level, text)`: the indentation, then the text as given.
    pub fn write(&mut self, level: usize, text: &str) {
        for _ in 0..level {
            self.buf.push_str("  ");
        }
        self.buf.push_str(text);
    }

    /// `WriteLine(text)`: the text and a newline, without indentation.
    pub fn line(&mut self, text: &str) {
        self.buf.push_str(text);
        self.buf.push('\n');
    }

    /// The raw text (tabs kept), for `rollout history --revision`, which
    /// prints a pod template without a tab writer.
    pub fn raw(self) -> String {
        self.buf
    }

    pub fn finish(self) -> String {
        TabWriter::describe().format(&self.buf)
    }
}

/// `Time.Format(time.RFC1123Z)`; a missing time is Go's zero time.
pub(crate) fn rfc1123z(t: Option<Time>) -> String {
    match t {
        Some(t) => t.sim().rfc1123z(),
        None => "Mon, 01 Jan 0001 00:00:00 +0000".into(),
    }
}

/// `translateTimestampSince`: `HumanDuration(time.Since(t))`. A time two
/// seconds or more ahead is `<invalid>` (HumanDuration's tolerance for
/// clock skew is under two seconds): a Pod's `deletionTimestamp` lies its
/// grace period ahead, so a Pod still in it describes as `Terminating
/// (lasts <invalid>)`, as kubectl prints it.
pub(crate) fn since(now: SimTime, t: Option<Time>) -> String {
    match t {
        Some(t) if t.sim().saturating_sub(now) >= SimDuration::secs(2) => "<invalid>".into(),
        Some(t) => human_duration(now.saturating_sub(t.sim())),
        None => "<unknown>".into(),
    }
}

/// `printLabelsMultilineWithIndent`: `Title:\tk=v` then one `k=v` per
/// line, sorted; `<none>` when empty.
pub(crate) fn labels_block(
    w: &mut Writer,
    initial_indent: &str,
    title: &str,
    inner_indent: &str,
    labels: &crate::engine::objects::Labels,
) {
    w.write(0, &format!("{initial_indent}{title}:{inner_indent}"));
    if labels.is_empty() {
        w.line("<none>");
        return;
    }
    for (i, (k, v)) in labels.iter().enumerate() {
        if i != 0 {
            w.write(0, initial_indent);
            w.write(0, inner_indent);
        }
        w.write(0, &format!("{k}={v}\n"));
    }
}

/// `printLabelsMultiline`.
pub(crate) fn labels(w: &mut Writer, title: &str, labels: &crate::engine::objects::Labels) {
    labels_block(w, "", title, "\t", labels);
}

const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";
const MAX_ANNOTATION_LEN: usize = 140;

/// `printAnnotationsMultiline`: sorted, the last-applied configuration
/// left out, long or multi-line values on their own lines, cut at 140.
pub(crate) fn annotations(
    w: &mut Writer,
    title: &str,
    annotations: &crate::engine::objects::Labels,
) {
    w.write(0, &format!("{title}:\t"));
    let keys: Vec<&crate::engine::objects::RcStr> = annotations
        .keys()
        .filter(|k| k.as_str() != LAST_APPLIED)
        .collect();
    if keys.is_empty() {
        w.line("<none>");
        return;
    }
    for (i, key) in keys.iter().enumerate() {
        if i != 0 {
            w.write(0, "\t");
        }
        let value = annotations[*key]
            .strip_suffix('\n')
            .unwrap_or(&annotations[*key]);
        if value.len() + key.len() + 2 > MAX_ANNOTATION_LEN || value.contains('\n') {
            w.write(0, &format!("{key}:\n"));
            for s in value.split('\n') {
                w.write(0, &format!("\t  {}\n", shorten(s, MAX_ANNOTATION_LEN - 2)));
            }
        } else {
            w.write(0, &format!("{key}: {value}\n"));
        }
    }
}

fn shorten(s: &str, max: usize) -> String {
    if s.len() > max {
        let mut cut = max;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        format!("{}...", &s[..cut])
    } else {
        s.to_string()
    }
}

/// `printTolerationsMultilineWithIndent`, sorted by key.
pub(crate) fn tolerations(w: &mut Writer, title: &str, list: &[Toleration]) {
    w.write(0, &format!("{title}:\t"));
    if list.is_empty() {
        w.line("<none>");
        return;
    }
    let mut sorted: Vec<&Toleration> = list.iter().collect();
    go_sort(&mut sorted, |a, b| a.key < b.key);
    for (i, t) in sorted.iter().enumerate() {
        if i != 0 {
            w.write(0, "\t");
        }
        let mut s = t.key.to_string();
        if !t.value.is_empty() {
            s.push_str(&format!("={}", t.value));
        }
        if !t.effect.is_empty() {
            s.push_str(&format!(":{}", t.effect));
        }
        if t.operator.as_deref() == Some("Exists") && t.value.is_empty() {
            if !t.key.is_empty() || !t.effect.is_empty() {
                s.push_str(" op=Exists");
            } else {
                s.push_str("op=Exists");
            }
        }
        if let Some(secs) = t.toleration_seconds {
            s.push_str(&format!(" for {secs}s"));
        }
        s.push('\n');
        w.write(0, &s);
    }
}

/// The events about one object, sorted as `DescribeEvents` sorts them.
/// Each uid is one list query (in the API server's name order) and the
/// results are concatenated before sorting, as kubectl does for nodes
/// (controllers name a node by uid, the kubelet by name); with Go's unstable
/// sort that starting order shows in the output.
pub(crate) fn events_for<'a>(engine: &'a Engine, uids: &[&str]) -> Vec<&'a Event> {
    let mut list: Vec<&Event> = Vec::new();
    for (i, uid) in uids.iter().enumerate() {
        if uid.is_empty() || uids[..i].contains(uid) {
            continue;
        }
        list.extend(
            engine
                .store()
                .events
                .iter()
                .map(|e| e.as_ref())
                .filter(|e| e.involved_object.uid == *uid),
        );
    }
    sort_events(&mut list);
    list
}

/// `DescribeEvents`: `Events:  <none>`, or the five-column table.
pub(crate) fn events(w: &mut Writer, now: SimTime, list: &[&Event]) {
    if list.is_empty() {
        w.write(0, "Events:\t<none>\n");
        return;
    }
    w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
    w.write(1, "----\t------\t----\t----\t-------\n");
    for e in list {
        let interval = interval(now, e);
        let source = if e.source.component.is_empty() {
            &e.reporting_component
        } else {
            &e.source.component
        };
        let mut message = e.message.trim().to_string();
        if !e.involved_object.field_path.is_empty() {
            message = format!("{}: {message}", e.involved_object.field_path);
        }
        w.write(
            1,
            &format!(
                "{}\t{}\t{interval}\t{source}\t{message}\n",
                e.type_, e.reason
            ),
        );
    }
}

/// The Events block for an object identified by its uid.
pub(crate) fn object_events(engine: &Engine, w: &mut Writer, obj: &Object) {
    if w.hide_events {
        return;
    }
    let uid = obj.meta().uid.as_str();
    let list = events_for(engine, &[uid]);
    events(w, engine.now(), &list);
}
