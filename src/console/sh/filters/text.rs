//! Line filters: `head`, `tail`, `wc`, `sort`, `uniq`, `cut`, `tr`, `tee`,
//! `cat`, `rev`, with GNU coreutils' output layout (what a terminal next to
//! a cluster has) in the C locale.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use super::super::format::leading_number;
use super::{getopt, lines, Args, Filter};
use std::cmp::Ordering;

/// Parses options or prints the usage error; Err holds the exit status.
fn opts(
    f: &mut Filter,
    args: &[String],
    spec: &str,
    digits_n: bool,
    status: i32,
) -> Result<Args, i32> {
    getopt(args, spec, digits_n).map_err(|e| {
        let msg = format!("{e}\nTry '{} --help' for more information.", f.name);
        f.err(&msg);
        status
    })
}

macro_rules! opts_or_return {
    ($f:expr, $args:expr, $spec:expr, $digits:expr, $status:expr) => {
        match opts($f, $args, $spec, $digits, $status) {
            Ok(a) => a,
            Err(s) => return s,
        }
    };
}

pub(crate) fn head_tail(f: &mut Filter, args: &[String]) -> i32 {
    let tail = f.name == "tail";
    let a = opts_or_return!(f, args, if tail { "n:c:fFqv" } else { "n:c:qv" }, true, 1);
    let bytes = a.val('c').is_some();
    let spec = a.val('c').or(a.val('n')).unwrap_or("10").to_string();
    let (from_start, all_but) = (spec.starts_with('+'), spec.starts_with('-'));
    let Ok(n) = spec.trim_start_matches(['+', '-']).parse::<usize>() else {
        f.err(&format!(
            "invalid number of {}: '{spec}'",
            if bytes { "bytes" } else { "lines" }
        ));
        return 1;
    };
    let (text, ok) = f.input(&a.operands);
    let items: Vec<&str> = if bytes {
        text.char_indices()
            .map(|(i, c)| &text[i..i + c.len_utf8()])
            .collect()
    } else {
        text.split_inclusive('\n').collect()
    };
    let len = items.len();
    let range = match (tail, from_start, all_but) {
        (false, _, true) => 0..len.saturating_sub(n),
        (false, _, false) => 0..n.min(len),
        (true, true, _) => n.saturating_sub(1).min(len)..len,
        (true, false, _) => len.saturating_sub(n)..len,
    };
    f.io.out(&items[range].concat());
    (!ok) as i32
}

fn counts(text: &str) -> [usize; 4] {
    [
        text.matches('\n').count(),
        text.split_whitespace().count(),
        text.chars().count(),
        text.len(),
    ]
}

pub(crate) fn wc(f: &mut Filter, args: &[String]) -> i32 {
    let a = opts_or_return!(f, args, "lwcm", false, 1);
    // Columns in GNU's order: lines, words, chars, bytes.
    let mut cols: Vec<usize> = [('l', 0), ('w', 1), ('m', 2), ('c', 3)]
        .iter()
        .filter(|(c, _)| a.has(*c))
        .map(|(_, i)| *i)
        .collect();
    if cols.is_empty() {
        cols = vec![0, 1, 3];
    }
    let mut rows: Vec<([usize; 4], Option<String>)> = Vec::new();
    let mut ok = true;
    if a.operands.is_empty() {
        rows.push((counts(f.stdin.unwrap_or("")), None));
    } else {
        for path in &a.operands {
            match f.read(path) {
                Ok(t) => rows.push((counts(&t), Some(path.clone()))),
                Err(e) => {
                    f.err(&format!("{path}: {e}"));
                    ok = false;
                }
            }
        }
        if rows.len() > 1 {
            let mut total = [0; 4];
            for (c, _) in &rows {
                for k in 0..4 {
                    total[k] += c[k];
                }
            }
            rows.push((total, Some("total".into())));
        }
    }
    let single = cols.len() == 1 && rows.len() == 1;
    let width = if single {
        0
    } else if a.operands.is_empty() {
        7
    } else {
        rows.iter()
            .flat_map(|(c, _)| cols.iter().map(move |&k| c[k].to_string().len()))
            .max()
            .unwrap_or(1)
    };
    let mut out = String::new();
    for (c, name) in &rows {
        let nums: Vec<String> = cols.iter().map(|&k| format!("{:>width$}", c[k])).collect();
        out += &nums.join(" ");
        if let Some(n) = name {
            out += &format!(" {n}");
        }
        out.push('\n');
    }
    f.io.out(&out);
    (!ok) as i32
}

