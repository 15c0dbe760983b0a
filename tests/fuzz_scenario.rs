//! Seeded property tests of what the page reads from outside: share links
//! (the `#s=` fragment) and saved scenarios (browser storage, imported
//! files). Mutated and random inputs never panic; each is either refused
//! with a reason or accepted, and an accepted one replays within bounds.

use crate::fuzzing;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;

use fuzzing::Rng;
use ordinal::engine::SimTime;
use ordinal::view_model::scenario::{LinkError, Scenario, MAX_LINK};
use ordinal::view_model::session::{Input, Session, TimedInput};

/// A scenario as the page saves one after the StatefulSet Basics steps.
fn sample() -> Scenario {
    let web = ordinal::console::library::url("https://k8s.io/examples/application/web/web.yaml")
        .expect("built-in web.yaml");
    let inputs = vec![
        TimedInput {
            at: 0,
            input: Input::File {
                path: "web.yaml".into(),
                text: web.to_string(),
            },
        },
        TimedInput {
            at: 0,
            input: Input::Run("kubectl apply -f web.yaml".into()),
        },
        TimedInput {
            at: 20_000,
            input: Input::Run("kubectl delete pod web-0".into()),
        },
        TimedInput {
            at: 40_000,
            input: Input::Run("kubectl scale sts web --replicas=3".into()),
        },
    ];
    Scenario {
        seed: 7,
        now: 60_000,
        inputs,
        editor: Some(web.to_string()),
    }
}

/// Pieces that reach the corners of JSON, base64 and the scenario's fields.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    "\"",
    "\\",
    "\\u0000",
    "\\ud800",
    "null",
    "true",
    "-1",
    "1e999",
    "18446744073709551616",
    "\"run\"",
    "\"file\"",
    "\"at\"",
    "\"now\"",
    "\"seed\"",
    "\"inputs\"",
    "\"format\"",
    "\"version\"",
    "2",
    "%",
    "=",
    "#s=",
    "A",
    "_",
    "-",
    "\n",
    "é",
    "\u{feff}",
];

fn mutate(rng: &mut Rng, s: &str) -> String {
    let mut b: Vec<char> = s.chars().collect();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(b.len() + 1);
        match rng.below(5) {
            0 if !b.is_empty() => {
                let end = (at + rng.below(16)).min(b.len());
                b.drain(at.min(end)..end);
            }
            1 => {
                for (i, c) in rng.pick(TOKENS).chars().enumerate() {
                    b.insert(at + i, c);
                }
            }
            2 if at < b.len() => b[at] = char::from(b'!' + rng.below(94) as u8),
            3 if !b.is_empty() => {
                let from = rng.below(b.len());
                let piece: Vec<char> = b[from..(from + rng.below(40)).min(b.len())].to_vec();
                for (i, c) in piece.into_iter().enumerate() {
                    b.insert(at + i, c);
                }
            }
            _ => b.truncate(at),
        }
    }
    b.into_iter().collect()
}

/// An accepted scenario replays; the result is the same twice.
fn replay(s: &Scenario) {
    let run = || {
        let session = Session::replay(s.seed, s.inputs.clone(), SimTime(s.now));
        (session.clock(), session.transcript().len())
    };
    assert_eq!(run(), run(), "replay differs for {s:?}");
}

/// Replaying takes milliseconds where decoding takes microseconds: a long
/// run replays one accepted scenario in `every`, a short run all of them.
struct Replays {
    every: usize,
    accepted: usize,
    replayed: usize,
}

impl Replays {
    fn new(rounds: usize) -> Replays {
        Replays {
            every: (rounds / 2000).max(1),
            accepted: 0,
            replayed: 0,
        }
    }
    fn maybe(&mut self, s: &Scenario, what: &str) {
        self.accepted += 1;
        if self.accepted % self.every == 0 {
            self.replayed += 1;
            if catch_unwind(AssertUnwindSafe(|| replay(s))).is_err() {
                panic!("replay panicked on {what:?}");
            }
        }
    }
}

