//! A scenario as data: the seed, every input with its simulated instant,
//! the moment shown, and the editor's text. Saved to the browser's storage,
//! exported as a file, and packed into share links
//! (`#s=` + base64url of the deflated JSON).

use serde::{Deserialize, Serialize};

use super::session::{Input, TimedInput};

/// The longest share link payload the page writes or reads (characters).
pub const MAX_LINK: usize = 16_000;
/// The most inputs a scenario may hold.
pub const MAX_INPUTS: usize = 5_000;
/// The most text (bytes) all inputs may hold together once inflated.
pub const MAX_BYTES: usize = 4 << 20;
/// The latest simulated instant a scenario may ask for (30 days).
pub const MAX_NOW_MS: u64 = 30 * 24 * 3600 * 1000;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scenario {
    pub seed: u64,
    /// The instant shown, in simulated milliseconds.
    pub now: u64,
    pub inputs: Vec<TimedInput>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub editor: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct File {
    format: String,
    version: u32,
    #[serde(flatten)]
    scenario: Scenario,
}

const FORMAT: &str = "ordinal-scenario";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkError {
    /// Longer than `MAX_LINK` characters.
    TooLong(usize),
    /// Not a scenario (the reason, in English: shown as a detail).
    Damaged(String),
}

impl Scenario {
    /// Checks what a file or link may not contain.
    pub fn validate(&self) -> Result<(), String> {
        if self.inputs.len() > MAX_INPUTS {
            return Err(format!("more than {MAX_INPUTS} inputs"));
        }
        if self.now > MAX_NOW_MS {
            return Err("the moment is too far in the future".into());
        }
        let mut bytes = 0;
        let mut last = 0;
        for i in &self.inputs {
            if i.at < last {
                return Err("inputs out of order".into());
            }
            last = i.at;
            bytes += match &i.input {
                Input::File { path, text } => path.len() + text.len(),
                Input::Run(s) => s.len(),
                Input::Lesson { id } => id.len(),
            };
        }
        if bytes + self.editor.as_ref().map_or(0, String::len) > MAX_BYTES {
            return Err("too much text".into());
        }
        Ok(())
    }

    /// The JSON kept in the browser's storage and written to export files.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&File {
            format: FORMAT.into(),
            version: 1,
            scenario: self.clone(),
        })
        .unwrap_or_default()
    }

    pub fn from_json(text: &str) -> Result<Scenario, String> {
        let f: File = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if f.format != FORMAT {
            return Err(format!("not an {FORMAT} file"));
        }
        if f.version != 1 {
            return Err(format!("version {} is not supported", f.version));
        }
        f.scenario.validate()?;
        Ok(f.scenario)
    }

    /// The share link's fragment payload (what follows `#s=`).
    pub fn to_link(&self) -> Result<String, LinkError> {
        let json = serde_json::to_vec(&File {
            format: FORMAT.into(),
            version: 1,
            scenario: self.clone(),
        })
        .map_err(|e| LinkError::Damaged(e.to_string()))?;
        let packed = miniz_oxide::deflate::compress_to_vec(&json, 9);
        let s = b64_encode(&packed);
        if s.len() > MAX_LINK {
            return Err(LinkError::TooLong(s.len()));
        }
        Ok(s)
    }

    pub fn from_link(payload: &str) -> Result<Scenario, LinkError> {
        let payload = payload.trim();
        if payload.len() > MAX_LINK {
            return Err(LinkError::TooLong(payload.len()));
        }
        let packed =
            b64_decode(payload).ok_or_else(|| LinkError::Damaged("not base64url".into()))?;
        let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_BYTES)
            .map_err(|_| LinkError::Damaged("cannot be unpacked".into()))?;
        let text = String::from_utf8(json).map_err(|_| LinkError::Damaged("not text".into()))?;
        Scenario::from_json(&text).map_err(LinkError::Damaged)
    }
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// base64url without padding (RFC 4648 §5).
pub fn b64_encode(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

pub fn b64_decode(s: &str) -> Option<Vec<u8>> {
    let s = s.trim_end_matches('=');
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    (bits < 6).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Scenario {
        Scenario {
            seed: 42,
            now: 61_000,
            inputs: vec![
                TimedInput {
                    at: 0,
                    input: Input::File {
                        path: "web.yaml".into(),
                        text: "kind: Service\n".into(),
                    },
                },
                TimedInput {
                    at: 0,
                    input: Input::Run("kubectl apply -f web.yaml".into()),
                },
            ],
            editor: Some("kind: Service\n".into()),
        }
    }

    #[test]
    fn base64url_round_trips() {
        for n in 0..20 {
            let data: Vec<u8> = (0..n).map(|i| (i * 37 + 11) as u8).collect();
            assert_eq!(b64_decode(&b64_encode(&data)).unwrap(), data);
        }
        assert_eq!(b64_encode(b"hi?"), "aGk_");
        assert!(b64_decode("a$b").is_none());
    }

    #[test]
    fn links_and_files_round_trip() {
        let s = sample();
        let link = s.to_link().unwrap();
        assert!(link.bytes().all(|b| ALPHABET.contains(&b)));
        assert_eq!(Scenario::from_link(&link).unwrap(), s);
        assert_eq!(Scenario::from_json(&s.to_json()).unwrap(), s);
    }

    #[test]
    fn damaged_and_long_links_are_refused() {
        let link = sample().to_link().unwrap();
        let cut = &link[..link.len() / 2];
        assert!(matches!(
            Scenario::from_link(cut),
            Err(LinkError::Damaged(_))
        ));
        assert!(matches!(
            Scenario::from_link("%%%"),
            Err(LinkError::Damaged(_))
        ));
        let long = "A".repeat(MAX_LINK + 1);
        assert_eq!(
            Scenario::from_link(&long),
            Err(LinkError::TooLong(MAX_LINK + 1))
        );
        let mut big = sample();
        // Text that does not compress: many distinct commands.
        for i in 0..4000u64 {
            big.inputs.push(TimedInput {
                at: 1000,
                input: Input::Run(format!("echo {}", i.wrapping_mul(2654435761) % 1_000_003)),
            });
        }
        assert!(matches!(big.to_link(), Err(LinkError::TooLong(_))));
        assert!(Scenario::from_json("{\"format\":\"x\"}").is_err());
    }
}
