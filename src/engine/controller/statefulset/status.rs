//! Status counts of a StatefulSet (R5.2–R5.6), recomputed from scratch over
//! every owned Pod with a parseable ordinal (`computeReplicaStatus`).

use super::identity::{is_created, revision_of};
use crate::engine::objects::{Pod, StatefulSetStatus};
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

/// Fills the counts of `status` from `pods`.
pub fn count<'a>(
    status: &mut StatefulSetStatus,
    pods: impl Iterator<Item = &'a Pod>,
    min_ready_seconds: i64,
    now: SimTime,
) {
    status.replicas = 0;
    status.ready_replicas = 0;
    status.available_replicas = 0;
    status.current_replicas = 0;
    status.updated_replicas = 0;
    for p in pods {
        let created = is_created(p);
        if created {
            status.replicas += 1;
        }
        if p.is_running_and_ready() {
            status.ready_replicas += 1;
            if is_running_and_available(p, min_ready_seconds, now) {
                status.available_replicas += 1;
            }
        }
        if created && !p.metadata.is_terminating() {
            let rev = revision_of(p);
            if rev == status.current_revision {
                status.current_replicas += 1;
            }
            if rev == status.update_revision {
                status.updated_replicas += 1;
            }
        }
    }
}
