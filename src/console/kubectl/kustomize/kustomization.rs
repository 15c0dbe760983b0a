//! The kustomization file (`api/types/kustomization.go`): read from its
//! JSON value with kustomize's strict decoding (an unknown field is an
//! error), the fields Ordinal builds, and a clear refusal of the ones it
//! does not (Helm charts, plugins, vars). `kind` is
//! Kustomization or Component (`KustTarget.Load`: `CheckEmpty`, then
//! `EnforceFields`).

use std::collections::BTreeMap;

use serde_json::{Map, Value};

#[derive(Clone, Debug, Default)]
pub(super) struct Kustomization {
    /// `Kustomization` (also when unset) or `Component`.
    pub kind: String,
    pub api_version: String,
    /// Nothing but zero values (`CheckEmpty`): an empty list is something.
    pub empty: bool,
    /// The file it was read from (kustomization.yaml, .yml or Kustomization).
    pub file_name: String,
    pub build_metadata: Vec<String>,
    pub resources: Vec<String>,
    pub components: Vec<String>,
    pub namespace: String,
    pub name_prefix: String,
    pub name_suffix: String,
    pub common_labels: BTreeMap<String, String>,
    pub labels: Vec<LabelSet>,
    pub common_annotations: BTreeMap<String, String>,
    pub images: Vec<Image>,
    pub replicas: Vec<(String, i64)>,
    pub config_maps: Vec<Generator>,
    pub secrets: Vec<Generator>,
    pub generator_options: GeneratorOptions,
    pub patches: Vec<Patch>,
    pub patches_strategic_merge: Vec<String>,
    pub patches_json6902: Vec<Patch>,
    pub sort_options: Option<SortOptions>,
    pub replacements: Vec<Replacement>,
    /// The deprecation warnings kustomize prints for this file.
    pub warnings: Vec<String>,
}

/// One entry of `replacements`: inline, or a file (`path`) holding one
/// replacement or a list of them.
#[derive(Clone, Debug, Default)]
pub(super) struct Replacement {
    /// The entry as written (kustomize quotes it in some errors).
    pub raw: Value,
    pub path: String,
    pub source: Option<SourceSelector>,
    pub targets: Option<Vec<TargetSelector>>,
}

/// `types.SourceSelector`: a resource id (exact fields) and a field.
#[derive(Clone, Debug, Default)]
pub(super) struct SourceSelector {
    pub group: String,
    pub version: String,
    pub kind: String,
    pub name: String,
    pub namespace: String,
    pub field_path: String,
    pub options: Option<FieldOptions>,
}

#[derive(Clone, Debug, Default)]
pub(super) struct TargetSelector {
    pub select: Option<Selector>,
    pub reject: Vec<Selector>,
    pub field_paths: Vec<String>,
    pub options: Option<FieldOptions>,
}

#[derive(Clone, Debug, Default)]
pub(super) struct FieldOptions {
    pub delimiter: String,
    pub index: i64,
    pub create: bool,
}

/// `sortOptions`: `order` is `fifo` or `legacy`, the latter with its own
/// `orderFirst` / `orderLast` lists when `legacySortOptions` is given.
#[derive(Clone, Debug, Default)]
pub(super) struct SortOptions {
    pub order: String,
    pub legacy: Option<(Vec<String>, Vec<String>)>,
}

#[derive(Clone, Debug, Default)]
pub(super) struct LabelSet {
    pub pairs: BTreeMap<String, String>,
    pub include_selectors: bool,
    pub include_templates: bool,
    pub include_volume_claim_templates: bool,
}

#[derive(Clone, Debug, Default)]
pub(super) struct Image {
    pub name: String,
    pub new_name: String,
    pub new_tag: String,
    pub digest: String,
}

#[derive(Clone, Debug, Default)]
pub(super) struct GeneratorOptions {
    pub labels: BTreeMap<String, String>,
    pub annotations: BTreeMap<String, String>,
    pub disable_name_suffix_hash: Option<bool>,
    pub immutable: bool,
}

#[derive(Clone, Debug, Default)]
pub(super) struct Generator {
    pub name: String,
    pub namespace: String,
    pub behavior: String,
    pub literals: Vec<String>,
    pub files: Vec<String>,
    pub envs: Vec<String>,
    /// A Secret's `type` (Opaque when empty).
    pub kind_type: String,
    pub options: GeneratorOptions,
}

