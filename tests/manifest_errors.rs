//! One test per kind of error kubectl reports about a manifest file, with
//! kubectl's exact text (checked against kubectl 1.33 where it can answer
//! without a cluster) and the line:column the editor points at.

use ordinal::engine::apiserver::{ApiError, FieldError};
use ordinal::engine::objects::Kind;
use ordinal::manifest::report::{render, Reported};
use ordinal::manifest::{self, ClientErrorKind, Diagnostic, Entry, Parsed, Severity};

fn parse(text: &str) -> Parsed {
    manifest::parse(text, "web.yaml")
}

/// The stream error's kubectl text and where the editor points.
fn stream_error(text: &str) -> (String, u32, u32) {
    let p = parse(text);
    let e = p.stream_error.expect("a stream error");
    (e.text, e.diagnostic.line, e.diagnostic.col)
}

fn only_diagnostic(p: &Parsed) -> Diagnostic {
    let d = p.diagnostics();
    assert_eq!(d.len(), 1, "{d:?}");
    d.into_iter().next().unwrap()
}

const STS_HEAD: &str = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\n";

#[test]
fn yaml_syntax_error_stops_the_stream() {
    let (text, line, col) =
        stream_error("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: @b\n");
    assert_eq!(text, "error parsing web.yaml: error converting YAML to JSON: yaml: line 6: found character that cannot start any token");
    assert_eq!((line, col), (6, 6));
    assert_eq!(render(&[Reported::Client(text)]), "error: error parsing web.yaml: error converting YAML to JSON: yaml: line 6: found character that cannot start any token");
}

#[test]
fn tab_indentation() {
    let (text, line, col) = stream_error("apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: x\n");
    assert_eq!(text, "error parsing web.yaml: error converting YAML to JSON: yaml: line 4: found character that cannot start any token");
    assert_eq!((line, col), (4, 1));
}

#[test]
fn parser_errors_keep_go_yamls_line_numbering() {
    // go-yaml names the 0-based line for parser errors; the editor points
    // at the real one.
    let (text, line, col) =
        stream_error("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n - foo\n");
    assert_eq!(text, "error parsing web.yaml: error converting YAML to JSON: yaml: line 4: did not find expected key");
    assert_eq!((line, col), (5, 2));
    let (text, _, _) =
        stream_error("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n   foo: y\n");
    assert_eq!(text, "error parsing web.yaml: error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context");
}

#[test]
fn error_in_a_later_document_counts_lines_from_that_document() {
    let text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: y\ndata:\n  a: @b\n";
    let p = parse(text);
    // The first object is still applied by kubectl.
    assert_eq!(
        p.manifests().map(|m| m.name.as_str()).collect::<Vec<_>>(),
        ["x"]
    );
    let e = p.stream_error.unwrap();
    assert_eq!(e.text, "error parsing web.yaml: error converting YAML to JSON: yaml: line 6: found character that cannot start any token");
    assert_eq!((e.diagnostic.line, e.diagnostic.col), (11, 6));
}

#[test]
fn control_characters() {
    let (text, line, col) =
        stream_error("apiVersion: v1\nkind: ConfigMap\ndata:\n  a: \"b\u{1}\"\n");
    assert_eq!(text, "error parsing web.yaml: error converting YAML to JSON: yaml: control characters are not allowed");
    assert_eq!((line, col), (4, 8));
}

#[test]
fn bad_document_separator() {
    let (text, line, col) = stream_error(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n--- foo\napiVersion: v1\n",
    );
    assert_eq!(
        text,
        "error parsing web.yaml: invalid Yaml document separator: foo"
    );
    assert_eq!((line, col), (5, 1));
}

#[test]
fn missing_api_version_and_kind() {
    let (text, line, col) = stream_error("kind: ConfigMap\nmetadata:\n  name: x\n");
    assert_eq!(text, "error validating \"web.yaml\": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false");
    assert_eq!((line, col), (1, 1));
    let (text, _, _) = stream_error("metadata:\n  name: x\n");
    assert_eq!(text, "error validating \"web.yaml\": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false");
    let (text, _, _) = stream_error("apiVersion: 5\nkind: 6\n");
    assert_eq!(text, "error validating \"web.yaml\": error validating data: [apiVersion isn't string type, kind isn't string type]; if you choose to ignore these errors, turn validation off with --validate=false");
    let (text, line, col) = stream_error("apiVersion: a/b/c\nkind: X\n");
    assert_eq!(text, "error validating \"web.yaml\": error validating data: unexpected GroupVersion string: a/b/c; if you choose to ignore these errors, turn validation off with --validate=false");
    assert_eq!((line, col), (1, 13));
    let (text, _, _) = stream_error("- a\n- b\n");
    assert_eq!(text, "error validating \"web.yaml\": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false");
}

