//! The data of `kubectl create configmap` and `create secret generic`:
//! `--from-file=[KEY=]PATH` (a file, or each regular file of a folder),
//! `--from-literal=KEY=VALUE` and `--from-env-file=PATH`, gathered in
//! that order and each key checked as it is added, as kubectl 1.33's
//! `create_configmap.go` and `create_secret.go` do.
//!
//! Files are the workstation's (the session's own, or the script's folder
//! for `ordinal run`); they hold text, so nothing goes to `binaryData`.
//! A line of an env file without `=` takes its value from kubectl's
//! environment: the workstation shell's exported variables and the
//! command's `NAME=value` prefixes.

use std::collections::BTreeMap;

use super::flags::Parsed;
use super::set_env::env_name_errors;
use crate::console::Console;
use crate::engine::apiserver::validation::names::is_config_map_key;

/// The keys and values, or kubectl's error. `secret` names the Secret
/// being made (None for a ConfigMap); `object` is the name the ConfigMap
/// errors quote.
pub(super) fn gather(
    console: &Console,
    p: &Parsed,
    secret: Option<&str>,
    object: &str,
) -> Result<BTreeMap<String, String>, String> {
    let files = p.values("from-file");
    let literals = p.values("from-literal");
    let env_files = p.values("from-env-file");
    if !env_files.is_empty() && (!files.is_empty() || !literals.is_empty()) {
        return Err("from-env-file cannot be combined with from-file or from-literal".into());
    }
    let mut data = BTreeMap::new();
    for source in &files {
        let (key, path) = parse_file_source(source)?;
        if console.is_local_dir(path) {
            if source.contains('=') {
                return Err("cannot give a key name for a directory path".into());
            }
            for (name, is_dir) in console.list_local_dir(path).unwrap_or_default() {
                if is_dir {
                    continue;
                }
                let item = Console::join_local(path, &name);
                let text = read(console, &item)?;
                add(&mut data, &name, text, secret, object)?;
            }
        } else {
            let text = read(console, path)?;
            add(&mut data, &key, text, secret, object)?;
        }
    }
    for kv in &literals {
        // `ParseLiteralSource`.
        let Some((k, v)) = kv.split_once('=').filter(|(k, _)| !k.is_empty()) else {
            return Err(format!("invalid literal source {kv}, expected key=value"));
        };
        add(&mut data, k, v.to_string(), secret, object)?;
    }
    for path in &env_files {
        let text = read(console, path)?;
        for (i, line) in text.split('\n').enumerate() {
            let line = line.strip_suffix('\r').unwrap_or(line);
            let line = if i == 0 {
                line.strip_prefix('\u{feff}').unwrap_or(line)
            } else {
                line
            };
            let line = line.trim_start();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (key, value) = match line.split_once('=') {
                Some((k, v)) => (k, Some(v)),
                None => (line, None),
            };
            let errs = env_name_errors(key);
            if !errs.is_empty() {
                return Err(format!(
                    "{key:?} is not a valid key name: {}",
                    errs.join(";")
                ));
            }
            let value = match value {
                Some(v) => v.to_string(),
                // No `=`: the value comes from kubectl's environment.
                None => console
                    .kubectl_env
                    .iter()
                    .find(|(k, _)| k == key)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default(),
            };
            add(&mut data, key, value, secret, object)?;
        }
    }
    Ok(data)
}

/// `ParseFileSource`: `PATH` (the key is its base name) or `KEY=PATH`.
fn parse_file_source(source: &str) -> Result<(String, &str), String> {
    match source.matches('=').count() {
        0 => {
            let base = source
                .trim_end_matches('/')
                .rsplit('/')
                .next()
                .filter(|b| !b.is_empty())
                .unwrap_or("/");
            Ok((base.to_string(), source))
        }
        1 if source.starts_with('=') => {
            Err(format!("key name for file path {} missing", &source[1..]))
        }
        1 if source.ends_with('=') => Err(format!(
            "file path for key name {} missing",
            &source[..source.len() - 1]
        )),
        1 => {
            let (k, path) = source.split_once('=').unwrap_or((source, ""));
            Ok((k.to_string(), path))
        }
        _ => Err("key names or file paths cannot contain '='".into()),
    }
}

/// A file's text, or `os.Stat`'s error as kubectl words it.
fn read(console: &Console, path: &str) -> Result<String, String> {
    console
        .read_file(path)
        .map_err(|_| format!("error reading {path}: no such file or directory"))
}

/// `addKeyFromLiteralToConfigMap` / `addKeyFromLiteralToSecret`: the key
/// must be a valid ConfigMap key and new.
fn add(
    data: &mut BTreeMap<String, String>,
    key: &str,
    value: String,
    secret: Option<&str>,
    object: &str,
) -> Result<(), String> {
    let errs = is_config_map_key(key);
    match secret {
        None if !errs.is_empty() => {
            return Err(format!(
                "{key:?} is not a valid key name for a ConfigMap: {}",
                errs.join(",")
            ))
        }
        Some(_) if !errs.is_empty() => {
            return Err(format!(
                "{key:?} is not valid key name for a Secret {}",
                errs.join(";")
            ))
        }
        None if data.contains_key(key) => {
            return Err(format!(
                "cannot add key {key:?}, another key by that name already exists in Data for ConfigMap {object:?}"
            ))
        }
        Some(_) if data.contains_key(key) => {
            return Err(format!(
                "cannot add key {key}, another key by that name already exists"
            ))
        }
        _ => {}
    }
    data.insert(key.to_string(), value);
    Ok(())
}
