//! What the seeded property tests share: a tiny deterministic generator and
//! the knobs `make fuzz` turns. In `make test` each target runs a few
//! thousand inputs; `make fuzz` sets ORDINAL_FUZZ_ROUNDS to a million or
//! more and prints how many inputs each target survived.

/// xorshift64*: tiny, seeded, the same on every platform.
pub struct Rng(pub u64);

#[allow(dead_code)] // each test file uses its own subset
impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// ORDINAL_FUZZ_ROUNDS, or `default` (what `make test` runs).
pub fn rounds(default: usize) -> usize {
    std::env::var("ORDINAL_FUZZ_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// ORDINAL_FUZZ_SEED, or `default`: a failing long run is replayed by seed.
pub fn seed(default: u64) -> u64 {
    std::env::var("ORDINAL_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// The line `make fuzz` collects into its table, with the process's peak
/// resident memory so far (Linux), which shows that memory stayed bounded.
pub fn report(target: &str, inputs: usize, started: std::time::Instant) {
    let secs = started.elapsed().as_secs_f64();
    let peak = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l["VmHWM:".len()..].trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    eprintln!("fuzz {target}: {inputs} inputs, 0 panics, {secs:.1} s, peak memory {peak}");
}
