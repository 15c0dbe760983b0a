//! The examples gallery: realistic manifests of the stateful software
//! people run in StatefulSets (MySQL, PostgreSQL, Redis, MongoDB, Cassandra,
//! Elasticsearch, ZooKeeper), each a headless Service, a StatefulSet and
//! its claim templates, with a short description in both languages and the
//! DNS names the members use to reach each other. Data only (YAML files in
//! `gallery/`); each applies unmodified in Ordinal. Pure; no browser crates.

use serde::{Deserialize, Serialize};

use super::model::from_yaml;
use super::text::{Lang, Text};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub id: String,
    pub title: Text,
    pub description: Text,
    /// The StatefulSet and its headless Service.
    pub set: String,
    pub service: String,
    pub replicas: i64,
    /// Names members use for each other, as typed in a Pod of the same
    /// namespace (`mongo-0.mongo`); each resolves to one member's IP.
    pub peers: Vec<String>,
    /// The manifest, to paste into the editor or `kubectl apply -f -`.
    pub manifest: String,
}

/// An example's texts in one language, for the page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExampleView<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub peers: &'a [String],
    pub manifest: &'a str,
}

impl Example {
    pub fn view(&self, lang: Lang) -> ExampleView<'_> {
        ExampleView {
            id: &self.id,
            title: self.title.get(lang),
            description: self.description.get(lang),
            peers: &self.peers,
            manifest: &self.manifest,
        }
    }

    /// The file name the console knows the manifest by (`mysql.yaml`).
    pub fn file_name(&self) -> String {
        format!("{}.yaml", self.id)
    }
}

const SOURCES: &[&str] = &[
    include_str!("gallery/mysql.yaml"),
    include_str!("gallery/postgres.yaml"),
    include_str!("gallery/redis.yaml"),
    include_str!("gallery/mongodb.yaml"),
    include_str!("gallery/cassandra.yaml"),
    include_str!("gallery/elasticsearch.yaml"),
    include_str!("gallery/zookeeper.yaml"),
];

/// Reads every built-in example; errors name the file's position in the list.
pub fn load() -> (Vec<Example>, Vec<String>) {
    let mut ok = Vec::new();
    let mut errors = Vec::new();
    for (i, src) in SOURCES.iter().enumerate() {
        match from_yaml::<Example>(src) {
            Ok(e) => ok.push(e),
            Err(e) => errors.push(format!("gallery example #{}: {e}", i + 1)),
        }
    }
    (ok, errors)
}
