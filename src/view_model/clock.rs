//! Simulated time as the page writes it: the clock, the narration's times
//! and spans of time in notices. The same in both languages (a clock has no
//! decimal comma, units are symbols), so no text here needs translating.

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
