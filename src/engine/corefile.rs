//! CoreDNS's Corefile, as the running server reads it from the `coredns`
//! ConfigMap (R8.1): the settings the simulated DNS depends on (the
//! `kubernetes` plugin's `ttl` and `pods` mode, the `cache` plugin's TTL
//! caps), the errors the server's parser gives for a broken file, and the
//! `reload` plugin's fingerprint of a configuration (`Running configuration
//! SHA512 = …`: the SHA-512 of the JSON of the parsed server blocks,
//! `plugin/reload/setup.go` `parse`).
//!
//! The parser follows caddyfile's rules as far as they matter here: a
//! server block is its keys and a braced list of directives; a directive is
//! the tokens of its line, and of the braced block that line opens; `#`
//! starts a comment; `"…"` quotes one token. Every directive must be a
//! CoreDNS plugin (`Unknown directive 'x'`); only `kubernetes` and `cache`
//! are read further, with their plugins' own checks and wording.
//!
//! May not import yew, web_sys, gloo, js_sys or wasm_bindgen.

use std::collections::BTreeMap;

/// Go's `json.Marshal` of a string.
use crate::engine::apiserver::validation::render::js as json_string;

/// Where the Deployment mounts it (`-conf /etc/coredns/Corefile`): the
/// server's parse errors name it.
const PATH: &str = "/etc/coredns/Corefile";

/// How the `kubernetes` plugin answers `a-b-c-d.<ns>.pod.<zone>` (R8.8).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PodsMode {
    /// No Pod records (NXDOMAIN).
    Disabled,
    /// Any well-formed dashed address answers (kubeadm's choice).
    Insecure,
    /// Only the address of a Pod that exists in that namespace.
    Verified,
}

/// The `cache` plugin's caps: the longest and shortest TTL a positive and
/// a negative reply leaves with (`pttl`/`minpttl`, `nttl`/`minnttl`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CacheTtl {
    pub success_max: u32,
    pub success_min: u32,
    pub denial_max: u32,
    pub denial_min: u32,
}

/// What the simulated server takes from its Corefile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CoreDnsConfig {
    /// The `kubernetes` plugin's `ttl` (its default, without the line, 5).
    pub ttl: u32,
    pub pods: PodsMode,
    /// None without a `cache` plugin.
    pub cache: Option<CacheTtl>,
}

impl Default for CoreDnsConfig {
    /// kubeadm's Corefile (`super::bootstrap::COREFILE`).
    fn default() -> Self {
        CoreDnsConfig {
            ttl: crate::engine::dns::TTL,
            pods: PodsMode::Insecure,
            cache: Some(CacheTtl {
                success_max: 30,
                success_min: 5,
                denial_max: 30,
                denial_min: 5,
            }),
        }
    }
}

/// A parsed Corefile: its settings and the reload plugin's SHA-512.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parsed {
    pub config: CoreDnsConfig,
    pub sha512: String,
}

/// The running servers' configuration, and the file they last read.
#[derive(Clone, Debug, Default)]
pub struct CoreDnsState {
    pub config: CoreDnsConfig,
    /// The Corefile text the servers last loaded or tried (None: kubeadm's,
    /// as at start).
    pub seen: Option<String>,
    /// Whether a look at the ConfigMap is on the timers.
    pub reload_queued: bool,
}

impl CoreDnsState {
    /// The Corefile the servers last loaded or tried.
    pub fn seen_text(&self) -> &str {
        self.seen
            .as_deref()
            .unwrap_or(crate::engine::bootstrap::COREFILE)
    }
}

#[derive(Clone, Debug)]
struct Token {
    line: usize,
    text: String,
}

struct Directive {
    name: String,
    tokens: Vec<Token>,
}

struct ServerBlock {
    keys: Vec<String>,
    directives: Vec<Directive>,
}

/// The plugins a CoreDNS 1.13 build knows (`plugin.cfg`), and caddy's
/// `import`.
const PLUGINS: &[&str] = &[
    "root",
    "metadata",
    "geoip",
    "cancel",
    "tls",
    "quic",
    "grpc_server",
    "https",
    "https3",
    "timeouts",
    "multisocket",
    "reload",
    "nsid",
    "bufsize",
    "bind",
    "debug",
    "trace",
    "ready",
    "health",
    "pprof",
    "prometheus",
    "errors",
    "log",
    "dnstap",
    "local",
    "dns64",
    "acl",
    "any",
    "chaos",
    "loadbalance",
    "tsig",
    "cache",
    "rewrite",
    "header",
    "dnssec",
    "autopath",
    "minimal",
    "template",
    "transfer",
    "hosts",
    "route53",
    "azure",
    "clouddns",
    "k8s_external",
    "kubernetes",
    "file",
    "auto",
    "secondary",
    "etcd",
    "loop",
    "forward",
    "grpc",
    "erratic",
    "whoami",
    "on",
    "sign",
    "view",
    "nomad",
    "import",
];

