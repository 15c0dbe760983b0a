//! API errors as the API server returns them, and the field errors that
//! validation produces (apimachinery `field.Error`), rendered byte-for-byte
//! as kubectl shows them.

use std::fmt;

use crate::engine::objects::Kind;

/// `field.ErrorType`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldErrorType {
    NotFound,
    Required,
    Duplicate,
    Invalid,
    NotSupported,
    Forbidden,
    TooLong,
    TooMany,
    Internal,
    TypeInvalid,
}

impl FieldErrorType {
    pub fn as_str(self) -> &'static str {
        match self {
            FieldErrorType::NotFound => "Not found",
            FieldErrorType::Required => "Required value",
            FieldErrorType::Duplicate => "Duplicate value",
            FieldErrorType::Invalid => "Invalid value",
            FieldErrorType::NotSupported => "Unsupported value",
            FieldErrorType::Forbidden => "Forbidden",
            FieldErrorType::TooLong => "Too long",
            FieldErrorType::TooMany => "Too many",
            FieldErrorType::Internal => "Internal error",
            FieldErrorType::TypeInvalid => "Invalid value",
        }
    }
}

/// One validation failure on one field (`field.Error`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub type_: FieldErrorType,
    /// `spec.template.spec.containers[0].image`.
    pub field: String,
    /// The bad value already rendered as Go renders it (`"Web"`, `-1`,
    /// `map[string]string{"app":"nginx"}`), or None when the message omits it.
    pub bad_value: Option<String>,
    pub detail: String,
}

impl FieldError {
    pub fn new(
        type_: FieldErrorType,
        field: impl Into<String>,
        bad_value: Option<String>,
        detail: impl Into<String>,
    ) -> Self {
        FieldError {
            type_,
            field: field.into(),
            bad_value,
            detail: detail.into(),
        }
    }
    pub fn invalid(
        field: impl Into<String>,
        bad_value: impl Into<String>,
        detail: impl Into<String>,
    ) -> Self {
        Self::new(
            FieldErrorType::Invalid,
            field,
            Some(bad_value.into()),
            detail,
        )
    }
    pub fn required(field: impl Into<String>, detail: impl Into<String>) -> Self {
        Self::new(FieldErrorType::Required, field, None, detail)
    }
    pub fn forbidden(field: impl Into<String>, detail: impl Into<String>) -> Self {
        Self::new(FieldErrorType::Forbidden, field, None, detail)
    }
    pub fn duplicate(field: impl Into<String>, bad_value: impl Into<String>) -> Self {
        Self::new(FieldErrorType::Duplicate, field, Some(bad_value.into()), "")
    }
    /// `field.NotSupported`: detail lists the supported values, quoted.
    pub fn not_supported(
        field: impl Into<String>,
        bad_value: impl Into<String>,
        supported: &[&str],
    ) -> Self {
        let list: Vec<String> = supported.iter().map(|s| go_quote(s)).collect();
        Self::new(
            FieldErrorType::NotSupported,
            field,
            Some(bad_value.into()),
            format!("supported values: {}", list.join(", ")),
        )
    }
    pub fn too_long(field: impl Into<String>, max: usize) -> Self {
        Self::new(
            FieldErrorType::TooLong,
            field,
            None,
            format!("may not be more than {max} bytes"),
        )
    }

    /// `ErrorBody()`: the message without the field path.
    pub fn body(&self) -> String {
        let mut s = match (&self.type_, &self.bad_value) {
            (
                FieldErrorType::Required
                | FieldErrorType::Forbidden
                | FieldErrorType::TooLong
                | FieldErrorType::Internal,
                _,
            )
            | (_, None) => self.type_.as_str().to_string(),
            (t, Some(v)) => format!("{}: {v}", t.as_str()),
        };
        if !self.detail.is_empty() {
            s.push_str(": ");
            s.push_str(&self.detail);
        }
        s
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.body())
    }
}

