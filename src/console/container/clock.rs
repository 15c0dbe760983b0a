//! Wall-clock texts of the simulated instant as the tools inside containers
//! print them: `date`, HTTP `Date:` headers, dig's `;; WHEN:`, `ls -l` and
//! nginx's access log. Everything is UTC, as in the catalogue's images.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use crate::engine::SimTime;

pub const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
pub const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A broken-down UTC time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tm {
    pub year: i64,
    /// 1..=12
    pub month: i64,
    pub day: i64,
    pub hour: i64,
    pub min: i64,
    pub sec: i64,
    /// 0 = Sunday
    pub wday: usize,
    /// 1..=366
    pub yday: i64,
    pub unix: i64,
}

impl Tm {
    pub fn at(t: SimTime) -> Tm {
        Tm::from_unix(t.unix_secs())
    }

    /// Howard Hinnant's civil-from-days.
    pub fn from_unix(unix: i64) -> Tm {
        let days = unix.div_euclid(86_400);
        let sod = unix.rem_euclid(86_400);
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        const BEFORE: [i64; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
        let yday = BEFORE[(month - 1) as usize] + day + i64::from(leap && month > 2);
        Tm {
            year,
            month,
            day,
            hour: sod / 3600,
            min: (sod / 60) % 60,
            sec: sod % 60,
            // 1970-01-01 was a Thursday.
            wday: (days + 4).rem_euclid(7) as usize,
            yday,
            unix,
        }
    }

    pub fn wday_name(&self) -> &'static str {
        DAYS[self.wday]
    }

    pub fn month_name(&self) -> &'static str {
        MONTHS[(self.month - 1) as usize]
    }

    /// `date`'s default: `Mon Jan  5 09:00:00 UTC 2026`.
    pub fn date(&self) -> String {
        self.strftime("%a %b %e %H:%M:%S %Z %Y")
    }

    /// RFC 7231 `Date:` header: `Mon, 05 Jan 2026 09:00:00 GMT`.
    pub fn http(&self) -> String {
        self.strftime("%a, %d %b %Y %H:%M:%S GMT")
    }

    /// strftime for the conversions `date +FORMAT` users type.
    pub fn strftime(&self, fmt: &str) -> String {
        let mut out = String::new();
        let mut chars = fmt.chars();
        while let Some(c) = chars.next() {
            if c != '%' {
                out.push(c);
                continue;
            }
            let Some(d) = chars.next() else {
                out.push('%');
                break;
            };
            let piece = match d {
                'a' => self.wday_name().to_string(),
                'A' => [
                    "Sunday",
                    "Monday",
                    "Tuesday",
                    "Wednesday",
                    "Thursday",
                    "Friday",
                    "Saturday",
                ][self.wday]
                    .to_string(),
                'b' | 'h' => self.month_name().to_string(),
                'B' => [
                    "January",
                    "February",
                    "March",
                    "April",
                    "May",
                    "June",
                    "July",
                    "August",
                    "September",
                    "October",
                    "November",
                    "December",
                ][(self.month - 1) as usize]
                    .to_string(),
                'c' => self.strftime("%a %b %e %H:%M:%S %Y"),
                'C' => format!("{:02}", self.year / 100),
                'd' => format!("{:02}", self.day),
                'D' => self.strftime("%m/%d/%y"),
                'e' => format!("{:>2}", self.day),
                'F' => self.strftime("%Y-%m-%d"),
                'H' => format!("{:02}", self.hour),
                'I' => format!("{:02}", (self.hour + 11) % 12 + 1),
                'j' => format!("{:03}", self.yday),
                'k' => format!("{:>2}", self.hour),
                'm' => format!("{:02}", self.month),
                'M' => format!("{:02}", self.min),
                'n' => "\n".to_string(),
                'N' => "000000000".to_string(),
                'p' => if self.hour < 12 { "AM" } else { "PM" }.to_string(),
                'R' => self.strftime("%H:%M"),
                's' => self.unix.to_string(),
                'S' => format!("{:02}", self.sec),
                't' => "\t".to_string(),
                'T' => self.strftime("%H:%M:%S"),
                'u' => (if self.wday == 0 { 7 } else { self.wday }).to_string(),
                'w' => self.wday.to_string(),
                'y' => format!("{:02}", self.year % 100),
                'Y' => self.year.to_string(),
                'z' => "+0000".to_string(),
                'Z' => "UTC".to_string(),
                '%' => "%".to_string(),
                other => format!("%{other}"),
            };
            out.push_str(&piece);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_is_monday_fifth_of_january_2026() {
        let t = Tm::at(SimTime::ZERO);
        assert_eq!(t.date(), "Mon Jan  5 09:00:00 UTC 2026");
        assert_eq!(t.http(), "Mon, 05 Jan 2026 09:00:00 GMT");
        assert_eq!(
            t.strftime("%F %T %j %s"),
            "2026-01-05 09:00:00 005 1767603600"
        );
    }
}
