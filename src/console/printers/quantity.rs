//! Resource quantities (`500m`, `1Gi`, `128974848`) as apimachinery's
//! `resource.Quantity` parses, adds and prints them in canonical form, for
//! describe's Limits/Requests and a node's allocated resources. Values are
//! kept in nano-units, which covers every quantity a manifest can write.
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys,
//! wasm_bindgen).

use serde_json::Value;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    DecimalSI,
    BinarySI,
    DecimalExponent,
}

/// A quantity: `nanos` is the value × 10⁹.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Quantity {
    pub nanos: i128,
    pub format: Format,
}

const NANO: i128 = 1_000_000_000;

impl Quantity {
    pub const ZERO: Quantity = Quantity {
        nanos: 0,
        format: Format::DecimalSI,
    };

    /// Parses `1.5Gi`, `100m`, `2`, `1e3`; None when it is not a quantity.
    pub fn parse(text: &str) -> Option<Quantity> {
        let t = text.trim();
        let num_end = t
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '+' || c == '-'))
            .unwrap_or(t.len());
        let (num, suffix) = t.split_at(num_end);
        let (mult, format): (i128, Format) = match suffix {
            "" => (NANO, Format::DecimalSI),
            "n" => (1, Format::DecimalSI),
            "u" => (1_000, Format::DecimalSI),
            "m" => (1_000_000, Format::DecimalSI),
            "k" => (NANO * 1_000, Format::DecimalSI),
            "M" => (NANO * 1_000_000, Format::DecimalSI),
            "G" => (NANO * 1_000_000_000, Format::DecimalSI),
            "T" => (NANO * 1_000_000_000_000, Format::DecimalSI),
            "P" => (NANO * 1_000_000_000_000_000, Format::DecimalSI),
            "E" => (NANO * 1_000_000_000_000_000_000, Format::DecimalSI),
            "Ki" => (NANO << 10, Format::BinarySI),
            "Mi" => (NANO << 20, Format::BinarySI),
            "Gi" => (NANO << 30, Format::BinarySI),
            "Ti" => (NANO << 40, Format::BinarySI),
            "Pi" => (NANO << 50, Format::BinarySI),
            "Ei" => (NANO << 60, Format::BinarySI),
            s if s.starts_with(['e', 'E']) => {
                let exp: u32 = s[1..].parse().ok().filter(|e| *e <= 18)?;
                (NANO * 10i128.pow(exp), Format::DecimalExponent)
            }
            _ => return None,
        };
        let (neg, digits) = match num.strip_prefix('-') {
            Some(d) => (true, d),
            None => (false, num.strip_prefix('+').unwrap_or(num)),
        };
        let (int_part, frac_part) = digits.split_once('.').unwrap_or((digits, ""));
        if int_part.is_empty() && frac_part.is_empty() {
            return None;
        }
        if !(int_part.bytes().all(|b| b.is_ascii_digit())
            && frac_part.bytes().all(|b| b.is_ascii_digit()))
        {
            return None;
        }
        let int: i128 = if int_part.is_empty() {
            0
        } else {
            int_part.parse().ok()?
        };
        let mut nanos = int.checked_mul(mult)?;
        // The fraction, rounded up to a whole nano-unit as Kubernetes does.
        let mut scale: i128 = 1;
        let mut frac: i128 = 0;
        for b in frac_part.bytes().take(30) {
            frac = frac * 10 + i128::from(b - b'0');
            scale *= 10;
        }
        if frac > 0 {
            let part = frac * mult;
            nanos += part / scale + i128::from(part % scale != 0);
        }
        Some(Quantity {
            nanos: if neg { -nanos } else { nanos },
            format,
        })
    }

    /// A quantity from a JSON value (strings, or numbers written bare).
    pub fn from_json(v: &Value) -> Option<Quantity> {
        match v {
            Value::String(s) => Quantity::parse(s),
            Value::Number(n) => Quantity::parse(&n.to_string()),
            _ => None,
        }
    }

    pub fn add(self, other: Quantity) -> Quantity {
        let format = if self.nanos == 0 && self.format == Format::DecimalSI {
            other.format
        } else {
            self.format
        };
        Quantity {
            nanos: self.nanos + other.nanos,
            format,
        }
    }

    /// `MilliValue()`: rounded up.
    pub fn milli(self) -> i128 {
        ceil_div(self.nanos, 1_000_000)
    }

    /// `Value()`: rounded up.
    pub fn value(self) -> i128 {
        ceil_div(self.nanos, NANO)
    }
}

