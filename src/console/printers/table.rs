//! `kubectl get` as a table: the server's columns for a kind (`columns`),
//! decorated as kubectl's table printer does (`-A` NAMESPACE first,
//! `kind/name` when several types are printed, `-L` label columns and
//! `--show-labels`), laid out by the tab writer. Several resource types
//! print one after another with a blank line between groups; nothing at all
//! prints `No resources found …` on stderr.
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys,
//! wasm_bindgen).

use super::columns;
use super::tabwriter::TabWriter;
use super::{Output, Stream};
use crate::engine::objects::{Kind, Labels, Object};
use crate::engine::Engine;

/// The resource types `kubectl get all` lists, in the order it prints them.
pub const ALL_KINDS: [Kind; 9] = [
    Kind::Pod,
    Kind::Service,
    Kind::DaemonSet,
    Kind::Deployment,
    Kind::ReplicaSet,
    Kind::StatefulSet,
    Kind::HorizontalPodAutoscaler,
    Kind::CronJob,
    Kind::Job,
];

/// The flags that shape a `kubectl get` table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableOptions {
    /// `-o wide`.
    pub wide: bool,
    /// `--no-headers`.
    pub no_headers: bool,
    /// `-A`: a NAMESPACE column for namespaced kinds, and the plain
    /// `No resources found` message.
    pub all_namespaces: bool,
    /// `--show-labels`.
    pub show_labels: bool,
    /// `-L key` (each key once, in flag order).
    pub label_columns: Vec<String>,
    /// NAME as `kind/name`: set when several resource types were asked
    /// for (`get all`, `get pods,svc`), even if only one has objects.
    pub with_kind: bool,
    /// The request namespace, for `No resources found in NS namespace.`.
    pub namespace: String,
    /// Keep the given order (objects named on the command line); otherwise
    /// rows are ordered as the API server lists them, by namespace and name.
    pub keep_order: bool,
    /// `--allow-missing-template-keys=false`: a missing key is an error
    /// for `-o jsonpath` and `-o go-template` (kubectl's default allows it).
    pub missing_key_error: bool,
}

/// One resource type's objects as `kubectl get` prints them.
pub fn get_table(engine: &Engine, kind: Kind, objects: &[Object], opts: &TableOptions) -> Output {
    get_groups(engine, &[(kind, objects.to_vec())], opts)
}

/// Several resource types, one table each (`kubectl get all`,
/// `kubectl get sts,pods`), separated by blank lines.
pub fn get_groups(engine: &Engine, groups: &[(Kind, Vec<Object>)], opts: &TableOptions) -> Output {
    let mut out = Output::default();
    let mut tw = TabWriter::kubectl_table();
    let mut written = false;
    let mut separator = false;
    for (i, (kind, objects)) in groups.iter().enumerate() {
        tw.reset_widths();
        if i > 0 && !opts.no_headers && written {
            separator = true;
        }
        let text = render(engine, *kind, objects, opts, !opts.no_headers);
        let formatted = tw.format(&text);
        if formatted.is_empty() {
            continue;
        }
        if separator {
            out.push(Stream::Stdout, "\n");
            separator = false;
        }
        out.push(Stream::Stdout, formatted);
        written = true;
    }
    if !written {
        let all_namespaced = !opts.all_namespaces && groups.iter().all(|(k, _)| k.namespaced());
        if all_namespaced {
            out.push(
                Stream::Stderr,
                format!("No resources found in {} namespace.\n", opts.namespace),
            );
        } else {
            out.push(Stream::Stderr, "No resources found\n");
        }
    }
    out
}

/// `kubectl get -w`: the header once, then rows as objects change, aligned
/// with what was printed before (the tab writer remembers widths).
#[derive(Clone, Debug)]
pub struct WatchPrinter {
    kind: Kind,
    opts: TableOptions,
    tw: TabWriter,
    printed_headers: bool,
}

impl WatchPrinter {
    pub fn new(kind: Kind, opts: TableOptions) -> Self {
        WatchPrinter {
            kind,
            opts,
            tw: TabWriter::kubectl_table(),
            printed_headers: false,
        }
    }

    /// Rows for these objects (the initial listing, or one watch event).
    pub fn print(&mut self, engine: &Engine, objects: &[Object]) -> String {
        self.print_with_event(engine, None, objects)
    }

    /// A row for one watch event with `--output-watch-events`
    /// (`ADDED`, `MODIFIED`, `DELETED`).
    pub fn print_event(&mut self, engine: &Engine, event_type: &str, object: &Object) -> String {
        self.print_with_event(engine, Some(event_type), std::slice::from_ref(object))
    }

