//! The engine's only source of randomness: a seeded SplitMix64 stream.
//! The seed decides every random choice (Pod IPs, latency jitter, uids and
//! name suffixes) and nothing else does, so a seed and a list of inputs
//! always give the same run.

#[derive(Clone, Debug)]
pub struct Rng {
    state: u64,
}

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng {
            state: seed ^ 0x5851_f42d_4c95_7f2d,
        }
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A uniform integer in `lo..=hi` (returns `lo` when `hi <= lo`).
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        if hi <= lo {
            return lo;
        }
        lo + self.next_u64() % (hi - lo + 1)
    }

    /// A uid in Kubernetes' UUID text form.
    pub fn uuid(&mut self) -> String {
        let a = self.next_u64();
        let b = self.next_u64();
        let mut hex = String::with_capacity(32);
        push_hex(&mut hex, a);
        push_hex(&mut hex, b);
        uuid_text(&hex, (b >> 62) as u8)
    }

    /// A `generateName` suffix: 5 characters from apimachinery's alphabet
    /// (`bcdfghjklmnpqrstvwxz2456789`, no vowels, no confusable digits).
    pub fn name_suffix(&mut self, len: usize) -> String {
        const ALPHANUMS: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
        (0..len)
            .map(|_| ALPHANUMS[(self.next_u64() % ALPHANUMS.len() as u64) as usize] as char)
            .collect()
    }
}

/// Appends `word` as 16 lower-case hex digits (`{:016x}`). By hand, not with
/// `format!`: every object and Event takes a uid, every Pod status write a
/// container id, and the formatting machinery was a visible part of both.
pub fn push_hex(out: &mut String, word: u64) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for shift in (0..16).rev() {
        out.push(HEX[((word >> (4 * shift)) & 0xf) as usize] as char);
    }
}

/// Appends `n` in decimal, as `{n}` formats it (built by hand for names
/// made on hot paths).
pub fn push_decimal(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    push_unsigned(out, n.unsigned_abs());
}

/// Appends `n` in decimal, as `{n}` formats it.
pub fn push_unsigned(out: &mut String, n: u64) {
    let mut digits = [0u8; 20];
    let mut m = n;
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (m % 10) as u8;
        m /= 10;
        if m == 0 {
            break;
        }
    }
    for &d in &digits[at..] {
        out.push(d as char);
    }
}

/// 32 hex digits in Kubernetes' UUID text form: version 4 and variant
/// 10xx (`variant`'s low two bits pick the variant digit, 8–b), as the API
/// server's uuid.NewUUID gives.
pub fn uuid_text(hex: &str, variant: u8) -> String {
    let part = |r: std::ops::Range<usize>| hex.get(r).unwrap_or("");
    let mut out = String::with_capacity(36);
    out.push_str(part(0..8));
    out.push('-');
    out.push_str(part(8..12));
    out.push_str("-4");
    out.push_str(part(13..16));
    out.push('-');
    out.push(['8', '9', 'a', 'b'][(variant % 4) as usize]);
    out.push_str(part(17..20));
    out.push('-');
    out.push_str(part(20..32));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_decimal_writes_what_format_writes() {
        for n in [0i64, 9, 10, 4711, -1, -250, i64::MAX, i64::MIN] {
            let mut s = String::from("x");
            push_decimal(&mut s, n);
            assert_eq!(s, format!("x{n}"));
        }
        for n in [0u64, 10, u64::MAX] {
            let mut s = String::new();
            push_unsigned(&mut s, n);
            assert_eq!(s, n.to_string());
        }
    }

    #[test]
    fn uuids_are_version_4_text_from_the_stream() {
        let mut r = Rng::new(3);
        let mut copy = Rng::new(3);
        let (a, b) = (copy.next_u64(), copy.next_u64());
        let hex = format!("{a:016x}{b:016x}");
        let want = format!(
            "{}-{}-4{}-{:x}{}-{}",
            &hex[0..8],
            &hex[8..12],
            &hex[13..16],
            8 + (b >> 62) % 4,
            &hex[17..20],
            &hex[20..32]
        );
        assert_eq!(r.uuid(), want);
        assert_eq!(want.len(), 36);
    }

    #[test]
    fn same_seed_same_stream() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        let xs: Vec<u64> = (0..5).map(|_| a.next_u64()).collect();
        let ys: Vec<u64> = (0..5).map(|_| b.next_u64()).collect();
        assert_eq!(xs, ys);
        assert_ne!(Rng::new(8).next_u64(), xs[0]);
    }

    #[test]
    fn uuid_and_suffix_shapes() {
        let mut r = Rng::new(1);
        let u = r.uuid();
        assert_eq!(u.len(), 36);
        assert_eq!(u.as_bytes()[14], b'4');
        assert!(matches!(u.as_bytes()[19], b'8' | b'9' | b'a' | b'b'));
        let s = r.name_suffix(5);
        assert_eq!(s.len(), 5);
        assert!(s
            .bytes()
            .all(|c| b"bcdfghjklmnpqrstvwxz2456789".contains(&c)));
        for _ in 0..100 {
            let v = r.range(3, 5);
            assert!((3..=5).contains(&v));
        }
    }
}
