//! Golden transcripts: every `tests/scripts/NAME.sh` runs in a fresh
//! console (seed 1, files relative to tests/scripts/) and its transcript,
//! with what varies between runs of a real cluster masked (ages, IPs, uids,
//! timestamps, resource versions), must equal `tests/scripts/NAME.out`
//! byte for byte. Each script also runs twice: the unmasked transcripts must
//! be identical (determinism).
//!
//! `ORDINAL_BLESS=1 cargo test --test native console_golden` rewrites the expected
//! files from the current output; every rewritten file has to be read
//! against what kubectl and the tutorial really print before it is
//! committed (tests/scripts/README.md says where each one was checked).
//!
//! The digest of each unmasked transcript is kept in `NAME.digest`; the
//! browser test tests/web_determinism.rs checks the wasm build against it.

#[path = "console_golden/digest.rs"]
mod digest;
#[path = "console_golden/masking.rs"]
mod masking;

use std::path::{Path, PathBuf};

use ordinal::console::Console;

fn scripts_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scripts")
}

fn console(seed: u64) -> Console {
    let mut c = Console::new(seed);
    let dir = scripts_dir();
    c.set_file_reader(std::rc::Rc::new(move |path: &str| {
        let p = Path::new(path);
        let full = if p.is_absolute() {
            p.to_path_buf()
        } else {
            dir.join(p)
        };
        std::fs::read_to_string(full).map_err(|_| "No such file or directory".to_string())
    }));
    c
}

/// Runs a script and returns its transcript text.
pub fn transcript(src: &str) -> String {
    let mut c = console(1);
    match c.run_script(src, false) {
        Ok(t) => t.to_string(),
        Err(e) => panic!("script does not parse: line {}: {}", e.line, e.message),
    }
}

/// The first lines where two texts differ, for the failure message.
fn difference(expected: &str, actual: &str) -> String {
    let e: Vec<&str> = expected.lines().collect();
    let a: Vec<&str> = actual.lines().collect();
    let first = e
        .iter()
        .zip(a.iter())
        .position(|(x, y)| x != y)
        .unwrap_or(e.len().min(a.len()));
    let from = first.saturating_sub(3);
    let mut s = format!("first difference at line {}:\n", first + 1);
    for i in from..(first + 6) {
        if let Some(l) = e.get(i) {
            s.push_str(&format!("  expected {:>4}: {l}\n", i + 1));
        }
    }
    for i in from..(first + 6) {
        if let Some(l) = a.get(i) {
            s.push_str(&format!("  actual   {:>4}: {l}\n", i + 1));
        }
    }
    s
}

fn check(name: &str) {
    let dir = scripts_dir();
    let script = dir.join(format!("{name}.sh"));
    let src = std::fs::read_to_string(&script).expect("script");
    let first = transcript(&src);
    let second = transcript(&src);
    assert!(
        first == second,
        "{name}: two runs differ\n{}",
        difference(&first, &second)
    );
    let masked = masking::mask(&first);
    let out = dir.join(format!("{name}.out"));
    let digest_file = dir.join(format!("{name}.digest"));
    let digest = format!("{}\n", digest::digest(&first));
    if std::env::var_os("ORDINAL_BLESS").is_some() {
        std::fs::write(&out, &masked).expect("write expected output");
        std::fs::write(&digest_file, &digest).expect("write digest");
        return;
    }
    // The unmasked transcript's digest: what the wasm build must reproduce.
    let expected_digest = std::fs::read_to_string(&digest_file)
        .unwrap_or_else(|_| panic!("{name}: no {name}.digest (run with ORDINAL_BLESS=1)"));
    let expected = std::fs::read_to_string(&out)
        .unwrap_or_else(|_| panic!("{name}: no {name}.out (run with ORDINAL_BLESS=1)"));
    assert!(
        expected == masked,
        "{name}: transcript differs from {name}.out\n{}",
        difference(&expected, &masked)
    );
    assert_eq!(
        expected_digest, digest,
        "{name}: the masked transcript is unchanged but the unmasked one differs \
         (IPs, uids or timings); check and bless with ORDINAL_BLESS=1"
    );
}

macro_rules! golden {
    ($($test:ident => $name:literal),* $(,)?) => {
        $(
            #[test]
            fn $test() {
                check($name);
            }
        )*
        const NAMES: &[&str] = &[$($name),*];
    };
}

golden! {
    statefulset_basics => "statefulset-basics",
    get => "get",
    describe => "describe",
    apply => "apply",
    delete => "delete",
    modify => "modify",
    rollout => "rollout",
    wait => "wait",
    logs => "logs",
    nodes => "nodes",
    sim => "sim",
    errors => "errors",
    workstation => "workstation",
    scheduling => "scheduling",
}

/// Every script in tests/scripts has a test above and one in the browser.
#[test]
fn every_script_is_listed() {
    let web = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/web_determinism.rs"),
    )
    .expect("tests/web_determinism.rs");
    for name in NAMES {
        assert!(
            web.contains(&format!("=> \"{name}\"")),
            "{name} is not checked in tests/web_determinism.rs"
        );
    }
    let mut missing = Vec::new();
    for e in std::fs::read_dir(scripts_dir()).expect("tests/scripts") {
        let p = e.expect("entry").path();
        if p.extension().is_some_and(|x| x == "sh") {
            let stem = p.file_stem().unwrap().to_string_lossy().to_string();
            if !NAMES.contains(&stem.as_str()) {
                missing.push(stem);
            }
        }
    }
    assert!(missing.is_empty(), "scripts without a test: {missing:?}");
}
