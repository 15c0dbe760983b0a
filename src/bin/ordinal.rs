//! The `ordinal` command line (native only).

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("--version") | Some("version") => println!("ordinal {}", ordinal::VERSION),
        _ => println!("ordinal {}: run `ordinal --help`", ordinal::VERSION),
    }
}
