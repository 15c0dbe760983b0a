//! `resource.Quantity` (apimachinery `api/resource`, 1.35): parsing with
//! upstream's error texts, exact comparison, and the canonical string the
//! API server writes back (`1024Mi` → `1Gi`, `0.5` → `500m`, `1000` →
//! `1k`; forms it considers canonical, such as `1Gi` or `1e3`, are kept
//! exactly as written).
//!
//! Values are exact decimals (a digit string and a power of ten), so no
//! input overflows or panics; arithmetic that upstream does in int64 or
//! `inf.Dec` gives the same value here.
//!
//! May not import yew, web_sys, gloo, js_sys or wasm_bindgen.

use std::cmp::Ordering;
use std::fmt;

use crate::engine::objects::Value;

pub const QUANTITY_FORMAT_ERROR: &str =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
pub const QUANTITY_NUMERIC_ERROR: &str = "unable to parse numeric part of quantity";
pub const QUANTITY_SUFFIX_ERROR: &str = "unable to parse quantity's suffix";

/// Why a string is not a quantity (`ErrFormatWrong`, `ErrNumeric`, `ErrSuffix`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuantityError {
    Format,
    Numeric,
    Suffix,
}

impl fmt::Display for QuantityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            QuantityError::Format => QUANTITY_FORMAT_ERROR,
            QuantityError::Numeric => QUANTITY_NUMERIC_ERROR,
            QuantityError::Suffix => QUANTITY_SUFFIX_ERROR,
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    DecimalExponent,
    BinarySI,
    DecimalSI,
}

/// An exact quantity: `digits × 10^exp` with a sign and the format that
/// decides how it prints.
#[derive(Clone, Debug)]
pub struct Quantity {
    negative: bool,
    /// Most significant first, no leading or trailing zeros; empty = zero.
    digits: Vec<u8>,
    exp: i64,
    pub format: Format,
    /// The text as written, when upstream keeps it (its "cached" string).
    cached: Option<String>,
}

impl PartialEq for Quantity {
    fn eq(&self, other: &Self) -> bool {
        self.cmp_value(other) == Ordering::Equal
    }
}

const MAX_INT64_FACTORS: i64 = 18;
const NANO: i64 = -9;

impl Quantity {
    pub fn zero() -> Quantity {
        Quantity {
            negative: false,
            digits: Vec::new(),
            exp: 0,
            format: Format::DecimalSI,
            cached: None,
        }
    }

    /// An integer quantity (`resource.NewQuantity`).
    pub fn from_i64(v: i64, format: Format) -> Quantity {
        let mut q = Quantity {
            negative: v < 0,
            digits: v
                .unsigned_abs()
                .to_string()
                .into_bytes()
                .iter()
                .map(|b| b - b'0')
                .collect(),
            exp: 0,
            format,
            cached: None,
        };
        q.normalize();
        q
    }

    /// `resource.ParseQuantity`, remembering recent answers in a
    /// direct-mapped cache: every claim write parses its request several
    /// times over (validation, the binder, the scheduler), and the texts
    /// come from a handful (`1Gi`, `100m`, …). Safe because parsing is a
    /// pure function of the text: a hit returns a clone of what
    /// `parse_text` gave for the very same text, only sooner.
    pub fn parse(s: &str) -> Result<Quantity, QuantityError> {
        use std::cell::RefCell;
        const SLOTS: usize = 64;
        type Slot = Option<(String, Result<Quantity, QuantityError>)>;
        thread_local! {
            static PARSED: RefCell<[Slot; SLOTS]> = RefCell::new(std::array::from_fn(|_| None));
        }
        if s.is_empty() {
            return Err(QuantityError::Format);
        }
        let slot = crate::engine::objects::rcstr::text_slot(s) & (SLOTS - 1);
        let hit = PARSED.with(|c| match &c.borrow()[slot] {
            Some((text, answer)) if text == s => Some(answer.clone()),
            _ => None,
        });
        if let Some(answer) = hit {
            return answer;
        }
        let answer = Quantity::parse_text(s);
        PARSED.with(|c| c.borrow_mut()[slot] = Some((s.to_string(), answer.clone())));
        answer
    }