fn err(line: usize, msg: &str) -> String {
    format!("{PATH}:{line} - Error during parsing: {msg}")
}

/// Why a Corefile does not load.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// caddyfile's own syntax (braces): the reload plugin's parse, which
    /// has no file name, fails first and nothing is tried.
    Syntax { line: usize, message: String },
    /// The restart with it fails: an unknown directive, a plugin's check.
    Setup(String),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Syntax { line, message } => f.write_str(&err(*line, message)),
            LoadError::Setup(e) => f.write_str(e),
        }
    }
}

fn syntax(line: usize, message: &str) -> LoadError {
    LoadError::Syntax {
        line,
        message: message.to_string(),
    }
}

fn lex(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let mut chars = raw.chars().peekable();
        let mut cur = String::new();
        let mut quoted = false;
        while let Some(c) = chars.next() {
            if quoted {
                match c {
                    '"' => quoted = false,
                    '\\' if chars.peek() == Some(&'"') => cur.extend(chars.next()),
                    _ => cur.push(c),
                }
            } else if c == '"' {
                quoted = true;
            } else if c == '#' && cur.is_empty() {
                break;
            } else if c.is_whitespace() {
                if !cur.is_empty() {
                    out.push(Token {
                        line,
                        text: std::mem::take(&mut cur),
                    });
                }
            } else {
                cur.push(c);
            }
        }
        if !cur.is_empty() {
            out.push(Token { line, text: cur });
        }
    }
    out
}

fn parse_blocks(text: &str) -> Result<Vec<ServerBlock>, LoadError> {
    let toks = lex(text);
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        // The keys: the tokens before `{` (commas separate them too).
        let mut keys = Vec::new();
        while i < toks.len() && toks[i].text != "{" {
            if toks[i].text == "}" {
                return Err(syntax(
                    toks[i].line,
                    "Unexpected '}' because no matching opening brace",
                ));
            }
            keys.extend(
                toks[i]
                    .text
                    .split(',')
                    .filter(|k| !k.is_empty())
                    .map(str::to_string),
            );
            i += 1;
        }
        let Some(open) = toks.get(i) else {
            let line = toks.last().map_or(1, |t| t.line);
            return Err(syntax(line, "Unexpected EOF"));
        };
        let open_line = open.line;
        i += 1;
        let mut directives: Vec<Directive> = Vec::new();
        let mut closed = false;
        while i < toks.len() {
            let t = &toks[i];
            if t.text == "}" {
                closed = true;
                i += 1;
                break;
            }
            let name = t.text.clone();
            let line = t.line;
            let mut tokens = Vec::new();
            while i < toks.len() && toks[i].line == line {
                tokens.push(toks[i].clone());
                i += 1;
            }
            if tokens.last().is_some_and(|t| t.text == "{") {
                let mut depth = 1;
                while depth > 0 {
                    let Some(t) = toks.get(i) else {
                        let line = toks.last().map_or(line, |t| t.line);
                        return Err(syntax(line, "Unexpected EOF"));
                    };
                    match t.text.as_str() {
                        "{" => depth += 1,
                        "}" => depth -= 1,
                        _ => {}
                    }
                    tokens.push(t.clone());
                    i += 1;
                }
            }
            directives.push(Directive { name, tokens });
        }
        if !closed {
            let line = toks.last().map_or(open_line, |t| t.line);
            return Err(syntax(line, "Unexpected EOF"));
        }
        blocks.push(ServerBlock { keys, directives });
    }
    Ok(blocks)
}

/// The lines of a directive's block: (line, tokens) without the braces.
fn block_lines(d: &Directive) -> Vec<(usize, Vec<&str>)> {
    let mut lines: Vec<(usize, Vec<&str>)> = Vec::new();
    let Some(open) = d.tokens.iter().position(|t| t.text == "{") else {
        return lines;
    };
    for t in d.tokens.iter().skip(open + 1) {
        if t.text == "{" || t.text == "}" {
            continue;
        }
        match lines.last_mut() {
            Some((l, toks)) if *l == t.line => toks.push(&t.text),
            _ => lines.push((t.line, vec![&t.text])),
        }
    }
    lines
}

