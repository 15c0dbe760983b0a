//! Simulated time. The engine never reads a clock: time is a number of
//! milliseconds since the simulation started, handed in by whoever drives it
//! (the console's `sleep`, the page's play loop, a test).
//!
//! Wall-clock texts (`creationTimestamp`, `describe`'s dates) are derived from
//! a fixed epoch so that transcripts are the same on every machine.

use std::fmt;
use std::ops::{Add, AddAssign, Sub};

/// Unix seconds of simulated instant zero: Monday 2026-01-05 09:00:00 UTC.
pub const EPOCH_UNIX_SECS: i64 = 1_767_603_600;

/// An instant, in milliseconds since the simulation started.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SimTime(pub u64);

/// A span of simulated time in milliseconds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SimDuration(pub u64);

impl SimDuration {
    pub const ZERO: SimDuration = SimDuration(0);
    pub const fn ms(ms: u64) -> Self {
        SimDuration(ms)
    }
    pub const fn secs(s: u64) -> Self {
        SimDuration(s * 1000)
    }
    pub const fn as_ms(self) -> u64 {
        self.0
    }
    pub fn as_secs_f64(self) -> f64 {
        self.0 as f64 / 1000.0
    }

    /// Parses a duration as `sleep`, `--timeout` and `sim advance` take it:
    /// `10`, `10s`, `1.5s`, `250ms`, `2m`, `1h`, `1m30s`. A bare number means
    /// seconds (as `sleep` does).
    pub fn parse(text: &str) -> Option<SimDuration> {
        let t = text.trim();
        if t.is_empty() {
            return None;
        }
        if let Ok(n) = t.parse::<f64>() {
            return (0.0..1e12)
                .contains(&n)
                .then(|| SimDuration((n * 1000.0).round() as u64));
        }
        let mut total: f64 = 0.0;
        let mut rest = t;
        let mut any = false;
        while !rest.is_empty() {
            let num_len = rest
                .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                .unwrap_or(rest.len());
            if num_len == 0 {
                return None;
            }
            let n: f64 = rest[..num_len].parse().ok()?;
            rest = &rest[num_len..];
            let unit_len = rest
                .find(|c: char| c.is_ascii_digit() || c == '.')
                .unwrap_or(rest.len());
            let unit = &rest[..unit_len];
            rest = &rest[unit_len..];
            let factor = match unit {
                "ms" => 1.0,
                "s" | "" => 1000.0,
                "m" => 60_000.0,
                "h" => 3_600_000.0,
                "d" => 86_400_000.0,
                _ => return None,
            };
            total += n * factor;
            any = true;
        }
        (any && total.is_finite() && total < 1e15).then(|| SimDuration(total.round() as u64))
    }
}

impl fmt::Display for SimDuration {
    /// Go's `time.Duration` style for whole and fractional seconds: `1m30s`, `2.5s`, `250ms`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = self.0;
        if ms == 0 {
            return write!(f, "0s");
        }
        if ms < 1000 {
            return write!(f, "{ms}ms");
        }
        let h = ms / 3_600_000;
        let m = (ms / 60_000) % 60;
        let s = (ms / 1000) % 60;
        let frac = ms % 1000;
        if h > 0 {
            write!(f, "{h}h")?;
        }
        if h > 0 || m > 0 {
            write!(f, "{m}m")?;
        }
        if frac == 0 {
            write!(f, "{s}s")
        } else {
            let frac = format!("{frac:03}");
            write!(f, "{s}.{}s", frac.trim_end_matches('0'))
        }
    }
}

