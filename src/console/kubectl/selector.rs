//! Label selectors as `kubectl -l` sends them and the API server parses
//! them (apimachinery `labels.Parse`, ported token by token: `=`, `==`,
//! `!=`, `in (…)`, `notin (…)`, `key`, `!key`, `>`, `<`), and field
//! selectors (`fields.ParseSelector` plus the fields each kind supports).
//! Errors carry the server's wording; `list_error` wraps them as kubectl
//! prints a failed list.

use crate::engine::objects::Kind;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    In,
    NotIn,
    Equals,
    DoubleEquals,
    NotEquals,
    Exists,
    DoesNotExist,
    GreaterThan,
    LessThan,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Requirement {
    pub key: String,
    pub op: Op,
    pub values: Vec<String>,
}

/// A parsed label selector: every requirement must hold.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selector {
    pub reqs: Vec<Requirement>,
}

impl Requirement {
    fn matches(&self, labels: &crate::engine::objects::Labels) -> bool {
        let got = labels.get(&self.key);
        match self.op {
            Op::In | Op::Equals | Op::DoubleEquals => {
                got.is_some_and(|v| self.values.contains(&v.to_string()))
            }
            Op::NotIn | Op::NotEquals => got.is_none_or(|v| !self.values.contains(&v.to_string())),
            Op::Exists => got.is_some(),
            Op::DoesNotExist => got.is_none(),
            Op::GreaterThan | Op::LessThan => {
                let (Some(v), Some(r)) = (got, self.values.first()) else {
                    return false;
                };
                match (v.parse::<i64>(), r.parse::<i64>()) {
                    (Ok(l), Ok(r)) => {
                        if self.op == Op::GreaterThan {
                            l > r
                        } else {
                            l < r
                        }
                    }
                    _ => false,
                }
            }
        }
    }
}