    fn parse_text(s: &str) -> Result<Quantity, QuantityError> {
        if s.is_empty() {
            return Err(QuantityError::Format);
        }
        if s == "0" {
            return Ok(Quantity {
                cached: Some("0".to_string()),
                ..Quantity::zero()
            });
        }
        let parts = split(s)?;
        let (base, exponent, mut format) = interpret(&parts.suffix).ok_or(QuantityError::Suffix)?;
        let mut q = Quantity {
            negative: !parts.positive,
            digits: Vec::new(),
            exp: 0,
            format,
            cached: None,
        };
        let all: Vec<u8> = parts
            .num
            .bytes()
            .chain(parts.denom.bytes())
            .map(|b| b - b'0')
            .collect();
        let denom_len = parts.denom.len() as i64;

        // Upstream's int64 fast path decides whether the text is kept.
        let (precision, mut scale, mantissa_shift) = match format {
            Format::DecimalExponent | Format::DecimalSI => (
                MAX_INT64_FACTORS - (parts.num.len() as i64 + denom_len),
                exponent,
                0,
            ),
            Format::BinarySI => {
                if exponent >= 0 && parts.denom.is_empty() {
                    (
                        15 - parts.num.len() as i64 - (exponent * 3 / 10) - 1,
                        0,
                        exponent,
                    )
                } else {
                    (-1, 0, 0)
                }
            }
        };
        if precision >= 0 {
            scale -= denom_len;
            if scale >= NANO {
                let mut shifted = String::with_capacity(parts.num.len() + parts.denom.len());
                shifted.push_str(&parts.num);
                shifted.push_str(&parts.denom);
                let value: i64 = shifted.parse().unwrap_or(0);
                if let Some(result) = 1i64
                    .checked_shl(mantissa_shift as u32)
                    .and_then(|m| value.checked_mul(m))
                    .filter(|_| mantissa_shift < 63)
                {
                    q.digits = all;
                    q.exp = scale;
                    q.normalize();
                    if mantissa_shift > 0 {
                        q = Quantity::from_i64(result, Format::BinarySI);
                        q.negative = !parts.positive && result != 0;
                    }
                    let keep = match format {
                        Format::BinarySI => exponent % 10 == 0 && (value & 0x07) != 0,
                        _ => {
                            scale % 3 == 0 && !shifted.ends_with("000") && !shifted.starts_with('0')
                        }
                    };
                    if keep {
                        q.cached = Some(s.to_string());
                    }
                    return Ok(q);
                }
            }
        }

        // The inf.Dec slow path: exact value, rounded up to nano, binary
        // values clamped to int64 and small binary values shown as decimal.
        if !parts.value_has_digit {
            return Err(QuantityError::Numeric);
        }
        q.digits = all;
        q.exp = -denom_len;
        if base == 10 {
            q.exp += exponent;
        } else {
            for _ in 0..exponent {
                mul_small(&mut q.digits, 2);
            }
        }
        q.normalize();
        if !q.digits.is_empty() {
            q.round_away(NANO);
        }
        if format == Format::BinarySI {
            let max = Quantity::from_i64(i64::MAX, Format::BinarySI);
            if q.cmp_magnitude(&max) == Ordering::Greater {
                q.digits = max.digits;
                q.exp = max.exp;
            }
            let one = Quantity::from_i64(1, Format::DecimalSI);
            if !q.digits.is_empty() && q.cmp_magnitude(&one) == Ordering::Less {
                format = Format::DecimalSI;
            }
        }
        q.format = format;
        if q.digits.is_empty() {
            q.negative = false;
        }
        Ok(q)
    }

