//! `-o go-template=TEMPLATE` (and `--template`): Go's text/template over
//! the object as JSON, with kubectl's printer around it. A parse error goes
//! to stderr before anything prints; an execution error keeps what the
//! template already wrote, then (on stdout, as kubectl does) the debugging
//! dump, and the error on stderr.
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys,
//! wasm_bindgen).

mod exec;
mod funcs;
mod parse;

use std::borrow::Cow;

use serde_json::Value;

use super::{error_text, gofmt, Output, Stream};

/// Runs `template` on one object or a `List` with kubectl's defaults
/// (missing keys print `<no value>`).
pub fn go_template(template: &str, value: &Value) -> Output {
    go_template_with(template, value, true)
}

/// As `go_template`; `allow_missing_keys = false` is
/// `--allow-missing-template-keys=false` (`missingkey=error`).
pub fn go_template_with(template: &str, value: &Value, allow_missing_keys: bool) -> Output {
    let mut out = Output::default();
    let nodes = match parse::parse(template) {
        Ok(n) => n,
        Err(e) => {
            out.push(
                Stream::Stderr,
                error_text(&format!("error parsing template {template}, {e}")),
            );
            return out;
        }
    };
    let mut state = exec::State::new(value, !allow_missing_keys);
    let dot = exec::V::Val(Cow::Borrowed(value));
    let result = state.walk(&dot, &nodes);
    out.push(Stream::Stdout, std::mem::take(&mut state.out));
    if let Err(e) = result {
        let (line, col) = line_col(template, e.pos);
        let message = format!(
            "template: output:{line}:{col}: executing \"output\" at <{}>: {}",
            e.context, e.message
        );
        out.push(
            Stream::Stdout,
            format!(
                "Error executing template: {message}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{template}\n\traw data was:\n\t\t{}\n\tobject given to template engine was:\n\t\t{}\n\n",
                gofmt::json(value),
                gofmt::v(value)
            ),
        );
        out.push(
            Stream::Stderr,
            error_text(&format!(
                "error executing template {}: {message}",
                gofmt::quote(template)
            )),
        );
    }
    out
}

/// `ErrorContext`: the line, and the byte offset within it (0-based on
/// the first line, as Go counts it).
fn line_col(src: &str, pos: usize) -> (usize, usize) {
    let pos = pos.min(src.len());
    let before = &src[..pos];
    let line = 1 + before.matches('\n').count();
    let col = match before.rfind('\n') {
        None => pos,
        Some(nl) => pos - (nl + 1),
    };
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj() -> Value {
        json!({"apiVersion": "apps/v1", "kind": "StatefulSet",
            "metadata": {"name": "web", "labels": {"app": "nginx"}, "t": null},
            "spec": {"replicas": 3, "template": {"spec": {"containers": [
                {"name": "nginx", "image": "registry.k8s.io/nginx-slim:0.24"}, {"name": "side", "image": "busybox"}]}}},
            "status": {"podIP": "10.244.1.7"}})
    }

    fn run(t: &str) -> String {
        let o = go_template(t, &obj());
        assert_eq!(o.stderr(), "", "template {t}");
        o.stdout()
    }

    #[test]
    fn r10_go_templates_people_paste() {
        assert_eq!(run("{{.status.podIP}}"), "10.244.1.7");
        assert_eq!(run("{{.metadata.foo}}"), "<no value>");
        assert_eq!(run("{{index .metadata.labels \"app\"}}"), "nginx");
        assert_eq!(run("{{index .metadata.labels \"nope\"}}"), "<no value>");
        assert_eq!(
            run("{{range .spec.template.spec.containers}}{{.name}}{{\"\\n\"}}{{end}}"),
            "nginx\nside\n"
        );
        assert_eq!(
            run("{{range $i, $c := .spec.template.spec.containers}}{{$c.image}}{{end}}"),
            "registry.k8s.io/nginx-slim:0.24busybox"
        );
        assert_eq!(run("{{if .metadata.labels}}yes{{else}}no{{end}}"), "yes");
        assert_eq!(run("{{if .x}}y{{else if .kind}}k{{end}}"), "k");
        assert_eq!(run("{{.metadata.labels}}"), "map[app:nginx]");
        assert_eq!(run("{{.spec.replicas}} {{printf \"%d-%s|%5s|%-4s|\" .spec.replicas .kind \"a\" \"b\"}}"), "3 3-StatefulSet|    a|b   |");
        assert_eq!(run("{{len .spec.template.spec.containers}}"), "2");
        assert_eq!(run("{{with .metadata}}{{.name}}{{end}}"), "web");
        assert_eq!(
            run("{{range $k, $v := .metadata.labels}}{{$k}}={{$v}};{{end}}"),
            "app=nginx;"
        );
        assert_eq!(
            run("{{range .spec.template.spec.containers}}{{.name}} {{$.kind}};{{end}}"),
            "nginx StatefulSet;side StatefulSet;"
        );
        assert_eq!(run("{{.metadata.name | printf \"%q\"}}"), "\"web\"");
        assert_eq!(run("{{- .metadata.name -}}  x"), "webx");
        assert_eq!(
            run("{{eq .kind \"StatefulSet\"}} {{and .x .kind}} {{or .x .kind}} {{not true}}"),
            "true <no value> StatefulSet false"
        );
        assert_eq!(run("{{print \"a\" 1 2 \"b\"}}"), "a1 2b");
        assert_eq!(run("{{/* comment */}}{{.kind}}"), "StatefulSet");
        assert_eq!(run("{{range .none}}a{{else}}none{{end}}"), "none");
    }

    #[test]
    fn r10_go_template_errors_read_as_kubectl_prints_them() {
        let o = go_template("{{.metadata.name", &obj());
        assert_eq!(o.stdout(), "");
        assert_eq!(
            o.stderr(),
            "error: error parsing template {{.metadata.name, template: output:1: unclosed action\n"
        );
        let o = go_template("a{{.metadata.name}}b{{index .x 1}}", &obj());
        assert!(o.stdout().starts_with("awebbError executing template: template: output:1:22: executing \"output\" at <index .x 1>: error calling index: index of untyped nil. Printing more information for debugging the template:\n\ttemplate was:\n\t\ta{{.metadata.name}}b{{index .x 1}}\n\traw data was:\n\t\t{\"apiVersion\":\"apps/v1\""));
        assert_eq!(
            o.stderr(),
            "error: error executing template \"a{{.metadata.name}}b{{index .x 1}}\": template: output:1:22: executing \"output\" at <index .x 1>: error calling index: index of untyped nil\n"
        );
        let e = go_template("{{.metadata.name.x}}", &obj()).stderr();
        assert!(e.contains("output:1:11: executing \"output\" at <.metadata.name.x>: can't evaluate field x in type interface {}"), "{e}");
        let e = go_template("{{.metadata.t.x}}", &obj()).stderr();
        assert!(e.contains("nil pointer evaluating interface {}.x"), "{e}");
        let e = go_template("{{index .spec.template.spec.containers 5}}", &obj()).stderr();
        assert!(e.contains("output:1:2: executing \"output\" at <index .spec.template.spec.containers 5>: error calling index: index out of range: 5"), "{e}");
        let e = go_template("{{len .spec.replicas}}", &obj()).stderr();
        assert!(e.contains("error calling len: len of type int64"), "{e}");
        let e = go_template_with("{{.metadata.foo}}", &obj(), false).stderr();
        assert!(e.contains("map has no entry for key \"foo\""), "{e}");
    }
}
