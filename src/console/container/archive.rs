//! The tar archive format as the images' `tar` writes it (the GNU format:
//! 512-byte headers with octal fields and a checksum, `././@LongLink`
//! entries for names over 100 bytes, two zero blocks at the end). GNU tar
//! pads the archive to its 10 KiB record; busybox stops after the zero
//! blocks. File contents are the simulation's text, so an archive is a
//! string too (its padding is NUL characters), which is what pipes carry.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

const BLOCK: usize = 512;
/// GNU tar's default record: 20 blocks.
const RECORD: usize = 20 * BLOCK;

/// What a member is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    File(String),
    Dir,
    Symlink(String),
}

/// One member of an archive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Member {
    /// As stored: relative, directories with a trailing `/`.
    pub name: String,
    pub kind: Kind,
    /// Modification time, Unix seconds.
    pub mtime: i64,
}

impl Member {
    pub fn mode(&self) -> u32 {
        match self.kind {
            Kind::File(_) => 0o644,
            Kind::Dir => 0o755,
            Kind::Symlink(_) => 0o777,
        }
    }

    pub fn size(&self) -> usize {
        match &self.kind {
            Kind::File(d) => d.len(),
            _ => 0,
        }
    }
}

/// Why an archive could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ReadError {
    /// The first header is no tar header.
    NotTar,
    /// A later header is damaged.
    BadHeader,
    /// The input ends inside a member.
    Truncated,
}

/// The archive of `members`; `gnu` pads it to GNU tar's record size.
pub(crate) fn write(members: &[Member], gnu: bool) -> String {
    let mut out: Vec<u8> = Vec::new();
    for m in members {
        let link = match &m.kind {
            Kind::Symlink(t) => t.as_str(),
            _ => "",
        };
        if m.name.len() > 100 {
            // GNU's long-name entry: a pseudo-file holding the name.
            let mut long = m.name.clone().into_bytes();
            long.push(0);
            out.extend(header(
                "././@LongLink",
                b'L',
                long.len(),
                0,
                0o644,
                "",
                "root",
            ));
            pad_to_block(&mut out, &long);
        }
        let flag = match m.kind {
            Kind::File(_) => b'0',
            Kind::Dir => b'5',
            Kind::Symlink(_) => b'2',
        };
        out.extend(header(
            &m.name,
            flag,
            m.size(),
            m.mtime,
            m.mode(),
            link,
            "root",
        ));
        if let Kind::File(d) = &m.kind {
            pad_to_block(&mut out, d.as_bytes());
        }
    }
    out.resize(out.len() + 2 * BLOCK, 0);
    if gnu {
        out.resize(out.len().div_ceil(RECORD) * RECORD, 0);
    }
    // Headers are ASCII, contents are whole strings, padding is NUL.
    String::from_utf8(out).unwrap_or_default()
}

fn pad_to_block(out: &mut Vec<u8>, data: &[u8]) {
    out.extend_from_slice(data);
    out.resize(out.len().div_ceil(BLOCK) * BLOCK, 0);
}

fn octal(field: &mut [u8], value: u64) {
    let width = field.len() - 1;
    let text = format!("{value:0width$o}");
    let bytes = text.as_bytes();
    let start = bytes.len().saturating_sub(width);
    field[..width].copy_from_slice(&bytes[start..]);
    field[width] = 0;
}

/// Copies `text` into a field, cut at a character boundary (the archive
/// stays text).
fn put(field: &mut [u8], text: &str) {
    let mut n = text.len().min(field.len());
    while !text.is_char_boundary(n) {
        n -= 1;
    }
    field[..n].copy_from_slice(&text.as_bytes()[..n]);
}

fn header(
    name: &str,
    flag: u8,
    size: usize,
    mtime: i64,
    mode: u32,
    link: &str,
    owner: &str,
) -> [u8; BLOCK] {
    let mut h = [0u8; BLOCK];
    put(&mut h[0..100], name);
    octal(&mut h[100..108], u64::from(mode));
    octal(&mut h[108..116], 0);
    octal(&mut h[116..124], 0);
    octal(&mut h[124..136], size as u64);
    octal(&mut h[136..148], mtime.max(0) as u64);
    h[156] = flag;
    put(&mut h[157..257], link);
    put(&mut h[257..265], "ustar  ");
    put(&mut h[265..297], owner);
    put(&mut h[297..329], owner);
    h[148..156].copy_from_slice(b"        ");
    let sum: u32 = h.iter().map(|b| u32::from(*b)).sum();
    let text = format!("{sum:06o}");
    put(&mut h[148..154], &text);
    h[154] = 0;
    h[155] = b' ';
    h
}

fn text_field(field: &[u8]) -> String {
    let end = field.iter().position(|b| *b == 0).unwrap_or(field.len());
    String::from_utf8_lossy(&field[..end]).into_owned()
}

fn octal_field(field: &[u8]) -> Option<u64> {
    let t = text_field(field);
    let t = t.trim_matches(|c: char| c == ' ' || c == '\0');
    if t.is_empty() {
        return Some(0);
    }
    u64::from_str_radix(t, 8).ok()
}

