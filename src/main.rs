//! The page's entry point: trunk builds this for wasm32. Everything lives in
//! the library; on native targets this binary only says where to look.

#[cfg(target_arch = "wasm32")]
fn main() {
    ordinal::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "ordinal-web is the web page; build it with `make dist` or run the `ordinal` command line"
    );
    std::process::exit(2);
}
