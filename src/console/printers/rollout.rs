//! stub
pub fn rollout_status() {}
pub fn rollout_history() {}
pub struct RolloutStatus;