/// Go's `strconv.Atoi` error.
fn atoi(s: &str) -> Result<i64, String> {
    s.parse::<i64>()
        .map_err(|_| format!("strconv.Atoi: parsing {s:?}: invalid syntax"))
}

fn kubernetes(d: &Directive, config: &mut CoreDnsConfig) -> Result<(), String> {
    let plugin = |e: String| format!("plugin/kubernetes: {e}");
    config.ttl = 5;
    config.pods = PodsMode::Disabled;
    for (line, toks) in block_lines(d) {
        let (name, args) = (toks[0], &toks[1..]);
        match name {
            "ttl" => {
                let Some(a) = args.first() else {
                    return Err(plugin(err(line, "Wrong argument count or unexpected line ending after 'ttl'")));
                };
                let t = atoi(a).map_err(plugin)?;
                if !(0..=3600).contains(&t) {
                    return Err(plugin(err(
                        line,
                        &format!("ttl must be in range [0, 3600]: {t}"),
                    )));
                }
                config.ttl = t as u32;
            }
            "pods" => match args {
                [mode] => {
                    config.pods = match *mode {
                        "disabled" => PodsMode::Disabled,
                        "insecure" => PodsMode::Insecure,
                        "verified" => PodsMode::Verified,
                        other => {
                            return Err(plugin(format!("wrong value for pods: {other},  must be one of: disabled, verified, insecure")))
                        }
                    }
                }
                _ => {
                    return Err(plugin(err(
                        line,
                        "Wrong argument count or unexpected line ending after 'pods'",
                    )))
                }
            },
            "endpoint" | "tls" | "kubeconfig" | "namespaces" | "labels" | "namespace_labels"
            | "endpoint_pod_names" | "fallthrough" | "noendpoints" | "ignore"
            | "multicluster" | "apiserver_qps" | "apiserver_burst" | "apiserver_max_inflight"
            | "startup_timeout" => {}
            other => {
                return Err(plugin(err(line, &format!("unknown property '{other}'"))));
            }
        }
    }
    Ok(())
}

fn cache(d: &Directive) -> Result<CacheTtl, String> {
    let plugin = |e: String| format!("plugin/cache: {e}");
    let mut c = CacheTtl {
        success_max: 3600,
        success_min: 5,
        denial_max: 1800,
        denial_min: 5,
    };
    // `cache [TTL] [ZONES…]`: a first argument that is a number is the TTL.
    if let Some(first) = d.tokens.get(1).filter(|t| t.text != "{") {
        if let Ok(ttl) = first.text.parse::<i64>() {
            if ttl <= 0 {
                return Err(plugin(format!(
                    "cache TTL can not be zero or negative: {ttl}"
                )));
            }
            c.success_max = ttl as u32;
            c.denial_max = ttl as u32;
        }
    }
    for (line, toks) in block_lines(d) {
        let (name, args) = (toks[0], &toks[1..]);
        let (max, min) = match name {
            "success" => (&mut c.success_max, &mut c.success_min),
            "denial" => (&mut c.denial_max, &mut c.denial_min),
            "prefetch" | "serve_stale" | "servfail" | "disable" | "keepttl" => continue,
            other => return Err(plugin(err(line, &format!("unknown property '{other}'")))),
        };
        // `success|denial CAPACITY [TTL] [MINTTL]`.
        if let Some(ttl) = args.get(1) {
            let t = atoi(ttl).map_err(plugin)?;
            if t <= 0 {
                return Err(plugin(format!(
                    "cache TTL can not be zero or negative: {t}"
                )));
            }
            *max = t as u32;
        }
        if let Some(ttl) = args.get(2) {
            *min = atoi(ttl).map_err(plugin)?.max(0) as u32;
        }
    }
    Ok(c)
}

/// Parses a Corefile as the server does on a (re)start: its settings and
/// the reload plugin's SHA-512, or the error the start fails with.
pub fn parse(text: &str) -> Result<Parsed, LoadError> {
    let blocks = parse_blocks(text)?;
    let sha512 = hex(&sha512(blocks_json(&blocks).as_bytes()));
    let config = setup(&blocks).map_err(LoadError::Setup)?;
    Ok(Parsed { config, sha512 })
}