#[test]
fn metadata_of_the_wrong_type_is_refused_by_kubectl() {
    let p = parse("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: 5\n");
    let Entry::Error(e) = &p.entries[0] else {
        panic!()
    };
    assert_eq!(e.kind, ClientErrorKind::Decode);
    assert_eq!(e.text, "unable to decode \"web.yaml\": json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string");
    assert_eq!((e.diagnostic.line, e.diagnostic.col), (4, 9));
    // YAML 1.1: `y` is a boolean.
    let p = parse("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: y\n");
    let Entry::Error(e) = &p.entries[0] else {
        panic!()
    };
    assert_eq!(e.text, "unable to decode \"web.yaml\": json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.name of type string");
}

#[test]
fn unknown_kind_is_a_mapping_error() {
    let p = parse("apiVersion: apps/v1\nkind: StatefullSet\nmetadata:\n  name: web\n");
    let Entry::Error(e) = &p.entries[0] else {
        panic!()
    };
    assert_eq!(e.kind, ClientErrorKind::Mapping);
    assert_eq!(e.text, "resource mapping not found for name: \"web\" namespace: \"\" from \"web.yaml\": no matches for kind \"StatefullSet\" in version \"apps/v1\"\nensure CRDs are installed first");
    assert_eq!((e.diagnostic.line, e.diagnostic.col), (2, 7));
    assert_eq!(
        render(&[Reported::Client(e.text.clone())]),
        format!("error: {}", e.text)
    );
}

#[test]
fn unknown_fields_are_a_bad_request_from_the_server() {
    let text = format!("{STS_HEAD}spec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n      - name: nginx\n        imagee: nginx\n        portz: []\n");
    let p = parse(&text);
    let m = p.manifests().next().unwrap();
    let err = m.object.clone().unwrap_err();
    assert_eq!(
        err,
        ApiError::BadRequest("StatefulSet in version \"v1\" cannot be handled as a StatefulSet: strict decoding error: unknown field \"spec.template.spec.containers[0].imagee\", unknown field \"spec.template.spec.containers[0].portz\"".into())
    );
    assert_eq!(
        render(&[Reported::Server { verb: "creating".into(), source: "web.yaml".into(), error: err }]),
        "Error from server (BadRequest): error when creating \"web.yaml\": StatefulSet in version \"v1\" cannot be handled as a StatefulSet: strict decoding error: unknown field \"spec.template.spec.containers[0].imagee\", unknown field \"spec.template.spec.containers[0].portz\""
    );
    let d = p.diagnostics();
    assert_eq!(
        (d[0].line, d[0].col, d[0].message.as_str()),
        (
            11,
            9,
            "unknown field \"spec.template.spec.containers[0].imagee\""
        )
    );
    assert_eq!((d[1].line, d[1].col), (12, 9));
}

#[test]
fn wrong_types_are_a_bad_request_from_the_server() {
    let p = parse(&format!("{STS_HEAD}spec:\n  replicas: \"2\"\n"));
    let m = p.manifests().next().unwrap();
    assert_eq!(
        m.object.clone().unwrap_err().message(),
        "StatefulSet in version \"v1\" cannot be handled as a StatefulSet: json: cannot unmarshal string into Go struct field StatefulSetSpec.spec.replicas of type int32"
    );
    let d = only_diagnostic(&p);
    assert_eq!((d.line, d.col), (6, 13));
    let p = parse(&format!("{STS_HEAD}spec:\n  template:\n    spec:\n      containers:\n      - name: a\n        env:\n        - name: DEBUG\n          value: true\n"));
    assert_eq!(
        p.manifests().next().unwrap().object.clone().unwrap_err().message(),
        "StatefulSet in version \"v1\" cannot be handled as a StatefulSet: json: cannot unmarshal bool into Go struct field EnvVar.spec.template.spec.containers.env.value of type string"
    );
    assert_eq!(only_diagnostic(&p).line, 12);
}

#[test]
fn bad_quantities() {
    let p = parse(&format!("{STS_HEAD}spec:\n  volumeClaimTemplates:\n  - spec:\n      resources:\n        requests:\n          storage: 1GB\n"));
    assert_eq!(
        p.manifests().next().unwrap().object.clone().unwrap_err().message(),
        "StatefulSet in version \"v1\" cannot be handled as a StatefulSet: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
    );
    assert_eq!(only_diagnostic(&p).line, 10);
}

#[test]
fn alias_errors() {
    let (text, _, _) = stream_error("apiVersion: v1\nkind: ConfigMap\ndata:\n  a: *foo\n");
    assert_eq!(text, "error parsing web.yaml: error converting YAML to JSON: yaml: unknown anchor 'foo' referenced");
    let (text, line, col) =
        stream_error("apiVersion: v1\nkind: ConfigMap\nmetadata: &m\n  name: x\n  o: *m\n");
    assert_eq!(text, "error parsing web.yaml: error converting YAML to JSON: yaml: anchor 'm' value contains itself");
    assert_eq!((line, col), (5, 6));
}

