//! Executes a parsed Go template over decoded JSON the way text/template's
//! `exec.go` walks `map[string]interface{}`: missing map keys are "no
//! value" (or an error with `missingkey=error`), a field of a nil value or
//! of a non-map is an error, `range` visits maps in key order, pipelines
//! pass their value as the last argument of the next command.
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys,
//! wasm_bindgen).

use std::borrow::Cow;

use serde_json::Value;

use super::funcs::{self, truth};
use super::parse::{Arg, Command, Node, Pipe};
use crate::console::printers::gofmt;

/// A value as text/template sees it: `Missing` is Go's invalid
/// `reflect.Value` (what a missing map key yields); `Val(Null)` is a nil
/// `interface{}` stored in the data.
#[derive(Clone, Debug)]
pub(crate) enum V<'a> {
    Missing,
    Val(Cow<'a, Value>),
}

/// An execution error: where (byte offset and node text) and what.
#[derive(Debug)]
pub(crate) struct ExecError {
    pub pos: usize,
    pub context: String,
    pub message: String,
}

pub(crate) struct State<'a> {
    pub out: String,
    vars: Vec<(String, V<'a>)>,
    missing_key_error: bool,
}

impl<'a> State<'a> {
    pub fn new(root: &'a Value, missing_key_error: bool) -> Self {
        State {
            out: String::new(),
            vars: vec![("$".to_string(), V::Val(Cow::Borrowed(root)))],
            missing_key_error,
        }
    }

    pub fn walk(&mut self, dot: &V<'a>, nodes: &[Node]) -> Result<(), ExecError> {
        for node in nodes {
            match node {
                Node::Text(t) => self.out.push_str(t),
                Node::Action(pipe) => {
                    let v = self.pipeline(dot, pipe)?;
                    if pipe.decl.is_empty() {
                        self.print(&v);
                    }
                }
                Node::If(b) | Node::With(b) => {
                    let mark = self.vars.len();
                    let v = self.pipeline(dot, &b.pipe)?;
                    if truth(&v) {
                        let inner = if matches!(node, Node::With(_)) {
                            v
                        } else {
                            dot.clone()
                        };
                        self.walk(&inner, &b.list)?;
                    } else {
                        self.walk(dot, &b.else_list)?;
                    }
                    self.vars.truncate(mark);
                }
                Node::Range {
                    pipe,
                    list,
                    else_list,
                } => {
                    let mark = self.vars.len();
                    self.range(dot, pipe, list, else_list)?;
                    self.vars.truncate(mark);
                }
            }
        }
        Ok(())
    }

    fn range(
        &mut self,
        dot: &V<'a>,
        pipe: &Pipe,
        list: &[Node],
        else_list: &[Node],
    ) -> Result<(), ExecError> {
        let v = self.pipeline(dot, pipe)?;
        let items: Vec<(Value, V<'a>)> = match v {
            V::Missing => Vec::new(),
            V::Val(Cow::Borrowed(Value::Array(a))) => a
                .iter()
                .enumerate()
                .map(|(i, e)| (Value::from(i as i64), V::Val(Cow::Borrowed(e))))
                .collect(),
            V::Val(Cow::Owned(Value::Array(a))) => a
                .into_iter()
                .enumerate()
                .map(|(i, e)| (Value::from(i as i64), V::Val(Cow::Owned(e))))
                .collect(),
            V::Val(Cow::Borrowed(Value::Object(m))) => m
                .iter()
                .map(|(k, e)| (Value::String(k.clone()), V::Val(Cow::Borrowed(e))))
                .collect(),
            V::Val(Cow::Owned(Value::Object(m))) => m
                .into_iter()
                .map(|(k, e)| (Value::String(k), V::Val(Cow::Owned(e))))
                .collect(),
            V::Val(other) => match other.as_ref() {
                Value::Number(n) if n.as_i64().is_some() => (0..n.as_i64().unwrap_or(0))
                    .map(|i| (Value::from(i), V::Val(Cow::Owned(Value::from(i)))))
                    .collect(),
                v => {
                    let at = pipe.cmds.first();
                    return Err(ExecError {
                        pos: at.map_or(0, |c| c.pos),
                        context: pipe.text(),
                        message: format!("range can't iterate over {}", gofmt::v(v)),
                    });
                }
            },
        };
        if items.is_empty() {
            return self.walk(dot, else_list);
        }
        for (key, elem) in items {
            let mark = self.vars.len();
            match pipe.decl.len() {
                1 => self.set_top(1, elem.clone()),
                2 => {
                    self.set_top(2, V::Val(Cow::Owned(key)));
                    self.set_top(1, elem.clone());
                }
                _ => {}
            }
            self.walk(&elem, list)?;
            self.vars.truncate(mark);
        }
        Ok(())
    }