impl Selector {
    pub fn matches(&self, labels: &crate::engine::objects::Labels) -> bool {
        self.reqs.iter().all(|r| r.matches(labels))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok {
    Error,
    End,
    ClosedPar,
    Comma,
    DoesNotExist,
    DoubleEquals,
    Equals,
    GreaterThan,
    Identifier,
    In,
    LessThan,
    NotEquals,
    NotIn,
    OpenPar,
}

fn literal_token(s: &str) -> Option<Tok> {
    Some(match s {
        ")" => Tok::ClosedPar,
        "," => Tok::Comma,
        "!" => Tok::DoesNotExist,
        "==" => Tok::DoubleEquals,
        "=" => Tok::Equals,
        ">" => Tok::GreaterThan,
        "in" => Tok::In,
        "<" => Tok::LessThan,
        "!=" => Tok::NotEquals,
        "notin" => Tok::NotIn,
        "(" => Tok::OpenPar,
        _ => return None,
    })
}

fn is_special(b: u8) -> bool {
    matches!(b, b'=' | b'!' | b'(' | b')' | b',' | b'>' | b'<')
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// The lexer: identifiers and keywords, and the longest special symbol.
fn scan(s: &str) -> Vec<(Tok, String)> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut out = Vec::new();
    loop {
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        if i >= b.len() {
            out.push((Tok::End, String::new()));
            return out;
        }
        if is_special(b[i]) {
            let start = i;
            let mut last: Option<(Tok, usize)> = None;
            while i < b.len() && is_special(b[i]) {
                i += 1;
                if let Some(t) = literal_token(&s[start..i]) {
                    last = Some((t, i));
                } else if last.is_some() {
                    i -= 1;
                    break;
                }
            }
            match last {
                Some((t, end)) => {
                    out.push((t, s[start..end].to_string()));
                    i = end;
                }
                None => out.push((
                    Tok::Error,
                    format!("error expected: keyword found '{}'", &s[start..i]),
                )),
            }
            continue;
        }
        let start = i;
        while i < b.len() && !is_special(b[i]) && !is_space(b[i]) {
            i += 1;
        }
        let word = &s[start..i];
        out.push((
            literal_token(word).unwrap_or(Tok::Identifier),
            word.to_string(),
        ));
    }
}

struct Parser {
    items: Vec<(Tok, String)>,
    pos: usize,
}

impl Parser {
    /// In the values context `in` and `notin` are plain identifiers.
    fn look(&self, values: bool) -> (Tok, String) {
        let (t, l) = self.items[self.pos.min(self.items.len() - 1)].clone();
        (fix(t, values), l)
    }
    fn next(&mut self, values: bool) -> (Tok, String) {
        let r = self.look(values);
        self.pos += 1;
        r
    }
}

fn fix(t: Tok, values: bool) -> Tok {
    if values && (t == Tok::In || t == Tok::NotIn) {
        Tok::Identifier
    } else {
        t
    }
}

const NAME_MSG: &str = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

fn name_ok(n: &str) -> bool {
    let b = n.as_bytes();
    !b.is_empty()
        && b[0].is_ascii_alphanumeric()
        && b[b.len() - 1].is_ascii_alphanumeric()
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
}

fn subdomain_errors(p: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if p.len() > 253 {
        errs.push("must be no more than 253 bytes".to_string());
    }
    let ok = p.split('.').all(|l| {
        let b = l.as_bytes();
        !b.is_empty()
            && (b[0].is_ascii_lowercase() || b[0].is_ascii_digit())
            && (b[b.len() - 1].is_ascii_lowercase() || b[b.len() - 1].is_ascii_digit())
            && b.iter()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
    });
    if !ok {
        errs.push("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')".to_string());
    }
    errs
}

/// `content.IsLabelKey`, as one field error (the selector has no path).
fn key_error(k: &str) -> Option<String> {
    let parts: Vec<&str> = k.split('/').collect();
    let mut errs: Vec<String> = Vec::new();
    let name = match parts.as_slice() {
        [n] => *n,
        [prefix, n] => {
            if prefix.is_empty() {
                errs.push("prefix part must be non-empty".into());
            } else {
                errs.extend(
                    subdomain_errors(prefix)
                        .into_iter()
                        .map(|e| format!("prefix part {e}")),
                );
            }
            n
        }
        _ => {
            return Some(format!(": Invalid value: {k:?}: a valid label key {NAME_MSG} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"));
        }
    };
    if name.is_empty() {
        errs.push("name part must be non-empty".into());
    } else if name.len() > 63 {
        errs.push("name part must be no more than 63 bytes".into());
    }
    if !name_ok(name) {
        errs.push(format!("name part {NAME_MSG}"));
    }
    (!errs.is_empty()).then(|| format!(": Invalid value: {k:?}: {}", errs.join("; ")))
}

fn value_error(key: &str, v: &str, index: usize) -> Option<String> {
    let mut errs = Vec::new();
    if v.len() > 63 {
        errs.push("must be no more than 63 bytes".to_string());
    }
    if !(v.is_empty() || name_ok(v)) {
        errs.push("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')".to_string());
    }
    let _ = key;
    (!errs.is_empty())
        .then(|| format!("values[{index}]: Invalid value: {v:?}: {}", errs.join("; ")))
}

/// The resource builder's own parse of `-l` for objects from files
/// (`visitByPaths`): no list request reaches the server, so its error is
/// the builder's.
pub fn parse_for_files(s: &str) -> Result<Selector, String> {
    parse(s).map_err(|e| format!("the provided selector {s:?} is not valid: {e}"))
}

/// `labels.Parse`: the selector, or the server's error message.
pub fn parse(s: &str) -> Result<Selector, String> {
    let mut p = Parser {
        items: scan(s),
        pos: 0,
    };
    let mut reqs = Vec::new();
    loop {
        let (t, lit) = p.look(true);
        match t {
            Tok::Identifier | Tok::DoesNotExist => {
                let r =
                    requirement(&mut p).map_err(|e| format!("unable to parse requirement: {e}"))?;
                reqs.push(r);
                let (t, l) = p.next(true);
                match t {
                    Tok::End => break,
                    Tok::Comma => {
                        let (t2, l2) = p.look(true);
                        if t2 != Tok::Identifier && t2 != Tok::DoesNotExist {
                            return Err(format!("found '{l2}', expected: identifier after ','"));
                        }
                    }
                    _ => return Err(format!("found '{l}', expected: ',' or 'end of string'")),
                }
            }
            Tok::End => break,
            _ => {
                return Err(format!(
                    "found '{lit}', expected: !, identifier, or 'end of string'"
                ))
            }
        }
    }
    // Sorted by key, as the parser leaves them.
    crate::sort::sort_by(&mut reqs, |a: &Requirement, b| a.key.cmp(&b.key));
    Ok(Selector { reqs })
}

fn requirement(p: &mut Parser) -> Result<Requirement, String> {
    let (mut t, mut lit) = p.next(true);
    let mut op: Option<Op> = None;
    if t == Tok::DoesNotExist {
        op = Some(Op::DoesNotExist);
        (t, lit) = p.next(true);
    }
    if t != Tok::Identifier {
        return Err(format!("found '{lit}', expected: identifier"));
    }
    if let Some(e) = key_error(&lit) {
        return Err(e);
    }
    let key = lit;
    let (la, _) = p.look(true);
    if la == Tok::End || la == Tok::Comma {
        return Ok(Requirement {
            key,
            op: op.unwrap_or(Op::Exists),
            values: vec![],
        });
    }
    if let Some(op) = op {
        // `!key` is complete; what follows is the caller's to judge.
        return Ok(Requirement {
            key,
            op,
            values: vec![],
        });
    }
    let (t, lit) = p.next(false);
    let op = match t {
        Tok::In => Op::In,
        Tok::Equals => Op::Equals,
        Tok::DoubleEquals => Op::DoubleEquals,
        Tok::GreaterThan => Op::GreaterThan,
        Tok::LessThan => Op::LessThan,
        Tok::NotIn => Op::NotIn,
        Tok::NotEquals => Op::NotEquals,
        _ => {
            return Err(format!(
                "found '{lit}', expected: in, notin, =, ==, !=, gt, lt"
            ))
        }
    };
    let mut values: Vec<String> = match op {
        Op::In | Op::NotIn => set_values(p)?,
        _ => {
            let (t, _) = p.look(true);
            if t == Tok::End || t == Tok::Comma {
                vec![String::new()]
            } else {
                let (t, lit) = p.next(true);
                if t != Tok::Identifier {
                    return Err(format!("found '{lit}', expected: identifier"));
                }
                vec![lit]
            }
        }
    };
    crate::sort::sort(&mut values);
    values.dedup();
    // NewRequirement's checks.
    let mut errs: Vec<String> = Vec::new();
    if matches!(op, Op::GreaterThan | Op::LessThan) {
        for (i, v) in values.iter().enumerate() {
            if v.parse::<i64>().is_err() {
                errs.push(format!("values[{i}]: Invalid value: {v:?}: for 'Gt', 'Lt' operators, the value must be an integer"));
            }
        }
    }
    for (i, v) in values.iter().enumerate() {
        if let Some(e) = value_error(&key, v, i) {
            errs.push(e);
        }
    }
    if !errs.is_empty() {
        return Err(if errs.len() == 1 {
            errs.remove(0)
        } else {
            format!("[{}]", errs.join(", "))
        });
    }
    Ok(Requirement { key, op, values })
}

fn set_values(p: &mut Parser) -> Result<Vec<String>, String> {
    let (t, lit) = p.next(true);
    if t != Tok::OpenPar {
        return Err(format!("found '{lit}' expected: '('"));
    }
    let (t, lit) = p.look(true);
    match t {
        Tok::Identifier | Tok::Comma => {
            let mut s: Vec<String> = Vec::new();
            loop {
                let (t, lit) = p.next(true);
                match t {
                    Tok::Identifier => {
                        s.push(lit);
                        let (t2, l2) = p.look(true);
                        match t2 {
                            Tok::Comma => continue,
                            Tok::ClosedPar => break,
                            _ => return Err(format!("found '{l2}', expected: ',' or ')'")),
                        }
                    }
                    Tok::Comma => {
                        if s.is_empty() {
                            s.push(String::new());
                        }
                        let (t2, _) = p.look(true);
                        if t2 == Tok::ClosedPar {
                            s.push(String::new());
                            break;
                        }
                        if t2 == Tok::Comma {
                            s.push(String::new());
                        }
                    }
                    _ => return Err(format!("found '{lit}', expected: ',', or identifier")),
                }
            }
            let (t, _) = p.next(true);
            if t != Tok::ClosedPar {
                return Err(format!("found '{lit}', expected: ')'"));
            }
            Ok(s)
        }
        Tok::ClosedPar => {
            p.next(true);
            Ok(vec![String::new()])
        }
        _ => Err(format!("found '{lit}', expected: ',', ')' or identifier")),
    }
}

/// One field selector term: path, value, `=`/`==` (true) or `!=`.
pub type FieldReq = (String, String, bool);

/// `fields.ParseSelector`: terms split at unescaped commas.
pub fn parse_fields(sel: &str) -> Result<Vec<FieldReq>, String> {
    let mut out = Vec::new();
    if sel.is_empty() {
        return Ok(out);
    }
    let mut terms: Vec<String> = vec![String::new()];
    let mut chars = sel.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                terms.last_mut().unwrap().push(c);
                if let Some(n) = chars.next() {
                    terms.last_mut().unwrap().push(n);
                }
            }
            ',' => terms.push(String::new()),
            _ => terms.last_mut().unwrap().push(c),
        }
    }
    for part in terms {
        if part.is_empty() {
            continue;
        }
        let found = ["!=", "==", "="]
            .iter()
            .find_map(|op| part.find(op).map(|i| (i, *op)));
        let Some((i, op)) = found else {
            return Err(format!(
                "invalid selector: '{sel}'; can't understand '{part}'"
            ));
        };
        let k = &part[..i];
        let v = part[i + op.len()..]
            .replace("\\,", ",")
            .replace("\\=", "=")
            .replace("\\\\", "\\");
        out.push((k.to_string(), v, op != "!="));
    }
    Ok(out)
}

