//! `kubectl set selector (-f FILENAME | TYPE NAME) EXPRESSIONS`
//! (kubectl/pkg/cmd/set/set_selector.go): replaces a Service's
//! `spec.selector` with the expression's `key=value` pairs. Only Services
//! take it; set-based requirements (`in`, `notin`, `key`, `!key`) are
//! refused, as `updateSelectorForObject` refuses match expressions. A
//! headless Service given another selector gets other endpoints, and so
//! other DNS answers; an empty one (`''`) leaves it without a selector.
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys,
//! wasm_bindgen).

use serde_json::{Map, Value};

use super::flags::{b, v, Flag, Parsed};
use super::modify::{change_object, print_changed, report_errors, targets_of};
use super::selector::{self, Op};
use super::Ctx;
use crate::engine::objects::Kind;

pub const SET_SELECTOR_FLAGS: &[Flag] = &[
    v("output", Some('o')),
    super::flags::opt("dry-run", "unchanged"),
    b("all", None),
    v("filename", Some('f')),
    b("local", None),
    v("field-manager", None),
    v("resource-version", None),
    v("template", None),
    b("allow-missing-template-keys", None),
    b("show-managed-fields", None),
    b("recursive", Some('R')),
];

/// `metav1.ParseToLabelSelector`: the `matchLabels`, and the match
/// expressions as Go's `%v` prints them (`{app In [a b]}`).
fn parse(expr: &str) -> Result<(Map<String, Value>, Vec<String>), String> {
    let sel = selector::parse(expr)
        .map_err(|e| format!("couldn't parse the selector string \"{expr}\": {e}"))?;
    let mut labels = Map::new();
    let mut expressions = Vec::new();
    for r in sel.reqs {
        let op = match r.op {
            Op::Equals | Op::DoubleEquals => {
                if let [v] = &r.values[..] {
                    labels.insert(r.key.clone(), Value::String(v.clone()));
                    continue;
                }
                return Err("equals operator must have exactly one value".into());
            }
            Op::In => "In",
            Op::NotIn => "NotIn",
            Op::Exists => "Exists",
            Op::DoesNotExist => "DoesNotExist",
            Op::GreaterThan => return Err("\"gt\" isn't supported in label selectors".into()),
            Op::LessThan => return Err("\"lt\" isn't supported in label selectors".into()),
            Op::NotEquals => return Err("\"!=\" is not a valid label selector operator".into()),
        };
        let mut values = r.values.clone();
        crate::sort::sort(&mut values);
        expressions.push(format!("{{{} {op} [{}]}}", r.key, values.join(" ")));
    }
    Ok((labels, expressions))
}

pub fn set_selector(ctx: &mut Ctx, p: &Parsed) -> i32 {
    let dry = match super::dry_run(ctx, p) {
        Ok(d) => d,
        Err(code) => return code,
    };
    if p.flag("local") {
        return ctx.fail("\"kubectl set selector --local\" is not part of Ordinal's console; set the selector in the manifest");
    }
    let rest = &p.args[1..];
    let Some((expr, objs)) = rest.split_last() else {
        return ctx.fail("one selector is required");
    };
    let (labels, expressions) = match parse(expr) {
        Ok(x) => x,
        Err(e) => return ctx.fail(&e),
    };
    let targets = match targets_of(ctx, p, objs, p.flag("all"), super::get::FileLabels::Live) {
        Ok((t, _)) => t,
        Err(code) => return code,
    };
    let mut errors: Vec<String> = Vec::new();
    for t in targets {
        let obj = match t {
            Ok(o) => o,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        if !expressions.is_empty() {
            errors.push(format!(
                "match expression [{}] not supported on this object",
                expressions.join(" ")
            ));
            break;
        }
        if obj.kind() != Kind::Service {
            errors.push("setting a selector is only supported for Services".into());
            break;
        }
        let change = |live: &Value| -> Result<Value, String> {
            let mut v = live.clone();
            v["spec"]["selector"] = Value::Object(labels.clone());
            Ok(v)
        };
        match change_object(ctx, &obj, dry, false, change) {
            Ok((shown, _)) => {
                print_changed(ctx, p, &shown, "selector updated", dry);
            }
            Err(e) => errors.push(e),
        }
    }
    report_errors(ctx, &errors)
}