/// Go's `strconv.Quote`, what `%q` prints for a string: field errors,
/// kubectl's messages and its printers all quote this way (the one copy;
/// the console's printers and the validation renderer call it).
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if c.is_control() => {
                let n = c as u32;
                if n <= 0xffff {
                    out.push_str(&format!("\\u{n:04x}"));
                } else {
                    out.push_str(&format!("\\U{n:08x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An error status from the API server (`metav1.Status` with a reason).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// 404: `statefulsets.apps "web" not found`.
    NotFound { kind: Kind, name: String },
    /// 404 for a namespace that does not exist (`namespaces "x" not found`).
    NamespaceNotFound { namespace: String },
    /// 404 for a path the server does not serve (a subresource the type
    /// does not have): `the server could not find the requested resource`.
    NoResource,
    /// 409: `statefulsets.apps "web" already exists`.
    AlreadyExists { kind: Kind, name: String },
    /// 422: `StatefulSet.apps "web" is invalid: …`.
    Invalid {
        kind: Kind,
        name: String,
        causes: Vec<FieldError>,
    },
    /// 409: `Operation cannot be fulfilled on statefulsets.apps "web": …`.
    Conflict {
        kind: Kind,
        name: String,
        detail: String,
    },
    /// 400 with a free message (strict decoding errors and the like).
    BadRequest(String),
    /// 403 with a free message (e.g. namespace terminating).
    Forbidden(String),
    /// 500.
    Internal(String),
    /// A simulator limit was hit; the message names the limit.
    LimitExceeded(String),
    /// 429: an eviction a PodDisruptionBudget does not allow now.
    TooManyRequests(String),
}

impl ApiError {
    /// The reason kubectl prints in `Error from server (Reason): …`.
    pub fn reason(&self) -> &'static str {
        match self {
            ApiError::NotFound { .. }
            | ApiError::NamespaceNotFound { .. }
            | ApiError::NoResource => "NotFound",
            ApiError::AlreadyExists { .. } => "AlreadyExists",
            ApiError::Invalid { .. } => "Invalid",
            ApiError::Conflict { .. } => "Conflict",
            ApiError::BadRequest(_) => "BadRequest",
            ApiError::Forbidden(_) => "Forbidden",
            ApiError::Internal(_) => "InternalError",
            ApiError::LimitExceeded(_) => "Forbidden",
            ApiError::TooManyRequests(_) => "TooManyRequests",
        }
    }

    /// The status message (what follows `Error from server (Reason): `).
    pub fn message(&self) -> String {
        match self {
            ApiError::NotFound { kind, name } => {
                format!("{} {} not found", kind.resource_name(), go_quote(name))
            }
            ApiError::NamespaceNotFound { namespace } => {
                format!("namespaces {} not found", go_quote(namespace))
            }
            ApiError::NoResource => "the server could not find the requested resource".to_string(),
            ApiError::AlreadyExists { kind, name } => {
                format!("{} {} already exists", kind.resource_name(), go_quote(name))
            }
            ApiError::Invalid { kind, name, causes } => {
                // `ErrorList.ToAggregate` drops repeated messages (the
                // causes keep them); one left prints without brackets.
                let head = format!("{} {} is invalid", kind.qualified_kind(), go_quote(name));
                let mut seen: Vec<String> = Vec::with_capacity(causes.len());
                for c in causes {
                    let m = c.to_string();
                    if !seen.contains(&m) {
                        seen.push(m);
                    }
                }
                match seen.len() {
                    0 => head,
                    1 => format!("{head}: {}", seen[0]),
                    _ => format!("{head}: [{}]", seen.join(", ")),
                }
            }
            ApiError::Conflict { kind, name, detail } => {
                format!(
                    "Operation cannot be fulfilled on {} {}: {detail}",
                    kind.resource_name(),
                    go_quote(name)
                )
            }
            ApiError::BadRequest(m)
            | ApiError::Forbidden(m)
            | ApiError::Internal(m)
            | ApiError::LimitExceeded(m)
            | ApiError::TooManyRequests(m) => m.clone(),
        }
    }

    /// How kubectl's `checkErr` prints an error for a command acting on one
    /// object (R9.16): Invalid errors get the `The X "y" is invalid:` form,
    /// one cause inline, several as a bulleted list; others
    /// `Error from server (Reason): message`. The status carries one cause
    /// per field error, repeats included (R9.15); kubectl prints each
    /// `field: message` once (`statusCausesToAggrError`).
    pub fn kubectl_text(&self) -> String {
        match self {
            ApiError::Invalid { kind, name, causes } if !causes.is_empty() => {
                let head = format!("The {} {} is invalid", kind.name(), go_quote(name));
                let mut lines: Vec<String> = Vec::with_capacity(causes.len());
                for c in causes {
                    let line = c.to_string();
                    if !lines.contains(&line) {
                        lines.push(line);
                    }
                }
                if lines.len() == 1 {
                    format!("{head}: {}", lines[0])
                } else {
                    let mut s = format!("{head}: \n");
                    for line in &lines {
                        s.push_str(&format!("* {line}\n"));
                    }
                    s.trim_end_matches('\n').to_string()
                }
            }
            other => format!(
                "Error from server ({}): {}",
                other.reason(),
                other.message()
            ),
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_errors_render_like_apimachinery() {
        let e = FieldError::invalid("spec.replicas", "-1", "must be greater than or equal to 0");
        assert_eq!(
            e.to_string(),
            "spec.replicas: Invalid value: -1: must be greater than or equal to 0"
        );
        assert_eq!(
            FieldError::required("spec.selector", "").to_string(),
            "spec.selector: Required value"
        );
        let e = FieldError::not_supported(
            "spec.persistentVolumeClaimRetentionPolicy.whenDeleted",
            go_quote("Keep"),
            &["Retain", "Delete"],
        );
        assert_eq!(e.to_string(), "spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: \"Keep\": supported values: \"Retain\", \"Delete\"");
    }

    #[test]
    fn api_errors_render_like_kubectl() {
        let nf = ApiError::NotFound {
            kind: Kind::StatefulSet,
            name: "web".into(),
        };
        assert_eq!(
            nf.kubectl_text(),
            "Error from server (NotFound): statefulsets.apps \"web\" not found"
        );
        let one = ApiError::Invalid {
            kind: Kind::StatefulSet,
            name: "web".into(),
            causes: vec![FieldError::invalid(
                "spec.replicas",
                "-1",
                "must be greater than or equal to 0",
            )],
        };
        assert_eq!(one.kubectl_text(), "The StatefulSet \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0");
        assert_eq!(one.message(), "StatefulSet.apps \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0");
        let two = ApiError::Invalid {
            kind: Kind::StatefulSet,
            name: "web".into(),
            causes: vec![
                FieldError::required("spec.selector", ""),
                FieldError::invalid(
                    "spec.template.metadata.labels",
                    "map[string]string{\"app\":\"nginx\"}",
                    "`selector` does not match template `labels`",
                ),
            ],
        };
        assert_eq!(
            two.kubectl_text(),
            "The StatefulSet \"web\" is invalid: \n* spec.selector: Required value\n* spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"nginx\"}: `selector` does not match template `labels`"
        );
    }
}
