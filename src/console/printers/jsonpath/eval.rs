//! Evaluation of parsed JSONPath templates over decoded JSON, as
//! client-go's `util/jsonpath/jsonpath.go` walks Go values: `range`/`end`
//! blocks, field and map access, slices, unions, filters with Go's
//! comparison rules, wildcards and recursive descent, and the printing of
//! results (scalars with `fmt.Print`, maps and lists as JSON).
//!
//! Maps are visited in key order where Go would visit them in random order
//! (`*`, `..`), so output is deterministic.
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys,
//! wasm_bindgen).

use std::borrow::Cow;

use serde_json::{Number, Value};

use super::parser::{Node, Param};
use crate::console::printers::gofmt;

type Vals<'a> = Vec<Cow<'a, Value>>;

pub(crate) struct Eval<'n> {
    pub allow_missing_keys: bool,
    begin_range: usize,
    in_range: usize,
    end_range: usize,
    /// Index (in the root node list) of the last `end` that closed a range.
    last_end: Option<usize>,
    root: &'n [Node],
}

impl<'n> Eval<'n> {
    pub fn new(root: &'n [Node], allow_missing_keys: bool) -> Self {
        Eval {
            allow_missing_keys,
            begin_range: 0,
            in_range: 0,
            end_range: 0,
            last_end: None,
            root,
        }
    }

    /// `FindResults`: one list of values per node, ranges expanded.
    pub fn find_results<'a>(
        &mut self,
        base: usize,
        data: &'a Value,
    ) -> Result<Vec<Vals<'a>>, String> {
        let nodes = &self.root[base..];
        let mut full = Vec::new();
        let mut i = 0;
        while i < nodes.len() {
            let results = self.walk(vec![Cow::Borrowed(data)], &nodes[i])?;
            if self.end_range > 0 && self.end_range <= self.in_range {
                self.end_range -= 1;
                self.last_end = Some(base + i);
                break;
            }
            if self.begin_range > 0 {
                self.begin_range -= 1;
                self.in_range += 1;
                if results.is_empty() {
                    // Run the block once on nothing, to find its `end`.
                    self.find_results(base + i + 1, &Value::Null)?;
                } else {
                    for value in &results {
                        match value {
                            Cow::Borrowed(v) => full.extend(self.find_results(base + i + 1, v)?),
                            Cow::Owned(v) => {
                                let nested = self.find_results(base + i + 1, v)?;
                                full.extend(nested.into_iter().map(into_owned));
                            }
                        }
                    }
                }
                self.in_range -= 1;
                if let Some(end) = self.last_end {
                    if end > base + i && end < base + nodes.len() {
                        i = end - base;
                    }
                }
                i += 1;
                continue;
            }
            full.push(results);
            i += 1;
        }
        Ok(full)
    }

    fn walk<'a>(&mut self, input: Vals<'a>, node: &Node) -> Result<Vals<'a>, String> {
        match node {
            Node::List(nodes) => self.eval_list(input, nodes),
            Node::Text(t) => Ok(vec![Cow::Owned(Value::String(t.clone()))]),
            Node::Field(name) => self.eval_field(input, name),
            Node::Array(params) => eval_array(input, params),
            Node::Filter { left, right, op } => self.eval_filter(input, left, right, op),
            Node::Int(i) => Ok(input.iter().map(|_| Cow::Owned(Value::from(*i))).collect()),
            Node::Float(f) => Ok(input
                .iter()
                .map(|_| Cow::Owned(Number::from_f64(*f).map_or(Value::Null, Value::Number)))
                .collect()),
            Node::Bool(b) => Ok(input.iter().map(|_| Cow::Owned(Value::Bool(*b))).collect()),
            Node::Wildcard => Ok(input.into_iter().flat_map(children).collect()),
            Node::Recursive => Ok(recursive(input)),
            Node::Union(lists) => {
                let mut out = Vec::new();
                for list in lists {
                    out.extend(self.eval_list(input.clone(), list)?);
                }
                Ok(out)
            }
            Node::Identifier(name) => match name.as_str() {
                "range" => {
                    self.begin_range += 1;
                    Ok(input)
                }
                "end" if self.in_range > 0 => {
                    self.end_range += 1;
                    Ok(Vec::new())
                }
                "end" => Err("not in range, nothing to end".into()),
                other => Err(format!("unrecognized identifier {other}")),
            },
        }
    }

    fn eval_list<'a>(&mut self, input: Vals<'a>, nodes: &[Node]) -> Result<Vals<'a>, String> {
        let mut cur = input;
        for node in nodes {
            cur = self.walk(cur, node)?;
        }
        Ok(cur)
    }

    fn eval_field<'a>(&self, input: Vals<'a>, name: &str) -> Result<Vals<'a>, String> {
        if input.is_empty() {
            return Ok(Vec::new());
        }
        let mut out = Vec::new();
        for value in input {
            match value {
                Cow::Borrowed(Value::Object(map)) => {
                    if let Some(v) = map.get(name) {
                        out.push(Cow::Borrowed(v));
                    }
                }
                Cow::Owned(Value::Object(mut map)) => {
                    if let Some(v) = map.remove(name) {
                        out.push(Cow::Owned(v));
                    }
                }
                _ => {}
            }
        }
        if out.is_empty() && !self.allow_missing_keys {
            return Err(format!("{name} is not found"));
        }
        Ok(out)
    }

    fn eval_filter<'a>(
        &mut self,
        input: Vals<'a>,
        left: &[Node],
        right: &[Node],
        op: &str,
    ) -> Result<Vals<'a>, String> {
        let mut out = Vec::new();
        for value in input {
            let items: Vec<Cow<'a, Value>> = match value {
                Cow::Borrowed(Value::Array(items)) => items.iter().map(Cow::Borrowed).collect(),
                Cow::Owned(Value::Array(items)) => items.into_iter().map(Cow::Owned).collect(),
                other => {
                    return Err(format!(
                        "{} is not array or slice and cannot be filtered",
                        gofmt::v(other.as_ref())
                    ))
                }
            };
            for item in items {
                let lefts = self.eval_list(vec![item.clone()], left);
                if op == "exists" {
                    if lefts.is_ok_and(|l| !l.is_empty()) {
                        out.push(item);
                    }
                    continue;
                }
                let lefts = lefts?;
                let l = match lefts.len() {
                    0 => continue,
                    1 => lefts[0].clone().into_owned(),
                    _ => return Err("can only compare one element at a time".into()),
                };
                let rights = self.eval_list(vec![item.clone()], right)?;
                let r = match rights.len() {
                    0 => continue,
                    1 => rights[0].clone().into_owned(),
                    _ => return Err("can only compare one element at a time".into()),
                };
                let pass = match op {
                    "<" => less(&l, &r)?,
                    ">" => !less_equal(&l, &r)?,
                    "==" => equal(&l, &r)?,
                    "!=" => !equal(&l, &r)?,
                    "<=" => less_equal(&l, &r)?,
                    ">=" => !less(&l, &r)?,
                    other => return Err(format!("unrecognized filter operator {other}")),
                };
                if pass {
                    out.push(item);
                }
            }
        }
        Ok(out)
    }
}

