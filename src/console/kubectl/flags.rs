//! kubectl's flag parsing (spf13/pflag as kubectl configures it): long
//! flags `--name=value` / `--name value`, shorthands `-n value`, `-nvalue`,
//! `-n=value`, clustered booleans `-it`, flags interspersed with arguments,
//! `--` ending flags. Errors are worded as pflag words them, followed by
//! kubectl's `See 'kubectl VERB --help' for usage.`.

use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlagKind {
    Bool,
    /// Takes a value; repeated flags keep every value (`-f a -f b`, `-L x -L y`).
    Value,
    /// Takes a value only as `--name=value`; alone it means this value
    /// (pflag's NoOptDefVal: `--dry-run` is `--dry-run=unchanged`,
    /// `--cascade` is `--cascade=background`).
    Opt(&'static str),
}

/// One flag a command accepts.
#[derive(Clone, Copy, Debug)]
pub struct Flag {
    pub long: &'static str,
    pub short: Option<char>,
    pub kind: FlagKind,
}

pub const fn b(long: &'static str, short: Option<char>) -> Flag {
    Flag {
        long,
        short,
        kind: FlagKind::Bool,
    }
}

pub const fn v(long: &'static str, short: Option<char>) -> Flag {
    Flag {
        long,
        short,
        kind: FlagKind::Value,
    }
}

/// A flag whose value is optional (`--dry-run`, `--cascade`).
pub const fn opt(long: &'static str, default: &'static str) -> Flag {
    Flag {
        long,
        short: None,
        kind: FlagKind::Opt(default),
    }
}

/// Flags every kubectl command accepts (the global ones).
pub const GLOBAL: &[Flag] = &[
    v("namespace", Some('n')),
    v("context", None),
    v("cluster", None),
    v("user", None),
    v("kubeconfig", None),
    // 1.35 turns kuberc preferences on by default; the workstation has no
    // kuberc file, so naming one changes nothing here.
    v("kuberc", None),
    v("request-timeout", None),
    v("server", Some('s')),
    v("token", None),
    v("as", None),
    v("as-group", None),
    v("cache-dir", None),
    v("certificate-authority", None),
    v("client-certificate", None),
    v("client-key", None),
    b("insecure-skip-tls-verify", None),
    b("match-server-version", None),
    v("v", Some('v')),
    b("warnings-as-errors", None),
    v("profile", None),
    v("profile-output", None),
    v("log-flush-frequency", None),
];

/// The parsed command line of one kubectl command.
#[derive(Clone, Debug, Default)]
pub struct Parsed {
    pub args: Vec<String>,
    /// Arguments after `--` (the command of `exec` / `run`).
    pub rest: Option<Vec<String>>,
    values: BTreeMap<&'static str, Vec<String>>,
    bools: BTreeMap<&'static str, bool>,
    /// Every flag as given, in order, by its long name (what `--record`
    /// writes into the change cause, as pflag's `ParseAll` sees them).
    pub order: Vec<(&'static str, String)>,
}

impl Parsed {
    pub fn value(&self, long: &str) -> Option<&str> {
        self.values
            .get(long)
            .and_then(|v| v.last())
            .map(String::as_str)
    }
    pub fn values(&self, long: &str) -> Vec<String> {
        self.values.get(long).cloned().unwrap_or_default()
    }
    pub fn has(&self, long: &str) -> bool {
        self.values.contains_key(long) || self.bools.contains_key(long)
    }
    pub fn flag(&self, long: &str) -> bool {
        self.bools.get(long).copied().unwrap_or(false)
    }
    /// Whether objects come from manifests: `-f FILE|DIR` or `-k DIR`.
    pub fn has_sources(&self) -> bool {
        self.has("filename") || self.has("kustomize")
    }
    /// A bool flag with a default when absent.
    pub fn flag_or(&self, long: &str, default: bool) -> bool {
        self.bools.get(long).copied().unwrap_or(default)
    }
}

/// Go's `strconv.ParseBool`.
pub fn parse_bool(s: &str) -> Option<bool> {
    match s {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

/// The template flags of `genericclioptions.PrintFlags` that the commands
/// printing a changed object take besides `-o` (`printed_with_templates`).
pub const PRINT_FLAGS: &[Flag] = &[
    v("template", None),
    b("allow-missing-template-keys", None),
    b("show-managed-fields", None),
];

/// Commands (as cobra names them) that print the object they changed
/// through kubectl's `PrintFlags`, and so take `PRINT_FLAGS`, where their
/// own table does not list them.
pub fn printed_with_templates(command: &str) -> bool {
    matches!(
        command,
        "patch"
            | "label"
            | "annotate"
            | "scale"
            | "set image"
            | "set env"
            | "set resources"
            | "rollout history"
            | "rollout undo"
            | "rollout restart"
            | "rollout pause"
            | "rollout resume"
            | "taint"
            | "replace"
            | "apply"
    )
}

/// Parses `args` against the command's flags plus the global ones. The
/// error is pflag's message (without kubectl's usage line).
pub fn parse(args: &[String], flags: &[Flag]) -> Result<Parsed, String> {
    parse_with(args, flags, &[])
}

/// `parse` with `more` flags after the command's own.
pub fn parse_with(args: &[String], flags: &[Flag], more: &[Flag]) -> Result<Parsed, String> {
    let find_long = |name: &str| {
        flags
            .iter()
            .chain(more.iter())
            .chain(GLOBAL.iter())
            .find(|f| f.long == name)
            .copied()
    };
    let find_short = |c: char| {
        flags
            .iter()
            .chain(more.iter())
            .chain(GLOBAL.iter())
            .find(|f| f.short == Some(c))
            .copied()
    };
    let mut p = Parsed::default();
    let mut i = 0;
    let set_bool = |p: &mut Parsed,
                    f: Flag,
                    value: Option<&str>,
                    shown: &str|
     -> Result<(), String> {
        // pflag names a flag that has a shorthand by both, however it was
        // given: `"-w, --watch"`.
        let shown = match f.short {
            Some(c) => format!("-{c}, --{}", f.long),
            None => shown.to_string(),
        };
        let b = match value {
            None => true,
            Some(v) => parse_bool(v).ok_or_else(|| format!("invalid argument {v:?} for {shown:?} flag: strconv.ParseBool: parsing {v:?}: invalid syntax"))?,
        };
        p.bools.insert(f.long, b);
        p.order.push((f.long, value.unwrap_or("true").to_string()));
        Ok(())
    };
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if a == "--" {
            p.rest = Some(args[i..].to_vec());
            break;
        }
        if let Some(body) = a.strip_prefix("--") {
            let (name, value) = match body.split_once('=') {
                Some((n, v)) => (n, Some(v)),
                None => (body, None),
            };
            let Some(f) = find_long(name) else {
                return Err(format!("unknown flag: --{name}"));
            };
            match f.kind {
                FlagKind::Bool => set_bool(&mut p, f, value, &format!("--{name}"))?,
                FlagKind::Opt(default) => {
                    let v = value.unwrap_or(default).to_string();
                    p.order.push((f.long, v.clone()));
                    p.values.entry(f.long).or_default().push(v);
                }
                FlagKind::Value => {
                    let v = match value {
                        Some(v) => v.to_string(),
                        None => {
                            let Some(next) = args.get(i) else {
                                return Err(format!("flag needs an argument: --{name}"));
                            };
                            i += 1;
                            next.clone()
                        }
                    };
                    p.order.push((f.long, v.clone()));
                    p.values.entry(f.long).or_default().push(v);
                }
            }
            continue;
        }
        if a.len() > 1 && a.starts_with('-') && a != "-" {
            let chars: Vec<char> = a[1..].chars().collect();
            let mut j = 0;
            while j < chars.len() {
                let c = chars[j];
                let Some(f) = find_short(c) else {
                    return Err(format!("unknown shorthand flag: '{c}' in {a}"));
                };
                match f.kind {
                    FlagKind::Opt(default) => {
                        let v = match chars.get(j + 1) {
                            Some('=') => chars[j + 2..].iter().collect(),
                            _ => default.to_string(),
                        };
                        p.order.push((f.long, v.clone()));
                        p.values.entry(f.long).or_default().push(v);
                        if chars.get(j + 1) == Some(&'=') {
                            break;
                        }
                        j += 1;
                    }
                    FlagKind::Bool => {
                        if chars.get(j + 1) == Some(&'=') {
                            let v: String = chars[j + 2..].iter().collect();
                            set_bool(&mut p, f, Some(&v), &format!("-{c}"))?;
                            break;
                        }
                        set_bool(&mut p, f, None, &format!("-{c}"))?;
                        j += 1;
                    }
                    FlagKind::Value => {
                        let rest: String = chars[j + 1..].iter().collect();
                        let v = if let Some(stripped) = rest.strip_prefix('=') {
                            stripped.to_string()
                        } else if !rest.is_empty() {
                            rest
                        } else {
                            let Some(next) = args.get(i) else {
                                return Err(format!("flag needs an argument: '{c}' in -{c}"));
                            };
                            i += 1;
                            next.clone()
                        };
                        p.order.push((f.long, v.clone()));
                        p.values.entry(f.long).or_default().push(v);
                        break;
                    }
                }
            }
            continue;
        }
        p.args.push(a.clone());
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    const F: &[Flag] = &[
        v("output", Some('o')),
        b("watch", Some('w')),
        v("selector", Some('l')),
        b("stdin", Some('i')),
        b("tty", Some('t')),
        v("replicas", None),
    ];

    #[test]
    fn pflag_forms() {
        let p = parse(
            &s(&[
                "get",
                "pods",
                "-oyaml",
                "-l",
                "app=nginx",
                "--watch",
                "-n=kube-system",
            ]),
            F,
        )
        .unwrap();
        assert_eq!(p.args, ["get", "pods"]);
        assert_eq!(p.value("output"), Some("yaml"));
        assert_eq!(p.value("selector"), Some("app=nginx"));
        assert_eq!(p.value("namespace"), Some("kube-system"));
        assert!(p.flag("watch"));
        let p = parse(&s(&["web-0", "-it", "--", "sh", "-c", "ls -l"]), F).unwrap();
        assert!(p.flag("stdin") && p.flag("tty"));
        assert_eq!(p.rest.unwrap(), ["sh", "-c", "ls -l"]);
    }

    #[test]
    fn pflag_errors() {
        assert_eq!(
            parse(&s(&["--replica=3"]), F).unwrap_err(),
            "unknown flag: --replica"
        );
        assert_eq!(
            parse(&s(&["-x"]), F).unwrap_err(),
            "unknown shorthand flag: 'x' in -x"
        );
        assert_eq!(
            parse(&s(&["-n"]), F).unwrap_err(),
            "flag needs an argument: 'n' in -n"
        );
        assert_eq!(
            parse(&s(&["--namespace"]), F).unwrap_err(),
            "flag needs an argument: --namespace"
        );
        // A flag with a shorthand is named by both, however it was given
        // (kubectl 1.33: `get pods --watch=foo` and `-w=foo`).
        for given in ["--watch=maybe", "-w=maybe"] {
            assert_eq!(
                parse(&s(&[given]), F).unwrap_err(),
                "invalid argument \"maybe\" for \"-w, --watch\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax"
            );
        }
        assert_eq!(
            parse(&s(&["--match-server-version=maybe"]), F).unwrap_err(),
            "invalid argument \"maybe\" for \"--match-server-version\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax"
        );
    }
}
