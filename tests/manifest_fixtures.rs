//! The upstream tutorial manifests parse, strict-decode, print as kubectl
//! prints them, and survive a print → parse round trip.

use ordinal::engine::objects::Kind;
use ordinal::manifest::{self, print, Entry, Pos};
use serde_json::Value;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/manifests/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn kubectl_output(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/print/kubectl/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

const FIXTURES: &[(&str, &[(Kind, &str)])] = &[
    (
        "web.yaml",
        &[(Kind::Service, "nginx"), (Kind::StatefulSet, "web")],
    ),
    (
        "zookeeper.yaml",
        &[
            (Kind::Service, "zk-hs"),
            (Kind::Service, "zk-cs"),
            (Kind::PodDisruptionBudget, "zk-pdb"),
            (Kind::StatefulSet, "zk"),
        ],
    ),
    ("cassandra-service.yaml", &[(Kind::Service, "cassandra")]),
    (
        "cassandra-statefulset.yaml",
        &[
            (Kind::StatefulSet, "cassandra"),
            (Kind::StorageClass, "fast"),
        ],
    ),
    ("mysql-configmap.yaml", &[(Kind::ConfigMap, "mysql")]),
    (
        "mysql-services.yaml",
        &[(Kind::Service, "mysql"), (Kind::Service, "mysql-read")],
    ),
    ("mysql-statefulset.yaml", &[(Kind::StatefulSet, "mysql")]),
];

#[test]
fn tutorial_manifests_parse_and_strict_decode() {
    for (file, want) in FIXTURES {
        let parsed = manifest::parse(&fixture(file), file);
        assert!(
            parsed.stream_error.is_none(),
            "{file}: {:?}",
            parsed.stream_error
        );
        assert_eq!(parsed.diagnostics(), vec![], "{file}");
        let got: Vec<(Kind, String)> = parsed
            .entries
            .iter()
            .map(|e| match e {
                Entry::Object(m) => {
                    assert!(m.object.is_ok(), "{file}: {:?}", m.object);
                    (m.kind, m.name.clone())
                }
                Entry::Error(e) => panic!("{file}: {}", e.text),
            })
            .collect();
        let want: Vec<(Kind, String)> = want.iter().map(|(k, n)| (*k, n.to_string())).collect();
        assert_eq!(got, want, "{file}");
    }
}

#[test]
fn printed_like_kubectl() {
    // kubectl 1.33 `label --local -f FILE x=y -o yaml` output.
    for (file, _) in FIXTURES {
        let parsed = manifest::parse(&fixture(file), file);
        let mut out = String::new();
        for m in parsed.manifests() {
            let mut v = m.raw.clone();
            v["metadata"]["labels"]["x"] = Value::String("y".into());
            out.push_str(&print::to_yaml(&v));
        }
        let want = kubectl_output(&file.replace(".yaml", ".labeled.yaml"));
        for (i, (g, w)) in out.lines().zip(want.lines()).enumerate() {
            assert_eq!(g, w, "{file} line {}", i + 1);
        }
        assert_eq!(out, want, "{file}");
    }
}

#[test]
fn print_parse_round_trip() {
    for (file, _) in FIXTURES {
        let parsed = manifest::parse(&fixture(file), file);
        for m in parsed.manifests() {
            let yaml = print::to_yaml(&m.raw);
            let again = manifest::parse(&yaml, "printed.yaml");
            let back: Vec<&Value> = again.manifests().map(|m| &m.raw).collect();
            assert_eq!(back, vec![&m.raw], "{file}: yaml round trip");
            let json = print::to_json(&m.raw);
            let again = manifest::parse(&json, "printed.json");
            let back: Vec<&Value> = again.manifests().map(|m| &m.raw).collect();
            assert_eq!(back, vec![&m.raw], "{file}: json round trip");
        }
    }
}

#[test]
fn positions_point_into_the_file() {
    let parsed = manifest::parse(&fixture("web.yaml"), "web.yaml");
    let sts = parsed
        .manifests()
        .find(|m| m.kind == Kind::StatefulSet)
        .unwrap();
    let image = sts
        .positions
        .get("spec.template.spec.containers[0].image")
        .unwrap();
    assert_eq!(
        (image.key, image.value),
        (Pos::new(32, 9), Pos::new(32, 16))
    );
    let storage = sts
        .positions
        .get("spec.volumeClaimTemplates[0].spec.resources.requests.storage")
        .unwrap();
    assert_eq!(storage.value, Pos::new(46, 20));
    // A field the API server complains about but the file does not have.
    let (path, pos) = sts
        .positions
        .lookup("spec.template.spec.containers[0].resources.limits")
        .unwrap();
    assert_eq!(path, "spec.template.spec.containers[0]");
    assert_eq!(pos.value, Pos::new(31, 9));
}

#[test]
fn tricky_values_survive_print_and_parse() {
    // Strings that need quoting, block scalars, folding, odd keys, numbers.
    let text = std::fs::read_to_string(format!(
        "{}/tests/fixtures/print/p.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let parsed = manifest::parse(&text, "p.json");
    let original = &parsed.manifests().next().unwrap().raw;
    // kubectl's own round trip turns a raw NEL into a space.
    let mut expected = original.clone();
    expected["data"]["bd"] = Value::String("x y".into());
    for printed in [print::to_yaml(original), print::to_json(original)] {
        let again = manifest::parse(&printed, "printed");
        assert!(again.stream_error.is_none(), "{:?}", again.stream_error);
        let back = &again.manifests().next().unwrap().raw;
        if printed.starts_with('{') {
            assert_eq!(back, original);
        } else {
            assert_eq!(back, &expected);
        }
    }
}

/// `ordinal check` (server-side validation, R1.1 defaulting then R9) has
/// nothing to say about the upstream tutorial manifests: like kubectl, it
/// sends an object without `metadata.namespace` to the namespace `default`.
#[test]
fn server_diagnostics_silent_for_tutorial_manifests_r1_1() {
    let mut files: Vec<(String, String)> = FIXTURES
        .iter()
        .map(|(f, _)| (f.to_string(), fixture(f)))
        .collect();
    for extra in [
        "tests/scripts/web-parallel.yaml",
        "src/console/library/web.yaml",
    ] {
        let text =
            std::fs::read_to_string(format!("{}/{extra}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        files.push((extra.to_string(), text));
    }
    for (file, text) in files {
        let parsed = manifest::parse(&text, &file);
        let diags = manifest::validate::server_diagnostics(&parsed);
        assert_eq!(diags, vec![], "{file}");
    }
}

/// The namespace filled in for the check does not hide real findings.
#[test]
fn server_diagnostics_still_report_invalid_fields() {
    let text = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: Web\nspec:\n  selector:\n    matchLabels:\n      app: a\n  template:\n    metadata:\n      labels:\n        app: a\n    spec:\n      containers:\n      - name: c\n        image: nginx\n";
    let parsed = manifest::parse(text, "bad.yaml");
    let diags = manifest::validate::server_diagnostics(&parsed);
    let msgs: Vec<String> = diags.iter().map(|d| d.message.clone()).collect();
    assert!(
        msgs.iter()
            .any(|m| m.starts_with("metadata.name: Invalid value: \"Web\"")),
        "{msgs:?}"
    );
    assert!(
        !msgs.iter().any(|m| m.contains("metadata.namespace")),
        "{msgs:?}"
    );
}