/// A sort key: fields `start` to `end` (1-based, inclusive; None = end of line).
struct Key {
    start: usize,
    end: Option<usize>,
}

/// The text of fields `k` of `line`. Without a separator a field starts
/// with the blanks before it, as in GNU sort.
fn key_text<'a>(line: &'a str, k: &Key, sep: Option<char>, skip_blanks: bool) -> &'a str {
    let mut bounds = Vec::new();
    match sep {
        Some(c) => {
            let mut start = 0;
            for (i, ch) in line.char_indices() {
                if ch == c {
                    bounds.push((start, i));
                    start = i + ch.len_utf8();
                }
            }
            bounds.push((start, line.len()));
        }
        None => {
            let b = line.as_bytes();
            let mut i = 0;
            while i < b.len() {
                let start = i;
                while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
                    i += 1;
                }
                while i < b.len() && b[i] != b' ' && b[i] != b'\t' {
                    i += 1;
                }
                bounds.push((start, i));
            }
        }
    }
    let Some(&(from, _)) = bounds.get(k.start.saturating_sub(1)) else {
        return "";
    };
    let to = match k.end {
        Some(e) => bounds.get(e.saturating_sub(1)).map_or(line.len(), |b| b.1),
        None => line.len(),
    };
    let s = &line[from..to.max(from)];
    if skip_blanks {
        s.trim_start()
    } else {
        s
    }
}

pub(crate) fn sort(f: &mut Filter, args: &[String]) -> i32 {
    let a = opts_or_return!(f, args, "rnuk:t:fbsgho:", false, 2);
    let mut flags: Vec<char> = a.flags.clone();
    let mut keys = Vec::new();
    for spec in a.vals.iter().filter(|(c, _)| *c == 'k').map(|(_, v)| v) {
        flags.extend(spec.chars().filter(|c| c.is_ascii_alphabetic()));
        let nums: String = spec
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
            .collect();
        let mut parts = nums
            .split(',')
            .map(|p| p.split('.').next().unwrap_or("").parse::<usize>().ok());
        let (Some(Some(start)), end) = (parts.next(), parts.next().flatten()) else {
            f.err(&format!(
                "invalid number at field start: invalid count at start of '{spec}'"
            ));
            return 2;
        };
        keys.push(Key {
            start: start.max(1),
            end,
        });
    }
    let has = |c: char| flags.contains(&c);
    let (reverse, numeric, unique, fold, blanks, stable) = (
        has('r'),
        has('n') || has('g') || has('h'),
        has('u'),
        has('f'),
        has('b'),
        has('s'),
    );
    let sep = a.val('t').and_then(|s| s.chars().next());
    let (text, ok) = f.input(&a.operands);
    let mut rows: Vec<&str> = lines(&text);
    let whole = [Key {
        start: 1,
        end: None,
    }];
    let keys: &[Key] = if keys.is_empty() { &whole } else { &keys };
    let by_keys = |x: &str, y: &str| -> Ordering {
        for k in keys {
            let (kx, ky) = if k.start == 1 && k.end.is_none() {
                (x, y)
            } else {
                (key_text(x, k, sep, blanks), key_text(y, k, sep, blanks))
            };
            let o = if numeric {
                leading_number(kx, false)
                    .partial_cmp(&leading_number(ky, false))
                    .unwrap_or(Ordering::Equal)
            } else if fold {
                kx.to_uppercase().cmp(&ky.to_uppercase())
            } else {
                kx.cmp(ky)
            };
            if o != Ordering::Equal {
                return o;
            }
        }
        Ordering::Equal
    };
    crate::sort::sort_by(&mut rows, |x, y| {
        let o = by_keys(x, y).then_with(|| {
            if unique || stable {
                Ordering::Equal
            } else {
                x.cmp(y)
            }
        });
        if reverse {
            o.reverse()
        } else {
            o
        }
    });
    if unique {
        rows.dedup_by(|x, y| by_keys(x, y) == Ordering::Equal);
    }
    let out: String = rows.iter().map(|r| format!("{r}\n")).collect();
    match a.val('o') {
        Some(path) => {
            if let Err(e) = f.host.write_file(path, &out, false) {
                f.err(&format!("open failed: {path}: {e}"));
                return 2;
            }
        }
        None => f.io.out(&out),
    }
    if ok {
        0
    } else {
        2
    }
}