impl SimTime {
    pub const ZERO: SimTime = SimTime(0);
    pub const fn as_ms(self) -> u64 {
        self.0
    }
    /// The instant truncated to whole seconds, as the API server stores timestamps.
    pub const fn trunc_secs(self) -> SimTime {
        SimTime(self.0 / 1000 * 1000)
    }
    pub fn saturating_sub(self, other: SimTime) -> SimDuration {
        SimDuration(self.0.saturating_sub(other.0))
    }
    /// The last tick, at or before this instant, of a loop that runs every
    /// `period` since the cluster started (`wait.Until` in a component
    /// started with it).
    pub const fn last_tick(self, period: SimDuration) -> SimTime {
        SimTime(self.0 / period.0 * period.0)
    }
    /// The first tick of such a loop after this instant.
    pub const fn next_tick(self, period: SimDuration) -> SimTime {
        SimTime((self.0 / period.0 + 1) * period.0)
    }
    pub fn unix_secs(self) -> i64 {
        EPOCH_UNIX_SECS + (self.0 / 1000) as i64
    }
    /// RFC 3339 in UTC with seconds, as Kubernetes serializes `metav1.Time`.
    pub fn rfc3339(self) -> String {
        let (y, mo, d, h, mi, s) = civil(self.unix_secs());
        format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
    }
    /// Go's `time.RFC3339Nano` in UTC: the fraction with its trailing zeros
    /// cut, none at all on a whole second (`2026-01-05T09:00:03Z`,
    /// `2026-01-05T09:00:03.25Z`).
    pub fn rfc3339_nano(self) -> String {
        let (y, mo, d, h, mi, s) = civil(self.unix_secs());
        let frac = self.0 % 1000;
        if frac == 0 {
            format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
        } else {
            let f = format!("{frac:03}");
            format!(
                "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{}Z",
                f.trim_end_matches('0')
            )
        }
    }
    /// RFC 3339 with microseconds, as `metav1.MicroTime` (Events' `eventTime`).
    pub fn rfc3339_micro(self) -> String {
        let (y, mo, d, h, mi, s) = civil(self.unix_secs());
        format!(
            "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{:06}Z",
            (self.0 % 1000) * 1000
        )
    }
    /// RFC 1123 with a numeric zone, as `kubectl describe` prints timestamps:
    /// `Mon, 05 Jan 2026 09:00:00 +0000`.
    pub fn rfc1123z(self) -> String {
        let (y, mo, d, h, mi, s) = civil(self.unix_secs());
        let (wd, mon) = self.names(mo);
        format!("{wd}, {d:02} {mon} {y:04} {h:02}:{mi:02}:{s:02} +0000")
    }
    /// Apache httpd's error-log time: `Mon Jan 05 09:00:00.000000 2026`.
    pub fn apache(self) -> String {
        let (y, mo, d, h, mi, s) = civil(self.unix_secs());
        let (wd, mon) = self.names(mo);
        format!(
            "{wd} {mon} {d:02} {h:02}:{mi:02}:{s:02}.{:06} {y:04}",
            (self.0 % 1000) * 1000
        )
    }
    /// The weekday and the month's English abbreviations.
    fn names(self, month: i64) -> (&'static str, &'static str) {
        const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let wd = DAYS[(self.unix_secs().div_euclid(86_400)).rem_euclid(7) as usize];
        (wd, MONTHS[((month - 1).clamp(0, 11)) as usize])
    }
    /// Parses an RFC 3339 UTC timestamp back into simulated time (instants
    /// before the simulation started clamp to zero).
    pub fn parse_rfc3339(text: &str) -> Option<SimTime> {
        let b = text.as_bytes();
        if b.len() < 20
            || b[4] != b'-'
            || b[7] != b'-'
            || (b[10] != b'T' && b[10] != b't')
            || b[13] != b':'
            || b[16] != b':'
        {
            return None;
        }
        let num = |r: std::ops::Range<usize>| text.get(r)?.parse::<i64>().ok();
        let (y, mo, d, h, mi, s) = (
            num(0..4)?,
            num(5..7)?,
            num(8..10)?,
            num(11..13)?,
            num(14..16)?,
            num(17..19)?,
        );
        if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || s > 60 {
            return None;
        }
        if !text.is_ascii() {
            return None;
        }
        let mut rest = &text[19..];
        let mut ms = 0i64;
        if let Some(frac) = rest.strip_prefix('.') {
            let n = frac
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(frac.len());
            if n == 0 {
                return None;
            }
            let digits = &frac[..n.min(3)];
            ms = format!("{digits:0<3}").parse().ok()?;
            rest = &frac[n..];
        }
        let offset = match rest {
            "Z" | "z" => 0,
            _ if rest.len() == 6 && (rest.starts_with('+') || rest.starts_with('-')) => {
                let sign = if rest.starts_with('-') { -1 } else { 1 };
                let oh: i64 = rest[1..3].parse().ok()?;
                let om: i64 = rest[4..6].parse().ok()?;
                sign * (oh * 3600 + om * 60)
            }
            _ => return None,
        };
        let unix = days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s - offset;
        let rel = (unix - EPOCH_UNIX_SECS) * 1000 + ms;
        Some(SimTime(rel.max(0) as u64))
    }
}

impl Add<SimDuration> for SimTime {
    type Output = SimTime;
    fn add(self, d: SimDuration) -> SimTime {
        SimTime(self.0.saturating_add(d.0))
    }
}
impl AddAssign<SimDuration> for SimTime {
    fn add_assign(&mut self, d: SimDuration) {
        self.0 = self.0.saturating_add(d.0);
    }
}
impl Sub for SimTime {
    type Output = SimDuration;
    fn sub(self, other: SimTime) -> SimDuration {
        self.saturating_sub(other)
    }
}
impl Add for SimDuration {
    type Output = SimDuration;
    fn add(self, d: SimDuration) -> SimDuration {
        SimDuration(self.0.saturating_add(d.0))
    }
}

