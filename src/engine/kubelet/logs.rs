//! Container logs as the runtime keeps them: one log per container
//! instance (a restarted container is a new instance with a new, empty
//! log), each line with the time it was written. The kubelet's garbage
//! collector removes dead containers beyond the most recent ones, and
//! their logs with them, so only the current instance and the two before it
//! are kept here; each log is bounded like a rotated log file.

use std::collections::VecDeque;

use super::{CState, Ctr};
use crate::engine::time::SimTime;

/// Dead instances whose logs are kept besides the current one.
const KEPT_DEAD: usize = 2;
/// Lines kept per instance (oldest dropped first).
const MAX_LINES: usize = 10_000;
/// Bytes kept per instance (oldest lines dropped first), like the kubelet's
/// `containerLogMaxSize` rotation.
const MAX_BYTES: usize = 1 << 20;

/// One line an instance wrote to stdout or stderr.
#[derive(Clone, Debug, PartialEq)]
pub struct LogLine {
    /// When the runtime received it (`kubectl logs --timestamps`, `--since`).
    pub at: SimTime,
    pub text: String,
}

/// The log of one container instance.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct InstanceLog {
    /// The instance: the container's restart count when it started.
    pub instance: i64,
    pub lines: VecDeque<LogLine>,
    bytes: usize,
}

/// A container's logs, oldest instance first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ContainerLogs {
    instances: VecDeque<InstanceLog>,
}

impl ContainerLogs {
    /// Appends one line to instance `instance`'s log (a new instance starts
    /// a new log and may push the oldest one out).
    pub fn append(&mut self, instance: i64, at: SimTime, text: &str) {
        if self.instances.back().is_none_or(|l| l.instance != instance) {
            self.instances.push_back(InstanceLog {
                instance,
                ..Default::default()
            });
            while self.instances.len() > KEPT_DEAD + 1 {
                self.instances.pop_front();
            }
        }
        let Some(log) = self.instances.back_mut() else {
            return;
        };
        log.bytes += text.len() + 1;
        log.lines.push_back(LogLine {
            at,
            text: text.to_string(),
        });
        while log.lines.len() > MAX_LINES || (log.bytes > MAX_BYTES && log.lines.len() > 1) {
            match log.lines.pop_front() {
                Some(l) => log.bytes = log.bytes.saturating_sub(l.text.len() + 1),
                None => break,
            }
        }
    }

    /// Instance `instance`'s log, if it wrote anything and is still kept.
    pub fn instance(&self, instance: i64) -> Option<&InstanceLog> {
        self.instances.iter().find(|l| l.instance == instance)
    }

    /// The text of instance `instance`'s lines (none when it is gone).
    pub fn text(&self, instance: i64) -> Vec<String> {
        self.instance(instance)
            .map(|l| l.lines.iter().map(|x| x.text.clone()).collect())
            .unwrap_or_default()
    }
}

impl Ctr {
    /// Appends a line to the current instance's log.
    pub fn log_line(&mut self, at: SimTime, text: &str) {
        self.logs.append(self.restarts, at, text);
    }

    /// The current instance's log lines.
    pub fn current_log(&self) -> Vec<String> {
        self.logs.text(self.restarts)
    }

    /// The instance that `last` (the Pod status' `lastState.terminated`)
    /// describes, if the container has terminated before.
    pub fn last_terminated(&self) -> Option<i64> {
        matches!(self.last, Some(CState::Terminated { .. })).then_some(self.last_instance)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_current_instance_and_two_dead_ones() {
        let mut logs = ContainerLogs::default();
        for i in 0..5 {
            logs.append(i, SimTime(i as u64 * 1000), &format!("run {i}"));
        }
        assert!(logs.instance(0).is_none() && logs.instance(1).is_none());
        assert_eq!(logs.text(2), ["run 2"]);
        assert_eq!(logs.text(4), ["run 4"]);
        assert!(logs.text(7).is_empty());
    }

    #[test]
    fn each_log_is_bounded() {
        let mut logs = ContainerLogs::default();
        for i in 0..MAX_LINES + 5 {
            logs.append(0, SimTime::ZERO, &format!("{i}"));
        }
        let text = logs.text(0);
        assert_eq!(text.len(), MAX_LINES);
        assert_eq!(text[0], "5");
        let big = "x".repeat(MAX_BYTES / 4);
        for _ in 0..10 {
            logs.append(1, SimTime::ZERO, &big);
        }
        let kept = logs.instance(1).map_or(0, |l| l.lines.len());
        assert!((1..=4).contains(&kept), "{kept}");
        // One line larger than the bound is still kept whole.
        logs.append(2, SimTime::ZERO, &"y".repeat(MAX_BYTES * 2));
        assert_eq!(logs.text(2).len(), 1);
    }
}