fn check_json(text: &str, replays: &mut Replays) {
    let r = catch_unwind(|| Scenario::from_json(text));
    match r {
        Err(_) => panic!("from_json panicked on {text:?}"),
        Ok(Ok(s)) => {
            assert!(s.validate().is_ok());
            replays.maybe(&s, text);
        }
        Ok(Err(reason)) => assert!(!reason.is_empty(), "no reason for {text:?}"),
    }
}

fn check_link(payload: &str, replays: &mut Replays) {
    match catch_unwind(|| Scenario::from_link(payload)) {
        Err(_) => panic!("from_link panicked on {payload:?}"),
        Ok(Ok(s)) => replays.maybe(&s, payload),
        Ok(Err(LinkError::TooLong(n))) => assert!(n > MAX_LINK),
        Ok(Err(LinkError::Damaged(reason))) => assert!(!reason.is_empty()),
    }
}

#[test]
fn saved_scenarios_and_links_round_trip() {
    let s = sample();
    assert_eq!(Scenario::from_json(&s.to_json()), Ok(s.clone()));
    let link = s.to_link().expect("a link");
    assert_eq!(Scenario::from_link(&link), Ok(s));
}

#[test]
fn mutated_saved_scenarios_never_panic() {
    // `make fuzz` runs a longer search (ORDINAL_FUZZ_ROUNDS, ORDINAL_FUZZ_SEED).
    let rounds = fuzzing::rounds(400);
    let mut rng = Rng::new(fuzzing::seed(11));
    let json = sample().to_json();
    let mut replays = Replays::new(rounds);
    let started = Instant::now();
    for _ in 0..rounds {
        let text = if rng.chance(10) {
            (0..rng.below(30)).map(|_| *rng.pick(TOKENS)).collect()
        } else {
            mutate(&mut rng, &json)
        };
        check_json(&text, &mut replays);
    }
    fuzzing::report("saved-scenario", rounds, started);
    eprintln!(
        "  {} accepted, {} of them replayed",
        replays.accepted, replays.replayed
    );
}

#[test]
fn mutated_share_links_never_panic() {
    let rounds = fuzzing::rounds(1500);
    let mut rng = Rng::new(fuzzing::seed(12));
    let link = sample().to_link().expect("a link");
    let mut replays = Replays::new(rounds);
    let started = Instant::now();
    for _ in 0..rounds {
        let text = if rng.chance(10) {
            (0..rng.below(30)).map(|_| *rng.pick(TOKENS)).collect()
        } else {
            mutate(&mut rng, &link)
        };
        check_link(&text, &mut replays);
    }
    fuzzing::report("share-link", rounds, started);
    eprintln!(
        "  {} accepted, {} of them replayed",
        replays.accepted, replays.replayed
    );
}

#[test]
fn oversized_links_and_files_are_refused_with_the_limit() {
    // A 10 MB link is refused by its length before any decoding.
    let huge = "A".repeat(10 << 20);
    let started = Instant::now();
    assert_eq!(
        Scenario::from_link(&huge),
        Err(LinkError::TooLong(10 << 20))
    );
    assert!(started.elapsed().as_secs() < 5);
    // A deflate bomb: a small link that inflates past the text limit.
    let mut s = sample();
    s.editor = Some("x".repeat(8 << 20));
    let packed = miniz_oxide::deflate::compress_to_vec(s.to_json().as_bytes(), 9);
    let bomb = ordinal::view_model::scenario::b64_encode(&packed);
    assert!(bomb.len() < MAX_LINK, "the bomb fits in a link");
    assert!(matches!(
        Scenario::from_link(&bomb),
        Err(LinkError::Damaged(_))
    ));
    // A saved file with too much text says so.
    let err = Scenario::from_json(&s.to_json()).expect_err("too much text");
    assert!(err.contains("too much text"), "{err}");
}
