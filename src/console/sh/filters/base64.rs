//! `base64 [-d] [-w COLS] [FILE]`: encodes with 76-column lines as GNU and
//! busybox do, decodes ignoring line breaks (how Secret values are read).
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use super::{getopt, Filter};

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

pub(crate) fn encode(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes, ignoring white space; None on anything else that is not base64.
pub(crate) fn decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let (mut acc, mut bits, mut pad) = (0u32, 0, 0);
    for c in text.bytes().filter(|c| !c.is_ascii_whitespace()) {
        if c == b'=' {
            pad += 1;
            continue;
        }
        if pad > 0 {
            return None;
        }
        let v = ALPHABET.iter().position(|&a| a == c)? as u32;
        acc = acc << 6 | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    (pad <= 2).then_some(out)
}

pub(crate) fn base64(f: &mut Filter, args: &[String]) -> i32 {
    let a = match getopt(args, "dw:i", false) {
        Ok(a) => a,
        Err(e) => {
            f.err(&format!("{e}\nTry 'base64 --help' for more information."));
            return 1;
        }
    };
    let (text, ok) = f.input(&a.operands);
    if !ok {
        return 1;
    }
    if a.has('d') {
        return match decode(&text) {
            Some(bytes) => {
                f.io.out(&String::from_utf8_lossy(&bytes));
                0
            }
            None => {
                f.err("invalid input");
                1
            }
        };
    }
    let Ok(wrap) = a.val('w').unwrap_or("76").parse::<usize>() else {
        f.err(&format!(
            "invalid wrap size: '{}'",
            a.val('w').unwrap_or("")
        ));
        return 1;
    };
    let enc = encode(text.as_bytes());
    let mut out = String::with_capacity(enc.len() + enc.len() / 76 + 1);
    if wrap == 0 {
        out.push_str(&enc);
    } else {
        for (i, c) in enc.chars().enumerate() {
            if i > 0 && i % wrap == 0 {
                out.push('\n');
            }
            out.push(c);
        }
    }
    if !out.is_empty() {
        out.push('\n');
    }
    f.io.out(&out);
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        assert_eq!(encode(b"admin"), "YWRtaW4=");
        assert_eq!(encode(b"ab"), "YWI=");
        assert_eq!(encode(b"abc"), "YWJj");
        assert_eq!(decode("YWRtaW4=\n").unwrap(), b"admin");
        assert_eq!(decode("YW\nJj").unwrap(), b"abc");
        assert!(decode("Y!==").is_none());
        assert!(decode("YQ==YQ").is_none());
    }
}
