//! Console output with the names of shown objects turned into links
//! (`web-0`, `pod/web-0`, `"web-0"`, `www-web-0` …).

use std::collections::BTreeMap;

use super::narration::Seg;

fn name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == '/'
}

/// Splits `text` into plain text and links for names found in `names`
/// (name → selection id).
pub fn link(text: &str, names: &BTreeMap<String, String>) -> Vec<Seg> {
    let mut out: Vec<Seg> = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        let start = rest.find(name_char).unwrap_or(rest.len());
        plain.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest.find(|c: char| !name_char(c)).unwrap_or(rest.len());
        let word = &rest[..end];
        rest = &rest[end..];
        // `pod/web-0` links the part after the slash; trailing dots are punctuation.
        let (lead, candidate) = match word.rfind('/') {
            Some(i) => word.split_at(i + 1),
            None => ("", word),
        };
        let trimmed = candidate.trim_end_matches('.');
        match names.get(trimmed) {
            Some(id) if !trimmed.is_empty() => {
                plain.push_str(lead);
                if !plain.is_empty() {
                    out.push(Seg::Text(std::mem::take(&mut plain)));
                }
                out.push(Seg::Obj {
                    id: id.clone(),
                    name: trimmed.to_string(),
                });
                plain.push_str(&candidate[trimmed.len()..]);
            }
            _ => plain.push_str(word),
        }
    }
    if !plain.is_empty() {
        out.push(Seg::Text(plain));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_known_names_only() {
        let mut names = BTreeMap::new();
        names.insert("web-0".to_string(), "pod/web-0".to_string());
        names.insert("web".to_string(), "sts/web".to_string());
        let segs = link(
            "pod \"web-0\" deleted\nstatefulset.apps/web scaled.",
            &names,
        );
        let ids: Vec<&str> = segs
            .iter()
            .filter_map(|s| match s {
                Seg::Obj { id, .. } => Some(id.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(ids, ["pod/web-0", "sts/web"]);
        let text: String = segs
            .iter()
            .map(|s| match s {
                Seg::Text(t) | Seg::Code(t) => t.as_str(),
                Seg::Obj { name, .. } => name.as_str(),
            })
            .collect();
        assert_eq!(text, "pod \"web-0\" deleted\nstatefulset.apps/web scaled.");
    }
}

/// Whether console output is a kubectl table (its first line a header of
/// capitalised columns set apart by runs of spaces: `NAME   READY   STATUS`).
/// Such output is shown unwrapped and scrolls sideways, as in a terminal
/// that is too narrow: wrapped, its columns no longer line up (phones).
pub fn is_table(output: &str) -> bool {
    let Some(header) = output.lines().find(|l| !l.trim().is_empty()) else {
        return false;
    };
    let columns: Vec<&str> = header
        .split("   ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    columns.len() >= 2
        && columns.iter().all(|c| {
            c.starts_with(|ch: char| ch.is_ascii_uppercase())
                && c.chars().all(|ch| {
                    ch.is_ascii_uppercase()
                        || ch.is_ascii_digit()
                        || matches!(ch, ' ' | '-' | '_' | '(' | ')' | '/' | '.' | '%')
                })
        })
}

#[cfg(test)]
mod table_tests {
    use super::is_table;

    #[test]
    fn kubectl_tables_are_tables() {
        assert!(is_table(
            "NAME    READY   STATUS    RESTARTS   AGE\nweb-0   1/1     Running   0          5s\n"
        ));
        assert!(is_table(
            "NAME                 READY   STATUS    RESTARTS   AGE   IP    NODE   NOMINATED NODE   READINESS GATES\n"
        ));
        assert!(is_table("LAST SEEN   TYPE     REASON   OBJECT   MESSAGE\n"));
        assert!(is_table("NAMESPACE     NAME   READY\n"));
    }

    #[test]
    fn other_output_wraps() {
        assert!(!is_table("pod/web-0 created\n"));
        assert!(!is_table(""));
        assert!(!is_table("Name:         web-0\nNamespace:    default\n"));
        assert!(!is_table(
            "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n"
        ));
        assert!(
            !is_table("NAME\nweb-0\n"),
            "one column has nothing to line up"
        );
        assert!(!is_table(
            "Error from server (NotFound): pods \"x\" not found\n"
        ));
        assert!(!is_table("No resources found in default namespace.\n"));
    }
}
