//! The timer queue: what will happen at which simulated instant. Entries
//! with the same due time fire in insertion order (a sequence number breaks
//! ties), so runs are reproducible.

use std::collections::BTreeMap;

use super::time::SimTime;

#[derive(Clone, Debug)]
pub struct TimerQueue<W> {
    entries: BTreeMap<(SimTime, u64), W>,
    seq: u64,
}

impl<W> Default for TimerQueue<W> {
    fn default() -> Self {
        TimerQueue {
            entries: BTreeMap::new(),
            seq: 0,
        }
    }
}

impl<W: Clone + PartialEq> TimerQueue<W> {
    pub fn push(&mut self, at: SimTime, w: W) {
        self.seq += 1;
        self.entries.insert((at, self.seq), w);
    }

    /// The earliest due time, if anything is queued.
    pub fn next_due(&self) -> Option<SimTime> {
        self.entries.keys().next().map(|(t, _)| *t)
    }

    /// Removes and returns the earliest entry if it is due at or before `now`.
    pub fn pop_due(&mut self, now: SimTime) -> Option<(SimTime, W)> {
        let (&(t, seq), _) = self.entries.iter().next()?;
        if t > now {
            return None;
        }
        self.entries.remove(&(t, seq)).map(|w| (t, w))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Drops every entry the predicate rejects.
    pub fn retain(&mut self, mut keep: impl FnMut(&W) -> bool) {
        self.entries.retain(|_, w| keep(w));
    }

    pub fn iter(&self) -> impl Iterator<Item = (SimTime, &W)> {
        self.entries.iter().map(|((t, _), w)| (*t, w))
    }

    /// Whether an equal entry is already queued (linear; used for small queues only).
    pub fn contains(&self, w: &W) -> bool {
        self.entries.values().any(|x| x == w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fires_in_time_then_insertion_order() {
        let mut q = TimerQueue::default();
        q.push(SimTime(20), "b");
        q.push(SimTime(10), "a");
        q.push(SimTime(20), "c");
        assert_eq!(q.next_due(), Some(SimTime(10)));
        assert_eq!(q.pop_due(SimTime(5)), None);
        assert_eq!(q.pop_due(SimTime(30)), Some((SimTime(10), "a")));
        assert_eq!(q.pop_due(SimTime(30)), Some((SimTime(20), "b")));
        assert_eq!(q.pop_due(SimTime(30)), Some((SimTime(20), "c")));
        assert!(q.is_empty());
    }
}
