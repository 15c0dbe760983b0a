//! `kubectl debug`'s options (debug.go `Complete` and `Validate`, kubectl
//! 1.35): what the flags mean, and the client-side errors with kubectl's
//! wording, in the order kubectl checks them. Nothing here touches the
//! cluster.

use super::super::flags::Parsed;
use super::profile::Profile;

/// One `kubectl debug` invocation, completed and validated.
#[derive(Clone, Debug, Default)]
pub(super) struct Options {
    /// The words after `--`.
    pub args: Vec<String>,
    pub args_only: bool,
    pub attach: bool,
    pub container: String,
    pub copy_to: String,
    pub replace: bool,
    /// `--env`, by name (Go ranges over a map here; sorted is one of its orders).
    pub env: Vec<(String, String)>,
    pub image: String,
    pub interactive: bool,
    pub keep: Keep,
    pub targets: Vec<String>,
    pub filenames: Vec<String>,
    pub pull_policy: String,
    pub quiet: bool,
    pub same_node: bool,
    /// `--set-image`, by container name.
    pub set_images: Vec<(String, String)>,
    pub share_processes: bool,
    /// `--share-processes` was given explicitly.
    pub share_processes_changed: bool,
    pub target_container: String,
    pub tty: bool,
    pub profile: Profile,
    /// `--custom`: a partial container spec (JSON).
    pub custom: Option<serde_json::Value>,
}

/// The `--keep-*` flags (profiles.go `KeepFlags`).
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Keep {
    pub labels: bool,
    pub annotations: bool,
    pub liveness: bool,
    pub readiness: bool,
    pub startup: bool,
    pub init_containers: bool,
}

/// How `Complete` and `Validate` end: an error to print as it stands.
pub(super) enum Refused {
    /// pflag's parse error (with kubectl's usage line).
    Flag(String),
    /// `error: …`.
    Error(String),
}

