//! The upstream tutorial manifests, by the URLs the tutorials use
//! (`kubectl apply -f https://k8s.io/examples/application/web/web.yaml`):
//! the page and the command line have no network, so these answer from
//! copies built in. Any other URL fails as an unreachable one would.

/// The current upstream web.yaml (nginx-slim 0.21).
const WEB: &str = include_str!("web.yaml");
const ZOOKEEPER: &str = include_str!("../../../tests/fixtures/manifests/zookeeper.yaml");
const CASSANDRA_SERVICE: &str =
    include_str!("../../../tests/fixtures/manifests/cassandra-service.yaml");
const CASSANDRA_STATEFULSET: &str =
    include_str!("../../../tests/fixtures/manifests/cassandra-statefulset.yaml");
const MYSQL_CONFIGMAP: &str =
    include_str!("../../../tests/fixtures/manifests/mysql-configmap.yaml");
const MYSQL_SERVICES: &str = include_str!("../../../tests/fixtures/manifests/mysql-services.yaml");
const MYSQL_STATEFULSET: &str =
    include_str!("../../../tests/fixtures/manifests/mysql-statefulset.yaml");

/// The built-in copy of a tutorial URL, if there is one.
pub fn url(u: &str) -> Option<&'static str> {
    let path = u
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    let path = path
        .trim_start_matches("k8s.io/examples/")
        .trim_start_matches("kubernetes.io/examples/")
        .trim_start_matches(
            "raw.githubusercontent.com/kubernetes/website/main/content/en/examples/",
        );
    Some(match path {
        "application/web/web.yaml" => WEB,
        "application/zookeeper/zookeeper.yaml" => ZOOKEEPER,
        "application/cassandra/cassandra-service.yaml" => CASSANDRA_SERVICE,
        "application/cassandra/cassandra-statefulset.yaml" => CASSANDRA_STATEFULSET,
        "application/mysql/mysql-configmap.yaml" => MYSQL_CONFIGMAP,
        "application/mysql/mysql-services.yaml" => MYSQL_SERVICES,
        "application/mysql/mysql-statefulset.yaml" => MYSQL_STATEFULSET,
        _ => return None,
    })
}
