//! What the golden transcripts mask: what differs between two runs of the
//! same commands on real clusters (and between versions of the simulator's
//! timings and random choices), so that the expected files can be read
//! against the tutorial's own outputs.
//!
//! - uids (`8-4-4-4-12` hex) become `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`
//!   and timestamps (RFC 3339, RFC 1123Z) keep their length, so the columns
//!   after them stay aligned;
//! - ages (`7s`, `2m3s`, `5h`), Pod IPs (`10.244.x.y`, `10-244-x-y`) and
//!   Service IPs other than the fixed `10.96.0.1` / `10.96.0.10` become
//!   `<age>`, `<pod-ip>`, `<svc-ip>`; a run of padding after them becomes
//!   three spaces, since their width varies;
//! - `resourceVersion` values become `<rv>`; container ids and image
//!   digests (64 hex digits) become `<hash>`.
//!
//! Command lines (`$ …`, `> …`) are never masked.

/// Masks one transcript.
pub fn mask(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if line.starts_with("$ ") || line.starts_with("> ") {
            out.push_str(line);
        } else {
            out.push_str(&mask_line(line));
        }
    }
    out
}

fn is_hex(b: u8) -> bool {
    b.is_ascii_digit() || (b'a'..=b'f').contains(&b)
}

/// The length of a uid at the start of `s`, if there is one.
fn uid_at(s: &[u8]) -> Option<usize> {
    const GROUPS: [usize; 5] = [8, 4, 4, 4, 12];
    let mut i = 0;
    for (n, g) in GROUPS.iter().enumerate() {
        for _ in 0..*g {
            if !s.get(i).copied().is_some_and(is_hex) {
                return None;
            }
            i += 1;
        }
        if n < 4 {
            if s.get(i) != Some(&b'-') {
                return None;
            }
            i += 1;
        }
    }
    Some(i)
}

fn digits(s: &[u8], i: usize) -> usize {
    s[i..].iter().take_while(|b| b.is_ascii_digit()).count()
}

/// `2026-01-05T09:00:00Z` (with optional fraction) at the start of `s`.
fn rfc3339_at(s: &[u8]) -> Option<usize> {
    let shape = b"dddd-dd-ddTdd:dd:dd";
    if s.len() < shape.len() {
        return None;
    }
    for (c, p) in s.iter().zip(shape.iter()) {
        let ok = if *p == b'd' {
            c.is_ascii_digit()
        } else {
            c == p
        };
        if !ok {
            return None;
        }
    }
    let mut i = shape.len();
    if s.get(i) == Some(&b'.') {
        i += 1 + digits(s, i + 1);
    }
    if s.get(i) == Some(&b'Z') {
        return Some(i + 1);
    }
    if s.get(i).is_some_and(|c| *c == b'+' || *c == b'-') && s.len() >= i + 6 {
        return Some(i + 6);
    }
    None
}

/// `Mon, 05 Jan 2026 09:00:00 +0000` at the start of `s`.
fn rfc1123z_at(s: &[u8]) -> Option<usize> {
    let shape = b"Aaa, dd Aaa dddd dd:dd:dd +dddd";
    if s.len() < shape.len() {
        return None;
    }
    for (c, p) in s.iter().zip(shape.iter()) {
        let ok = match p {
            b'd' => c.is_ascii_digit(),
            b'A' => c.is_ascii_uppercase(),
            b'a' => c.is_ascii_lowercase(),
            _ => c == p,
        };
        if !ok {
            return None;
        }
    }
    Some(shape.len())
}

/// `a.b.c.d` (or with `-`) starting at `s`: its length and the four numbers.
fn ip_at(s: &[u8], sep: u8) -> Option<(usize, [u32; 4])> {
    let mut i = 0;
    let mut parts = [0u32; 4];
    for (n, part) in parts.iter_mut().enumerate() {
        let d = digits(s, i);
        if d == 0 || d > 3 {
            return None;
        }
        *part = std::str::from_utf8(&s[i..i + d]).ok()?.parse().ok()?;
        i += d;
        if n < 3 {
            if s.get(i) != Some(&sep) {
                return None;
            }
            i += 1;
        }
    }
    if s.get(i).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((i, parts))
}

/// A kubectl age (`0s`, `59s`, `2m3s`, `5m`, `3h`, `2d`, `400d`, `3y`) at
/// the start of `s`, ending at a delimiter.
fn age_at(s: &[u8]) -> Option<usize> {
    let mut i = 0;
    let mut units = 0;
    while units < 2 {
        let d = digits(s, i);
        if d == 0 {
            break;
        }
        match s.get(i + d) {
            Some(b's' | b'm' | b'h' | b'd' | b'y') => {
                i += d + 1;
                units += 1;
            }
            _ => return None,
        }
    }
    if units == 0 {
        return None;
    }
    match s.get(i) {
        None | Some(b' ' | b'\n' | b')' | b',' | b'\t') => Some(i),
        _ => None,
    }
}

