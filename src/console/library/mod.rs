//! The upstream tutorial manifests, by the URLs the tutorials use
//! (`kubectl apply -f https://k8s.io/examples/application/web/web.yaml`):
//! the page and the command line have no network, so these answer from
//! copies built in. Any other URL fails as an unreachable one would.

/// The current upstream web.yaml (nginx-slim 0.21).
const WEB: &str = include_str!("web.yaml");
/// The upstream web-parallel.yaml (kubernetes/website `5e84d3b4`), labelled
/// `app.kubernetes.io/name: nginx` — not `app: nginx` as web.yaml and the
/// tutorial's `-l app=nginx` watches (tests/scripts/web-parallel.yaml is a
/// copy relabelled for them).
const WEB_PARALLEL: &str = include_str!("web-parallel.yaml");
/// The StatefulSets concept page's example (kubernetes/website `cedecbaf`,
/// `content/en/examples/controllers/statefulset.yaml`): nginx-slim 0.24,
/// `minReadySeconds: 10`, and a `my-storage-class` kind does not have.
const STATEFULSET: &str = include_str!("statefulset.yaml");
/// The "Debugging DNS Resolution" task's Pod (kubernetes/website
/// `5712187`: agnhost 2.39, written as flow mappings with trailing commas).
const DNSUTILS: &str = include_str!("dnsutils.yaml");
/// The "DNS for Services and Pods" page's Pod DNS Config example
/// (kubernetes/website `content/en/examples/service/networking/custom-dns.yaml`,
/// nameserver 192.0.2.1 as the current file has it).
const CUSTOM_DNS: &str = include_str!("custom-dns.yaml");
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
        "application/web/web-parallel.yaml" => WEB_PARALLEL,
        "controllers/statefulset.yaml" => STATEFULSET,
        "application/zookeeper/zookeeper.yaml" => ZOOKEEPER,
        "admin/dns/dnsutils.yaml" => DNSUTILS,
        "service/networking/custom-dns.yaml" => CUSTOM_DNS,
        "application/cassandra/cassandra-service.yaml" => CASSANDRA_SERVICE,
        "application/cassandra/cassandra-statefulset.yaml" => CASSANDRA_STATEFULSET,
        "application/mysql/mysql-configmap.yaml" => MYSQL_CONFIGMAP,
        "application/mysql/mysql-services.yaml" => MYSQL_SERVICES,
        "application/mysql/mysql-statefulset.yaml" => MYSQL_STATEFULSET,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::url;

    #[test]
    fn web_parallel_yaml_by_its_tutorial_urls() {
        for u in [
            "https://k8s.io/examples/application/web/web-parallel.yaml",
            "https://kubernetes.io/examples/application/web/web-parallel.yaml",
            "https://raw.githubusercontent.com/kubernetes/website/main/content/en/examples/application/web/web-parallel.yaml",
        ] {
            let text = url(u).unwrap_or_else(|| panic!("{u}: not in the library"));
            assert!(text.contains("podManagementPolicy: \"Parallel\""), "{u}");
            assert!(text.contains("image: registry.k8s.io/nginx-slim:0.24"), "{u}");
            let parsed = crate::manifest::parse(text, "web-parallel.yaml");
            assert_eq!(parsed.diagnostics(), vec![], "{u}");
            assert_eq!(parsed.manifests().count(), 2, "{u}");
        }
        assert_eq!(
            url("https://k8s.io/examples/application/web/web-serial.yaml"),
            None
        );
    }

    #[test]
    fn the_concept_page_example_by_its_url() {
        let text =
            url("https://k8s.io/examples/controllers/statefulset.yaml").expect("in the library");
        assert!(text.contains("storageClassName: \"my-storage-class\""));
        assert!(text.contains("minReadySeconds: 10 # by default is 0"));
        let parsed = crate::manifest::parse(text, "statefulset.yaml");
        assert_eq!(parsed.diagnostics(), vec![]);
        assert_eq!(parsed.manifests().count(), 2);
    }

    #[test]
    fn the_dns_debugging_pod_by_its_task_url() {
        let text = url("https://k8s.io/examples/admin/dns/dnsutils.yaml").expect("in the library");
        let parsed = crate::manifest::parse(text, "dnsutils.yaml");
        assert_eq!(parsed.diagnostics(), vec![]);
        assert_eq!(parsed.manifests().count(), 1);
        assert!(text.contains("registry.k8s.io/e2e-test-images/agnhost:2.39"));
    }

    #[test]
    fn the_pod_dns_config_example_by_its_page_url() {
        let text = url("https://k8s.io/examples/service/networking/custom-dns.yaml")
            .expect("in the library");
        let parsed = crate::manifest::parse(text, "custom-dns.yaml");
        assert_eq!(parsed.diagnostics(), vec![]);
        assert_eq!(parsed.manifests().count(), 1);
        assert!(text.contains("dnsPolicy: \"None\""));
    }
}
