//! The availability helpers of the StatefulSet controller (§0.3); the
//! status counts (R5.2–R5.6, `computeReplicaStatus`) are taken from the
//! cached Pod facts in `control.rs`.

use super::identity::is_created;
use crate::engine::objects::Pod;
use crate::engine::time::SimTime;

/// Ready for at least `min_ready_seconds` (`isRunningAndAvailable`).
pub fn is_running_and_available(p: &Pod, min_ready_seconds: i64, now: SimTime) -> bool {
    p.is_running_and_ready() && p.is_available(min_ready_seconds, now)
}

/// Not Available, or terminating (`isUnavailable`, §0.3).
pub fn is_unavailable(p: &Pod, min_ready_seconds: i64, now: SimTime) -> bool {
    !is_created(p)
        || !is_running_and_available(p, min_ready_seconds, now)
        || p.metadata.is_terminating()
}