#[derive(Clone, Debug, Default)]
pub(super) struct Selector {
    pub group: Option<String>,
    pub version: Option<String>,
    pub kind: Option<String>,
    pub name: Option<String>,
    pub namespace: Option<String>,
    pub label_selector: Option<String>,
    pub annotation_selector: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub(super) struct Patch {
    pub path: String,
    pub patch: String,
    pub target: Option<Selector>,
}

const KNOWN: &[&str] = &[
    "apiVersion",
    "kind",
    "metadata",
    "openapi",
    "namePrefix",
    "nameSuffix",
    "namespace",
    "commonLabels",
    "labels",
    "commonAnnotations",
    "patchesStrategicMerge",
    "patchesJson6902",
    "patches",
    "images",
    "imageTags",
    "replacements",
    "replicas",
    "vars",
    "sortOptions",
    "resources",
    "components",
    "crds",
    "bases",
    "configMapGenerator",
    "secretGenerator",
    "helmGlobals",
    "helmCharts",
    "helmChartInflationGenerator",
    "generatorOptions",
    "configurations",
    "generators",
    "transformers",
    "validators",
    "buildMetadata",
];

/// What Ordinal does not build, by field.
const NOT_BUILT: &[&str] = &[
    "openapi",
    "vars",
    "crds",
    "helmGlobals",
    "helmCharts",
    "helmChartInflationGenerator",
    "configurations",
    "generators",
    "transformers",
    "validators",
];

fn invalid(msg: &str) -> String {
    format!("invalid Kustomization: {msg}")
}

fn type_error(found: &Value, field: &str, want: &str) -> String {
    let what = crate::manifest::check::json_kind_word(found);
    invalid(&format!(
        "json: cannot unmarshal {what} into Go struct field {field} of type {want}"
    ))
}

fn string(v: &Value, field: &str) -> Result<String, String> {
    match v {
        Value::String(s) => Ok(s.clone()),
        Value::Null => Ok(String::new()),
        other => Err(type_error(other, field, "string")),
    }
}

fn strings(v: Option<&Value>, field: &str) -> Result<Vec<String>, String> {
    match v {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items.iter().map(|i| string(i, field)).collect(),
        Some(other) => Err(type_error(other, field, "[]string")),
    }
}

fn string_map(v: Option<&Value>, field: &str) -> Result<BTreeMap<String, String>, String> {
    match v {
        None | Some(Value::Null) => Ok(BTreeMap::new()),
        Some(Value::Object(m)) => m
            .iter()
            .map(|(k, v)| Ok((k.clone(), string(v, field)?)))
            .collect(),
        Some(other) => Err(type_error(other, field, "map[string]string")),
    }
}

fn boolean(v: Option<&Value>, field: &str) -> Result<bool, String> {
    match v {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(other) => Err(type_error(other, field, "bool")),
    }
}

fn object<'a>(v: &'a Value, field: &str, ty: &str) -> Result<&'a Map<String, Value>, String> {
    match v {
        Value::Object(m) => Ok(m),
        other => Err(type_error(other, field, ty)),
    }
}

fn list<'a>(v: Option<&'a Value>, field: &str, ty: &str) -> Result<Vec<&'a Value>, String> {
    match v {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => Ok(items.iter().collect()),
        Some(other) => Err(type_error(other, field, ty)),
    }
}

fn unknown_field(m: &Map<String, Value>, known: &[&str]) -> Result<(), String> {
    match m.keys().find(|k| !known.contains(&k.as_str())) {
        Some(k) => Err(invalid(&format!("json: unknown field {k:?}"))),
        None => Ok(()),
    }
}