    /// A quantity as it arrives in JSON: a string (trimmed, as
    /// `UnmarshalJSON` does), a bare number, or null (zero).
    pub fn from_value(v: &Value) -> Result<Quantity, QuantityError> {
        match v {
            Value::String(s) => Quantity::parse(s.trim()),
            Value::Number(n) => Quantity::parse(&n.to_string()),
            Value::Null => Ok(Quantity::zero()),
            _ => Err(QuantityError::Format),
        }
    }

    fn normalize(&mut self) {
        while self.digits.first() == Some(&0) {
            self.digits.remove(0);
        }
        while self.digits.last() == Some(&0) {
            self.digits.pop();
            self.exp += 1;
        }
        if self.digits.is_empty() {
            self.exp = 0;
        }
    }

    /// Rounds the magnitude away from zero to `scale` (a power of ten).
    fn round_away(&mut self, scale: i64) {
        if self.digits.is_empty() || self.exp >= scale {
            return;
        }
        let drop = (scale - self.exp) as usize;
        let keep = self.digits.len().saturating_sub(drop);
        let inexact = self.digits[keep..].iter().any(|d| *d != 0);
        self.digits.truncate(keep);
        self.exp = scale;
        if inexact {
            add_one(&mut self.digits);
        }
        self.normalize();
    }

    pub fn is_zero(&self) -> bool {
        self.digits.is_empty()
    }

    /// -1, 0 or 1.
    pub fn sign(&self) -> i32 {
        if self.digits.is_empty() {
            0
        } else if self.negative {
            -1
        } else {
            1
        }
    }

    fn cmp_magnitude(&self, other: &Quantity) -> Ordering {
        match (self.digits.is_empty(), other.digits.is_empty()) {
            (true, true) => return Ordering::Equal,
            (true, false) => return Ordering::Less,
            (false, true) => return Ordering::Greater,
            _ => {}
        }
        let a_top = self.digits.len() as i64 + self.exp;
        let b_top = other.digits.len() as i64 + other.exp;
        if a_top != b_top {
            return a_top.cmp(&b_top);
        }
        let n = self.digits.len().max(other.digits.len());
        for i in 0..n {
            let a = self.digits.get(i).copied().unwrap_or(0);
            let b = other.digits.get(i).copied().unwrap_or(0);
            if a != b {
                return a.cmp(&b);
            }
        }
        Ordering::Equal
    }

    /// `Quantity.Cmp`: compares values, ignoring format.
    pub fn cmp_value(&self, other: &Quantity) -> Ordering {
        match (self.sign(), other.sign()) {
            (a, b) if a != b => a.cmp(&b),
            (-1, _) => other.cmp_magnitude(self),
            _ => self.cmp_magnitude(other),
        }
    }

    /// `ScaledValue(scale)`: the value in units of 10^scale, rounded away
    /// from zero, saturating instead of overflowing.
    pub fn scaled_value(&self, scale: i64) -> i64 {
        let mut q = self.clone();
        q.round_away(scale);
        if q.digits.is_empty() {
            return 0;
        }
        let zeros = q.exp - scale;
        if q.digits.len() as i64 + zeros > 19 {
            return if q.negative { i64::MIN } else { i64::MAX };
        }
        let mut v: i128 = 0;
        for d in &q.digits {
            v = v * 10 + *d as i128;
        }
        for _ in 0..zeros {
            v *= 10;
        }
        let v = if q.negative { -v } else { v };
        v.clamp(i64::MIN as i128, i64::MAX as i128) as i64
    }

    /// `Value()`: whole units.
    pub fn value(&self) -> i64 {
        self.scaled_value(0)
    }

    /// `MilliValue()`.
    pub fn milli_value(&self) -> i64 {
        self.scaled_value(-3)
    }