/// Parses only as the reload plugin does (no directive checked): the
/// fingerprint, or the syntax error.
pub fn fingerprint(text: &str) -> Result<String, LoadError> {
    let blocks = parse_blocks(text)?;
    Ok(hex(&sha512(blocks_json(&blocks).as_bytes())))
}

/// The server's start with these blocks: every directive a plugin, and
/// the settings of the plugins the simulation follows.
fn setup(blocks: &[ServerBlock]) -> Result<CoreDnsConfig, String> {
    for b in blocks {
        for d in &b.directives {
            if !PLUGINS.contains(&d.name.as_str()) {
                let line = d.tokens.first().map_or(1, |t| t.line);
                return Err(err(line, &format!("Unknown directive '{}'", d.name)));
            }
        }
    }
    let mut config = CoreDnsConfig {
        ttl: 5,
        pods: PodsMode::Disabled,
        cache: None,
    };
    // The server block of the root zone is the one Pods ask.
    let root = blocks
        .iter()
        .find(|b| b.keys.iter().any(|k| k == "." || k.starts_with(".:")))
        .or(blocks.first());
    for b in blocks {
        for d in &b.directives {
            let this = root.is_some_and(|r| std::ptr::eq(r, b));
            match d.name.as_str() {
                "kubernetes" => {
                    let mut c = config.clone();
                    kubernetes(d, &mut c)?;
                    if this {
                        config.ttl = c.ttl;
                        config.pods = c.pods;
                    }
                }
                "cache" => {
                    let c = cache(d)?;
                    if this {
                        config.cache = Some(c);
                    }
                }
                _ => {}
            }
        }
    }
    Ok(config)
}