fn options(v: Option<&Value>, field: &str) -> Result<GeneratorOptions, String> {
    let Some(v) = v.filter(|v| !v.is_null()) else {
        return Ok(GeneratorOptions::default());
    };
    let m = object(v, field, "types.GeneratorOptions")?;
    unknown_field(
        m,
        &[
            "labels",
            "annotations",
            "disableNameSuffixHash",
            "immutable",
        ],
    )?;
    Ok(GeneratorOptions {
        labels: string_map(m.get("labels"), &format!("{field}.labels"))?,
        annotations: string_map(m.get("annotations"), &format!("{field}.annotations"))?,
        disable_name_suffix_hash: match m.get("disableNameSuffixHash") {
            None | Some(Value::Null) => None,
            v => Some(boolean(v, &format!("{field}.disableNameSuffixHash"))?),
        },
        immutable: boolean(m.get("immutable"), &format!("{field}.immutable"))?,
    })
}

fn generators(v: Option<&Value>, field: &str, secret: bool) -> Result<Vec<Generator>, String> {
    let ty = if secret {
        "types.SecretArgs"
    } else {
        "types.ConfigMapArgs"
    };
    let mut out = Vec::new();
    for g in list(v, &format!("Kustomization.{field}"), &format!("[]{ty}"))? {
        let m = object(g, &format!("Kustomization.{field}"), ty)?;
        let mut known = vec![
            "name",
            "namespace",
            "behavior",
            "literals",
            "files",
            "envs",
            "env",
            "options",
        ];
        if secret {
            known.push("type");
        }
        unknown_field(m, &known)?;
        let mut envs = strings(m.get("envs"), &format!("{field}.envs"))?;
        if let Some(env) = m.get("env") {
            envs.push(string(env, &format!("{field}.env"))?);
        }
        out.push(Generator {
            name: string(
                m.get("name").unwrap_or(&Value::Null),
                &format!("{field}.name"),
            )?,
            namespace: string(
                m.get("namespace").unwrap_or(&Value::Null),
                &format!("{field}.namespace"),
            )?,
            behavior: string(
                m.get("behavior").unwrap_or(&Value::Null),
                &format!("{field}.behavior"),
            )?,
            literals: strings(m.get("literals"), &format!("{field}.literals"))?,
            files: strings(m.get("files"), &format!("{field}.files"))?,
            envs,
            kind_type: string(
                m.get("type").unwrap_or(&Value::Null),
                &format!("{field}.type"),
            )?,
            options: options(m.get("options"), &format!("{field}.options"))?,
        });
    }
    Ok(out)
}

fn selector(v: Option<&Value>, field: &str) -> Result<Option<Selector>, String> {
    let Some(v) = v.filter(|v| !v.is_null()) else {
        return Ok(None);
    };
    let m = object(v, field, "types.Selector")?;
    unknown_field(
        m,
        &[
            "group",
            "version",
            "kind",
            "name",
            "namespace",
            "labelSelector",
            "annotationSelector",
        ],
    )?;
    let get = |k: &str| -> Result<Option<String>, String> {
        m.get(k)
            .map(|v| string(v, &format!("{field}.{k}")))
            .transpose()
    };
    Ok(Some(Selector {
        group: get("group")?,
        version: get("version")?,
        kind: get("kind")?,
        name: get("name")?,
        namespace: get("namespace")?,
        label_selector: get("labelSelector")?,
        annotation_selector: get("annotationSelector")?,
    }))
}

const KIND: &str = "Kustomization";
const COMPONENT: &str = "Component";

/// Whether a field holds Go's zero value once decoded: null, "", false, 0;
/// a list or a map is something even when empty (a non-nil slice), except
/// `metadata`, a struct, empty when all its fields are.
fn zero(field: &str, v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Bool(b) => !b,
        Value::Number(n) => n.as_f64() == Some(0.0),
        Value::Object(m) if field == "metadata" => m
            .iter()
            .all(|(f, v)| !matches!(v, Value::Object(_) | Value::Array(_)) && zero(f, v)),
        _ => false,
    }
}

/// `CheckEmpty` and `EnforceFields`, in kustomize's words; `root` is the
/// kustomization's folder as kustomize shows it.
pub(super) fn enforce(k: &Kustomization, root: &str) -> Result<(), String> {
    if k.empty {
        return Err("kustomization.yaml is empty".into());
    }
    let mut errs = Vec::new();
    if k.kind != KIND && k.kind != COMPONENT {
        errs.push(format!("kind should be {KIND} or {COMPONENT}"));
    }
    let required = if k.kind == COMPONENT {
        "kustomize.config.k8s.io/v1alpha1"
    } else {
        "kustomize.config.k8s.io/v1beta1"
    };
    if !k.api_version.is_empty() && k.api_version != required {
        errs.push(format!("apiVersion for {} should be {required}", k.kind));
    }
    if errs.is_empty() {
        return Ok(());
    }
    Err(format!(
        "Failed to read kustomization file under {root}:\n{}",
        errs.join("\n")
    ))
}