fn starts_token(prev: Option<u8>) -> bool {
    prev.is_none_or(|p| matches!(p, b' ' | b'(' | b'\t' | b'"' | b'=' | b','))
}

fn mask_line(line: &str) -> String {
    let s = line.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(s.len());
    let mut i = 0;
    // Whether the previous token was masked with a width that varies.
    let mut collapse = false;
    while i < s.len() {
        let prev = i.checked_sub(1).map(|j| s[j]);
        if collapse && s[i] == b' ' {
            let n = s[i..].iter().take_while(|b| **b == b' ').count();
            let at_end = i + n >= s.len() || s[i + n] == b'\n';
            if n >= 2 && !at_end {
                out.extend_from_slice(b"   ");
            } else {
                out.extend_from_slice(&s[i..i + n]);
            }
            i += n;
            collapse = false;
            continue;
        }
        collapse = false;
        let boundary = prev.is_none_or(|p| !p.is_ascii_alphanumeric());
        if boundary {
            if let Some(n) = uid_at(&s[i..]) {
                out.extend_from_slice(b"xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx");
                i += n;
                continue;
            }
            if let Some(n) = rfc3339_at(&s[i..]).or_else(|| rfc1123z_at(&s[i..])) {
                out.extend(std::iter::repeat_n(b'T', n));
                i += n;
                continue;
            }
            if let Some((n, p)) = ip_at(&s[i..], b'.') {
                let fixed = p[0] == 10 && p[1] == 96 && p[2] == 0 && (p[3] == 1 || p[3] == 10);
                if p[0] == 10 && p[1] == 244 {
                    out.extend_from_slice(b"<pod-ip>");
                    i += n;
                    collapse = true;
                    continue;
                }
                if p[0] == 10 && p[1] == 96 && !fixed {
                    out.extend_from_slice(b"<svc-ip>");
                    i += n;
                    collapse = true;
                    continue;
                }
            }
            if let Some((n, p)) = ip_at(&s[i..], b'-') {
                if p[0] == 10 && p[1] == 244 {
                    out.extend_from_slice(b"<pod-ip>");
                    i += n;
                    continue;
                }
            }
        }
        if starts_token(prev) {
            if let Some(n) = age_at(&s[i..]) {
                out.extend_from_slice(b"<age>");
                i += n;
                collapse = true;
                continue;
            }
        }
        if boundary || prev == Some(b':') {
            let n = s[i..].iter().take_while(|b| is_hex(**b)).count();
            if n == 64 {
                out.extend_from_slice(b"<hash>");
                i += n;
                continue;
            }
        }
        for key in [
            &b"resourceVersion: \""[..],
            &b"\"resourceVersion\": \""[..],
            &b"\"resourceVersion\":\""[..],
        ] {
            if s[i..].starts_with(key) {
                let rest = &s[i + key.len()..];
                if let Some(end) = rest.iter().position(|b| *b == b'"') {
                    out.extend_from_slice(key);
                    out.extend_from_slice(b"<rv>");
                    i += key.len() + end;
                }
            }
        }
        if i < s.len() {
            out.push(s[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| line.to_string())
}

#[cfg(test)]
mod tests {
    use super::mask;

    #[test]
    fn masks_what_varies() {
        let t = "$ kubectl get pods -o wide\nweb-0   1/1     Running   0          2m3s   10.244.1.5   ordinal-worker\nweb-1   1/1     Running   3 (25s ago)   7s\n";
        assert_eq!(
            mask(t),
            "$ kubectl get pods -o wide\nweb-0   1/1     Running   0          <age>   <pod-ip>   ordinal-worker\nweb-1   1/1     Running   3 (<age> ago)   <age>\n"
        );
        assert_eq!(
            mask("www-web-0   Bound    pvc-926ad8b1-301c-4663-8dce-cfd2532dca2f   1Gi\n"),
            "www-web-0   Bound    pvc-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx   1Gi\n"
        );
        assert_eq!(
            mask("  creationTimestamp: \"2026-01-05T09:00:03Z\"\n  resourceVersion: \"812\"\n"),
            "  creationTimestamp: \"TTTTTTTTTTTTTTTTTTTT\"\n  resourceVersion: \"<rv>\"\n"
        );
        assert_eq!(
            mask("Server:    10.96.0.10\nnginx   ClusterIP   10.96.14.2   <none>\n"),
            "Server:    10.96.0.10\nnginx   ClusterIP   <svc-ip>   <none>\n"
        );
        assert_eq!(
            mask("Normal  Scheduled  12s   default-scheduler  Successfully assigned default/web-0 to ordinal-worker\n"),
            "Normal  Scheduled  <age>   default-scheduler  Successfully assigned default/web-0 to ordinal-worker\n"
        );
        assert_eq!(
            mask("web-0 1Gi 80/TCP 10s-ish\n"),
            "web-0 1Gi 80/TCP 10s-ish\n"
        );
    }
}
