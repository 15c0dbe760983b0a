//! The example manifests the editor offers (data in `src/ui/examples/`).

use super::i18n::{Lang, Msg};

pub struct Example {
    pub id: &'static str,
    /// The file name the console applies it as.
    pub file: &'static str,
    pub title: Msg,
    pub about: Msg,
    pub yaml: &'static str,
}

pub const EXAMPLES: &[Example] = &[
    Example {
        id: "basics",
        file: "web.yaml",
        title: Msg::ExBasics,
        about: Msg::ExBasicsAbout,
        yaml: include_str!("../ui/examples/web.yaml"),
    },
    Example {
        id: "parallel",
        file: "web.yaml",
        title: Msg::ExParallel,
        about: Msg::ExParallelAbout,
        yaml: include_str!("../ui/examples/parallel.yaml"),
    },
    Example {
        id: "canary",
        file: "web.yaml",
        title: Msg::ExCanary,
        about: Msg::ExCanaryAbout,
        yaml: include_str!("../ui/examples/canary.yaml"),
    },
    Example {
        id: "ondelete",
        file: "web.yaml",
        title: Msg::ExOnDelete,
        about: Msg::ExOnDeleteAbout,
        yaml: include_str!("../ui/examples/ondelete.yaml"),
    },
    Example {
        id: "retention",
        file: "web.yaml",
        title: Msg::ExRetention,
        about: Msg::ExRetentionAbout,
        yaml: include_str!("../ui/examples/retention.yaml"),
    },
    Example {
        id: "wrong-service-name",
        file: "web.yaml",
        title: Msg::ExWrongName,
        about: Msg::ExWrongNameAbout,
        yaml: include_str!("../ui/examples/wrong-service-name.yaml"),
    },
    Example {
        id: "wrong-selector",
        file: "web.yaml",
        title: Msg::ExWrongSelector,
        about: Msg::ExWrongSelectorAbout,
        yaml: include_str!("../ui/examples/wrong-selector.yaml"),
    },
    Example {
        id: "zookeeper",
        file: "zookeeper.yaml",
        title: Msg::ExZookeeper,
        about: Msg::ExZookeeperAbout,
        yaml: include_str!("../ui/examples/zookeeper.yaml"),
    },
];

/// The example the page starts with.
pub fn basics() -> &'static Example {
    &EXAMPLES[0]
}

pub fn by_id(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.id == id)
}

/// An example the editor can load: one of the behaviours above, or one of
/// the gallery's stateful applications (`lessons::examples`).
#[derive(Clone, Copy)]
pub enum Pick {
    Builtin(&'static Example),
    Gallery(&'static crate::lessons::Example),
}

/// Examples are static: the same example is the same address.
impl PartialEq for Pick {
    fn eq(&self, other: &Pick) -> bool {
        match (self, other) {
            (Pick::Builtin(a), Pick::Builtin(b)) => std::ptr::eq(*a, *b),
            (Pick::Gallery(a), Pick::Gallery(b)) => std::ptr::eq(*a, *b),
            _ => false,
        }
    }
}

impl Eq for Pick {}

impl std::fmt::Debug for Pick {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Pick({})", self.key())
    }
}

impl Pick {
    /// The value of the example menu's option.
    pub fn key(self) -> String {
        match self {
            Pick::Builtin(e) => e.id.to_string(),
            Pick::Gallery(e) => format!("gallery/{}", e.id),
        }
    }
    pub fn parse(key: &str) -> Option<Pick> {
        match key.strip_prefix("gallery/") {
            Some(id) => crate::lessons::examples()
                .iter()
                .find(|e| e.id == id)
                .map(Pick::Gallery),
            None => by_id(key).map(Pick::Builtin),
        }
    }
    /// Every example, the behaviours first.
    pub fn all() -> impl Iterator<Item = Pick> {
        EXAMPLES
            .iter()
            .map(Pick::Builtin)
            .chain(crate::lessons::examples().iter().map(Pick::Gallery))
    }
    pub fn file(self) -> String {
        match self {
            Pick::Builtin(e) => e.file.to_string(),
            Pick::Gallery(e) => e.file_name(),
        }
    }
    pub fn yaml(self) -> &'static str {
        match self {
            Pick::Builtin(e) => e.yaml,
            Pick::Gallery(e) => &e.manifest,
        }
    }
    pub fn title(self, lang: Lang) -> String {
        match self {
            Pick::Builtin(e) => lang.t(e.title).to_string(),
            Pick::Gallery(e) => e.title.get(super::lesson::lesson_lang(lang)).to_string(),
        }
    }
    /// What the example shows (gallery: plain text, backquotes removed).
    pub fn about(self, lang: Lang) -> String {
        match self {
            Pick::Builtin(e) => lang.t(e.about).to_string(),
            Pick::Gallery(e) => {
                let d = e
                    .description
                    .get(super::lesson::lesson_lang(lang))
                    .replace('`', "");
                let peers = e.peers.join(", ");
                format!("{d} {}", lang.f(Msg::ExPeers, &[&peers]))
            }
        }
    }
    pub fn is_gallery(self) -> bool {
        matches!(self, Pick::Gallery(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_parses_without_errors() {
        for e in EXAMPLES {
            let parsed = crate::manifest::parse(e.yaml, e.file);
            let errors: Vec<_> = parsed
                .diagnostics()
                .into_iter()
                .filter(|d| d.severity == crate::manifest::Severity::Error)
                .collect();
            assert!(errors.is_empty(), "{}: {errors:?}", e.id);
            assert!(parsed.manifests().count() >= 2, "{}", e.id);
        }
    }

    #[test]
    fn picks_round_trip_and_the_gallery_is_offered() {
        let all: Vec<Pick> = Pick::all().collect();
        assert!(all.iter().any(|p| p.is_gallery()));
        for p in all {
            assert_eq!(Pick::parse(&p.key()), Some(p));
            assert!(!p.about(Lang::Pt).is_empty());
        }
        assert_eq!(Pick::parse("nope"), None);
    }
}