impl Kustomization {
    pub fn is_component(&self) -> bool {
        self.kind == COMPONENT
    }
}

fn field_options(v: Option<&Value>, field: &str) -> Result<Option<FieldOptions>, String> {
    let Some(v) = v.filter(|v| !v.is_null()) else {
        return Ok(None);
    };
    let m = object(v, field, "types.FieldOptions")?;
    unknown_field(m, &["delimiter", "index", "encoding", "create"])?;
    let index = match m.get("index") {
        None | Some(Value::Null) => 0,
        Some(Value::Number(n)) if n.as_i64().is_some() => n.as_i64().unwrap_or(0),
        Some(other) => return Err(type_error(other, "FieldOptions.index", "int")),
    };
    Ok(Some(FieldOptions {
        delimiter: string(
            m.get("delimiter").unwrap_or(&Value::Null),
            "FieldOptions.delimiter",
        )?,
        index,
        create: boolean(m.get("create"), "FieldOptions.create")?,
    }))
}

/// `replacements`, each entry read as kustomize's strict decoder reads it.
pub(super) fn replacements(v: Option<&Value>) -> Result<Vec<Replacement>, String> {
    let field = "Kustomization.replacements";
    let mut out = Vec::new();
    for r in list(v, field, "[]types.ReplacementField")? {
        out.push(replacement(r, field)?);
    }
    Ok(out)
}

pub(super) fn replacement(r: &Value, field: &str) -> Result<Replacement, String> {
    let m = object(r, field, "types.ReplacementField")?;
    unknown_field(m, &["path", "source", "targets"])?;
    let source = match m.get("source").filter(|v| !v.is_null()) {
        None => None,
        Some(v) => {
            let sm = object(v, "Replacement.source", "types.SourceSelector")?;
            unknown_field(
                sm,
                &[
                    "group",
                    "version",
                    "kind",
                    "name",
                    "namespace",
                    "fieldPath",
                    "options",
                ],
            )?;
            let get = |k: &str| {
                string(
                    sm.get(k).unwrap_or(&Value::Null),
                    &format!("SourceSelector.{k}"),
                )
            };
            Some(SourceSelector {
                group: get("group")?,
                version: get("version")?,
                kind: get("kind")?,
                name: get("name")?,
                namespace: get("namespace")?,
                field_path: get("fieldPath")?,
                options: field_options(sm.get("options"), "SourceSelector.options")?,
            })
        }
    };
    let targets = match m.get("targets").filter(|v| !v.is_null()) {
        None => None,
        Some(v) => {
            let mut ts = Vec::new();
            for t in list(Some(v), "Replacement.targets", "[]*types.TargetSelector")? {
                let tm = object(t, "Replacement.targets", "types.TargetSelector")?;
                unknown_field(tm, &["select", "reject", "fieldPaths", "options"])?;
                let mut reject = Vec::new();
                for r in list(
                    tm.get("reject"),
                    "TargetSelector.reject",
                    "[]*types.Selector",
                )? {
                    reject.extend(selector(Some(r), "TargetSelector.reject")?);
                }
                ts.push(TargetSelector {
                    select: selector(tm.get("select"), "TargetSelector.select")?,
                    reject,
                    field_paths: strings(tm.get("fieldPaths"), "TargetSelector.fieldPaths")?,
                    options: field_options(tm.get("options"), "TargetSelector.options")?,
                });
            }
            Some(ts)
        }
    };
    Ok(Replacement {
        raw: r.clone(),
        path: string(
            m.get("path").unwrap_or(&Value::Null),
            "ReplacementField.path",
        )?,
        source,
        targets,
    })
}