fn into_owned<'b>(vals: Vals<'_>) -> Vals<'b> {
    vals.into_iter()
        .map(|v| Cow::Owned(v.into_owned()))
        .collect()
}

fn eval_array<'a>(input: Vals<'a>, node: &[Param; 3]) -> Result<Vals<'a>, String> {
    let mut out = Vec::new();
    for value in input {
        let items: Vec<Cow<'a, Value>> = match value {
            Cow::Borrowed(Value::Null) | Cow::Owned(Value::Null) => continue,
            Cow::Borrowed(Value::Array(items)) => items.iter().map(Cow::Borrowed).collect(),
            Cow::Owned(Value::Array(items)) => items.into_iter().map(Cow::Owned).collect(),
            other => {
                return Err(format!(
                    "{} is not array or slice",
                    gofmt::type_name(other.as_ref())
                ))
            }
        };
        let len = items.len() as i64;
        let mut p = *node;
        if !p[0].known {
            p[0].value = 0;
        }
        if p[0].value < 0 {
            p[0].value += len;
        }
        if !p[1].known {
            p[1].value = len;
        }
        if p[1].value < 0 || (p[1].value == 0 && p[1].derived) {
            p[1].value += len;
        }
        if p[1].value == p[0].value {
            // Asking for zero elements is allowed.
            return Ok(out);
        }
        if p[0].value >= len || p[0].value < 0 {
            return Err(format!(
                "array index out of bounds: index {}, length {len}",
                p[0].value
            ));
        }
        if p[1].value > len || p[1].value < 0 {
            return Err(format!(
                "array index out of bounds: index {}, length {len}",
                p[1].value - 1
            ));
        }
        if p[0].value > p[1].value {
            return Err(format!(
                "starting index {} is greater than ending index {}",
                p[0].value, p[1].value
            ));
        }
        let step = if p[2].known {
            if p[2].value <= 0 {
                return Err("step must be > 0".into());
            }
            p[2].value as usize
        } else {
            1
        };
        out.extend(
            items
                .into_iter()
                .skip(p[0].value as usize)
                .take((p[1].value - p[0].value) as usize)
                .step_by(step),
        );
    }
    Ok(out)
}

