//! The example manifests the editor offers (data in `src/ui/examples/`).

use super::i18n::Msg;

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
}