fn sort_options(v: Option<&Value>) -> Result<Option<SortOptions>, String> {
    let Some(v) = v.filter(|v| !v.is_null()) else {
        return Ok(None);
    };
    let m = object(v, "Kustomization.sortOptions", "types.SortOptions")?;
    unknown_field(m, &["order", "legacySortOptions"])?;
    let legacy = match m.get("legacySortOptions").filter(|v| !v.is_null()) {
        None => None,
        Some(l) => {
            let field = "SortOptions.legacySortOptions";
            let lm = object(l, field, "types.LegacySortOptions")?;
            unknown_field(lm, &["orderFirst", "orderLast"])?;
            Some((
                strings(lm.get("orderFirst"), "LegacySortOptions.orderFirst")?,
                strings(lm.get("orderLast"), "LegacySortOptions.orderLast")?,
            ))
        }
    };
    Ok(Some(SortOptions {
        order: string(m.get("order").unwrap_or(&Value::Null), "SortOptions.order")?,
        legacy,
    }))
}

fn patches(v: Option<&Value>, field: &str) -> Result<Vec<Patch>, String> {
    let mut out = Vec::new();
    for p in list(v, &format!("Kustomization.{field}"), "[]types.Patch")? {
        let m = object(p, &format!("Kustomization.{field}"), "types.Patch")?;
        unknown_field(m, &["path", "patch", "target", "options"])?;
        out.push(Patch {
            path: string(
                m.get("path").unwrap_or(&Value::Null),
                &format!("{field}.path"),
            )?,
            patch: string(
                m.get("patch").unwrap_or(&Value::Null),
                &format!("{field}.patch"),
            )?,
            target: selector(m.get("target"), &format!("{field}.target"))?,
        });
    }
    Ok(out)
}

