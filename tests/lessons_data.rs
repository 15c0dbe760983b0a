//! The lesson data itself: every built-in lesson and example reads, every
//! text exists in English and Brazilian Portuguese, ids are unique and
//! URL-safe, experiments point at real steps, and the 28 classic mistakes of
//! `kubernetes-behaviour.md` §12 are each shown by exactly one experiment.
//! Also the page's API on data: views, progress (serde) and deep links.

use std::collections::BTreeSet;

use ordinal::lessons::{self, Lang, Link, Progress};

#[test]
fn all_data_reads() {
    assert_eq!(lessons::load_errors(), &[] as &[String]);
    assert_eq!(lessons::lessons().len(), 7);
    assert_eq!(lessons::examples().len(), 7);
}

#[test]
fn every_text_in_both_languages() {
    let mut missing = Vec::new();
    for l in lessons::lessons() {
        for (place, t) in l.texts() {
            if t.is_incomplete() {
                missing.push(place);
            } else if t.en == t.pt_br && t.en.split_whitespace().count() > 3 {
                missing.push(format!("{place} (pt-BR is the English text)"));
            }
        }
    }
    for e in lessons::examples() {
        for (what, t) in [("title", &e.title), ("description", &e.description)] {
            if t.is_incomplete() {
                missing.push(format!("example {}: {what}", e.id));
            }
        }
    }
    assert!(missing.is_empty(), "texts missing a language: {missing:#?}");
}

#[test]
fn ids_and_references() {
    let mut ids = BTreeSet::new();
    for l in lessons::lessons() {
        assert!(ids.insert(l.id.clone()), "duplicate lesson id {}", l.id);
        assert!(
            Link::decode(&format!("#lesson={}", l.id)).is_some(),
            "lesson id {} is not usable in a link",
            l.id
        );
        assert!(!l.steps.is_empty(), "{} has no steps", l.id);
        for (i, s) in l.steps.iter().enumerate() {
            assert!(!s.check.is_empty(), "{} step {} has no check", l.id, i + 1);
            assert!(
                !s.run.trim().is_empty(),
                "{} step {} has no solution",
                l.id,
                i + 1
            );
        }
        for x in &l.experiments {
            assert!(
                (1..=l.steps.len()).contains(&x.after),
                "{} mistake {}: after step {} does not exist",
                l.id,
                x.mistake,
                x.after
            );
            assert!(
                !x.expect.is_empty(),
                "{} mistake {} expects nothing",
                l.id,
                x.mistake
            );
        }
    }
    for e in lessons::examples() {
        assert!(
            ids.insert(format!("example/{}", e.id)),
            "duplicate example {}",
            e.id
        );
    }
}

#[test]
fn the_28_classic_mistakes_are_each_shown_once() {
    let mut seen: Vec<u8> = lessons::lessons()
        .iter()
        .flat_map(|l| l.experiments.iter().map(|x| x.mistake))
        .collect();
    seen.sort();
    assert_eq!(seen, (1..=28).collect::<Vec<u8>>());
}

#[test]
fn views_pick_one_language() {
    let l = lessons::find("identity").unwrap();
    let en = l.view(Lang::En);
    let pt = l.view(Lang::PtBr);
    assert_eq!(en.title, "Identity and order");
    assert_eq!(pt.title, "Identidade e ordem");
    assert_eq!(en.steps.len(), pt.steps.len());
    assert_eq!(en.steps[0].run, pt.steps[0].run);
    assert_ne!(en.steps[0].text, pt.steps[0].text);
    let json = serde_json::to_string(&pt).unwrap();
    assert!(json.contains("Identidade"));
    let ex = lessons::examples()[0].view(Lang::PtBr);
    assert!(!ex.description.is_empty());
}

#[test]
fn progress_is_saved_and_restored() {
    let l = lessons::find("identity").unwrap();
    let mut console = lessons::open(l, 3);
    let mut p = Progress::new(l, 3, Lang::PtBr, &console);
    let v = p.complete(l, &console).unwrap();
    assert!(!v.passed);
    assert!(v.hint(Lang::PtBr).unwrap().contains("ainda"));
    assert_eq!(p.step, 0);
    l.steps[0].play(&mut console);
    assert!(p.complete(l, &console).unwrap().passed);
    assert_eq!((p.step, p.done[0]), (1, true));
    let saved = serde_json::to_string(&p).unwrap();
    let back: Progress = serde_json::from_str(&saved).unwrap();
    assert_eq!(back, p);
    assert!(!back.finished());
}

#[test]
fn deep_links_rebuild_the_same_cluster() {
    let l = lessons::find("dns").unwrap();
    let link = Link {
        lesson: "dns".into(),
        step: 3,
        seed: 42,
        lang: Lang::PtBr,
    };
    let decoded = Link::decode(&link.encode()).unwrap();
    assert_eq!(decoded, link);
    let build = || lessons::at_step(l, decoded.seed, decoded.step - 1);
    let (a, b) = (build(), build());
    let ips = |c: &ordinal::console::Console| -> Vec<String> {
        c.engine()
            .store()
            .pods
            .iter()
            .map(|p| format!("{} {}", p.metadata.name, p.status.pod_ip))
            .collect()
    };
    assert_eq!(ips(&a), ips(&b));
    assert_eq!(a.engine().now(), b.engine().now());
    // The link's step is where the learner starts: its check does not pass yet.
    let base = lessons::Snapshot::take(a.engine());
    assert!(!l.steps[decoded.step - 1].evaluate(&a, &base).passed);
    assert!(Link::decode("#lesson=dns&step=7").is_none());
}

#[test]
fn deep_links_survive_junk() {
    // A tiny deterministic generator: no dependency, same cases every run.
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let alphabet = b"#&=lessonstepseedlangidentitydnspt-BRen0123456789%\xc3\xa9 _-";
    for _ in 0..20_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let len = (x % 80) as usize;
        let bytes: Vec<u8> = (0..len)
            .map(|i| alphabet[((x >> (i % 60)) as usize + i * 7) % alphabet.len()])
            .collect();
        let s = String::from_utf8_lossy(&bytes);
        if let Some(l) = Link::decode(&s) {
            assert!(lessons::find(&l.lesson).is_some());
            assert!(l.step >= 1);
        }
    }
    assert!(Link::decode(&"#lesson=identity&".repeat(1000)).is_none());
}
