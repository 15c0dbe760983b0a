//! Marks on the timeline: where warnings, waits, lifecycle events and the
//! user's own inputs happened, bucketed so a long history stays cheap.

use std::rc::Rc;

use super::session::{Input, Logged, TimedInput};
use crate::engine::SimEventKind;

/// Buckets across the timeline's width.
pub const BUCKETS: u32 = 400;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum MarkKind {
    Event,
    Input,
    Waiting,
    Warning,
}

impl MarkKind {
    pub fn class(self) -> &'static str {
        match self {
            MarkKind::Event => "mark--event",
            MarkKind::Input => "mark--input",
            MarkKind::Waiting => "mark--waiting",
            MarkKind::Warning => "mark--warning",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    /// Position in per-mille of the timeline (0..=1000).
    pub at: u32,
    pub kind: MarkKind,
}

pub fn marks(events: &[Rc<Logged>], inputs: &[TimedInput], horizon_ms: u64) -> Vec<Mark> {
    let span = horizon_ms.max(1);
    let mut buckets: Vec<Option<MarkKind>> = vec![None; BUCKETS as usize + 1];
    let mut put = |at: u64, k: MarkKind| {
        let b = ((at.min(span) * u64::from(BUCKETS)) / span) as usize;
        if buckets[b].is_none_or(|old| old < k) {
            buckets[b] = Some(k);
        }
    };
    for l in events {
        let k = match &l.event.kind {
            SimEventKind::Recorded { type_, .. } if type_ == "Warning" => MarkKind::Warning,
            SimEventKind::Waiting { .. } => MarkKind::Waiting,
            SimEventKind::DnsReloaded { ok: false, .. } => MarkKind::Warning,
            SimEventKind::Created(_)
            | SimEventKind::Deleted(_)
            | SimEventKind::DnsReloaded { .. } => MarkKind::Event,
            _ => continue,
        };
        put(l.event.at.as_ms(), k);
    }
    for i in inputs {
        if matches!(i.input, Input::Run(_)) {
            put(i.at, MarkKind::Input);
        }
    }
    buckets
        .into_iter()
        .enumerate()
        .filter_map(|(b, k)| {
            k.map(|kind| Mark {
                at: (b as u32 * 1000) / BUCKETS,
                kind,
            })
        })
        .collect()
}
