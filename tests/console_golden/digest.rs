//! A digest of a whole, unmasked transcript: FNV-1a 64 over its bytes, in
//! hex. The native golden test writes and checks `tests/scripts/NAME.digest`;
//! the browser test (tests/web_determinism.rs) checks the same files, so the
//! engine and console compiled to wasm answer byte for byte as they do
//! natively, IPs, uids and timings included.

pub fn digest(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}
