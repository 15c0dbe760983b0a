//! Bounds on what one run of the interpreter may do, so that no input hangs
//! the page or exhausts its memory. Every limit that is hit is reported by
//! name in the output.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

/// Limits of one shell. Each field is named in the message printed when it is hit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest script accepted by the parser, in bytes.
    pub script_bytes: usize,
    /// Most lines accepted by the parser.
    pub script_lines: usize,
    /// Iterations of one `for`/`while`/`until` loop before it is stopped.
    pub loop_iterations: u64,
    /// Simple commands run by one shell before the run is stopped.
    pub commands: u64,
    /// Output kept for one top-level command (and for one pipe or `$(…)`).
    pub output_per_command: usize,
    /// Output kept for a whole run before it is stopped.
    pub output_per_run: usize,
    /// Nesting of compound commands, `$(…)`, function calls, `eval`, `.`
    /// and shells started by the host; it bounds the interpreter's stack.
    pub depth: usize,
    /// Size of a variable's value or of one expanded word, in bytes.
    pub value_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            script_bytes: 4 << 20,
            script_lines: 100_000,
            loop_iterations: 10_000,
            commands: 100_000,
            output_per_command: 1 << 20,
            output_per_run: 8 << 20,
            depth: 32,
            value_bytes: 1 << 20,
        }
    }
}