    /// The value in nano-units (× 10⁹), rounded away from zero, saturating
    /// at `i128`'s bounds: wide enough to add up requests of any size
    /// exactly (`Value()` and `MilliValue()` stop at `int64`).
    pub fn nanos(&self) -> i128 {
        let mut q = self.clone();
        q.round_away(NANO);
        if q.digits.is_empty() {
            return 0;
        }
        let zeros = q.exp - NANO;
        if q.digits.len() as i64 + zeros > 38 {
            return if q.negative { i128::MIN } else { i128::MAX };
        }
        let mut v: i128 = 0;
        for d in &q.digits {
            v = v * 10 + *d as i128;
        }
        for _ in 0..zeros {
            v *= 10;
        }
        if q.negative {
            -v
        } else {
            v
        }
    }

    /// `RoundUp(Milli)`, which defaulting applies to every resource list.
    pub fn round_up_milli(&mut self) {
        if !self.digits.is_empty() && self.exp < -3 {
            self.round_away(-3);
            self.cached = None;
        }
    }

    fn is_integer(&self) -> bool {
        self.exp >= 0
    }

    /// `Quantity.String()`: the kept text, or the canonical form.
    pub fn to_canonical_string(&self) -> String {
        if let Some(s) = &self.cached {
            return s.clone();
        }
        if self.digits.is_empty() {
            return "0".to_string();
        }
        let mut format = self.format;
        if format == Format::BinarySI {
            let k = Quantity::from_i64(1024, Format::DecimalSI);
            if self.cmp_magnitude(&k) == Ordering::Less || !self.is_integer() {
                format = Format::DecimalSI;
            }
        }
        let sign = if self.negative { "-" } else { "" };
        match format {
            Format::DecimalSI | Format::DecimalExponent => {
                let mut digits = self.digits.clone();
                let r = self.exp.rem_euclid(3);
                digits.extend(std::iter::repeat_n(0, r as usize));
                let exp = self.exp - r;
                let suffix = match format {
                    Format::DecimalExponent if exp == 0 => String::new(),
                    Format::DecimalExponent => format!("e{exp}"),
                    _ => decimal_suffix(exp).to_string(),
                };
                format!("{sign}{}{suffix}", digits_str(&digits))
            }
            Format::BinarySI => {
                let mut n = self.digits.clone();
                n.extend(std::iter::repeat_n(0, self.exp.max(0) as usize));
                let mut times = 0;
                loop {
                    if n.len() < 4 && digits_str(&n).parse::<u32>().unwrap_or(0) < 1024 {
                        break;
                    }
                    let (quot, rem) = div_small(&n, 1024);
                    if rem != 0 {
                        break;
                    }
                    n = quot;
                    times += 1;
                }
                let suffix = match times {
                    1 => "Ki",
                    2 => "Mi",
                    3 => "Gi",
                    4 => "Ti",
                    5 => "Pi",
                    6 => "Ei",
                    _ => "",
                };
                format!("{sign}{}{suffix}", digits_str(&n))
            }
        }
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_canonical_string())
    }
}

/// Canonicalizes a quantity held as a JSON value (what the API server
/// writes back), leaving values that do not parse untouched.
pub fn canonical_value(v: &Value, round_milli: bool) -> Value {
    match Quantity::from_value(v) {
        Ok(mut q) => {
            if round_milli {
                q.round_up_milli();
            }
            Value::String(q.to_canonical_string())
        }
        Err(_) => v.clone(),
    }
}

fn decimal_suffix(exp: i64) -> &'static str {
    match exp {
        -9 => "n",
        -6 => "u",
        -3 => "m",
        3 => "k",
        6 => "M",
        9 => "G",
        12 => "T",
        15 => "P",
        18 => "E",
        // Upstream finds no suffix for other exponents and prints none.
        _ => "",
    }
}

fn digits_str(d: &[u8]) -> String {
    if d.is_empty() {
        return "0".to_string();
    }
    d.iter().map(|x| (b'0' + x) as char).collect()
}

fn mul_small(d: &mut Vec<u8>, m: u32) {
    let mut carry = 0u32;
    for x in d.iter_mut().rev() {
        let v = *x as u32 * m + carry;
        *x = (v % 10) as u8;
        carry = v / 10;
    }
    while carry > 0 {
        d.insert(0, (carry % 10) as u8);
        carry /= 10;
    }
}