/// kubectl's age format (`duration.HumanDuration` in apimachinery): `5s`,
/// `2m3s`, `12m`, `4h`, `5h30m`, `12d`, `2y3d`.
pub fn human_duration(d: SimDuration) -> String {
    let seconds = d.0 / 1000;
    if seconds < 60 * 2 {
        return format!("{seconds}s");
    }
    let minutes = seconds / 60;
    if minutes < 10 {
        let s = seconds % 60;
        return if s == 0 {
            format!("{minutes}m")
        } else {
            format!("{minutes}m{s}s")
        };
    }
    if minutes < 60 * 3 {
        return format!("{minutes}m");
    }
    let hours = minutes / 60;
    if hours < 8 {
        let m = minutes % 60;
        return if m == 0 {
            format!("{hours}h")
        } else {
            format!("{hours}h{m}m")
        };
    }
    if hours < 48 {
        return format!("{hours}h");
    }
    if hours < 24 * 8 {
        let h = hours % 24;
        return if h == 0 {
            format!("{}d", hours / 24)
        } else {
            format!("{}d{h}h", hours / 24)
        };
    }
    if hours < 24 * 365 * 2 {
        return format!("{}d", hours / 24);
    }
    if hours < 24 * 365 * 8 {
        let dy = (hours / 24) % 365;
        return if dy == 0 {
            format!("{}y", hours / 24 / 365)
        } else {
            format!("{}y{dy}d", hours / 24 / 365)
        };
    }
    format!("{}y", hours / 24 / 365)
}

/// Civil date from Unix seconds (Howard Hinnant's algorithm).
fn civil(unix: i64) -> (i64, i64, i64, i64, i64, i64) {
    let days = unix.div_euclid(86_400);
    let sod = unix.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d, sod / 3600, (sod / 60) % 60, sod % 60)
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_nano_cuts_trailing_zeros_like_go() {
        assert_eq!(SimTime(3000).rfc3339_nano(), "2026-01-05T09:00:03Z");
        assert_eq!(SimTime(3250).rfc3339_nano(), "2026-01-05T09:00:03.25Z");
        assert_eq!(SimTime(3007).rfc3339_nano(), "2026-01-05T09:00:03.007Z");
    }

    #[test]
    fn epoch_is_a_monday_morning() {
        assert_eq!(SimTime::ZERO.rfc3339(), "2026-01-05T09:00:00Z");
        assert_eq!(SimTime::ZERO.rfc1123z(), "Mon, 05 Jan 2026 09:00:00 +0000");
        assert_eq!(SimTime(1500).rfc3339_micro(), "2026-01-05T09:00:01.500000Z");
    }

    #[test]
    fn rfc3339_round_trips() {
        for ms in [0u64, 1000, 59_000, 86_400_000 * 40 + 3_723_000] {
            let t = SimTime(ms);
            assert_eq!(SimTime::parse_rfc3339(&t.rfc3339()), Some(t));
        }
        assert_eq!(
            SimTime::parse_rfc3339("2026-01-05T10:00:00+01:00"),
            Some(SimTime(0))
        );
        assert_eq!(
            SimTime::parse_rfc3339("2026-01-05T09:00:01.25Z"),
            Some(SimTime(1250))
        );
        assert_eq!(SimTime::parse_rfc3339("yesterday"), None);
    }

    #[test]
    fn human_duration_matches_kubectl() {
        let s = |n: u64| human_duration(SimDuration::secs(n));
        assert_eq!(s(0), "0s");
        assert_eq!(s(5), "5s");
        assert_eq!(s(119), "119s");
        assert_eq!(s(123), "2m3s");
        assert_eq!(s(180), "3m");
        assert_eq!(s(600), "10m");
        assert_eq!(s(3 * 3600), "3h");
        assert_eq!(s(5 * 3600 + 1800), "5h30m");
        assert_eq!(s(47 * 3600), "47h");
        assert_eq!(s(3 * 86_400 + 3600), "3d1h");
        assert_eq!(s(12 * 86_400), "12d");
        assert_eq!(s(3 * 365 * 86_400 + 86_400), "3y1d");
    }

    #[test]
    fn durations_parse_like_sleep() {
        assert_eq!(SimDuration::parse("10"), Some(SimDuration::secs(10)));
        assert_eq!(SimDuration::parse("2m"), Some(SimDuration::secs(120)));
        assert_eq!(SimDuration::parse("1m30s"), Some(SimDuration::secs(90)));
        assert_eq!(SimDuration::parse("250ms"), Some(SimDuration::ms(250)));
        assert_eq!(SimDuration::parse("1.5s"), Some(SimDuration::ms(1500)));
        assert_eq!(SimDuration::parse("soon"), None);
        assert_eq!(SimDuration::parse("-1"), None);
        assert_eq!(SimDuration::secs(90).to_string(), "1m30s");
        assert_eq!(SimDuration::ms(2500).to_string(), "2.5s");
    }
}
