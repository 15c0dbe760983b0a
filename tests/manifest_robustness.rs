//! Seeded random and mutated input: the reader never panics, always
//! answers with objects or diagnostics, and hostile inputs (alias bombs,
//! deep nesting, huge documents) stop quickly with a message naming the
//! limit.

use std::time::{Duration, Instant};

use ordinal::manifest::{self, print, Entry};

use crate::fuzzing;

use fuzzing::Rng;

const SEEDS: &[&str] = &[
    include_str!("fixtures/manifests/web.yaml"),
    include_str!("fixtures/manifests/zookeeper.yaml"),
    include_str!("fixtures/manifests/mysql-statefulset.yaml"),
    include_str!("fixtures/manifests/mysql-configmap.yaml"),
    "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"x\"}, \"data\": {\"a\": \"b\"}}\n",
    "a: &x [1, 2]\nb: *x\nc:\n  <<: {d: 1}\n  e: !!str 5\n",
];

/// Pieces that tend to reach odd corners of a YAML scanner.
const TOKENS: &[&str] = &[
    "-",
    "- ",
    ":",
    ": ",
    "? ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "#",
    "&a ",
    "*a",
    "!",
    "!!str ",
    "!<x>",
    "|",
    "|-",
    ">+",
    "'",
    "\"",
    "\\",
    "\t",
    "\n",
    "\n  ",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "<<: ",
    "@",
    "`",
    "%",
    "\u{FEFF}",
    "é",
    "\u{2028}",
    "\r\n",
    " ",
    "0x1F",
    "yes",
    "~",
    "null",
    "1e3",
    ".inf",
    "apiVersion: v1\n",
    "kind: Pod\n",
    "kind: List\nitems:\n",
    "\u{0}",
    "\u{85}",
    "!a,",
    "[!b,]",
];

fn mutate(rng: &mut Rng, s: &str) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    for _ in 0..1 + rng.below(6) {
        let at = rng.below(chars.len() + 1);
        match rng.below(4) {
            0 => {
                let tok: Vec<char> = rng.pick(TOKENS).chars().collect();
                chars.splice(at..at, tok);
            }
            1 if at < chars.len() => {
                let end = (at + 1 + rng.below(8)).min(chars.len());
                chars.drain(at..end);
            }
            2 if at < chars.len() => {
                let end = (at + 1 + rng.below(40)).min(chars.len());
                let copy: Vec<char> = chars[at..end].to_vec();
                let to = rng.below(chars.len() + 1);
                chars.splice(to..to, copy);
            }
            _ => {
                if let Some(c) = chars.get_mut(at) {
                    *c = (b' ' + rng.below(95) as u8) as char;
                }
            }
        }
    }
    chars.into_iter().collect()
}

fn random_text(rng: &mut Rng) -> String {
    (0..rng.below(60)).map(|_| *rng.pick(TOKENS)).collect()
}

/// Every entry is an object or an error with a position, and the editor
/// gets at least one diagnostic whenever something went wrong.
fn check(text: &str) {
    let p = match std::panic::catch_unwind(|| manifest::parse(text, "fuzz.yaml")) {
        Ok(p) => p,
        Err(_) => panic!("panic on input {text:?}"),
    };
    let mut problems = p.stream_error.is_some();
    for e in &p.entries {
        match e {
            Entry::Object(m) => {
                if m.object.is_err() {
                    problems = true;
                }
                // Printing and planning an apply must not panic either.
                let _ = print::to_yaml(&m.raw);
                let _ = manifest::apply::plan_apply(&m.raw, Some(&m.raw));
            }
            Entry::Error(c) => {
                problems = true;
                assert!(c.diagnostic.line >= 1, "{text:?}");
            }
        }
    }
    let diags = p.diagnostics();
    if problems {
        assert!(
            diags
                .iter()
                .any(|d| d.severity == manifest::Severity::Error),
            "no diagnostic for {text:?}"
        );
    }
    for d in diags {
        assert!(d.line >= 1 && d.col >= 1, "{d:?} for {text:?}");
    }
}

#[test]
fn mutated_and_random_inputs_never_panic() {
    // `make fuzz` runs a longer search (ORDINAL_FUZZ_ROUNDS, ORDINAL_FUZZ_SEED).
    let inputs = fuzzing::rounds(6000);
    let mut rng = Rng(fuzzing::seed(0x5EED_0F0E_D1A1) | 1);
    let started = Instant::now();
    for round in 0..inputs.div_ceil(2) {
        let text = if round % 4 == 0 {
            random_text(&mut rng)
        } else {
            let seed = rng_seed(&mut rng);
            mutate(&mut rng, seed)
        };
        check(&text);
        check(&mutate(&mut rng, &text));
    }
    fuzzing::report("manifest", 2 * inputs.div_ceil(2), started);
}

fn rng_seed(rng: &mut Rng) -> &'static str {
    SEEDS[rng.below(SEEDS.len())]
}

fn assert_fast_error(text: &str, expected: &str) {
    let start = Instant::now();
    let p = manifest::parse(text, "big.yaml");
    let took = start.elapsed();
    let err = p.stream_error.expect("an error");
    assert!(
        err.text.contains(expected),
        "{} does not mention {expected}",
        err.text
    );
    // Unoptimised test builds are several times slower than the page.
    let bound = Duration::from_secs(if cfg!(debug_assertions) { 12 } else { 3 });
    assert!(took < bound, "took {took:?}");
}

#[test]
fn billion_laughs_stops_on_the_alias_budget() {
    let mut s = String::from("apiVersion: v1\nkind: ConfigMap\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
    for w in names.windows(2) {
        s.push_str(&format!(
            "{}: &{} [{}]\n",
            w[1],
            w[1],
            vec![format!("*{}", w[0]); 9].join(",")
        ));
    }
    assert_fast_error(
        &s,
        "error converting YAML to JSON: yaml: document contains excessive aliasing",
    );
}

#[test]
fn deep_nesting_stops_at_the_depth_limit() {
    let s = format!("a: {}\n", "[".repeat(200_000));
    assert_fast_error(&s, "exceeded max depth of 100");
    let s = format!("{}1{}", "{\"a\":".repeat(50_000), "}".repeat(50_000));
    assert_fast_error(&s, "exceeded max depth of 100");
    let mut s = String::new();
    for i in 0..300 {
        s.push_str(&" ".repeat(i));
        s.push_str("a:\n");
    }
    assert_fast_error(&s, "exceeded max depth of 100");
}

#[test]
fn huge_inputs_stop_at_the_size_limits() {
    let doc = format!(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  a: \"{}\"\n",
        "x".repeat(1_100_000)
    );
    assert_fast_error(&doc, "over the limit of 1 MiB per document");
    let many = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n---\n".repeat(250_000);
    assert_fast_error(&many, "over the limit of 10 MiB per input");
    let docs = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n---\n".repeat(20_000);
    assert_fast_error(
        &docs,
        "input has more than 10000 documents (the limit per input)",
    );
    // A large but legal document is read in reasonable time.
    let items: String = (0..20_000).map(|i| format!("  k{i}: v{i}\n")).collect();
    let ok = format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\ndata:\n{items}");
    let start = Instant::now();
    let p = manifest::parse(&ok, "ok.yaml");
    assert!(p.stream_error.is_none());
    assert_eq!(p.manifests().count(), 1);
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "took {:?}",
        start.elapsed()
    );
}
