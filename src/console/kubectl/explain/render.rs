//! kubectl 1.35's explain output (`pkg/explain/v2/templates/plaintext.tmpl`),
//! template by template: the header, `FIELD:` with its `ENUM:` lines,
//! `DESCRIPTION:` wrapped at 76 columns, and `FIELDS:` with each field's
//! `<type>`, `-required-`, `enum:` line and description (wrapped at 78
//! less the indentation), or with `--recursive` the nested field names only.

use super::schema::{Field, Schema, Table};

/// What to explain.
pub struct Request<'a> {
    /// "" for the core group (no `GROUP:` line).
    pub group: &'a str,
    pub kind: &'a str,
    pub version: &'a str,
    pub path: &'a [String],
    pub recursive: bool,
}

/// What explain prints.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Text(String),
    /// The template failed: what it had written to stdout already (the
    /// header) and the error.
    Failed {
        printed: String,
        error: String,
    },
    /// The path reaches a schema Ordinal's table leaves out (PodSpec's own
    /// types): the field and the schema's name.
    Uncovered {
        field: String,
        schema: String,
    },
}

/// What the template's `output` is at: the resource's schema, or a field.
#[derive(Clone, Copy)]
enum Node<'a> {
    Root(&'a Schema),
    Field(&'a Field),
}

pub fn render(table: &Table, req: &Request) -> Outcome {
    let mut out = String::new();
    if !req.group.is_empty() {
        out.push_str(&format!("GROUP:      {}\n", req.group));
    }
    out.push_str(&format!("KIND:       {}\n", req.kind));
    out.push_str(&format!("VERSION:    {}\n", req.version));
    out.push('\n');
    let Some(root) = table.get(req.kind) else {
        return Outcome::Failed {
            printed: out,
            error: format!(
                "error: GVK {{{} {} {}}} not found in OpenAPI schema",
                req.group, req.version, req.kind
            ),
        };
    };
    match output(table, Node::Root(root), req.path, req.recursive) {
        Walk::Text(body) if !body.is_empty() => {
            out.push_str(&body);
            out.push('\n');
            Outcome::Text(out)
        }
        Walk::Uncovered { field, schema } => Outcome::Uncovered { field, schema },
        // kubectl names the last element of the path, whichever is missing.
        _ => Outcome::Failed {
            printed: out,
            error: format!(
                "error: field \"{}\" does not exist",
                req.path.last().map(String::as_str).unwrap_or_default()
            ),
        },
    }
}

enum Walk {
    Text(String),
    Uncovered { field: String, schema: String },
}

/// The schema a node's properties come from; Err when it refers to one
/// the table leaves out.
fn resolve<'a>(table: &'a Table, node: Node<'a>) -> Result<Option<&'a Schema>, Walk> {
    match node {
        Node::Root(s) => Ok(Some(s)),
        Node::Field(f) if f.reference.is_empty() => Ok(None),
        Node::Field(f) => match table.get(&f.reference) {
            Some(s) => Ok(Some(s)),
            None => Err(Walk::Uncovered {
                field: f.name.clone(),
                schema: f.reference.clone(),
            }),
        },
    }
}

/// The template's `output`: follows the path, printing `FIELD:` for its
/// last element, then the description and field list of where it ends.
fn output(table: &Table, node: Node, path: &[String], recursive: bool) -> Walk {
    let resolved = match resolve(table, node) {
        Ok(s) => s,
        Err(uncovered) => return uncovered,
    };
    let Some((first, rest)) = path.split_first() else {
        let mut s = String::from("DESCRIPTION:\n");
        let mut text = description(table, node);
        if text.is_empty() {
            text = "<empty>".to_string();
        }
        s.push_str(&indent(4, &wrap(&text, 76)));
        s.push('\n');
        if let Some(schema) = resolved {
            let list = field_list(table, schema, 1, recursive);
            if !list.is_empty() {
                s.push_str("FIELDS:\n");
                s.push_str(&list);
            }
        }
        return Walk::Text(s);
    };
    let Some(field) = resolved.and_then(|s| s.fields.iter().find(|f| &f.name == first)) else {
        return Walk::Text(String::new());
    };
    let mut s = String::new();
    if rest.is_empty() {
        s.push_str(&format!("FIELD: {} <{}>\n", field.name, field.ty));
        if !field.enums.is_empty() {
            s.push_str("ENUM:");
            for v in &field.enums {
                s.push_str("\n    ");
                s.push_str(enum_value(v));
            }
        }
        s.push_str("\n\n");
    }
    match output(table, Node::Field(field), rest, recursive) {
        Walk::Text(t) if t.is_empty() => Walk::Text(t),
        Walk::Text(t) => Walk::Text(s + &t),
        uncovered => uncovered,
    }
}

/// The template's `description`: the node's own, then the description of
/// the schema it refers to, each ending in a newline.
fn description(table: &Table, node: Node) -> String {
    let mut s = String::new();
    let mut push = |d: &str| {
        if !d.is_empty() {
            s.push_str(d);
            s.push('\n');
        }
    };
    match node {
        Node::Root(schema) => push(&schema.description),
        Node::Field(f) => {
            push(&f.description);
            if let Some(r) = table.get(&f.reference) {
                push(&r.description);
            }
        }
    }
    s
}

/// The template's `fieldList` and `fieldDetail`. With `recursive`, only
/// names and types, each schema's fields under its field; fields of
/// schemas the table leaves out are not listed.
fn field_list(table: &Table, schema: &Schema, level: usize, recursive: bool) -> String {
    let pad = level * 2;
    let mut s = String::new();
    for f in &schema.fields {
        s.push_str(&indent(pad, &f.name));
        s.push_str(&format!("\t<{}>", f.ty));
        if f.required {
            s.push_str(" -required-");
        }
        if !f.enums.is_empty() {
            s.push('\n');
            s.push_str(&" ".repeat(pad));
            s.push_str("enum: ");
            for (i, v) in f.enums.iter().enumerate() {
                if i >= 4 {
                    s.push_str(", ....");
                    break;
                }
                if i > 0 {
                    s.push_str(", ");
                }
                s.push_str(enum_value(v));
            }
        }
        s.push('\n');
        if recursive {
            if let Some(sub) = table.get(&f.reference) {
                s.push_str(&field_list(table, sub, level + 1, recursive));
            }
        } else {
            let text = if f.description.is_empty() {
                "<no description>"
            } else {
                &f.description
            };
            s.push_str(&indent(pad + 2, &wrap(text, 78usize.saturating_sub(pad))));
            s.push_str("\n\n");
        }
    }
    s
}

/// The schemas under `schema` (recursively) that the table leaves out:
/// what `--recursive` can't list the fields of.
pub fn uncovered_under(table: &Table, schema: &str, seen: &mut Vec<String>) {
    let Some(s) = table.get(schema) else {
        return;
    };
    for f in &s.fields {
        if f.reference.is_empty() || seen.contains(&f.reference) {
            continue;
        }
        if table.get(&f.reference).is_some() {
            uncovered_under(table, &f.reference, seen);
        } else {
            seen.push(f.reference.clone());
        }
    }
}

/// An empty enum value is printed as `""`.
fn enum_value(v: &str) -> &str {
    if v.is_empty() {
        "\"\""
    } else {
        v
    }
}

/// The template's `indent`: the pad before the text and after every newline.
fn indent(amount: usize, text: &str) -> String {
    let pad = " ".repeat(amount);
    format!("{pad}{}", text.replace('\n', &format!("\n{pad}")))
}

/// mitchellh/go-wordwrap 1.0.1's `WrapString`, which kubectl's `wrap`
/// uses: breaks at white space so lines stay within `lim` characters
/// (a longer word stays whole), keeps the text's own newlines.
pub fn wrap(s: &str, lim: usize) -> String {
    let mut buf = String::with_capacity(s.len());
    let mut current = 0usize;
    let (mut word, mut space) = (String::new(), String::new());
    let (mut word_len, mut space_len) = (0usize, 0usize);
    for c in s.chars() {
        if c == '\n' {
            if word.is_empty() {
                if current + space_len <= lim {
                    buf.push_str(&space);
                }
            } else {
                buf.push_str(&space);
                buf.push_str(&word);
                word.clear();
                word_len = 0;
            }
            space.clear();
            space_len = 0;
            buf.push(c);
            current = 0;
        } else if c.is_whitespace() && c != '\u{a0}' {
            if space.is_empty() || !word.is_empty() {
                current += space_len + word_len;
                buf.push_str(&space);
                buf.push_str(&word);
                space.clear();
                space_len = 0;
                word.clear();
                word_len = 0;
            }
            space.push(c);
            space_len += 1;
        } else {
            word.push(c);
            word_len += 1;
            if current + word_len + space_len > lim && word_len < lim {
                buf.push('\n');
                current = 0;
                space.clear();
                space_len = 0;
            }
        }
    }
    if word.is_empty() {
        if current + space_len <= lim {
            buf.push_str(&space);
        }
    } else {
        buf.push_str(&space);
        buf.push_str(&word);
    }
    buf
}

#[cfg(test)]
mod tests {
    use super::*;

    // The cases of go-wordwrap v1.0.1's wordwrap_test.go.
    #[test]
    fn wraps_as_go_wordwrap_does() {
        let cases: &[(&str, &str, usize)] = &[
            ("foo", "foo", 4),
            ("foobarbaz", "foobarbaz", 4),
            ("foo bar baz", "foo\nbar\nbaz", 4),
            ("foo bars bazzes", "foo\nbars\nbazzes", 4),
            ("fo sop", "fo\nsop", 4),
            ("foo bar\u{a0}baz", "foo\nbar\u{a0}baz", 10),
            ("foo\nb\t r\n baz", "foo\nb\t r\n baz", 4),
            ("foo    \nb   ar   ", "foo\nb\nar", 4),
            ("foo bar baz\n", "foo\nbar\nbaz\n", 4),
            ("\nfoo bar\n\n\nbaz\n", "\nfoo\nbar\n\n\nbaz\n", 4),
            (
                " This is a list: \n\n\t* foo\n\t* bar\n\n\n\t* baz  \nBAM    ",
                " This\nis a\nlist: \n\n\t* foo\n\t* bar\n\n\n\t* baz\nBAM",
                6,
            ),
            (
                "\u{2584} \u{2584} \u{2584} \u{2584} ",
                "\u{2584} \u{2584}\n\u{2584} \u{2584} ",
                4,
            ),
        ];
        for (input, want, lim) in cases {
            assert_eq!(wrap(input, *lim), *want, "{input:?}");
        }
    }

    fn req<'a>(path: &'a [String], recursive: bool) -> Request<'a> {
        Request {
            group: "",
            kind: "Thing",
            version: "v1",
            path,
            recursive,
        }
    }

    // The template's edge cases: more than four enum values end in `, ....`
    // in a field list (all of them under ENUM:), an empty value prints as
    // `""`, a field without description says `<no description>`, a schema
    // without any `<empty>`.
    #[test]
    fn enum_limits_and_missing_descriptions_as_the_template_prints_them() {
        let table = Table::parse(
            "@Thing\t\nmode\tstring\t\t\t,A,B,C,D\t\nsub\tSub\tSub\t1\t\tthe sub\n@Sub\tSub desc\n",
        );
        let Outcome::Text(out) = render(&table, &req(&[], false)) else {
            panic!("no output");
        };
        assert_eq!(
            out,
            "KIND:       Thing\nVERSION:    v1\n\nDESCRIPTION:\n    <empty>\nFIELDS:\n  mode\t<string>\n  enum: \"\", A, B, C, ....\n    <no description>\n\n  sub\t<Sub> -required-\n    the sub\n\n\n"
        );
        let path = ["mode".to_string()];
        let Outcome::Text(out) = render(&table, &req(&path, false)) else {
            panic!("no output");
        };
        assert!(out.contains("FIELD: mode <string>\nENUM:\n    \"\"\n    A\n    B\n    C\n    D\n\nDESCRIPTION:\n    <empty>\n\n"));
        let path = ["sub".to_string(), "x".to_string()];
        assert_eq!(
            render(&table, &req(&path, false)),
            Outcome::Failed {
                printed: "KIND:       Thing\nVERSION:    v1\n\n".to_string(),
                error: "error: field \"x\" does not exist".to_string()
            }
        );
    }

    #[test]
    fn indents_every_line_including_a_trailing_empty_one() {
        assert_eq!(indent(4, "a\nb\n"), "    a\n    b\n    ");
    }
}