    /// `setTopVar(n, v)`: the n-th variable from the top.
    fn set_top(&mut self, n: usize, v: V<'a>) {
        let len = self.vars.len();
        if let Some(slot) = len.checked_sub(n).and_then(|i| self.vars.get_mut(i)) {
            slot.1 = v;
        }
    }

    fn var(&self, name: &str) -> V<'a> {
        self.vars
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map_or(V::Missing, |(_, v)| v.clone())
    }

    fn print(&mut self, v: &V) {
        match v {
            V::Missing => self.out.push_str("<no value>"),
            V::Val(v) => self.out.push_str(&gofmt::v(v)),
        }
    }

    pub fn pipeline(&mut self, dot: &V<'a>, pipe: &Pipe) -> Result<V<'a>, ExecError> {
        let mut value: Option<V<'a>> = None;
        for cmd in &pipe.cmds {
            value = Some(self.command(dot, cmd, value)?);
        }
        // A nil interface{} result is no value at all.
        let value = match value.unwrap_or(V::Missing) {
            V::Val(v) if v.is_null() => V::Missing,
            v => v,
        };
        for name in &pipe.decl {
            if pipe.assign {
                if let Some(slot) = self.vars.iter_mut().rev().find(|(n, _)| n == name) {
                    slot.1 = value.clone();
                }
            } else {
                self.vars.push((name.clone(), value.clone()));
            }
        }
        Ok(value)
    }

    fn command(
        &mut self,
        dot: &V<'a>,
        cmd: &Command,
        last: Option<V<'a>>,
    ) -> Result<V<'a>, ExecError> {
        let fail = |message: String| ExecError {
            pos: cmd.pos,
            context: cmd.text(),
            message,
        };
        let first = &cmd.args[0];
        let literal = |v: Value| -> Result<V<'a>, ExecError> {
            if cmd.args.len() > 1 || last.is_some() {
                return Err(fail(format!(
                    "can't give argument to non-function {}",
                    first.text()
                )));
            }
            Ok(V::Val(Cow::Owned(v)))
        };
        match first {
            Arg::Function(name) => {
                if name == "and" || name == "or" {
                    return self.and_or(dot, cmd, name == "and", last);
                }
                let mut args = Vec::with_capacity(cmd.args.len());
                for a in &cmd.args[1..] {
                    args.push(self.arg(dot, a)?);
                }
                if let Some(l) = last {
                    args.push(l);
                }
                funcs::call(name, args).map_err(|e| fail(format!("error calling {name}: {e}")))
            }
            Arg::Nil => Err(fail("nil is not a command".into())),
            Arg::Str(s) => literal(Value::String(s.clone())),
            Arg::Int(i, _) => literal(Value::from(*i)),
            Arg::Float(f, _) => {
                literal(serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number))
            }
            Arg::Bool(b) => literal(Value::Bool(*b)),
            Arg::Field { .. } | Arg::Variable { .. } | Arg::Pipe { .. } => {
                if cmd.args.len() > 1 || last.is_some() {
                    return Err(fail(format!(
                        "can't give argument to non-function {}",
                        first.text()
                    )));
                }
                self.arg(dot, first)
            }
        }
    }

    /// `and`/`or`: evaluate arguments left to right, stop at the first
    /// false (`and`) or true (`or`) one and return it.
    fn and_or(
        &mut self,
        dot: &V<'a>,
        cmd: &Command,
        and: bool,
        last: Option<V<'a>>,
    ) -> Result<V<'a>, ExecError> {
        let mut result = V::Missing;
        let n = cmd.args.len() - 1 + usize::from(last.is_some());
        if n == 0 {
            return Err(ExecError {
                pos: cmd.pos,
                context: cmd.text(),
                message: format!(
                    "wrong number of args for {}: want at least 1 got 0",
                    if and { "and" } else { "or" }
                ),
            });
        }
        for a in &cmd.args[1..] {
            result = self.arg(dot, a)?;
            if truth(&result) != and {
                return Ok(result);
            }
        }
        if let Some(l) = last {
            result = l;
        }
        Ok(result)
    }

    /// An argument's value (fields, variables, parenthesised pipelines,
    /// literals).
    fn arg(&mut self, dot: &V<'a>, a: &Arg) -> Result<V<'a>, ExecError> {
        match a {
            Arg::Field { pos, path } => self.chain(dot.clone(), path, *pos, a),
            Arg::Variable { name, path } => {
                let v = self.var(name);
                self.chain(v, path, 0, a)
            }
            Arg::Pipe { pipe, path } => {
                let v = self.pipeline(dot, pipe)?;
                self.chain(v, path, pipe.cmds.first().map_or(0, |c| c.pos), a)
            }
            Arg::Str(s) => Ok(V::Val(Cow::Owned(Value::String(s.clone())))),
            Arg::Int(i, _) => Ok(V::Val(Cow::Owned(Value::from(*i)))),
            Arg::Float(f, _) => Ok(V::Val(Cow::Owned(
                serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number),
            ))),
            Arg::Bool(b) => Ok(V::Val(Cow::Owned(Value::Bool(*b)))),
            Arg::Nil => Ok(V::Val(Cow::Owned(Value::Null))),
            Arg::Function(name) => {
                let cmd = Command {
                    pos: 0,
                    args: vec![a.clone()],
                };
                let _ = name;
                self.command(dot, &cmd, None)
            }
        }
    }

    /// Follows `.a.b.c` from `receiver`.
    fn chain(
        &self,
        receiver: V<'a>,
        path: &[String],
        pos: usize,
        node: &Arg,
    ) -> Result<V<'a>, ExecError> {
        let mut cur = receiver;
        for field in path {
            let fail = |message: String| ExecError {
                pos,
                context: node.text(),
                message,
            };
            cur = match cur {
                V::Missing => {
                    if self.missing_key_error {
                        return Err(fail(format!("nil data; no entry for key \"{field}\"")));
                    }
                    V::Missing
                }
                V::Val(Cow::Borrowed(Value::Object(m))) => match m.get(field) {
                    Some(v) => V::Val(Cow::Borrowed(v)),
                    None => self.missing(field, &fail)?,
                },
                V::Val(Cow::Owned(Value::Object(mut m))) => match m.remove(field) {
                    Some(v) => V::Val(Cow::Owned(v)),
                    None => self.missing(field, &fail)?,
                },
                V::Val(v) if v.is_null() => {
                    return Err(fail(format!(
                        "nil pointer evaluating interface {{}}.{field}"
                    )))
                }
                V::Val(_) => {
                    return Err(fail(format!(
                        "can't evaluate field {field} in type interface {{}}"
                    )))
                }
            };
        }
        Ok(cur)
    }

    fn missing(&self, field: &str, fail: &dyn Fn(String) -> ExecError) -> Result<V<'a>, ExecError> {
        if self.missing_key_error {
            Err(fail(format!("map has no entry for key \"{field}\"")))
        } else {
            Ok(V::Missing)
        }
    }
}