/// pflag's `stringToString` value: `k=v,k2=v2`, every `--FLAG` adding.
fn string_to_string(p: &Parsed, flag: &str) -> Result<Vec<(String, String)>, Refused> {
    let mut out: Vec<(String, String)> = Vec::new();
    for value in p.values(flag) {
        if value.is_empty() {
            continue;
        }
        for item in value.split(',') {
            let Some((k, v)) = item.split_once('=') else {
                return Err(Refused::Flag(format!(
                    "invalid argument {value:?} for \"--{flag}\" flag: {item} must be formatted as key=value"
                )));
            };
            out.retain(|(old, _)| old != k);
            out.push((k.to_string(), v.to_string()));
        }
    }
    crate::sort::sort_by(&mut out, |a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// `Complete` then `Validate`. `read` reads a file (`--custom`). What
/// `Validate` prints on success (the `Targeting container` line on stdout,
/// the legacy profile's deprecation on stderr) is returned beside.
pub(super) fn complete_and_validate(
    p: &Parsed,
    read: impl Fn(&str) -> Result<String, String>,
) -> Result<(Options, Vec<Notice>), (Refused, Vec<Notice>)> {
    let mut notices = Vec::new();
    let env = string_to_string(p, "env").map_err(|e| (e, Vec::new()))?;
    let set_images = string_to_string(p, "set-image").map_err(|e| (e, Vec::new()))?;
    let interactive = p.flag("stdin");
    let attach_changed = p.has("attach");
    let mut o = Options {
        args: p.rest.clone().unwrap_or_default(),
        args_only: p.flag("arguments-only"),
        attach: p.flag_or("attach", interactive),
        container: p.value("container").unwrap_or("").to_string(),
        copy_to: p.value("copy-to").unwrap_or("").to_string(),
        replace: p.flag("replace"),
        env,
        image: p.value("image").unwrap_or("").to_string(),
        interactive,
        keep: Keep {
            labels: p.flag("keep-labels"),
            annotations: p.flag("keep-annotations"),
            liveness: p.flag("keep-liveness"),
            readiness: p.flag("keep-readiness"),
            startup: p.flag("keep-startup"),
            init_containers: p.flag_or("keep-init-containers", true),
        },
        targets: p.args.clone(),
        filenames: p.values("filename"),
        pull_policy: p.value("image-pull-policy").unwrap_or("").to_string(),
        quiet: p.flag("quiet"),
        same_node: p.flag("same-node"),
        set_images,
        share_processes: p.flag_or("share-processes", true),
        share_processes_changed: p.has("share-processes"),
        target_container: p.value("target").unwrap_or("").to_string(),
        tty: p.flag("tty"),
        profile: Profile::Legacy,
        custom: None,
    };
    let fail = |msg: String, notices: Vec<Notice>| Err((Refused::Error(msg), notices));
    // Complete: the profile, then the custom profile's file.
    let profile = p.value("profile").unwrap_or("legacy");
    o.profile = match Profile::parse(profile) {
        Some(pr) => pr,
        None => return fail(format!("unknown profile: {profile}"), notices),
    };
    if let Some(file) = p.value("custom").filter(|f| !f.is_empty()) {
        let text = match read(file) {
            Ok(t) => t,
            Err(_) => {
                return fail(
                    format!("must pass a container spec json file for custom profile: open {file}: no such file or directory"),
                    notices,
                )
            }
        };
        let parsed = serde_json::from_str::<serde_json::Value>(&text)
            .ok()
            .or_else(|| yaml_value(&text));
        match parsed {
            Some(v @ serde_json::Value::Object(_)) => o.custom = Some(v),
            _ => {
                return fail(
                    format!("{file} does not contain a valid container spec: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go value of type v1.Container"),
                    notices,
                )
            }
        }
    }
    // Validate.
    if o.attach && attach_changed && o.image.is_empty() && o.container.is_empty() {
        return fail("you must specify --container or create a new container using --image in order to attach.".into(), notices);
    }
    if !o.copy_to.is_empty() {
        if o.image.is_empty() && o.set_images.is_empty() && o.args.is_empty() {
            return fail(
                "you must specify --image, --set-image or command arguments.".into(),
                notices,
            );
        }
        if !o.args.is_empty() && o.container.is_empty() && o.image.is_empty() {
            return fail(
                "you must specify an existing container or a new image when specifying args."
                    .into(),
                notices,
            );
        }
    } else if o.replace {
        return fail("--replace may only be used with --copy-to.".into(), notices);
    } else if o.same_node {
        return fail(
            "--same-node may only be used with --copy-to.".into(),
            notices,
        );
    } else if !o.set_images.is_empty() {
        return fail(
            "--set-image may only be used with --copy-to.".into(),
            notices,
        );
    } else if o.image.is_empty() {
        return fail(
            "you must specify --image when not using --copy-to.".into(),
            notices,
        );
    }
    if !o.image.is_empty() && !super::super::exec::valid_image(&o.image) {
        return fail(
            format!("invalid image name {:?}: invalid reference format", o.image),
            notices,
        );
    }
    if o.targets.is_empty() && o.filenames.is_empty() {
        return fail("NAME or filename is required for debug".into(), notices);
    }
    if !matches!(
        o.pull_policy.as_str(),
        "Always" | "IfNotPresent" | "Never" | ""
    ) {
        return fail(
            format!("invalid image pull policy: {}", o.pull_policy),
            notices,
        );
    }
    for (name, image) in &o.set_images {
        if !super::super::exec::valid_image(image) {
            return fail(
                format!(
                    "invalid image name {image:?} for container {name:?}: invalid reference format"
                ),
                notices,
            );
        }
    }
    if !o.target_container.is_empty() {
        if !o.copy_to.is_empty() {
            return fail(
                "--target is incompatible with --copy-to. Use --share-processes instead.".into(),
                notices,
            );
        }
        if !o.quiet {
            notices.push(Notice::Out(format!("Targeting container {:?}. If you don't see processes from this container it may be because the container runtime doesn't support this feature.\n", o.target_container)));
        }
    }
    if o.tty && !o.interactive {
        return fail(
            "-i/--stdin is required for containers with -t/--tty=true".into(),
            notices,
        );
    }
    if let Some(c) = &o.custom {
        let set = |k: &str| c.get(k).is_some_and(|v| !v.is_null() && v != "");
        if set("name") || set("command") || set("image") || set("lifecycle") || set("volumeDevices")
        {
            return fail(
                "name, command, image, lifecycle and volume devices are not modifiable via custom profile".into(),
                notices,
            );
        }
    }
    if o.profile == Profile::Legacy {
        notices.push(Notice::Err("--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example \"--profile=general\".\n".into()));
    }
    Ok((o, notices))
}

/// A line `Validate` prints on its way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Notice {
    Out(String),
    Err(String),
}

/// One YAML document as JSON.
fn yaml_value(text: &str) -> Option<serde_json::Value> {
    use crate::manifest::{tree, yaml};
    let doc = yaml::parse_first_document(text, &yaml::DEFAULT_LIMITS).ok()?;
    tree::to_value(&doc.root?).ok()
}
