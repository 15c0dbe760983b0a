//! A line diff of two texts (usually two `-o yaml` renderings), for the
//! editor's "what Apply will change" view and for `kubectl diff`, whose
//! output is `diff -u -N` (GNU unified format, three lines of context).
//!
//! Common prefix and suffix are trimmed first; the middle is an LCS table
//! when it is small enough, else it is shown as replaced. May not import
//! browser crates.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Line<'a> {
    Same(&'a str),
    Removed(&'a str),
    Added(&'a str),
}

/// Above this many table cells the middle is shown as replaced.
const MAX_CELLS: usize = 4_000_000;

/// The lines of `a` and `b`, aligned.
pub fn diff<'a>(a: &'a str, b: &'a str) -> Vec<Line<'a>> {
    let a: Vec<&str> = a.lines().collect();
    let b: Vec<&str> = b.lines().collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let am = &a[prefix..a.len() - suffix];
    let bm = &b[prefix..b.len() - suffix];
    let mut out: Vec<Line> = a[..prefix].iter().map(|l| Line::Same(l)).collect();
    if am.len().saturating_mul(bm.len()) <= MAX_CELLS {
        out.extend(lcs_diff(am, bm));
    } else {
        out.extend(am.iter().map(|l| Line::Removed(l)));
        out.extend(bm.iter().map(|l| Line::Added(l)));
    }
    out.extend(a[a.len() - suffix..].iter().map(|l| Line::Same(l)));
    out
}

fn lcs_diff<'a>(a: &[&'a str], b: &[&'a str]) -> Vec<Line<'a>> {
    let (n, m) = (a.len(), b.len());
    let w = m + 1;
    // table[i][j] = LCS length of a[i..] and b[j..].
    let mut table = vec![0u32; (n + 1) * w];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[i * w + j] = if a[i] == b[j] {
                table[(i + 1) * w + j + 1] + 1
            } else {
                table[(i + 1) * w + j].max(table[i * w + j + 1])
            };
        }
    }
    let mut out = Vec::with_capacity(n + m);
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if a[i] == b[j] {
            out.push(Line::Same(a[i]));
            i += 1;
            j += 1;
        } else if table[(i + 1) * w + j] >= table[i * w + j + 1] {
            out.push(Line::Removed(a[i]));
            i += 1;
        } else {
            out.push(Line::Added(b[j]));
            j += 1;
        }
    }
    out.extend(a[i..].iter().map(|l| Line::Removed(l)));
    out.extend(b[j..].iter().map(|l| Line::Added(l)));
    out
}

/// GNU `diff -u` output: `--- from`/`+++ to` headers and hunks with
/// `context` lines around changes; empty when the texts are equal.
pub fn unified(a: &str, b: &str, from_label: &str, to_label: &str, context: usize) -> String {
    let lines = diff(a, b);
    if lines.iter().all(|l| matches!(l, Line::Same(_))) {
        return String::new();
    }
    let mut out = format!("--- {from_label}\n+++ {to_label}\n");
    // Indices of changed lines, grouped into hunks.
    let changed: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !matches!(l, Line::Same(_)))
        .map(|(i, _)| i)
        .collect();
    let mut hunks: Vec<(usize, usize)> = Vec::new();
    for &c in &changed {
        let start = c.saturating_sub(context);
        let end = (c + context + 1).min(lines.len());
        match hunks.last_mut() {
            Some(h) if start <= h.1 => h.1 = end,
            _ => hunks.push((start, end)),
        }
    }
    for (start, end) in hunks {
        // Line numbers in a and b where the hunk starts.
        let before = &lines[..start];
        let a_start = before
            .iter()
            .filter(|l| !matches!(l, Line::Added(_)))
            .count();
        let b_start = before
            .iter()
            .filter(|l| !matches!(l, Line::Removed(_)))
            .count();
        let body = &lines[start..end];
        let a_len = body.iter().filter(|l| !matches!(l, Line::Added(_))).count();
        let b_len = body
            .iter()
            .filter(|l| !matches!(l, Line::Removed(_)))
            .count();
        out.push_str(&format!(
            "@@ -{} +{} @@\n",
            range(a_start, a_len),
            range(b_start, b_len)
        ));
        for l in body {
            match l {
                Line::Same(s) => out.push_str(&format!(" {s}\n")),
                Line::Removed(s) => out.push_str(&format!("-{s}\n")),
                Line::Added(s) => out.push_str(&format!("+{s}\n")),
            }
        }
    }
    out
}

/// GNU's range notation: `start,len`, just `start` for one line, and the
/// line before for an empty range.
fn range(start0: usize, len: usize) -> String {
    match len {
        0 => format!("{start0},0"),
        1 => format!("{}", start0 + 1),
        n => format!("{},{n}", start0 + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligned_lines() {
        let d = diff("a\nb\nc\n", "a\nx\nc\nd\n");
        assert_eq!(
            d,
            vec![
                Line::Same("a"),
                Line::Removed("b"),
                Line::Added("x"),
                Line::Same("c"),
                Line::Added("d")
            ]
        );
        assert_eq!(diff("same\n", "same\n"), vec![Line::Same("same")]);
    }

    #[test]
    fn unified_like_gnu_diff() {
        let a = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  serviceName: nginx\n";
        let b = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  serviceName: nginx\n";
        assert_eq!(unified(a, b, "LIVE", "MERGED", 3), "--- LIVE\n+++ MERGED\n@@ -3,5 +3,5 @@\n metadata:\n   name: web\n spec:\n-  replicas: 2\n+  replicas: 3\n   serviceName: nginx\n");
        assert_eq!(unified(a, a, "x", "y", 3), "");
        assert_eq!(
            unified("", "new\n", "/dev/null", "b", 3),
            "--- /dev/null\n+++ b\n@@ -0,0 +1 @@\n+new\n"
        );
    }

    #[test]
    fn large_inputs_finish() {
        let a: String = (0..3000).map(|i| format!("a{i}\n")).collect();
        let b: String = (0..3000).map(|i| format!("b{i}\n")).collect();
        assert_eq!(diff(&a, &b).len(), 6000);
    }
}