pub(crate) fn uniq(f: &mut Filter, args: &[String]) -> i32 {
    let a = opts_or_return!(f, args, "cdui", false, 1);
    let (text, ok) = f.input(&a.operands[..a.operands.len().min(1)]);
    let same = |x: &str, y: &str| {
        if a.has('i') {
            x.eq_ignore_ascii_case(y)
        } else {
            x == y
        }
    };
    let mut out = String::new();
    let rows = lines(&text);
    let mut i = 0;
    while i < rows.len() {
        let mut j = i + 1;
        while j < rows.len() && same(rows[i], rows[j]) {
            j += 1;
        }
        let n = j - i;
        if !(a.has('d') && n < 2 || a.has('u') && n > 1) {
            if a.has('c') {
                out += &format!("{n:>7} {}\n", rows[i]);
            } else {
                out += &format!("{}\n", rows[i]);
            }
        }
        i = j;
    }
    f.io.out(&out);
    (!ok) as i32
}

/// A cut list (`1,3-5,7-`) as inclusive 1-based ranges.
fn ranges(list: &str) -> Option<Vec<(usize, usize)>> {
    list.split(',')
        .map(|part| {
            let (lo, hi) = match part.split_once('-') {
                Some((lo, hi)) => (
                    if lo.is_empty() { 1 } else { lo.parse().ok()? },
                    if hi.is_empty() {
                        usize::MAX
                    } else {
                        hi.parse().ok()?
                    },
                ),
                None => {
                    let n = part.parse().ok()?;
                    (n, n)
                }
            };
            (lo >= 1 && lo <= hi).then_some((lo, hi))
        })
        .collect()
}

pub(crate) fn cut(f: &mut Filter, args: &[String]) -> i32 {
    let a = opts_or_return!(f, args, "d:f:c:b:sn", false, 1);
    let (list, fields) = match (a.val('f'), a.val('c').or(a.val('b'))) {
        (Some(l), _) => (l.to_string(), true),
        (None, Some(l)) => (l.to_string(), false),
        _ => {
            f.err("you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.");
            return 1;
        }
    };
    let Some(rs) = ranges(&list) else {
        f.err(&format!(
            "invalid field value '{list}'\nTry 'cut --help' for more information."
        ));
        return 1;
    };
    let delim = a.val('d').unwrap_or("\t");
    if delim.chars().count() != 1 {
        f.err("the delimiter must be a single character\nTry 'cut --help' for more information.");
        return 1;
    }
    let want = |i: usize| rs.iter().any(|&(lo, hi)| lo <= i && i <= hi);
    let (text, ok) = f.input(&a.operands);
    let mut out = String::new();
    for line in lines(&text) {
        if fields {
            if !line.contains(delim) {
                if !a.has('s') {
                    out += line;
                    out.push('\n');
                }
                continue;
            }
            let picked: Vec<&str> = line
                .split(delim)
                .enumerate()
                .filter(|(i, _)| want(i + 1))
                .map(|(_, s)| s)
                .collect();
            out += &picked.join(delim);
        } else {
            out.extend(
                line.chars()
                    .enumerate()
                    .filter(|(i, _)| want(i + 1))
                    .map(|(_, c)| c),
            );
        }
        out.push('\n');
    }
    f.io.out(&out);
    (!ok) as i32
}