#[test]
fn json_documents() {
    let cm = r#""apiVersion": "v1", "kind": "ConfigMap""#;
    let (text, line, col) = stream_error(&format!(
        "{{{cm}, \"metadata\": {{\"name\": \"x\"}} \"data\": {{}}}}\n"
    ));
    assert_eq!(text, "error parsing web.yaml: json: offset 69: invalid character '\"' after object key:value pair");
    assert_eq!((line, col), (1, 69));
    let (text, _, _) = stream_error(&format!("{{{cm}, \"metadata\": {{\"name\": \"x\"}}\n"));
    assert_eq!(text, "error parsing web.yaml: unexpected EOF");
}

#[test]
fn values_json_cannot_carry() {
    let (text, line, col) = stream_error("apiVersion: v1\nkind: ConfigMap\ndata:\n  a: .inf\n");
    assert_eq!(
        text,
        "error parsing web.yaml: error converting YAML to JSON: json: unsupported value: +Inf"
    );
    assert_eq!((line, col), (4, 6));
}

#[test]
fn limits_name_themselves() {
    let (text, _, _) = stream_error(&format!(
        "apiVersion: v1\nkind: ConfigMap\ndata: {}\n",
        "[".repeat(300)
    ));
    assert_eq!(text, "error parsing web.yaml: error converting YAML to JSON: yaml: line 3: exceeded max depth of 100");
}

#[test]
fn duplicate_keys_are_accepted_last_wins_with_a_warning() {
    // kubectl 1.33 reads YAML with go-yaml v2 in non-strict mode.
    let p = parse("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n");
    assert_eq!(p.manifests().next().unwrap().name, "b");
    let d = only_diagnostic(&p);
    assert_eq!(
        d,
        Diagnostic {
            line: 5,
            col: 3,
            severity: Severity::Warning,
            message: "mapping key \"name\" already defined at line 4".into()
        }
    );
}

#[test]
fn invalid_utf8_is_read_as_replacement_characters() {
    let p = manifest::parse_bytes(
        b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: b\xffc\n",
        "web.yaml",
    );
    assert_eq!(p.manifests().next().unwrap().raw["data"]["a"], "b\u{FFFD}c");
    let d = only_diagnostic(&p);
    assert_eq!((d.line, d.col, d.severity), (6, 7, Severity::Warning));
}

#[test]
fn lists_expand_to_their_items() {
    let p = parse("apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\n- kind: Service\n  apiVersion: v1\n  metadata:\n    name: b\n  spec:\n    bogus: 1\n");
    let names: Vec<(Kind, &str, Option<usize>)> = p
        .manifests()
        .map(|m| (m.kind, m.name.as_str(), m.item))
        .collect();
    assert_eq!(
        names,
        [
            (Kind::ConfigMap, "a", Some(0)),
            (Kind::Service, "b", Some(1))
        ]
    );
    let d = only_diagnostic(&p);
    assert_eq!(
        (d.line, d.col, d.message.as_str()),
        (13, 5, "unknown field \"spec.bogus\"")
    );
}

#[test]
fn empty_files_pass_no_objects() {
    assert!(parse("# nothing\n---\n---\n").is_empty());
    assert!(parse("").is_empty());
}

#[test]
fn server_validation_errors_point_at_the_field_or_its_parent() {
    let p = parse(&format!("{STS_HEAD}spec:\n  replicas: -1\n  template:\n    metadata:\n      labels:\n        app: nginx\n"));
    let m = p.manifests().next().unwrap();
    let d = m.diagnostic_for(&FieldError::invalid(
        "spec.replicas",
        "-1",
        "must be greater than or equal to 0",
    ));
    assert_eq!((d.line, d.col), (6, 13));
    assert_eq!(
        d.message,
        "spec.replicas: Invalid value: -1: must be greater than or equal to 0"
    );
    let d = m.diagnostic_for(&FieldError::required("spec.selector", ""));
    assert_eq!((d.line, d.col), (6, 3));
}

#[test]
fn check_output_format() {
    let p =
        parse("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\ndata:\n  a: @b\n");
    let lines: Vec<String> = p
        .diagnostics()
        .iter()
        .map(|d| d.render("cm.yaml"))
        .collect();
    assert_eq!(
        lines,
        ["cm.yaml:7:6: found character that cannot start any token"]
    );
    let p = parse("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n");
    assert_eq!(
        p.diagnostics()[0].render("cm.yaml"),
        "cm.yaml:5:3: warning: mapping key \"name\" already defined at line 4"
    );
}
