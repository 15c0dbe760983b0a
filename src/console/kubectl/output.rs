//! `-o`: how kubectl prints objects — tables (default, `wide`), `yaml`,
//! `json`, `name`, `jsonpath=…`, `custom-columns=…`, `go-template=…`.

use crate::console::printers::{self, Output, Stream, TableOptions};
use crate::console::sh::Io;
use crate::engine::objects::{Kind, Object};
use crate::engine::Engine;
use crate::manifest::print;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Format {
    Table,
    Wide,
    Yaml,
    Json,
    Name,
    /// The template, and whether it is `jsonpath-as-json`.
    JsonPath(String, bool),
    CustomColumns(String),
    GoTemplate(String),
}

const ALLOWED: &str = "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml";

/// Strips one layer of matching quotes, as a shell would have (people
/// paste `-o jsonpath='{.x}'` inside double quotes too).
fn unquote(s: &str) -> String {
    let b = s.as_bytes();
    if b.len() >= 2 && (b[0] == b'\'' || b[0] == b'"') && b[b.len() - 1] == b[0] {
        s[1..s.len() - 1].to_string()
    } else {
        s.to_string()
    }
}

/// The formats of a command that changes objects (`NewPrintFlags`
/// without the human-readable ones): no table, no custom columns.
pub(super) const CHANGE_ALLOWED: &str = "go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml";

/// Checks `-o` as a command that changes objects builds its printer
/// (before it changes anything): `wide` and `custom-columns` are not
/// among its formats.
pub fn check_change_format(output: Option<&str>) -> Result<(), String> {
    let Some(o) = output.filter(|o| !o.is_empty()) else {
        return Ok(());
    };
    let name = o.split_once('=').map_or(o, |(n, _)| n);
    let known = CHANGE_ALLOWED.split(',').any(|f| f == name);
    if known {
        Ok(())
    } else {
        Err(format!(
            "unable to match a printer suitable for the output format {o:?}, allowed formats are: {CHANGE_ALLOWED}"
        ))
    }
}

pub fn parse(output: Option<&str>, template: Option<&str>) -> Result<Format, String> {
    // `--template` alone means `-o go-template` (PrintFlags.ToPrinter).
    let Some(o) = output.filter(|o| !o.is_empty()) else {
        return Ok(match template {
            Some(t) if !t.is_empty() => Format::GoTemplate(t.to_string()),
            _ => Format::Table,
        });
    };
    let (name, arg) = match o.split_once('=') {
        Some((n, a)) => (n, Some(unquote(a))),
        None => (o, None),
    };
    let arg = arg.or_else(|| template.map(str::to_string));
    Ok(match name {
        "" => Format::Table,
        "wide" => Format::Wide,
        "yaml" => Format::Yaml,
        "json" => Format::Json,
        "name" => Format::Name,
        "jsonpath" | "jsonpath-as-json" => Format::JsonPath(arg.ok_or("template format specified but no template given")?, name == "jsonpath-as-json"),
        "custom-columns" => Format::CustomColumns(arg.ok_or("custom-columns format specified but no custom columns given")?),
        "go-template" | "template" => Format::GoTemplate(arg.ok_or("template format specified but no template given")?),
        other => return Err(format!("unable to match a printer suitable for the output format {other:?}, allowed formats are: {ALLOWED}")),
    })
}

pub fn write(io: &mut Io, out: &Output) {
    for (s, t) in &out.chunks {
        match s {
            Stream::Stdout => io.out(t),
            Stream::Stderr => io.err(t),
        }
    }
}

/// Prints objects. `single` means one object asked for by name, which
/// prints as itself in yaml/json/jsonpath rather than inside a List.
pub fn print_objects(
    engine: &Engine,
    io: &mut Io,
    format: &Format,
    groups: &[(Kind, Vec<Object>)],
    single: bool,
    opts: &TableOptions,
) -> i32 {
    let all: Vec<Object> = groups.iter().flat_map(|(_, o)| o.iter().cloned()).collect();
    let value = || {
        if single && all.len() == 1 {
            printers::wire_value(&all[0])
        } else {
            printers::list_value(&all)
        }
    };
    match format {
        Format::Table | Format::Wide => {
            let mut opts = opts.clone();
            opts.wide = *format == Format::Wide;
            write(io, &printers::get_groups(engine, groups, &opts));
            0
        }
        Format::Name => {
            io.out(&printers::name_output(&all));
            0
        }
        Format::CustomColumns(spec) => {
            let out = printers::custom_columns(spec, &all, opts.no_headers);
            write(io, &out);
            i32::from(out.chunks.iter().any(|(s, _)| *s == Stream::Stderr))
        }
        _ => print_value(io, format, &value(), opts.missing_key_error).unwrap_or(1),
    }
}

/// Prints one JSON value in the formats that need nothing but the value
/// (yaml, json, jsonpath, go-template): the exit status, or None for the
/// formats that print objects (table, wide, name, custom-columns).
pub fn print_value(
    io: &mut Io,
    format: &Format,
    value: &serde_json::Value,
    missing_key_error: bool,
) -> Option<i32> {
    Some(match format {
        Format::Yaml => {
            io.out(&print::to_yaml(value));
            0
        }
        Format::Json => {
            io.out(&print::to_json(value));
            0
        }
        Format::JsonPath(t, as_json) => {
            match printers::jsonpath::jsonpath_output(t, value, !missing_key_error, *as_json) {
                Ok(s) => {
                    io.out(&s);
                    0
                }
                Err(e) => {
                    io.err(&printers::error_text(&e));
                    1
                }
            }
        }
        Format::GoTemplate(t) => {
            let out = printers::gotemplate::go_template_with(t, value, !missing_key_error);
            write(io, &out);
            i32::from(out.chunks.iter().any(|(s, _)| *s == Stream::Stderr))
        }
        Format::Table | Format::Wide | Format::Name | Format::CustomColumns(_) => return None,
    })
}
