//! The scheduling queue's flush of Pods left unschedulable
//! (`flushUnschedulablePodsLeftover` in pkg/scheduler/backend/queue): every
//! 30 s the queue moves the Pods that have waited in its unschedulable
//! pool longer than `podMaxInUnschedulablePodsDuration` (5 minutes) back to
//! be tried again, whatever the cluster did meanwhile. A Pod that still
//! does not fit gets another `FailedScheduling` (a series: `x2 over 5m`),
//! every five minutes and a half or so for as long as it waits.
//!
//! Retries on cluster changes (a node, a claim, a volume) are in
//! `scheduler.rs`; this is the timer that makes a Pod stuck on something
//! no event will fix (an unbound immediate claim whose class does not
//! exist) be tried again anyway.

use super::store::Key;
use super::time::{SimDuration, SimTime};
use super::{Engine, Wakeup};

/// `DefaultPodMaxInUnschedulablePodsDuration`.
const MAX_IN_UNSCHEDULABLE: SimDuration = SimDuration::secs(300);
/// The flush loop's period.
const FLUSH_PERIOD: SimDuration = SimDuration::secs(30);

impl Engine {
    /// A Pod was put in the unschedulable pool now: its flush is the first
    /// tick of the 30-second loop (running since the cluster started) at
    /// which it has waited longer than 5 minutes.
    pub(crate) fn queue_unschedulable_flush(&mut self, pod: &Key, uid: &str) {
        let since = self.now;
        self.at(
            (since + MAX_IN_UNSCHEDULABLE).next_tick(FLUSH_PERIOD),
            Wakeup::FlushUnschedulable {
                pod: pod.clone(),
                uid: uid.to_string(),
                since,
            },
        );
    }

    /// The flush reached a Pod: tried again if it is still waiting since
    /// then (a retry on a cluster change, or a new version of the Pod,
    /// makes this one stale).
    pub(crate) fn flush_unschedulable(&mut self, pod: &Key, uid: &str, since: SimTime) {
        let waiting = self
            .scheduler
            .unschedulable
            .get(pod)
            .is_some_and(|(u, t)| u == uid && *t == since);
        if !waiting {
            return;
        }
        self.scheduler_requeue(pod);
    }
}
