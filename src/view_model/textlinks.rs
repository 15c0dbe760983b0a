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
