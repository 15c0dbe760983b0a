//! A small awk for one-liners after kubectl: `BEGIN`/`END`, patterns
//! (expressions, `/re/`), `print`, `printf`, `if`, `next`, `exit`,
//! variables, fields (`$N`, `$NF`, assignment), `NR` `NF` `FS` `OFS`,
//! arithmetic, comparisons, `~`, concatenation, and the functions
//! `length substr index toupper tolower int sprintf sub gsub`. No arrays
//! or loops: a program using them gets a clear error.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

mod eval;
mod lex;
mod parse;

use super::super::format;
use super::{getopt, Filter};

const USAGE: &str = "usage: awk [-F fs][-v var=value][prog | -f progfile][file ...]";

pub(crate) fn awk(f: &mut Filter, args: &[String]) -> i32 {
    let a = match getopt(args, "F:v:f:", false) {
        Ok(a) => a,
        Err(e) => {
            f.err(&format!("{e}\n{USAGE}"));
            return 2;
        }
    };
    if a.val('f').is_some() {
        f.err("-f progfile is not supported: give the program on the command line");
        return 2;
    }
    let Some(src) = a.operands.first() else {
        f.err(USAGE);
        return 2;
    };
    let (rules, regexes) = match parse::compile(src) {
        Ok(x) => x,
        Err(e) => {
            f.err(&format!("cmd. line:1: {e}"));
            return 2;
        }
    };
    let mut fs = String::new();
    format::escapes(a.val('F').unwrap_or(" "), false, &mut fs);
    // `-Ft` means a tab, as in POSIX awk.
    if fs == "t" {
        fs = "\t".into();
    }
    let assigns = a
        .vals
        .iter()
        .filter(|(c, _)| *c == 'v')
        .filter_map(|(_, v)| v.split_once('='));
    let mut awk = eval::Awk::new(regexes, fs, assigns);
    let (text, ok) = f.input(&a.operands[1..]);
    let result = awk.main(&rules, &text);
    f.io.out(&awk.out);
    match result {
        Ok(code) if ok => code,
        Ok(_) => 2,
        Err(e) => {
            f.err(&format!("cmd. line:1: {e}"));
            2
        }
    }
}