    fn print_with_event(
        &mut self,
        engine: &Engine,
        event: Option<&str>,
        objects: &[Object],
    ) -> String {
        let headers = !self.opts.no_headers && !self.printed_headers;
        let mut opts = self.opts.clone();
        opts.keep_order = true;
        let text = render_prefixed(engine, self.kind, objects, &opts, headers, event);
        if !objects.is_empty() {
            self.printed_headers = true;
        }
        self.tw.format(&text)
    }
}

/// The tab-separated text of one table (before alignment); empty when
/// there are no rows.
pub(crate) fn render(
    engine: &Engine,
    kind: Kind,
    objects: &[Object],
    opts: &TableOptions,
    headers: bool,
) -> String {
    render_prefixed(engine, kind, objects, opts, headers, None)
}

fn render_prefixed(
    engine: &Engine,
    kind: Kind,
    objects: &[Object],
    opts: &TableOptions,
    headers: bool,
    event: Option<&str>,
) -> String {
    if objects.is_empty() {
        return String::new();
    }
    let mut ordered: Vec<&Object> = objects.iter().collect();
    if !opts.keep_order {
        crate::sort::sort_by(&mut ordered, |a, b| {
            (a.namespace(), a.name()).cmp(&(b.namespace(), b.name()))
        });
    }
    let (cols, rows) = columns::build(engine, kind, &ordered, opts.wide);
    let with_ns = opts.all_namespaces && kind.namespaced();
    let kind_prefix = opts
        .with_kind
        .then(|| format!("{}/", kind.singular_qualified()));
    let shown: Vec<usize> = (0..cols.len())
        .filter(|&i| opts.wide || cols[i].priority == 0)
        .collect();

    let mut text = String::with_capacity(objects.len() * 64);
    if headers {
        let mut head: Vec<String> = Vec::new();
        if event.is_some() {
            head.push("EVENT".into());
        }
        if with_ns {
            head.push("NAMESPACE".into());
        }
        head.extend(shown.iter().map(|&i| cols[i].name.to_uppercase()));
        head.extend(opts.label_columns.iter().map(|l| label_header(l)));
        if opts.show_labels {
            head.push("LABELS".into());
        }
        text.push_str(&head.join("\t"));
        text.push('\n');
    }
    for (obj, cells) in ordered.iter().zip(rows) {
        let mut first = true;
        let mut cell = |text: &mut String, value: &str| {
            if !first {
                text.push('\t');
            }
            first = false;
            push_cell(text, value);
        };
        if let Some(e) = event {
            cell(&mut text, format_event_type(e));
        }
        if with_ns {
            cell(&mut text, obj.namespace());
        }
        for &i in &shown {
            let value = cells.get(i).map(String::as_str).unwrap_or("");
            match (&kind_prefix, cols[i].is_name) {
                (Some(p), true) => {
                    cell(&mut text, p);
                    text.push_str(value);
                }
                _ => cell(&mut text, value),
            }
        }
        let labels = &obj.meta().labels;
        for key in &opts.label_columns {
            cell(&mut text, labels.get(key).map(|v| v.as_str()).unwrap_or(""));
        }
        if opts.show_labels {
            cell(&mut text, &format_labels(labels));
        }
        text.push('\n');
    }
    text
}

/// A cell is cut at its first line break (`\n`, `\r`, form feed) and
/// marked `...`, so one object stays on one row.
fn push_cell(text: &mut String, value: &str) {
    let cut = value
        .bytes()
        .position(|b| matches!(b, b'\n' | b'\r' | 0x0c));
    match cut {
        Some(i) => {
            text.push_str(&value[..i]);
            text.push_str("...");
        }
        None => text.push_str(value),
    }
}

/// `-L app.kubernetes.io/name` heads its column `NAME`.
fn label_header(key: &str) -> String {
    key.rsplit('/').next().unwrap_or(key).to_uppercase()
}

/// Watch event types are padded to one width (`formatEventType`).
fn format_event_type(e: &str) -> &str {
    match e {
        "ADDED" => "ADDED   ",
        "DELETED" => "DELETED ",
        "ERROR" => "ERROR   ",
        other => other,
    }
}

/// `labels.FormatLabels`: `k=v` pairs sorted by key, or `<none>`.
pub fn format_labels(labels: &Labels) -> String {
    if labels.is_empty() {
        return "<none>".into();
    }
    let mut s = String::new();
    for (i, (k, v)) in labels.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        s.push_str(k);
        s.push('=');
        s.push_str(v);
    }
    s
}