fn add_one(d: &mut Vec<u8>) {
    for x in d.iter_mut().rev() {
        if *x == 9 {
            *x = 0;
        } else {
            *x += 1;
            return;
        }
    }
    d.insert(0, 1);
}

fn div_small(d: &[u8], m: u32) -> (Vec<u8>, u32) {
    let mut out = Vec::with_capacity(d.len());
    let mut rem = 0u32;
    for x in d {
        let v = rem * 10 + *x as u32;
        out.push((v / m) as u8);
        rem = v % m;
    }
    while out.first() == Some(&0) {
        out.remove(0);
    }
    (out, rem)
}

struct Parts {
    positive: bool,
    value_has_digit: bool,
    num: String,
    denom: String,
    suffix: String,
}

/// `parseQuantityString`, byte for byte.
fn split(s: &str) -> Result<Parts, QuantityError> {
    let b = s.as_bytes();
    let end = b.len();
    let mut positive = true;
    let mut pos = 0;
    match b.first() {
        Some(b'-') => {
            positive = false;
            pos += 1;
        }
        Some(b'+') => pos += 1,
        _ => {}
    }
    while pos < end && b[pos] == b'0' {
        pos += 1;
    }
    let mut parts = Parts {
        positive,
        value_has_digit: true,
        num: String::new(),
        denom: String::new(),
        suffix: String::new(),
    };
    if pos >= end {
        parts.num = "0".to_string();
        return Ok(parts);
    }
    let num_start = pos;
    while pos < end && b[pos].is_ascii_digit() {
        pos += 1;
    }
    parts.num = s[num_start..pos].to_string();
    if parts.num.is_empty() {
        parts.num = "0".to_string();
    }
    if pos < end && b[pos] == b'.' {
        pos += 1;
        let ds = pos;
        while pos < end && b[pos].is_ascii_digit() {
            pos += 1;
        }
        parts.denom = s[ds..pos].to_string();
    }
    // The slow path parses the text before the suffix as a decimal, which
    // fails only when it holds no digit at all (".", "-.").
    parts.value_has_digit = s[..pos].bytes().any(|c| c.is_ascii_digit());
    if pos >= end {
        return Ok(parts);
    }
    let suffix_start = pos;
    while pos < end && b"eEinumkKMGTP".contains(&b[pos]) {
        pos += 1;
    }
    if pos < end && (b[pos] == b'-' || b[pos] == b'+') {
        pos += 1;
    }
    while pos < end && b[pos].is_ascii_digit() {
        pos += 1;
    }
    if pos < end {
        return Err(QuantityError::Format);
    }
    parts.suffix = s[suffix_start..].to_string();
    Ok(parts)
}

/// The suffixer: (base, exponent, format).
fn interpret(suffix: &str) -> Option<(u32, i64, Format)> {
    let dec = |e| Some((10, e, Format::DecimalSI));
    let bin = |e| Some((2, e, Format::BinarySI));
    match suffix {
        "" => dec(0),
        "n" => dec(-9),
        "u" => dec(-6),
        "m" => dec(-3),
        "k" => dec(3),
        "M" => dec(6),
        "G" => dec(9),
        "T" => dec(12),
        "P" => dec(15),
        "E" => dec(18),
        "Ki" => bin(10),
        "Mi" => bin(20),
        "Gi" => bin(30),
        "Ti" => bin(40),
        "Pi" => bin(50),
        "Ei" => bin(60),
        s if s.len() > 1 && (s.starts_with('e') || s.starts_with('E')) => {
            // strconv.ParseInt(…, 64) then a cast to int32, which wraps.
            let parsed: i64 = s[1..].parse().ok()?;
            Some((10, parsed as i32 as i64, Format::DecimalExponent))
        }
        _ => None,
    }
}
