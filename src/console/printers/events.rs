//! `kubectl events`: its own printer (`pkg/cmd/events/event_printer.go`),
//! not the `get events` table. Rows are sorted by time with Go's unstable
//! `sort.Sort`, the OBJECT column keeps the kind's case (`Pod/web-0`), and
//! an empty result is a message on stderr.
//!
//! Pure Rust: this module may not import browser crates (yew, web_sys, gloo,
//! js_sys, wasm_bindgen).

use crate::console::printers::gosort::go_sort;
use crate::console::printers::tabwriter::TabWriter;
use crate::console::printers::{Output, Stream};
use crate::engine::objects::{Event, Object, Time};
use crate::engine::time::{human_duration, SimTime};
use crate::engine::Engine;

/// Flags of `kubectl events` that change its text.
#[derive(Clone, Debug, Default)]
pub struct EventsOptions {
    /// `-A`: a NAMESPACE column, and the namespace-free empty message.
    pub all_namespaces: bool,
    pub no_headers: bool,
    /// The namespace named in the empty message.
    pub namespace: String,
    /// `--types=Normal,Warning` (case-insensitive); empty keeps all.
    pub types: Vec<String>,
}

/// `eventTime` of kubectl's `SortableEvents`: a series' last observed
/// time, else the last timestamp (second precision on the wire), else the
/// microsecond event time.
pub(crate) fn sort_key(e: &Event) -> u64 {
    if let Some(s) = e.series.as_deref() {
        return s.last_observed_time.sim().0;
    }
    match (e.last_timestamp, e.event_time) {
        (Some(t), _) => t.sim().trunc_secs().0,
        (None, Some(t)) => t.sim().0,
        (None, None) => 0,
    }
}

/// Sorts events as `sort.Sort(SortableEvents(..))` does, from list order.
pub(crate) fn sort_events(list: &mut [&Event]) {
    go_sort(list, |a, b| sort_key(a) < sort_key(b));
}

/// `getInterval`: `5s`, or `11m (x13 over 23m)` for a repeated event.
pub(crate) fn interval(now: SimTime, e: &Event) -> String {
    let since = |t: Option<Time>| match t {
        Some(t) => human_duration(now.saturating_sub(t.sim())),
        None => "<unknown>".to_string(),
    };
    let first = match e.event_time {
        Some(t) => since(Some(t)),
        None => since(e.first_timestamp),
    };
    if let Some(s) = e.series.as_deref() {
        format!(
            "{} (x{} over {first})",
            since(Some(s.last_observed_time)),
            s.count
        )
    } else if e.count > 1 {
        format!("{} (x{} over {first})", since(e.last_timestamp), e.count)
    } else {
        first
    }
}

/// `escapeCell`: a cell stops at its first line break, marked `...`.
fn escape_cell(s: &str) -> String {
    match s.find(['\x0c', '\n', '\r']) {
        Some(i) => format!("{}...", &s[..i]),
        None => s.to_string(),
    }
}

/// The output of `kubectl events` for these events, given in the API
/// server's list order (namespace, then name).
pub fn events_table(engine: &Engine, events: &[Object], opts: &EventsOptions) -> Output {
    let mut list: Vec<&Event> = events
        .iter()
        .filter_map(|o| o.downcast::<Event>().map(|e| e.as_ref()))
        .filter(|e| {
            opts.types.is_empty() || opts.types.iter().any(|t| t.eq_ignore_ascii_case(&e.type_))
        })
        .collect();
    let mut out = Output::default();
    if list.is_empty() {
        let msg = if opts.all_namespaces {
            "No events found.\n".to_string()
        } else {
            format!("No events found in {} namespace.\n", opts.namespace)
        };
        out.push(Stream::Stderr, msg);
        return out;
    }
    sort_events(&mut list);
    let now = engine.now();
    let mut text = String::new();
    if !opts.no_headers {
        if opts.all_namespaces {
            text.push_str("NAMESPACE\t");
        }
        text.push_str("LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n");
    }
    for e in list {
        if opts.all_namespaces {
            text.push_str(&e.metadata.namespace);
            text.push('\t');
        }
        text.push_str(&format!(
            "{}\t{}\t{}\t{}/{}\t{}\n",
            interval(now, e),
            escape_cell(&e.type_),
            escape_cell(&e.reason),
            escape_cell(&e.involved_object.kind),
            escape_cell(&e.involved_object.name),
            escape_cell(e.message.trim()),
        ));
    }
    out.push(Stream::Stdout, TabWriter::kubectl_table().format(&text));
    out
}
