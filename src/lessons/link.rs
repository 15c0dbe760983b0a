//! Deep links for workshops: `#lesson=<id>&step=<n>&seed=<s>&lang=<en|pt-BR>`
//! opens a lesson at a step (1-based) on a given seed, so a room full of
//! learners sees the same cluster. Decoding is total: junk, unknown keys,
//! repeated keys, unknown lessons, out-of-range steps and overlong input
//! all give `None`, never a panic. Pure; no browser crates.

use super::text::Lang;

/// Longer input is refused before it is looked at.
pub const MAX_LEN: usize = 256;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub lesson: String,
    /// 1-based, as people count steps.
    pub step: usize,
    pub seed: u64,
    pub lang: Lang,
}

impl Link {
    /// The fragment, with its leading `#`.
    pub fn encode(&self) -> String {
        format!(
            "#lesson={}&step={}&seed={}&lang={}",
            self.lesson,
            self.step,
            self.seed,
            self.lang.code()
        )
    }

    /// Reads a fragment (with or without `#`) against the built-in lessons.
    /// `step` defaults to 1, `seed` to 1, `lang` to English.
    pub fn decode(fragment: &str) -> Option<Link> {
        Link::decode_with(fragment, |id| super::find(id).map(|l| l.steps.len()))
    }

    /// As [`Link::decode`], with `steps_of(id)` telling how many steps a
    /// lesson has (None: no such lesson).
    pub fn decode_with(fragment: &str, steps_of: impl Fn(&str) -> Option<usize>) -> Option<Link> {
        if fragment.len() > MAX_LEN {
            return None;
        }
        let body = fragment.strip_prefix('#').unwrap_or(fragment);
        let (mut lesson, mut step, mut seed, mut lang) = (None, None, None, None);
        for pair in body.split('&') {
            let (k, v) = pair.split_once('=')?;
            let slot_taken = match k {
                "lesson" => lesson.replace(valid_id(v)?).is_some(),
                "step" => step.replace(number(v, 3)? as usize).is_some(),
                "seed" => seed.replace(number(v, 20)?).is_some(),
                "lang" => lang.replace(Lang::parse(v)?).is_some(),
                _ => return None,
            };
            if slot_taken {
                return None;
            }
        }
        let lesson: String = lesson?;
        let steps = steps_of(&lesson)?;
        let step = step.unwrap_or(1);
        if step == 0 || step > steps {
            return None;
        }
        Some(Link {
            lesson,
            step,
            seed: seed.unwrap_or(1),
            lang: lang.unwrap_or_default(),
        })
    }
}

fn valid_id(v: &str) -> Option<String> {
    let ok = !v.is_empty()
        && v.len() <= 40
        && v.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    ok.then(|| v.to_string())
}

/// Decimal digits only (no sign, no spaces), at most `max_digits` of them.
fn number(v: &str, max_digits: usize) -> Option<u64> {
    if v.is_empty() || v.len() > max_digits || !v.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    v.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn steps(id: &str) -> Option<usize> {
        (id == "identity").then_some(3)
    }

    #[test]
    fn round_trip_and_defaults() {
        let l = Link {
            lesson: "identity".into(),
            step: 2,
            seed: 42,
            lang: Lang::PtBr,
        };
        assert_eq!(Link::decode_with(&l.encode(), steps), Some(l));
        let d = Link::decode_with("lesson=identity", steps).unwrap();
        assert_eq!((d.step, d.seed, d.lang), (1, 1, Lang::En));
    }

    #[test]
    fn junk_is_refused() {
        for bad in [
            "",
            "#",
            "#lesson=",
            "#lesson=nope",
            "#lesson=identity&step=0",
            "#lesson=identity&step=4",
            "#lesson=identity&step=-1",
            "#lesson=identity&step=1&step=2",
            "#lesson=identity&seed=99999999999999999999",
            "#lesson=identity&seed=1e3",
            "#lesson=identity&lang=fr",
            "#lesson=identity&x=1",
            "#lesson=identity&&step=1",
            "#lesson=IDENTITY",
            "#lesson=identity&step= 1",
        ] {
            assert_eq!(Link::decode_with(bad, steps), None, "{bad:?}");
        }
        let long = format!("#lesson=identity&seed=1{}", "0".repeat(MAX_LEN));
        assert_eq!(Link::decode_with(&long, steps), None);
    }
}
