//! The two languages of the lessons and a text written in both. Lesson
//! data carries every text as `{en: …, pt-BR: …}`; hints computed from the
//! cluster's state are built in both languages at once, so the page can
//! switch language without evaluating again. Pure; no browser crates.

use serde::{Deserialize, Serialize};

/// A language the lessons are written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    #[serde(rename = "en")]
    En,
    #[serde(rename = "pt-BR")]
    PtBr,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::PtBr];

    /// `en` or `pt-BR` (as in deep links and `--lang`); case-insensitive,
    /// `pt` and `pt_BR` accepted.
    pub fn parse(code: &str) -> Option<Lang> {
        match code.to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "pt-br" | "pt_br" | "pt" => Some(Lang::PtBr),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::PtBr => "pt-BR",
        }
    }
}

/// A text in English and Brazilian Portuguese.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub en: String,
    #[serde(rename = "pt-BR")]
    pub pt_br: String,
}

impl Text {
    pub fn new(en: impl Into<String>, pt_br: impl Into<String>) -> Text {
        Text {
            en: en.into(),
            pt_br: pt_br.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::PtBr => &self.pt_br,
        }
    }

    /// Whether either language is missing (blank).
    pub fn is_incomplete(&self) -> bool {
        self.en.trim().is_empty() || self.pt_br.trim().is_empty()
    }

    /// Both languages joined with a space (a computed hint followed by the
    /// step's own advice).
    pub fn then(&self, more: &Text) -> Text {
        Text::new(
            format!("{} {}", self.en, more.en),
            format!("{} {}", self.pt_br, more.pt_br),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_codes() {
        assert_eq!(Lang::parse("pt-BR"), Some(Lang::PtBr));
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
        for l in Lang::ALL {
            assert_eq!(Lang::parse(l.code()), Some(l));
        }
    }
}