/// What `*` yields from one value: map values, list items, string bytes.
fn children(value: Cow<'_, Value>) -> Vals<'_> {
    match value {
        Cow::Borrowed(Value::Object(m)) => m.values().map(Cow::Borrowed).collect(),
        Cow::Borrowed(Value::Array(a)) => a.iter().map(Cow::Borrowed).collect(),
        Cow::Owned(Value::Object(m)) => m.into_iter().map(|(_, v)| Cow::Owned(v)).collect(),
        Cow::Owned(Value::Array(a)) => a.into_iter().map(Cow::Owned).collect(),
        v => match v.as_ref() {
            Value::String(s) => s.bytes().map(|b| Cow::Owned(Value::from(b))).collect(),
            _ => Vec::new(),
        },
    }
}

/// `..`: every value that has children, each before its descendants.
fn recursive(input: Vals<'_>) -> Vals<'_> {
    let mut out = Vec::new();
    let mut stack: Vec<Cow<'_, Value>> = input.into_iter().rev().collect();
    while let Some(value) = stack.pop() {
        if value.is_null() {
            continue;
        }
        let kids = children(value.clone());
        if kids.is_empty() {
            continue;
        }
        out.push(value);
        stack.extend(kids.into_iter().rev());
    }
    out
}

#[derive(PartialEq)]
enum BasicKind {
    Bool,
    Int,
    Float,
    String,
}

fn basic_kind(v: &Value) -> Result<BasicKind, String> {
    match v {
        Value::Bool(_) => Ok(BasicKind::Bool),
        Value::Number(n) if n.is_f64() => Ok(BasicKind::Float),
        Value::Number(_) => Ok(BasicKind::Int),
        Value::String(_) => Ok(BasicKind::String),
        _ => Err("invalid type for comparison".into()),
    }
}

fn num_f(v: &Value) -> f64 {
    v.as_f64().unwrap_or(0.0)
}

fn num_i(v: &Value) -> i128 {
    v.as_i64()
        .map(i128::from)
        .or_else(|| v.as_u64().map(i128::from))
        .unwrap_or(0)
}

/// The forked `template.Equal`.
fn equal(a: &Value, b: &Value) -> Result<bool, String> {
    let (ka, kb) = (basic_kind(a)?, basic_kind(b)?);
    if ka != kb {
        return Err("incompatible types for comparison".into());
    }
    Ok(match ka {
        BasicKind::Bool => a.as_bool() == b.as_bool(),
        BasicKind::Int => num_i(a) == num_i(b),
        BasicKind::Float => num_f(a) == num_f(b),
        BasicKind::String => a.as_str() == b.as_str(),
    })
}

/// The forked `template.Less`.
fn less(a: &Value, b: &Value) -> Result<bool, String> {
    let (ka, kb) = (basic_kind(a)?, basic_kind(b)?);
    if ka != kb {
        return Err("incompatible types for comparison".into());
    }
    match ka {
        BasicKind::Bool => Err("invalid type for comparison".into()),
        BasicKind::Int => Ok(num_i(a) < num_i(b)),
        BasicKind::Float => Ok(num_f(a) < num_f(b)),
        BasicKind::String => Ok(a.as_str() < b.as_str()),
    }
}

fn less_equal(a: &Value, b: &Value) -> Result<bool, String> {
    let lt = less(a, b)?;
    if lt {
        return Ok(true);
    }
    equal(a, b)
}

/// `PrintResults`: values of one node separated by spaces; maps and lists
/// as JSON, everything else as `fmt.Print` writes it (`null` for nil).
pub(crate) fn print_results(results: &[Cow<'_, Value>], out: &mut String) {
    for (i, r) in results.iter().enumerate() {
        match r.as_ref() {
            v @ (Value::Object(_) | Value::Array(_)) => out.push_str(&gofmt::json(v)),
            Value::Null => out.push_str("null"),
            v => out.push_str(&gofmt::v(v)),
        }
        if i + 1 != results.len() {
            out.push(' ');
        }
    }
}
