//! A seeded property test of the kustomize build: random kustomizations
//! (the fields kustomize knows, with values of the right and of the wrong
//! shapes, bases that point anywhere, cycles included), random resources
//! and generator sources. `kubectl kustomize` and `kubectl apply -k` must
//! never panic, must answer every failure with a message, and must leave
//! the cluster as it was when the build fails.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;

use ordinal::console::Console;

use crate::fuzzing::{self, Rng};

const FOLDERS: &[&str] = &["k", "k/base", "k/base/deep", "other"];
const FIELDS: &[&str] = &[
    "resources",
    "bases",
    "namespace",
    "namePrefix",
    "nameSuffix",
    "commonLabels",
    "labels",
    "commonAnnotations",
    "images",
    "imageTags",
    "replicas",
    "configMapGenerator",
    "secretGenerator",
    "generatorOptions",
    "patches",
    "patchesStrategicMerge",
    "patchesJson6902",
    "sortOptions",
    "components",
    "replacements",
    "apiVersion",
    "kind",
    "buildMetadata",
    "unknownField",
];
const KEYS: &[&str] = &[
    "name",
    "kind",
    "path",
    "patch",
    "target",
    "literals",
    "files",
    "envs",
    "behavior",
    "options",
    "newName",
    "newTag",
    "digest",
    "count",
    "pairs",
    "includeSelectors",
    "includeTemplates",
    "disableNameSuffixHash",
    "labels",
    "order",
    "legacySortOptions",
    "orderFirst",
    "op",
    "value",
    "type",
    "group",
    "version",
    "labelSelector",
    "$patch",
    "source",
    "targets",
    "select",
    "reject",
    "fieldPath",
    "fieldPaths",
    "create",
    "delimiter",
    "index",
];
const WORDS: &[&str] = &[
    "web",
    "nginx",
    "db",
    "../base",
    "base",
    "..",
    ".",
    "deep",
    "../../k",
    "r.yaml",
    "cm.yaml",
    "a=b",
    "k=",
    "=v",
    "app.env",
    "x.conf=app.env",
    "StatefulSet",
    "Service",
    "ConfigMap",
    "Secret",
    "apps",
    "v1",
    "merge",
    "replace",
    "create",
    "fifo",
    "legacy",
    "nginx:1.25",
    "registry.k8s.io/nginx-slim:0.21",
    "sha256:abc",
    "/spec/replicas",
    "add",
    "remove",
    "3",
    "-1",
    "true",
    "web-*",
    "app=nginx",
    "delete",
    "",
    "https://example.com/x",
    "a b",
    "ü",
    "originAnnotations",
    "managedByLabel",
    "spec.replicas",
    "metadata.name",
    "spec.template.spec.containers.*.env.[name=X].value",
    "data.a",
];

fn scalar(rng: &mut Rng) -> String {
    match rng.below(6) {
        0 => format!("{}", rng.below(5) as i64 - 1),
        1 => ["true", "false", "null", "~"][rng.below(4)].to_string(),
        _ => format!("{:?}", rng.pick(WORDS)),
    }
}

/// A random JSON value (JSON is YAML), shallow enough to read.
fn value(rng: &mut Rng, depth: usize) -> String {
    if depth > 3 || rng.chance(35) {
        return scalar(rng);
    }
    if rng.chance(50) {
        let items: Vec<String> = (0..rng.below(4)).map(|_| value(rng, depth + 1)).collect();
        format!("[{}]", items.join(", "))
    } else {
        let items: Vec<String> = (0..rng.below(4))
            .map(|_| format!("{:?}: {}", rng.pick(KEYS), value(rng, depth + 1)))
            .collect();
        format!("{{{}}}", items.join(", "))
    }
}

