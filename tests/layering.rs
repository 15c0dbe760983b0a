//! The layering rule from `src/lib.rs`: the pure modules (`engine`,
//! `manifest`, `console`) never use the browser crates. They are what native
//! tests and the command line run, so a browser import there would break the
//! native build or tie the simulation to the page.
//!
//! This reads the sources rather than relying on the compiler: the browser
//! crates are wasm32-only dependencies, so a native build already fails on
//! them, but a wasm32 build would not, and the message here names the file.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};

const PURE_MODULES: &[&str] = &["src/engine", "src/manifest", "src/console"];
const BROWSER_CRATES: &[&str] = &["yew", "web_sys", "gloo", "js_sys", "wasm_bindgen"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.expect("readable directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

/// The line without its `//` comment (doc comments may name the crates they
/// must not use). Good enough for this check: a `//` inside a string literal
/// only hides the rest of that line.
fn code_part(line: &str) -> &str {
    match line.find("//") {
        Some(at) => &line[..at],
        None => line,
    }
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// True when `word` appears in `code` as a whole identifier.
fn mentions(code: &str, word: &str) -> bool {
    code.match_indices(word).any(|(at, _)| {
        let before = code[..at].chars().next_back();
        let after = code[at + word.len()..].chars().next();
        !before.is_some_and(is_ident_char) && !after.is_some_and(is_ident_char)
    })
}

/// Every `file:line: crate` where a pure module names a browser crate.
fn violations(root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    for module in PURE_MODULES {
        rust_files(&root.join(module), &mut files);
    }
    files.sort();
    let mut found = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).expect("readable source file");
        let mut in_block_comment = false;
        for (index, line) in text.lines().enumerate() {
            let mut line = line;
            if in_block_comment {
                match line.find("*/") {
                    Some(end) => {
                        line = &line[end + 2..];
                        in_block_comment = false;
                    }
                    None => continue,
                }
            }
            if let Some(start) = line.find("/*") {
                in_block_comment = !line[start..].contains("*/");
                line = &line[..start];
            }
            let code = code_part(line);
            for krate in BROWSER_CRATES {
                if mentions(code, krate) {
                    let shown = file.strip_prefix(root).unwrap_or(file);
                    found.push(format!("{}:{}: uses `{krate}`", shown.display(), index + 1));
                }
            }
        }
    }
    found
}

#[test]
fn pure_modules_do_not_use_browser_crates() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let found = violations(root);
    assert!(
        found.is_empty(),
        "engine/, manifest/ and console/ must not use browser crates \
         (yew, web_sys, gloo, js_sys, wasm_bindgen); move this code to src/ui:\n  {}",
        found.join("\n  ")
    );
}

#[test]
fn the_check_finds_uses_and_ignores_comments() {
    assert!(mentions("use yew::prelude::*;", "yew"));
    assert!(mentions("let d = web_sys::window();", "web_sys"));
    assert!(!mentions("let yewtree = 1;", "yew"));
    assert!(!mentions("my_gloo_thing()", "gloo"));
    assert_eq!(code_part("let a = 1; // not yew"), "let a = 1; ");
}

#[test]
fn the_pure_modules_exist() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for module in PURE_MODULES {
        assert!(
            root.join(module).is_dir(),
            "{module} is missing: update PURE_MODULES"
        );
    }
}