pub(super) fn parse(v: &Value) -> Result<Kustomization, String> {
    let m = match v {
        Value::Object(m) => m,
        Value::Null => {
            return Ok(Kustomization {
                kind: KIND.into(),
                empty: true,
                ..Kustomization::default()
            })
        }
        other => return Err(type_error(other, "Kustomization", "types.Kustomization")),
    };
    unknown_field(m, KNOWN)?;
    for f in NOT_BUILT {
        let present = match m.get(*f) {
            None | Some(Value::Null) => false,
            Some(Value::Array(a)) => !a.is_empty(),
            Some(Value::Object(o)) => !o.is_empty(),
            Some(_) => true,
        };
        if present {
            return Err(format!(
                "the kustomization field {f:?} is not built by Ordinal's kustomize (it builds resources, namespace, namePrefix, nameSuffix, labels, commonLabels, commonAnnotations, images, replicas, configMapGenerator, secretGenerator, generatorOptions, patches, replacements, sortOptions, components and buildMetadata)"
            ));
        }
    }
    let text = |f: &str| {
        string(
            m.get(f).unwrap_or(&Value::Null),
            &format!("Kustomization.{f}"),
        )
    };
    let kind = text("kind")?;
    let mut k = Kustomization {
        kind: if kind.is_empty() { KIND.into() } else { kind },
        api_version: text("apiVersion")?,
        empty: m
            .iter()
            .all(|(f, v)| matches!(f.as_str(), "apiVersion" | "kind") || zero(f, v)),
        resources: strings(m.get("resources"), "Kustomization.resources")?,
        components: strings(m.get("components"), "Kustomization.components")?,
        build_metadata: strings(m.get("buildMetadata"), "Kustomization.buildMetadata")?,
        namespace: string(
            m.get("namespace").unwrap_or(&Value::Null),
            "Kustomization.namespace",
        )?,
        name_prefix: string(
            m.get("namePrefix").unwrap_or(&Value::Null),
            "Kustomization.namePrefix",
        )?,
        name_suffix: string(
            m.get("nameSuffix").unwrap_or(&Value::Null),
            "Kustomization.nameSuffix",
        )?,
        common_labels: string_map(m.get("commonLabels"), "Kustomization.commonLabels")?,
        common_annotations: string_map(
            m.get("commonAnnotations"),
            "Kustomization.commonAnnotations",
        )?,
        config_maps: generators(m.get("configMapGenerator"), "configMapGenerator", false)?,
        secrets: generators(m.get("secretGenerator"), "secretGenerator", true)?,
        generator_options: options(m.get("generatorOptions"), "Kustomization.generatorOptions")?,
        patches: patches(m.get("patches"), "patches")?,
        patches_json6902: patches(m.get("patchesJson6902"), "patchesJson6902")?,
        sort_options: sort_options(m.get("sortOptions"))?,
        replacements: replacements(m.get("replacements"))?,
        ..Kustomization::default()
    };
    if k.build_metadata
        .iter()
        .any(|b| b == "transformerAnnotations")
    {
        return Err("buildMetadata 'transformerAnnotations' is not built by Ordinal's kustomize (it writes managedByLabel and originAnnotations)".into());
    }
    let bases = strings(m.get("bases"), "Kustomization.bases")?;
    for l in list(m.get("labels"), "Kustomization.labels", "[]types.Label")? {
        let lm = object(l, "Kustomization.labels", "types.Label")?;
        unknown_field(
            lm,
            &[
                "pairs",
                "includeSelectors",
                "includeTemplates",
                "includeVolumeClaimTemplates",
                "fields",
            ],
        )?;
        k.labels.push(LabelSet {
            pairs: string_map(lm.get("pairs"), "Label.pairs")?,
            include_selectors: boolean(lm.get("includeSelectors"), "Label.includeSelectors")?,
            include_templates: boolean(lm.get("includeTemplates"), "Label.includeTemplates")?,
            include_volume_claim_templates: boolean(
                lm.get("includeVolumeClaimTemplates"),
                "Label.includeVolumeClaimTemplates",
            )?,
        });
    }
    let images = list(m.get("images"), "Kustomization.images", "[]image.Image")?;
    let image_tags = list(
        m.get("imageTags"),
        "Kustomization.imageTags",
        "[]image.Image",
    )?;
    for i in images.into_iter().chain(image_tags) {
        let im = object(i, "Kustomization.images", "image.Image")?;
        unknown_field(im, &["name", "newName", "newTag", "digest", "tagSuffix"])?;
        let get = |f: &str| string(im.get(f).unwrap_or(&Value::Null), &format!("Image.{f}"));
        k.images.push(Image {
            name: get("name")?,
            new_name: get("newName")?,
            new_tag: get("newTag")?,
            digest: get("digest")?,
        });
    }
    for r in list(
        m.get("replicas"),
        "Kustomization.replicas",
        "[]types.Replica",
    )? {
        let rm = object(r, "Kustomization.replicas", "types.Replica")?;
        unknown_field(rm, &["name", "count"])?;
        let name = string(rm.get("name").unwrap_or(&Value::Null), "Replica.name")?;
        let count = match rm.get("count") {
            None | Some(Value::Null) => 0,
            Some(Value::Number(n)) => n
                .as_i64()
                .ok_or_else(|| type_error(&Value::Number(n.clone()), "Replica.count", "int64"))?,
            Some(other) => return Err(type_error(other, "Replica.count", "int64")),
        };
        k.replicas.push((name, count));
    }
    match m.get("patchesStrategicMerge") {
        None | Some(Value::Null) => {}
        Some(Value::Array(items)) => {
            for i in items {
                k.patches_strategic_merge
                    .push(string(i, "Kustomization.patchesStrategicMerge")?);
            }
        }
        Some(other) => {
            return Err(type_error(
                other,
                "Kustomization.patchesStrategicMerge",
                "[]types.PatchStrategicMerge",
            ))
        }
    }
    // kustomize's `CheckDeprecatedFields` (a field present, even empty,
    // warns) and `FixKustomization` (deprecated fields move to new ones).
    let present = |f: &str| m.get(f).is_some_and(|v| !v.is_null());
    let warn = |f: &str, instead: &str| {
        format!("# Warning: '{f}' is deprecated. Please use '{instead}' instead. Run 'kustomize edit fix' to update your Kustomization automatically.")
    };
    for (f, instead) in [
        ("bases", "resources"),
        ("commonLabels", "labels"),
        ("imageTags", "images"),
        ("patchesJson6902", "patches"),
        ("patchesStrategicMerge", "patches"),
    ] {
        if present(f) {
            k.warnings.push(warn(f, instead));
        }
    }
    k.resources.extend(bases);
    Ok(k)
}
