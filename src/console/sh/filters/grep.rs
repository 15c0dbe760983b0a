//! `grep` (and `egrep`, `fgrep`) with the options people pipe kubectl into:
//! -v -i -E -F -c -w -x -o -q -n -l -h -H -s -e -A -B -C; GNU's output and
//! exit statuses (0 selected, 1 none, 2 trouble).
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use super::super::regex::Regex;
use super::{getopt, lines, Filter};

pub(crate) fn grep(f: &mut Filter, args: &[String]) -> i32 {
    let a = match getopt(args, "viEFcwxoqnlLhHse:A:B:C:rRGzZ", false) {
        Ok(a) => a,
        Err(e) => {
            f.err(&format!("{e}\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information."));
            return 2;
        }
    };
    let mut operands = a.operands.clone();
    let patterns: Vec<String> = {
        let given: Vec<String> = a
            .vals
            .iter()
            .filter(|(c, _)| *c == 'e')
            .map(|(_, v)| v.clone())
            .collect();
        if !given.is_empty() {
            given
        } else if operands.is_empty() {
            f.err("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.");
            return 2;
        } else {
            vec![operands.remove(0)]
        }
    };
    let extended = a.has('E') || f.name == "egrep";
    let fixed = a.has('F') || f.name == "fgrep";
    let icase = a.has('i');
    let mut regexes = Vec::new();
    for p in patterns.iter().flat_map(|p| p.split('\n')) {
        let re = if fixed {
            Ok(Regex::literal(p, icase))
        } else {
            Regex::new(p, extended, icase)
        };
        match re {
            Ok(r) => regexes.push(r),
            Err(e) => {
                f.err(&e);
                return 2;
            }
        }
    }
    let num = |c: char| {
        a.val(c)
            .map(|v| v.parse::<usize>().map_err(|_| v.to_string()))
    };
    let (after, before) = match (num('A').or(num('C')), num('B').or(num('C'))) {
        (Some(Err(v)), _) | (_, Some(Err(v))) => {
            f.err(&format!("{v}: invalid context length argument"));
            return 2;
        }
        (x, y) => (
            x.map_or(0, |r| r.unwrap_or(0)),
            y.map_or(0, |r| r.unwrap_or(0)),
        ),
    };
    let (invert, word, whole, only) = (a.has('v'), a.has('w'), a.has('x'), a.has('o'));
    let names = if a.has('h') {
        false
    } else {
        a.has('H') || operands.len() > 1
    };
    let sources: Vec<String> = if operands.is_empty() {
        vec!["-".into()]
    } else {
        operands
    };
    let mut out = String::new();
    let mut any = false;
    let mut trouble = false;
    for src in &sources {
        let text = match f.read(src) {
            Ok(t) => t,
            Err(e) => {
                if !a.has('s') {
                    f.err(&format!("{src}: {e}"));
                }
                trouble = true;
                continue;
            }
        };
        let label = if src == "-" {
            "(standard input)"
        } else {
            src.as_str()
        };
        let prefix = |n: usize, sep: char| {
            let mut p = String::new();
            if names {
                p += label;
                p.push(sep);
            }
            if a.has('n') {
                p += &format!("{n}{sep}");
            }
            p
        };
        let rows = lines(&text);
        let hits: Vec<bool> = rows
            .iter()
            .map(|l| {
                let m = regexes.iter().any(|r| {
                    if word || whole {
                        !r.find_all(l, word, whole).is_empty()
                    } else {
                        r.is_match(l)
                    }
                });
                m != invert
            })
            .collect();
        let count = hits.iter().filter(|h| **h).count();
        any |= count > 0;
        if a.has('q') {
            if any {
                return 0;
            }
            continue;
        }
        if a.has('l') || a.has('L') {
            if (count > 0) == a.has('l') {
                out += &format!("{label}\n");
            }
            continue;
        }
        if a.has('c') {
            out += &if names {
                format!("{label}:{count}\n")
            } else {
                format!("{count}\n")
            };
            continue;
        }
        let mut last_printed: Option<usize> = None;
        let mut until = 0;
        for (i, row) in rows.iter().enumerate() {
            let context =
                !hits[i] && (i < until || (i + 1..=i + before).any(|j| j < rows.len() && hits[j]));
            if !hits[i] && !context {
                continue;
            }
            if (after > 0 || before > 0) && last_printed.is_some_and(|p| p + 1 < i) {
                out += "--\n";
            }
            last_printed = Some(i);
            if hits[i] {
                until = i + 1 + after;
            }
            if only && hits[i] && !invert {
                for r in &regexes {
                    let chars: Vec<char> = row.chars().collect();
                    for (s, e) in r
                        .find_all(row, word, whole)
                        .into_iter()
                        .filter(|(s, e)| e > s)
                    {
                        out += &prefix(i + 1, ':');
                        out.extend(&chars[s..e]);
                        out.push('\n');
                    }
                }
            } else if !only {
                out += &prefix(i + 1, if hits[i] { ':' } else { '-' });
                out += row;
                out.push('\n');
            }
        }
    }
    f.io.out(&out);
    if trouble && !(a.has('q') && any) {
        2
    } else if any {
        0
    } else {
        1
    }
}