/// The fields a kind can be selected by (the API server's field label
/// conversion functions).
pub fn field_supported(kind: Kind, field: &str) -> bool {
    if matches!(field, "metadata.name" | "metadata.namespace") {
        return true;
    }
    let extra: &[&str] = match kind {
        Kind::Pod => &[
            "spec.nodeName",
            "spec.restartPolicy",
            "spec.schedulerName",
            "spec.serviceAccountName",
            "spec.hostNetwork",
            "status.phase",
            "status.podIP",
            "status.podIPs",
            "status.nominatedNodeName",
        ],
        Kind::Event => &[
            "involvedObject.kind",
            "involvedObject.namespace",
            "involvedObject.name",
            "involvedObject.uid",
            "involvedObject.apiVersion",
            "involvedObject.resourceVersion",
            "involvedObject.fieldPath",
            "reason",
            "reportingComponent",
            "source",
            "type",
        ],
        Kind::Node => &["spec.unschedulable"],
        Kind::Namespace => &["status.phase"],
        Kind::Secret => &["type"],
        Kind::Service => &["spec.clusterIP", "spec.type"],
        Kind::ReplicaSet => &["status.replicas"],
        _ => &[],
    };
    extra.contains(&field)
}

/// How kubectl prints a list the API server refused (`EnhanceListError`).
pub fn list_error(kind: Kind, labels: &str, fields: &str, msg: &str) -> String {
    let i = kind.info();
    let gvr = format!("{}/{}, Resource={}", i.group, i.version, i.plural);
    format!(
        "Error from server (BadRequest): Unable to find {gvr:?} that match label selector {labels:?}, field selector {fields:?}: {msg}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(pairs: &[(&str, &str)]) -> crate::engine::objects::Labels {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), (*v).into()))
            .collect()
    }

    #[test]
    fn operators_match_like_kubectl() {
        let pod = l(&[("app", "nginx"), ("tier", "web"), ("n", "3")]);
        assert!(parse("app=nginx").unwrap().matches(&pod));
        assert!(parse("app==nginx,tier").unwrap().matches(&pod));
        assert!(!parse("app!=nginx").unwrap().matches(&pod));
        assert!(parse("env!=prod").unwrap().matches(&pod));
        assert!(parse("tier in (web, db)").unwrap().matches(&pod));
        assert!(parse("tier in(web)").unwrap().matches(&pod));
        assert!(!parse("tier notin (web)").unwrap().matches(&pod));
        assert!(parse("!release").unwrap().matches(&pod));
        assert!(parse("n>2,n<4").unwrap().matches(&pod));
        assert!(!parse("n>3").unwrap().matches(&pod));
        assert!(parse("").unwrap().matches(&pod));
    }

    #[test]
    fn errors_use_the_servers_wording() {
        assert_eq!(
            parse("app in nginx").unwrap_err(),
            "unable to parse requirement: found 'nginx' expected: '('"
        );
        assert_eq!(
            parse("=x").unwrap_err(),
            "found '=', expected: !, identifier, or 'end of string'"
        );
        assert_eq!(
            parse("app nginx").unwrap_err(),
            "unable to parse requirement: found 'nginx', expected: in, notin, =, ==, !=, gt, lt"
        );
        assert_eq!(
            parse("a=b c").unwrap_err(),
            "found 'c', expected: ',' or 'end of string'"
        );
        assert_eq!(
            parse("n>x").unwrap_err(),
            "unable to parse requirement: values[0]: Invalid value: \"x\": for 'Gt', 'Lt' operators, the value must be an integer"
        );
        assert!(parse("Foo_").unwrap_err().starts_with(
            "unable to parse requirement: : Invalid value: \"Foo_\": name part must consist"
        ));
        assert_eq!(
            parse_fields("foo").unwrap_err(),
            "invalid selector: 'foo'; can't understand 'foo'"
        );
        assert_eq!(
            parse_fields("status.phase!=Running,metadata.name==web-0").unwrap(),
            vec![
                ("status.phase".to_string(), "Running".to_string(), false),
                ("metadata.name".to_string(), "web-0".to_string(), true)
            ]
        );
    }
}