fn checksum_ok(h: &[u8]) -> bool {
    let Some(stored) = octal_field(&h[148..156]) else {
        return false;
    };
    let sum: u64 = h
        .iter()
        .enumerate()
        .map(|(i, b)| {
            if (148..156).contains(&i) {
                u64::from(b' ')
            } else {
                u64::from(*b)
            }
        })
        .sum();
    sum == stored
}

/// The members of an archive. Empty input is an empty archive (GNU tar
/// lists nothing and succeeds).
pub(crate) fn read(archive: &str) -> Result<Vec<Member>, ReadError> {
    let bytes = archive.as_bytes();
    let mut members = Vec::new();
    let mut at = 0;
    let mut long_name: Option<String> = None;
    while at < bytes.len() {
        let Some(h) = bytes.get(at..at + BLOCK) else {
            return Err(if at == 0 {
                ReadError::NotTar
            } else {
                ReadError::Truncated
            });
        };
        if h.iter().all(|b| *b == 0) {
            break;
        }
        if !checksum_ok(h) {
            return Err(if members.is_empty() && long_name.is_none() {
                ReadError::NotTar
            } else {
                ReadError::BadHeader
            });
        }
        let size = octal_field(&h[124..136]).ok_or(ReadError::BadHeader)? as usize;
        let mtime = octal_field(&h[136..148]).unwrap_or(0) as i64;
        let flag = h[156];
        at += BLOCK;
        let data = match flag {
            b'0' | 0 | b'7' | b'L' => {
                let end = at.checked_add(size).ok_or(ReadError::Truncated)?;
                let d = bytes.get(at..end).ok_or(ReadError::Truncated)?;
                at += size.div_ceil(BLOCK) * BLOCK;
                String::from_utf8_lossy(d).into_owned()
            }
            _ => String::new(),
        };
        if flag == b'L' {
            long_name = Some(data.trim_end_matches('\0').to_string());
            continue;
        }
        let name = long_name.take().unwrap_or_else(|| text_field(&h[0..100]));
        let kind = match flag {
            b'5' => Kind::Dir,
            b'2' => Kind::Symlink(text_field(&h[157..257])),
            _ if name.ends_with('/') => Kind::Dir,
            _ => Kind::File(data),
        };
        members.push(Member { name, kind, mtime });
    }
    Ok(members)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<Member> {
        vec![
            Member {
                name: "html/".into(),
                kind: Kind::Dir,
                mtime: 1_767_603_600,
            },
            Member {
                name: "html/index.html".into(),
                kind: Kind::File("<h1>héllo</h1>\n".into()),
                mtime: 1_767_603_601,
            },
            Member {
                name: "html/latest".into(),
                kind: Kind::Symlink("index.html".into()),
                mtime: 1_767_603_601,
            },
            Member {
                name: format!("html/{}", "x".repeat(120)),
                kind: Kind::File(String::new()),
                mtime: 0,
            },
        ]
    }

    #[test]
    fn members_round_trip_in_both_layouts() {
        for gnu in [true, false] {
            let a = write(&sample(), gnu);
            assert_eq!(read(&a).unwrap(), sample());
        }
    }

    #[test]
    fn sizes_are_what_the_tools_write() {
        let one = vec![Member {
            name: "index.html".into(),
            kind: Kind::File("hello\n".into()),
            mtime: 0,
        }];
        // GNU: a full 10 KiB record; busybox: header, data block, two zero blocks.
        assert_eq!(write(&one, true).len(), 10_240);
        assert_eq!(write(&one, false).len(), 2_048);
        assert_eq!(write(&[], false).len(), 1_024);
        // A content of exactly one block needs no padding block.
        let full = vec![Member {
            name: "f".into(),
            kind: Kind::File("y".repeat(512)),
            mtime: 0,
        }];
        assert_eq!(write(&full, false).len(), 2_048);
    }

    #[test]
    fn headers_carry_octal_fields_and_a_valid_checksum() {
        let a = write(
            &[Member {
                name: "a".into(),
                kind: Kind::File("abc".into()),
                mtime: 8,
            }],
            false,
        );
        let h = &a.as_bytes()[..BLOCK];
        assert_eq!(&h[100..108], b"0000644\0");
        assert_eq!(&h[124..136], b"00000000003\0");
        assert_eq!(&h[136..148], b"00000000010\0");
        assert_eq!(&h[257..265], b"ustar  \0");
        assert!(checksum_ok(h));
    }

    #[test]
    fn damaged_input_is_refused_without_panicking() {
        assert_eq!(read(""), Ok(vec![]));
        assert_eq!(read("hello\n"), Err(ReadError::NotTar));
        assert_eq!(read(&"z".repeat(600)), Err(ReadError::NotTar));
        let a = write(&sample(), false);
        // Cut inside the first file's data block.
        assert_eq!(read(&a[..BLOCK * 2 + 10]), Err(ReadError::Truncated));
        let mut bad = a.clone().into_bytes();
        bad[BLOCK * 3] = b'!';
        let bad = String::from_utf8(bad).unwrap();
        assert_eq!(read(&bad), Err(ReadError::BadHeader));
    }
}