/// `json.Marshal` of caddyfile's `[]ServerBlock` (`Keys`, and `Tokens`: a
/// map from directive to its tokens, `{File, Line, Text}` each; the reload
/// plugin parses without a file name). Go sorts map keys.
fn blocks_json(blocks: &[ServerBlock]) -> String {
    let mut out = String::from("[");
    for (i, b) in blocks.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let keys: Vec<String> = b.keys.iter().map(|k| json_string(k)).collect();
        out.push_str(&format!("{{\"Keys\":[{}],\"Tokens\":{{", keys.join(",")));
        let mut by_name: BTreeMap<&str, Vec<&Token>> = BTreeMap::new();
        for d in &b.directives {
            by_name.entry(&d.name).or_default().extend(d.tokens.iter());
        }
        let mut first = true;
        for (name, toks) in by_name {
            if !first {
                out.push(',');
            }
            first = false;
            let toks: Vec<String> = toks
                .iter()
                .map(|t| {
                    format!(
                        "{{\"File\":\"\",\"Line\":{},\"Text\":{}}}",
                        t.line,
                        json_string(&t.text)
                    )
                })
                .collect();
            out.push_str(&format!("{}:[{}]", json_string(name), toks.join(",")));
        }
        out.push_str("}}");
    }
    out.push(']');
    out
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-512 (FIPS 180-4).
fn sha512(data: &[u8]) -> [u8; 64] {
    const K: [u64; 80] = [
        0x428a2f98d728ae22,
        0x7137449123ef65cd,
        0xb5c0fbcfec4d3b2f,
        0xe9b5dba58189dbbc,
        0x3956c25bf348b538,
        0x59f111f1b605d019,
        0x923f82a4af194f9b,
        0xab1c5ed5da6d8118,
        0xd807aa98a3030242,
        0x12835b0145706fbe,
        0x243185be4ee4b28c,
        0x550c7dc3d5ffb4e2,
        0x72be5d74f27b896f,
        0x80deb1fe3b1696b1,
        0x9bdc06a725c71235,
        0xc19bf174cf692694,
        0xe49b69c19ef14ad2,
        0xefbe4786384f25e3,
        0x0fc19dc68b8cd5b5,
        0x240ca1cc77ac9c65,
        0x2de92c6f592b0275,
        0x4a7484aa6ea6e483,
        0x5cb0a9dcbd41fbd4,
        0x76f988da831153b5,
        0x983e5152ee66dfab,
        0xa831c66d2db43210,
        0xb00327c898fb213f,
        0xbf597fc7beef0ee4,
        0xc6e00bf33da88fc2,
        0xd5a79147930aa725,
        0x06ca6351e003826f,
        0x142929670a0e6e70,
        0x27b70a8546d22ffc,
        0x2e1b21385c26c926,
        0x4d2c6dfc5ac42aed,
        0x53380d139d95b3df,
        0x650a73548baf63de,
        0x766a0abb3c77b2a8,
        0x81c2c92e47edaee6,
        0x92722c851482353b,
        0xa2bfe8a14cf10364,
        0xa81a664bbc423001,
        0xc24b8b70d0f89791,
        0xc76c51a30654be30,
        0xd192e819d6ef5218,
        0xd69906245565a910,
        0xf40e35855771202a,
        0x106aa07032bbd1b8,
        0x19a4c116b8d2d0c8,
        0x1e376c085141ab53,
        0x2748774cdf8eeb99,
        0x34b0bcb5e19b48a8,
        0x391c0cb3c5c95a63,
        0x4ed8aa4ae3418acb,
        0x5b9cca4f7763e373,
        0x682e6ff3d6b2b8a3,
        0x748f82ee5defb2fc,
        0x78a5636f43172f60,
        0x84c87814a1f0ab72,
        0x8cc702081a6439ec,
        0x90befffa23631e28,
        0xa4506cebde82bde9,
        0xbef9a3f7b2c67915,
        0xc67178f2e372532b,
        0xca273eceea26619c,
        0xd186b8c721c0c207,
        0xeada7dd6cde0eb1e,
        0xf57d4f7fee6ed178,
        0x06f067aa72176fba,
        0x0a637dc5a2c898a6,
        0x113f9804bef90dae,
        0x1b710b35131c471b,
        0x28db77f523047d84,
        0x32caab7b40c72493,
        0x3c9ebe0a15c9bebc,
        0x431d67c49c100d4c,
        0x4cc5d4becb3e42b6,
        0x597f299cfc657e2a,
        0x5fcb6fab3ad6faec,
        0x6c44198c4a475817,
    ];
    let mut h: [u64; 8] = [
        0x6a09e667f3bcc908,
        0xbb67ae8584caa73b,
        0x3c6ef372fe94f82b,
        0xa54ff53a5f1d36f1,
        0x510e527fade682d1,
        0x9b05688c2b3e6c1f,
        0x1f83d9abfb41bd6b,
        0x5be0cd19137e2179,
    ];
    let mut msg = data.to_vec();
    let bits = (data.len() as u128).wrapping_mul(8);
    msg.push(0x80);
    while msg.len() % 128 != 112 {
        msg.push(0);
    }
    msg.extend_from_slice(&bits.to_be_bytes());
    for chunk in msg.chunks_exact(128) {
        let mut w = [0u64; 80];
        for (i, word) in chunk.chunks_exact(8).enumerate() {
            let mut b = [0u8; 8];
            b.copy_from_slice(word);
            w[i] = u64::from_be_bytes(b);
        }
        for i in 16..80 {
            let s0 = w[i - 15].rotate_right(1) ^ w[i - 15].rotate_right(8) ^ (w[i - 15] >> 7);
            let s1 = w[i - 2].rotate_right(19) ^ w[i - 2].rotate_right(61) ^ (w[i - 2] >> 6);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let mut v = h;
        for i in 0..80 {
            let s1 = v[4].rotate_right(14) ^ v[4].rotate_right(18) ^ v[4].rotate_right(41);
            let ch = (v[4] & v[5]) ^ (!v[4] & v[6]);
            let t1 = v[7]
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = v[0].rotate_right(28) ^ v[0].rotate_right(34) ^ v[0].rotate_right(39);
            let maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
            let t2 = s0.wrapping_add(maj);
            v = [
                t1.wrapping_add(t2),
                v[0],
                v[1],
                v[2],
                v[3].wrapping_add(t1),
                v[4],
                v[5],
                v[6],
            ];
        }
        for (a, b) in h.iter_mut().zip(v) {
            *a = a.wrapping_add(b);
        }
    }
    let mut out = [0u8; 64];
    for (i, x) in h.iter().enumerate() {
        out[i * 8..i * 8 + 8].copy_from_slice(&x.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::bootstrap::COREFILE;

    #[test]
    fn sha512_nist_vectors() {
        assert_eq!(
            &hex(&sha512(b"abc"))[..32],
            "ddaf35a193617abacc417349ae204131"
        );
        assert_eq!(&hex(&sha512(b""))[..32], "cf83e1357eefb8bdf1542850d66d8007");
        let long = vec![b'a'; 1000];
        assert_eq!(hex(&sha512(&long)).len(), 128);
    }

    /// The fingerprint real kubeadm clusters print for kubeadm's Corefile.
    #[test]
    fn kubeadms_corefile_has_the_fingerprint_real_servers_print() {
        let p = parse(COREFILE).unwrap();
        assert_eq!(p.config, CoreDnsConfig::default());
        assert_eq!(p.sha512, "1b226df79860026c6a52e67daa10d7f0d57ec5b023288ec00c5e05f93523c894564e15b91770d3a07ae1cfbe861d15b37d4a0027e69c546ab112970993a3b03b");
    }

    /// Whatever is typed into the ConfigMap, the parser answers: a
    /// configuration or an error, never a panic. Mutations of kubeadm's
    /// file (characters dropped, duplicated, swapped for braces, quotes and
    /// comment marks) and token soup.
    #[test]
    fn any_text_parses_or_fails_cleanly() {
        let mut rng = crate::engine::rng::Rng::new(7);
        let specials = ['{', '}', '"', '#', ' ', '\n', '\\', '\t', 'x', '0'];
        let mut loaded = 0;
        for _ in 0..2000 {
            let mut chars: Vec<char> = COREFILE.chars().collect();
            for _ in 0..rng.range(1, 6) {
                let at = rng.range(0, chars.len() as u64 - 1) as usize;
                match rng.range(0, 3) {
                    0 => {
                        chars.remove(at);
                    }
                    1 => chars.insert(at, chars[at]),
                    _ => chars[at] = specials[rng.range(0, specials.len() as u64 - 1) as usize],
                }
            }
            let text: String = chars.into_iter().collect();
            match parse(&text) {
                Ok(p) => {
                    loaded += 1;
                    assert_eq!(p.sha512.len(), 128);
                }
                Err(e) => assert!(!e.to_string().is_empty()),
            }
        }
        assert!(loaded > 0, "some mutations still load");
        let words = [
            "{",
            "}",
            "kubernetes",
            "ttl",
            "pods",
            "cache",
            ".:53",
            "\"a b\"",
            "#c",
            "\n",
            "9",
            "-1",
        ];
        for _ in 0..2000 {
            let text: Vec<&str> = (0..rng.range(0, 30))
                .map(|_| words[rng.range(0, words.len() as u64 - 1) as usize])
                .collect();
            let _ = parse(&text.join(" "));
        }
    }

    #[test]
    fn settings_and_errors() {
        let edit = |from: &str, to: &str| parse(&COREFILE.replace(from, to));
        let p = edit("ttl 30", "ttl 5").unwrap();
        assert_eq!(p.config.ttl, 5);
        assert_ne!(p.sha512, parse(COREFILE).unwrap().sha512);
        assert_eq!(edit("       ttl 30\n", "").unwrap().config.ttl, 5);
        assert_eq!(
            edit("pods insecure", "pods verified").unwrap().config.pods,
            PodsMode::Verified
        );
        assert_eq!(
            edit("       pods insecure\n", "").unwrap().config.pods,
            PodsMode::Disabled
        );
        let c = edit("cache 30 {", "cache 10 {")
            .unwrap()
            .config
            .cache
            .unwrap();
        assert_eq!((c.success_max, c.denial_max), (10, 10));
        assert_eq!(edit("    cache 30 {\n       disable success cluster.local\n       disable denial cluster.local\n    }\n", "").unwrap().config.cache, None);
        assert_eq!(
            edit("    loop\n", "    banana\n").unwrap_err().to_string(),
            "/etc/coredns/Corefile:20 - Error during parsing: Unknown directive 'banana'"
        );
        assert_eq!(
            edit("ttl 30", "ttl 4000").unwrap_err().to_string(),
            "plugin/kubernetes: /etc/coredns/Corefile:10 - Error during parsing: ttl must be in range [0, 3600]: 4000"
        );
        assert_eq!(
            edit("ttl 30", "ttl x").unwrap_err().to_string(),
            "plugin/kubernetes: strconv.Atoi: parsing \"x\": invalid syntax"
        );
        assert_eq!(
            edit("pods insecure", "pods sure").unwrap_err().to_string(),
            "plugin/kubernetes: wrong value for pods: sure,  must be one of: disabled, verified, insecure"
        );
        assert_eq!(
            edit("    loadbalance\n}", "    loadbalance\n")
                .unwrap_err()
                .to_string(),
            "/etc/coredns/Corefile:22 - Error during parsing: Unexpected EOF"
        );
        assert_eq!(
            edit("cache 30 {", "cache 0 {").unwrap_err().to_string(),
            "plugin/cache: cache TTL can not be zero or negative: 0"
        );
    }
}