/// Expands a tr set: ranges, escapes, `[:class:]`.
fn tr_set(s: &str) -> Vec<char> {
    let mut src = String::new();
    super::super::format::escapes(s, false, &mut src);
    let c: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        if c[i] == '[' && c.get(i + 1) == Some(&':') {
            let rest: String = c[i + 2..].iter().collect();
            if let Some(end) = rest.find(":]") {
                let name = &rest[..end];
                let class: Vec<char> = match name {
                    "lower" => ('a'..='z').collect(),
                    "upper" => ('A'..='Z').collect(),
                    "digit" => ('0'..='9').collect(),
                    "alpha" => ('A'..='Z').chain('a'..='z').collect(),
                    "alnum" => ('0'..='9').chain('A'..='Z').chain('a'..='z').collect(),
                    "space" => vec![' ', '\t', '\n', '\r', '\x0b', '\x0c'],
                    "blank" => vec![' ', '\t'],
                    _ => (0u8..128)
                        .map(char::from)
                        .filter(|&ch| super::super::pattern::class(name, ch))
                        .collect(),
                };
                out.extend(class);
                i += 2 + end + 2;
                continue;
            }
        }
        if c.get(i + 1) == Some(&'-') && i + 2 < c.len() && c[i] <= c[i + 2] {
            out.extend(c[i]..=c[i + 2]);
            i += 3;
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

pub(crate) fn tr(f: &mut Filter, args: &[String]) -> i32 {
    let a = opts_or_return!(f, args, "dscCt", false, 1);
    let (delete, squeeze, complement) = (a.has('d'), a.has('s'), a.has('c') || a.has('C'));
    let need = if delete && squeeze || !delete && !squeeze {
        2
    } else {
        1
    };
    if a.operands.len() < need {
        let msg = if a.operands.is_empty() {
            "missing operand".to_string()
        } else {
            format!("missing operand after '{}'", a.operands[0])
        };
        f.err(&format!("{msg}\nTry 'tr --help' for more information."));
        return 1;
    }
    let set1 = tr_set(&a.operands[0]);
    let set2 = a.operands.get(1).map(|s| tr_set(s)).unwrap_or_default();
    let in1 = |c: char| set1.contains(&c) != complement;
    let text = f.stdin.unwrap_or("");
    let mut out = String::with_capacity(text.len());
    // -s squeezes the characters of the last set given.
    let squeezable = |c: char| {
        if delete || !set2.is_empty() {
            set2.contains(&c)
        } else {
            in1(c)
        }
    };
    let mut last: Option<char> = None;
    for c in text.chars() {
        if delete && in1(c) {
            continue;
        }
        let mapped = if !delete && !set2.is_empty() && in1(c) {
            if complement {
                *set2.last().unwrap_or(&c)
            } else {
                let i = set1.iter().rposition(|&x| x == c).unwrap_or(0);
                *set2.get(i).or(set2.last()).unwrap_or(&c)
            }
        } else {
            c
        };
        if squeeze && last == Some(mapped) && squeezable(mapped) {
            continue;
        }
        out.push(mapped);
        last = Some(mapped);
    }
    f.io.out(&out);
    0
}

pub(crate) fn tee(f: &mut Filter, args: &[String]) -> i32 {
    let a = opts_or_return!(f, args, "ai", false, 1);
    let text = f.stdin.unwrap_or("").to_string();
    let mut status = 0;
    for path in &a.operands {
        if let Err(e) = f.host.write_file(path, &text, a.has('a')) {
            f.err(&format!("{path}: {e}"));
            status = 1;
        }
    }
    f.io.out(&text);
    status
}

pub(crate) fn cat_rev(f: &mut Filter, args: &[String]) -> i32 {
    let rev = f.name == "rev";
    let a = opts_or_return!(f, args, if rev { "" } else { "nbsuvAET" }, false, 1);
    if !rev {
        return cat(f, &a);
    }
    let (text, ok) = f.input(&a.operands);
    let out: String = {
        text.split_inclusive('\n')
            .map(|l| {
                let body = l.strip_suffix('\n');
                let r: String = body.unwrap_or(l).chars().rev().collect();
                if body.is_some() {
                    r + "\n"
                } else {
                    r
                }
            })
            .collect()
    };
    f.io.out(&out);
    (!ok) as i32
}

/// `cat`: each operand written out before the next is opened, so an error
/// about one comes between the texts of the others, as a terminal shows
/// it; `-n` and `-b` number the lines across all of them.
fn cat(f: &mut Filter, a: &super::Args) -> i32 {
    let stdin = ["-".to_string()];
    let operands = if a.operands.is_empty() {
        &stdin[..]
    } else {
        &a.operands[..]
    };
    let mut n = 0;
    let mut ok = true;
    for path in operands {
        let Some(text) = f.input_one(path) else {
            ok = false;
            continue;
        };
        if a.has('n') || a.has('b') {
            let numbered: String = text
                .split_inclusive('\n')
                .map(|l| {
                    if a.has('b') && l == "\n" {
                        return l.to_string();
                    }
                    n += 1;
                    format!("{n:>6}\t{l}")
                })
                .collect();
            f.io.out(&numbered);
        } else {
            f.io.out(&text);
        }
    }
    (!ok) as i32
}
