//! Determinism across platforms: every golden script (tests/scripts) runs
//! in the wasm build, in headless Chromium, and its whole unmasked
//! transcript must have the digest the native run recorded in
//! `NAME.digest` (tests/console_golden.rs checks the native side). Same
//! seed, same commands: the same IPs, uids, timings and bytes.
#![cfg(target_arch = "wasm32")]

#[path = "console_golden/digest.rs"]
mod digest;

use ordinal::console::Console;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// The files the scripts read from their directory.
fn read(path: &str) -> Result<String, String> {
    match path.trim_start_matches("./") {
        "web-parallel.yaml" => Ok(include_str!("scripts/web-parallel.yaml").to_string()),
        _ => Err("No such file or directory".to_string()),
    }
}

fn check(name: &str, script: &str, expected: &str) {
    let mut c = Console::new(1);
    c.set_file_reader(std::rc::Rc::new(read));
    let t = match c.run_script(script, false) {
        Ok(t) => t.to_string(),
        Err(e) => panic!(
            "{name}: script does not parse: line {}: {}",
            e.line, e.message
        ),
    };
    assert_eq!(
        digest::digest(&t),
        expected.trim(),
        "{name}: the wasm transcript differs from the native one"
    );
}

macro_rules! golden {
    ($($test:ident => $name:literal),* $(,)?) => {
        $(
            #[wasm_bindgen_test]
            fn $test() {
                check(
                    $name,
                    include_str!(concat!("scripts/", $name, ".sh")),
                    include_str!(concat!("scripts/", $name, ".digest")),
                );
            }
        )*
    };
}

golden! {
    statefulset_basics => "statefulset-basics",
    get => "get",
    describe => "describe",
    apply => "apply",
    delete => "delete",
    modify => "modify",
    rollout => "rollout",
    wait => "wait",
    logs => "logs",
    nodes => "nodes",
    sim => "sim",
    errors => "errors",
    workstation => "workstation",
    scheduling => "scheduling",
}
