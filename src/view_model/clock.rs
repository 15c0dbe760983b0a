//! Simulated time as the page writes it: the clock, the narration's times
//! and spans of time in notices. The same in both languages (a clock has no
//! decimal comma, units are symbols), so no text here needs translating.
//!
//! The page counts in tenths of a second, the engine in milliseconds: two
//! moments in one tenth are told apart by their milliseconds where that
//! matters (a clock stopped between them, two such lines in the log).

/// `mm:ss.s` (or `h:mm:ss.s`) of simulated time.
pub fn clock_text(ms: u64) -> String {
    let tenths = (ms / 100) % 10;
    let s = ms / 1000;
    let (h, m, s) = (s / 3600, (s / 60) % 60, s % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}.{tenths}")
    } else {
        format!("{m:02}:{s:02}.{tenths}")
    }
}

/// Like `clock_text`, with the milliseconds when `ms` is not a whole tenth
/// (`00:07.528`), so that a moment inside a tenth reads as itself.
pub fn exact_clock_text(ms: u64) -> String {
    let tenth = clock_text(ms);
    match ms % 100 {
        0 => tenth,
        rest => format!("{tenth}{rest:02}"),
    }
}

/// For each time (in order), whether it must be written exactly: another
/// time in the list shares its tenth but not its millisecond. Moments at
/// the same millisecond are one instant and keep the short form.
pub fn exact_times(times: &[u64]) -> Vec<bool> {
    let mut out = vec![false; times.len()];
    let mut start = 0;
    while start < times.len() {
        let tenth = times[start] / 100;
        let mut end = start;
        while end < times.len() && times[end] / 100 == tenth {
            end += 1;
        }
        let group = &times[start..end];
        if group.iter().any(|&t| t != group[0]) {
            out[start..end].fill(true);
        }
        start = end;
    }
    out
}

/// A span of simulated time: `400 ms`, `8 s`, `2 min 5 s`, `1 h 20 min`.
/// Seconds are rounded down to whole ones past the first second.
pub fn span_text(ms: u64) -> String {
    if ms < 1000 {
        return format!("{ms} ms");
    }
    let s = ms / 1000;
    let (h, m, s) = (s / 3600, (s / 60) % 60, s % 60);
    match (h, m, s) {
        (0, 0, s) => format!("{s} s"),
        (0, m, 0) => format!("{m} min"),
        (0, m, s) => format!("{m} min {s} s"),
        (h, 0, _) => format!("{h} h"),
        (h, m, _) => format!("{h} h {m} min"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_texts() {
        assert_eq!(clock_text(7_528), "00:07.5");
        assert_eq!(clock_text(3_725_300), "1:02:05.3");
        assert_eq!(exact_clock_text(7_528), "00:07.528");
        assert_eq!(exact_clock_text(7_570), "00:07.570");
        assert_eq!(exact_clock_text(7_500), "00:07.5");
        assert_eq!(exact_clock_text(7_503), "00:07.503");
    }

    /// web-0 starts at 7.528 s and the controller creates web-1 at 7.570 s
    /// (the example with seed 1): both read `00:07.5` unless told apart.
    #[test]
    fn times_in_one_tenth_are_written_exactly() {
        let times = [7_076, 7_076, 7_528, 7_528, 7_570, 7_570, 7_672];
        assert_eq!(
            exact_times(&times),
            [false, false, true, true, true, true, false]
        );
        assert_eq!(exact_times(&[0, 0, 0]), [false, false, false]);
        assert_eq!(exact_times(&[]), Vec::<bool>::new());
    }

    #[test]
    fn spans() {
        assert_eq!(span_text(400), "400 ms");
        assert_eq!(span_text(8_300), "8 s");
        assert_eq!(span_text(60_000), "1 min");
        assert_eq!(span_text(125_000), "2 min 5 s");
        assert_eq!(span_text(3_600_000), "1 h");
        assert_eq!(span_text(4_830_000), "1 h 20 min");
    }
}