fn kustomization(rng: &mut Rng) -> String {
    if rng.chance(5) {
        return ["", "resources: [", "- a\nb: c", "\t", "{}"][rng.below(5)].to_string();
    }
    // Half of them start from a resource that is there, so that builds
    // get past the first checks.
    let mut fields: Vec<String> = Vec::new();
    if rng.chance(50) {
        fields.push("\"resources\": [\"r.yaml\"]".into());
    }
    fields.extend((0..rng.below(4)).map(|_| {
        let field = rng.pick(FIELDS);
        let v = match *field {
            // Mostly the right shape for the fields that lead somewhere.
            "resources" | "bases" if rng.chance(70) => {
                let items: Vec<String> = (0..1 + rng.below(3))
                    .map(|_| format!("{:?}", rng.pick(WORDS)))
                    .collect();
                format!("[{}]", items.join(", "))
            }
            _ => value(rng, 0),
        };
        format!("{field:?}: {v}")
    }));
    format!("{{{}}}\n", fields.join(", "))
}

fn resource(rng: &mut Rng) -> String {
    let name = rng.pick(&["web", "nginx", "db", ""]);
    match rng.below(5) {
        0 => format!("apiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\nspec:\n  clusterIP: None\n  selector:\n    app: nginx\n"),
        1 => format!("apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: {name}\nspec:\n  serviceName: nginx\n  replicas: 1\n  selector:\n    matchLabels:\n      app: nginx\n  template:\n    metadata:\n      labels:\n        app: nginx\n    spec:\n      containers:\n      - name: nginx\n        image: registry.k8s.io/nginx-slim:0.21\n"),
        2 => format!("apiVersion: v1\nkind: List\nitems:\n- {}\n", value(rng, 1)),
        3 => value(rng, 0),
        _ => format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\ndata: {}\n", value(rng, 1)),
    }
}

fn layout(rng: &mut Rng) -> Console {
    let mut c = Console::new(1);
    c.run("mkdir -p k/base/deep other");
    for dir in FOLDERS {
        if rng.chance(80) {
            c.write_file(
                &format!("{dir}/kustomization.yaml"),
                &kustomization(rng),
                false,
            )
            .unwrap();
        }
        for file in ["r.yaml", "cm.yaml", "app.env"] {
            if rng.chance(60) {
                let text = if file.ends_with(".env") {
                    ["A=1\nB=two\n", "# c\nNOVALUE\n", "=x\n"][rng.below(3)].to_string()
                } else {
                    resource(rng)
                };
                c.write_file(&format!("{dir}/{file}"), &text, false)
                    .unwrap();
            }
        }
    }
    c
}

#[test]
fn random_kustomizations_never_panic_and_failures_change_nothing() {
    let cases = fuzzing::rounds(400);
    let first = fuzzing::seed(1);
    let started = Instant::now();
    let mut builds = 0;
    for n in 0..cases {
        let seed = first + n as u64;
        let mut rng = Rng::new(seed);
        let mut c = layout(&mut rng);
        let dir = *rng.pick(&["k", "k/base", "k/base/deep", "other"]);
        let listing = "kubectl get all,cm,secret -A -o name";
        let before = c.run(listing).to_string();
        let mut built = false;
        for line in [
            format!("kubectl kustomize {dir}"),
            format!("kubectl apply -k {dir}"),
        ] {
            let t = catch_unwind(AssertUnwindSafe(|| c.run(&line)))
                .unwrap_or_else(|_| panic!("seed {seed}: `{line}` panicked"));
            for e in &t.entries {
                assert!(
                    e.status == 0 || !e.output_text().trim().is_empty(),
                    "seed {seed}: `{line}` failed with {} and said nothing",
                    e.status
                );
            }
            if line.starts_with("kubectl kustomize") {
                built = t.status == 0;
                builds += usize::from(built);
            }
        }
        if !built {
            let after = c.run(listing).to_string();
            assert_eq!(
                before, after,
                "seed {seed}: apply -k of a failed build changed the cluster"
            );
        }
    }
    // The generator must reach the end of a build now and then, or it
    // tests only the first checks.
    assert!(
        builds * 50 >= cases,
        "only {builds} of {cases} builds succeeded"
    );
    fuzzing::report("kustomize", cases, started);
}
