//! The API schema manifests are checked against: the notation in
//! `schema_defs.rs` parsed once into a table of types, each with its JSON
//! fields, their value types, their Go type names (for decoding error
//! texts) and their strategic-merge strategy (for patches and apply).
//!
//! Pure data; may not import browser crates.

use std::sync::OnceLock;

use super::schema_defs::SCHEMA;
use crate::engine::objects::Kind;

/// Index of a struct type in the schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct TypeId(u16);

/// The JSON shape a field accepts.
#[derive(Clone, Debug, PartialEq)]
pub enum Ty {
    /// A string; `Some` names a Go string type (`v1.PullPolicy`).
    Str(Option<&'static str>),
    Int32,
    Int64,
    Bool,
    Float64,
    /// `intstr.IntOrString`: a string or an int32.
    IntStr,
    /// `resource.Quantity`: a string or number in quantity syntax.
    Quantity,
    /// `metav1.Time`: an RFC 3339 string (or null).
    Time,
    /// `[]byte`: a base64 string.
    Bytes,
    /// Anything (`runtime.RawExtension`, free-form JSON).
    Any,
    /// Any JSON object; the Go type it would decode into.
    Object(&'static str),
    List(Box<Ty>),
    /// String-keyed map; `Some` names a Go map type (`v1.ResourceList`).
    Map(Box<Ty>, Option<&'static str>),
    Struct(TypeId),
}

/// How strategic merge patch treats a list field.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Strategy {
    /// `patchStrategy:"merge" patchMergeKey:"…"`: items merged by this key.
    pub merge_key: Option<&'static str>,
    /// `patchStrategy:"merge"` on a list of scalars: merged as a set.
    pub merge_scalars: bool,
    /// `retainKeys` in the patch strategy.
    pub retain_keys: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub name: &'static str,
    pub ty: Ty,
    pub strategy: Strategy,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TypeDef {
    pub name: &'static str,
    /// The Go struct name (`PodSpec`), as decoding errors name it.
    pub go_name: &'static str,
    pub fields: Vec<Field>,
}

#[derive(Debug)]
pub struct Schema {
    types: Vec<TypeDef>,
    /// Names the notation referred to but never defined (must stay empty;
    /// a test checks it).
    pub unresolved: Vec<String>,
}

/// The schema, parsed on first use.
pub fn schema() -> &'static Schema {
    static SCHEMA_CELL: OnceLock<Schema> = OnceLock::new();
    SCHEMA_CELL.get_or_init(|| parse(SCHEMA))
}

impl Schema {
    pub fn type_def(&self, id: TypeId) -> &TypeDef {
        // Ids only come from this schema; an empty type is never reached.
        static EMPTY: TypeDef = TypeDef {
            name: "",
            go_name: "",
            fields: Vec::new(),
        };
        self.types.get(id.0 as usize).unwrap_or(&EMPTY)
    }

    pub fn by_name(&self, name: &str) -> Option<TypeId> {
        self.types
            .iter()
            .position(|t| t.name == name)
            .map(|i| TypeId(i as u16))
    }

    pub fn field(&self, id: TypeId, name: &str) -> Option<&Field> {
        self.type_def(id).fields.iter().find(|f| f.name == name)
    }

    /// The top-level type of a kind's objects.
    pub fn root(&self, kind: Kind) -> TypeId {
        let name = match kind {
            Kind::Pod => "Pod",
            Kind::StatefulSet => "StatefulSet",
            Kind::Service => "Service",
            Kind::PersistentVolumeClaim => "PersistentVolumeClaim",
            Kind::PersistentVolume => "PersistentVolume",
            Kind::StorageClass => "StorageClass",
            Kind::EndpointSlice => "EndpointSlice",
            Kind::Endpoints => "Endpoints",
            Kind::ControllerRevision => "ControllerRevision",
            Kind::Event => "Event",
            Kind::Node => "Node",
            Kind::Namespace => "Namespace",
            Kind::ConfigMap => "ConfigMap",
            Kind::Secret => "Secret",
            Kind::ServiceAccount => "ServiceAccount",
            Kind::Role => "Role",
            Kind::ClusterRole => "ClusterRole",
            Kind::RoleBinding | Kind::ClusterRoleBinding => "RoleBinding",
            Kind::PriorityClass => "PriorityClass",
            _ => "Listed",
        };
        self.by_name(name).unwrap_or(TypeId(0))
    }

    /// The Go type as `reflect.Type.String()` prints it.
    pub fn go_type(&self, ty: &Ty) -> String {
        match ty {
            Ty::Str(None) => "string".into(),
            Ty::Str(Some(n)) | Ty::Object(n) | Ty::Map(_, Some(n)) => (*n).into(),
            Ty::Int32 | Ty::IntStr => "int32".into(),
            Ty::Int64 => "int64".into(),
            Ty::Bool => "bool".into(),
            Ty::Float64 => "float64".into(),
            Ty::Quantity => "resource.Quantity".into(),
            Ty::Time => "v1.Time".into(),
            Ty::Bytes => "[]uint8".into(),
            Ty::Any => "interface {}".into(),
            Ty::List(t) => format!("[]{}", self.go_type(t)),
            Ty::Map(t, None) => format!("map[string]{}", self.go_type(t)),
            Ty::Struct(id) => format!("v1.{}", self.type_def(*id).go_name),
        }
    }
}

/// A type as written, before names are resolved.
#[derive(Clone, Debug)]
enum RawTy {
    Base(Ty),
    Named(String),
    List(Box<RawTy>),
    Map(Box<RawTy>, Option<&'static str>),
}

enum RawLine {
    Field {
        name: &'static str,
        ty: RawTy,
        strategy: Strategy,
    },
    Inline(&'static str),
}

fn parse(text: &'static str) -> Schema {
    let mut raw: Vec<(&'static str, &'static str, Vec<RawLine>)> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            continue;
        }
        if !line.starts_with(' ') {
            let mut words = line.split_whitespace();
            let name = words.next().unwrap_or("");
            let go = words.find_map(|w| w.strip_prefix("go=")).unwrap_or(name);
            raw.push((name, go, Vec::new()));
            continue;
        }
        let Some((_, _, lines)) = raw.last_mut() else {
            continue;
        };
        let trimmed = line.trim();
        if let Some(inline) = trimmed.strip_prefix("...") {
            lines.push(RawLine::Inline(inline));
            continue;
        }
        let mut words = trimmed.split_whitespace();
        let (Some(name), Some(ty)) = (words.next(), words.next()) else {
            continue;
        };
        let mut strategy = Strategy::default();
        for opt in words {
            match opt {
                "merge" => strategy.merge_scalars = true,
                "retainKeys" => strategy.retain_keys = true,
                o => {
                    if let Some(k) = o.strip_prefix("merge=") {
                        strategy.merge_key = Some(k);
                    }
                }
            }
        }
        lines.push(RawLine::Field {
            name,
            ty: parse_ty(ty),
            strategy,
        });
    }
    let names: Vec<&str> = raw.iter().map(|(n, _, _)| *n).collect();
    let mut unresolved = Vec::new();
    let mut types = Vec::with_capacity(raw.len());
    for (name, go, _) in &raw {
        let mut fields = Vec::new();
        collect_fields(name, &raw, &names, &mut fields, &mut unresolved, 0);
        types.push(TypeDef {
            name,
            go_name: go,
            fields,
        });
    }
    Schema { types, unresolved }
}

fn collect_fields(
    name: &str,
    raw: &[(&'static str, &'static str, Vec<RawLine>)],
    names: &[&str],
    out: &mut Vec<Field>,
    unresolved: &mut Vec<String>,
    depth: usize,
) {
    let Some((_, _, lines)) = raw.iter().find(|(n, _, _)| *n == name) else {
        unresolved.push(name.to_string());
        return;
    };
    if depth > 8 {
        unresolved.push(format!("{name} (inline cycle)"));
        return;
    }
    for l in lines {
        match l {
            RawLine::Inline(other) => collect_fields(other, raw, names, out, unresolved, depth + 1),
            RawLine::Field { name, ty, strategy } => out.push(Field {
                name,
                ty: resolve(ty, names, unresolved),
                strategy: *strategy,
            }),
        }
    }
}

fn resolve(ty: &RawTy, names: &[&str], unresolved: &mut Vec<String>) -> Ty {
    match ty {
        RawTy::Base(t) => t.clone(),
        RawTy::List(t) => Ty::List(Box::new(resolve(t, names, unresolved))),
        RawTy::Map(t, n) => Ty::Map(Box::new(resolve(t, names, unresolved)), *n),
        RawTy::Named(n) => match names.iter().position(|x| x == n) {
            Some(i) => Ty::Struct(TypeId(i as u16)),
            None => {
                unresolved.push(n.clone());
                Ty::Any
            }
        },
    }
}

fn parse_ty(s: &'static str) -> RawTy {
    if let Some(inner) = s.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
        return RawTy::List(Box::new(parse_ty(inner)));
    }
    if let Some(rest) = s.strip_prefix('{') {
        if let Some(close) = rest.find('}') {
            let inner = &rest[..close];
            let named = rest[close + 1..]
                .strip_prefix('(')
                .and_then(|n| n.strip_suffix(')'));
            return RawTy::Map(Box::new(parse_ty(inner)), named);
        }
    }
    let (base, arg) = match s.split_once('(') {
        Some((b, a)) => (b, a.strip_suffix(')')),
        None => (s, None),
    };
    RawTy::Base(match base {
        "string" => Ty::Str(arg),
        "int32" => Ty::Int32,
        "int64" => Ty::Int64,
        "bool" => Ty::Bool,
        "float64" => Ty::Float64,
        "intstr" => Ty::IntStr,
        "quantity" => Ty::Quantity,
        "time" => Ty::Time,
        "bytes" => Ty::Bytes,
        "any" => Ty::Any,
        "object" => Ty::Object(arg.unwrap_or("map[string]interface {}")),
        _ => return RawTy::Named(s.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_resolves() {
        let s = schema();
        assert!(s.unresolved.is_empty(), "unresolved: {:?}", s.unresolved);
        assert!(s.types.len() > 150);
    }

    #[test]
    fn fields_types_and_strategies() {
        let s = schema();
        let pod_spec = s.by_name("PodSpec").unwrap();
        let containers = s.field(pod_spec, "containers").unwrap();
        assert_eq!(containers.strategy.merge_key, Some("name"));
        assert_eq!(s.go_type(&containers.ty), "[]v1.Container");
        let volumes = s.field(pod_spec, "volumes").unwrap();
        assert!(volumes.strategy.retain_keys);
        assert_eq!(
            s.field(pod_spec, "tolerations").unwrap().strategy,
            Strategy::default()
        );
        let c = s.by_name("Container").unwrap();
        assert_eq!(
            s.field(c, "ports").unwrap().strategy.merge_key,
            Some("containerPort")
        );
        assert_eq!(
            s.field(c, "volumeMounts").unwrap().strategy.merge_key,
            Some("mountPath")
        );
        assert_eq!(
            s.go_type(&s.field(c, "imagePullPolicy").unwrap().ty),
            "v1.PullPolicy"
        );
        let meta = s.by_name("ObjectMeta").unwrap();
        assert!(s.field(meta, "finalizers").unwrap().strategy.merge_scalars);
        assert_eq!(
            s.go_type(&s.field(meta, "labels").unwrap().ty),
            "map[string]string"
        );
        // Inlined fields (Go embedding) are there.
        let volume = s.by_name("Volume").unwrap();
        assert!(s.field(volume, "persistentVolumeClaim").is_some());
        let probe = s.by_name("Probe").unwrap();
        assert_eq!(
            s.field(probe, "httpGet").map(|f| s.go_type(&f.ty)),
            Some("v1.HTTPGetAction".into())
        );
        let sts = s.root(Kind::StatefulSet);
        assert_eq!(s.type_def(sts).go_name, "StatefulSet");
        assert!(s.field(sts, "apiVersion").is_some());
        let svc_spec = s.by_name("ServiceSpec").unwrap();
        assert_eq!(
            s.field(svc_spec, "ports").unwrap().strategy.merge_key,
            Some("port")
        );
        assert_eq!(
            s.go_type(
                &s.field(s.by_name("ResourceRequirements").unwrap(), "limits")
                    .unwrap()
                    .ty
            ),
            "v1.ResourceList"
        );
        assert_eq!(s.type_def(s.root(Kind::Deployment)).name, "Listed");
    }
}