/// What the engine's `PodRequests` / `PodLimits` sum (`Quantity.Add`
/// keeps the first operand's format, or takes the second's when the first
/// is zero).
impl crate::engine::resources::Amount for Quantity {
    fn from_json(v: &Value) -> Option<Quantity> {
        Quantity::from_json(v)
    }
    fn plus(&self, other: &Quantity) -> Quantity {
        Quantity {
            nanos: self.nanos + other.nanos,
            format: if self.nanos == 0 {
                other.format
            } else {
                self.format
            },
        }
    }
    fn greater(&self, other: &Quantity) -> bool {
        self.nanos > other.nanos
    }
    fn is_zero(&self) -> bool {
        self.nanos == 0
    }
}

fn ceil_div(a: i128, b: i128) -> i128 {
    let q = a / b;
    if a % b != 0 && a > 0 {
        q + 1
    } else {
        q
    }
}

impl std::fmt::Display for Quantity {
    /// The canonical form (`Quantity.String()`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.nanos == 0 {
            return write!(f, "0");
        }
        let whole = self.nanos % NANO == 0;
        if self.format == Format::BinarySI && whole && self.nanos.abs() >= 1024 * NANO {
            let bytes = self.nanos / NANO;
            let suffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];
            let mut k = 0;
            while k + 1 < suffixes.len() && bytes % (1i128 << (10 * (k + 1))) == 0 {
                k += 1;
            }
            return write!(f, "{}{}", bytes >> (10 * k), suffixes[k]);
        }
        // Decimal: the largest exponent (a multiple of 3) with an integer mantissa.
        let suffixes = [
            (-9, "n"),
            (-6, "u"),
            (-3, "m"),
            (0, ""),
            (3, "k"),
            (6, "M"),
            (9, "G"),
            (12, "T"),
            (15, "P"),
            (18, "E"),
        ];
        let mut best = (self.nanos, -9, "n");
        for (exp, suffix) in suffixes {
            let div = 10i128.pow((exp + 9) as u32);
            if self.nanos % div == 0 {
                best = (self.nanos / div, exp, suffix);
            }
        }
        if self.format == Format::DecimalExponent && best.1 > 0 {
            return write!(f, "{}e{}", best.0, best.1);
        }
        write!(f, "{}{}", best.0, best.2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(s: &str) -> String {
        Quantity::parse(s).unwrap().to_string()
    }

    #[test]
    fn canonical_forms() {
        assert_eq!(canon("1Gi"), "1Gi");
        assert_eq!(canon("1024Mi"), "1Gi");
        assert_eq!(canon("1.5Gi"), "1536Mi");
        assert_eq!(canon("0.5"), "500m");
        assert_eq!(canon("100m"), "100m");
        assert_eq!(canon("1000m"), "1");
        assert_eq!(canon("2000"), "2k");
        assert_eq!(canon("1500"), "1500");
        assert_eq!(canon("8148060Ki"), "8148060Ki");
        assert_eq!(canon("512"), "512");
        assert_eq!(canon("0"), "0");
        assert!(Quantity::parse("1.5.2").is_none());
        assert!(Quantity::parse("10Q").is_none());
        let sum = Quantity::parse("100m")
            .unwrap()
            .add(Quantity::parse("250m").unwrap());
        assert_eq!(sum.to_string(), "350m");
        assert_eq!(Quantity::parse("4").unwrap().milli(), 4000);
    }
}
