//! Label selectors as `kubectl -l` takes them (apimachinery `labels.Parse`):
//! `app=nginx`, `app==nginx`, `tier!=db`, `env in (a,b)`, `env notin (a)`,
//! `release`, `!release`, joined by commas.

use crate::engine::objects::meta::{LabelSelector, LabelSelectorRequirement};

fn valid_key(k: &str) -> bool {
    !k.is_empty()
        && k.len() <= 317
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c))
}

/// Splits at commas that are not inside parentheses.
fn split_top(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0;
    let mut cur = String::new();
    for c in s.chars() {
        match c {
            '(' => {
                depth += 1;
                cur.push(c);
            }
            ')' => {
                depth -= 1;
                cur.push(c);
            }
            ',' if depth == 0 => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    out
}

pub fn parse(s: &str) -> Result<LabelSelector, String> {
    let mut sel = LabelSelector::default();
    if s.trim().is_empty() {
        return Ok(sel);
    }
    for part in split_top(s) {
        let p = part.trim();
        if p.is_empty() {
            return Err("unable to parse requirement: found '', expected: !, identifier, or 'end of string'".into());
        }
        let req = if let Some(k) = p.strip_prefix('!') {
            LabelSelectorRequirement {
                key: k.trim().into(),
                operator: "DoesNotExist".into(),
                values: vec![],
            }
        } else if let Some((k, v)) = p.split_once("!=") {
            LabelSelectorRequirement {
                key: k.trim().into(),
                operator: "NotIn".into(),
                values: vec![v.trim().into()],
            }
        } else if let Some((k, v)) = p.split_once("==").or_else(|| p.split_once('=')) {
            LabelSelectorRequirement {
                key: k.trim().into(),
                operator: "In".into(),
                values: vec![v.trim().into()],
            }
        } else if let Some((k, rest)) = p.split_once(" notin ").or_else(|| p.split_once(" in ")) {
            let op = if p.contains(" notin ") { "NotIn" } else { "In" };
            let rest = rest.trim();
            let inner = rest
                .strip_prefix('(')
                .and_then(|r| r.strip_suffix(')'))
                .ok_or_else(|| {
                    format!("unable to parse requirement: found '{rest}', expected: '('")
                })?;
            let values: Vec<String> = inner
                .split(',')
                .map(|x| x.trim().to_string())
                .filter(|x| !x.is_empty())
                .collect();
            if values.is_empty() {
                return Err("unable to parse requirement: for 'in', 'notin' operators, values set can't be empty".into());
            }
            LabelSelectorRequirement {
                key: k.trim().into(),
                operator: op.into(),
                values,
            }
        } else {
            if p.contains(' ') {
                let mut words = p.split_whitespace();
                let _ = words.next();
                let found = words.next().unwrap_or("");
                return Err(format!("unable to parse requirement: found '{found}', expected: in, notin, =, ==, !=, gt, lt"));
            }
            LabelSelectorRequirement {
                key: p.into(),
                operator: "Exists".into(),
                values: vec![],
            }
        };
        if !valid_key(&req.key) {
            return Err(format!("unable to parse requirement: invalid label key {:?}: name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')", req.key));
        }
        sel.match_expressions.push(req);
    }
    Ok(sel)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::objects::Labels;

    fn l(pairs: &[(&str, &str)]) -> Labels {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn operators_match_like_kubectl() {
        let pod = l(&[("app", "nginx"), ("tier", "web")]);
        assert!(parse("app=nginx").unwrap().matches(&pod));
        assert!(parse("app==nginx,tier").unwrap().matches(&pod));
        assert!(!parse("app!=nginx").unwrap().matches(&pod));
        assert!(parse("env!=prod").unwrap().matches(&pod));
        assert!(parse("tier in (web, db)").unwrap().matches(&pod));
        assert!(!parse("tier notin (web)").unwrap().matches(&pod));
        assert!(parse("!release").unwrap().matches(&pod));
        assert!(parse("app in nginx").is_err());
        assert!(parse("").unwrap().matches(&pod));
    }
}
