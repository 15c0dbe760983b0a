//! `kubectl debug` (kubectl 1.35's pkg/cmd/debug): debugging containers
//! for Pods and nodes.
//!
//! - `kubectl debug POD --image=IMG`: an ephemeral container added to the
//!   running Pod through its `ephemeralcontainers` subresource (a strategic
//!   merge patch); it shares the Pod's network (and with `--target`, a
//!   container's processes);
//! - `--copy-to=NAME`: a copy of the Pod with a debug container added, or a
//!   container's command or images changed (`--set-image`); `--replace`
//!   deletes the original;
//! - `kubectl debug node/NODE --image=IMG`: a Pod on that node, in its
//!   namespaces, the node's root at `/host`.
//!
//! With `-i` (or `--attach`) kubectl then waits for the container and
//! attaches (`attach`). The options and client-side errors are `options`,
//! the profiles `profile`, the objects sent `generate`.

mod attach;
mod generate;
mod options;
mod profile;

use serde_json::{json, Value};

use super::flags::{b, v, Flag, Parsed};
use super::Ctx;
use crate::engine::objects::{Kind, Object};
use crate::engine::DeleteOptions;
use options::{Notice, Options, Refused};

/// `kubectl debug --help`, as kubectl 1.33–1.35 print it.
pub const HELP: &str = include_str!("help.txt");

pub const DEBUG_FLAGS: &[Flag] = &[
    b("arguments-only", None),
    b("attach", None),
    v("container", Some('c')),
    v("copy-to", None),
    v("custom", None),
    v("env", None),
    v("filename", Some('f')),
    v("image", None),
    v("image-pull-policy", None),
    b("keep-annotations", None),
    b("keep-init-containers", None),
    b("keep-labels", None),
    b("keep-liveness", None),
    b("keep-readiness", None),
    b("keep-startup", None),
    // Shadows the global `--profile` (profiling), as the command's own
    // flag does in kubectl.
    v("profile", None),
    b("quiet", Some('q')),
    b("replace", None),
    b("same-node", None),
    v("set-image", None),
    b("share-processes", None),
    b("stdin", Some('i')),
    v("target", None),
    b("tty", Some('t')),
];

/// `kubectl debug …`.
pub fn debug(ctx: &mut Ctx, p: &Parsed) -> i32 {
    let result = {
        let console = &*ctx.console;
        options::complete_and_validate(p, |f| console.read_file(f))
    };
    let (o, notices) = match result {
        Ok(r) => r,
        Err((refused, notices)) => {
            print_notices(ctx, &notices);
            return match refused {
                Refused::Flag(msg) => {
                    ctx.err(&format!(
                        "error: {msg}\nSee 'kubectl debug --help' for usage.\n"
                    ));
                    1
                }
                Refused::Error(msg) => ctx.fail(&msg),
            };
        }
    };
    print_notices(ctx, &notices);
    let ns = ctx.namespace(p);
    let targets = match targets(ctx, &o) {
        Ok(t) => t,
        Err(e) => return ctx.fail(&e),
    };
    // The builder visits each object in turn; the first error ends it.
    for (kind, name) in targets {
        let obj = match ctx.console.engine.get(kind, &ns, &name) {
            Ok(obj) => obj,
            Err(e) => {
                ctx.err(&format!("{}\n", e.kubectl_text()));
                return 1;
            }
        };
        let visited = match &obj {
            Object::Node(_) => visit_node(ctx, &o, &ns, &name),
            Object::Pod(_) if !o.copy_to.is_empty() => debug_by_copy(ctx, &o, &obj),
            Object::Pod(_) => debug_by_ephemeral_container(ctx, &o, &obj),
            other => {
                let info = other.kind().info();
                Err(error_line(format!(
                    "\"{}/{}, Kind={}\" not supported by debug",
                    info.group,
                    info.version,
                    other.kind().name()
                )))
            }
        };
        let (pod_ns, pod, container) = match visited {
            Ok(v) => v,
            Err(e) => {
                ctx.err(&e);
                return 1;
            }
        };
        if o.attach && !container.is_empty() {
            let code = attach::attach(ctx, &o, &pod_ns, &pod, &container);
            if code != 0 {
                return code;
            }
        }
    }
    0
}

fn print_notices(ctx: &mut Ctx, notices: &[Notice]) {
    for n in notices {
        match n {
            Notice::Out(s) => ctx.out(s),
            Notice::Err(s) => ctx.err(s),
        }
    }
}

/// What to debug: the names (`ResourceNames("pods", …)`: a bare name is a
/// Pod, `TYPE/NAME` names its type) and the objects `-f` names.
fn targets(ctx: &mut Ctx, o: &Options) -> Result<Vec<(Kind, String)>, String> {
    let mut out = Vec::new();
    for f in &o.filenames {
        let text = ctx
            .console
            .read_file(f)
            .map_err(|_| format!("the path {f:?} does not exist"))?;
        let parsed = crate::manifest::parse(&text, f);
        for m in parsed.manifests() {
            out.push((m.kind, m.name.clone()));
        }
    }
    for t in &o.targets {
        match t.split_once('/') {
            Some((ty, name)) => out.push((super::resources::kind_of(ty)?, name.to_string())),
            None => out.push((Kind::Pod, t.clone())),
        }
    }
    Ok(out)
}

/// A five-character suffix from the engine's seeded stream.
fn suffix(ctx: &mut Ctx) -> String {
    ctx.console.engine.name_suffix()
}

/// `debugByEphemeralContainer`: patch the Pod's `ephemeralcontainers`
/// subresource. Returns where to attach.
fn debug_by_ephemeral_container(
    ctx: &mut Ctx,
    o: &Options,
    obj: &Object,
) -> Result<(String, String, String), String> {
    let pod = crate::console::printers::wire_value(obj);
    let mut notice = String::new();
    let name = generate::debug_container_name(o, &pod, || suffix(ctx), &mut notice);
    ctx.out(&notice);
    let (_, ec) = generate::ephemeral_container(o, &pod, &name).map_err(error_line)?;
    if let Some(w) = generate::capability_warning(&ec, &pod) {
        ctx.err(w);
    }
    // CreateTwoWayMergePatch of the Pod and the Pod with the container
    // added: the new list item, merged by name on the server.
    let patch = json!({"spec": {"ephemeralContainers": [ec]}});
    let ty = crate::manifest::schema::Ty::Struct(crate::manifest::schema::schema().root(Kind::Pod));
    let patched =
        crate::manifest::smp::apply(&pod, &patch, &ty).map_err(|e| error_line(e.to_string()))?;
    let wanted = Object::from_value(Kind::Pod, patched).map_err(error_line)?;
    let updated = ctx
        .console
        .engine
        .update_ephemeral_containers(wanted)
        .map_err(|e| format!("{}\n", e.kubectl_text()))?;
    Ok((
        updated.namespace().to_string(),
        updated.name().to_string(),
        name,
    ))
}

/// `debugByCopy`: create the copy (and with `--replace` delete the
/// original at once).
fn debug_by_copy(
    ctx: &mut Ctx,
    o: &Options,
    obj: &Object,
) -> Result<(String, String, String), String> {
    let pod = crate::console::printers::wire_value(obj);
    let mut notice = String::new();
    let (copied, container) = {
        let mut name_of =
            |copied: &Value| generate::debug_container_name(o, copied, || suffix(ctx), &mut notice);
        generate::pod_copy(o, &pod, &mut name_of)
    }
    .map_err(error_line)?;
    ctx.out(&notice);
    if let Some(c) = copied
        .pointer("/spec/containers")
        .and_then(Value::as_array)
        .and_then(|cs| {
            cs.iter()
                .find(|c| c.get("name").and_then(Value::as_str) == Some(&container))
        })
    {
        if let Some(w) = generate::capability_warning(c, &copied) {
            ctx.err(w);
        }
    }
    let new = Object::from_value(Kind::Pod, copied).map_err(error_line)?;
    let created = ctx
        .console
        .engine
        .create(new)
        .map_err(|e| format!("{}\n", e.kubectl_text()))?;
    if o.replace {
        let opts = DeleteOptions {
            grace_period_seconds: Some(0),
            ..Default::default()
        };
        ctx.console
            .engine
            .delete(Kind::Pod, obj.namespace(), obj.name(), &opts)
            .map_err(|e| format!("{}\n", e.kubectl_text()))?;
    }
    Ok((
        created.namespace().to_string(),
        created.name().to_string(),
        container,
    ))
}

/// `visitNode`: create the node's debugging Pod in the namespace kubectl
/// uses.
fn visit_node(
    ctx: &mut Ctx,
    o: &Options,
    ns: &str,
    node: &str,
) -> Result<(String, String, String), String> {
    let pod_name = format!("node-debugger-{node}-{}", suffix(ctx));
    let container = generate::container_or_debugger(o);
    if !o.quiet {
        ctx.out(&format!(
            "Creating debugging pod {pod_name} with container {container} on node {node}.\n"
        ));
    }
    let pod = generate::node_pod(o, node, &pod_name, ns).map_err(error_line)?;
    let new = Object::from_value(Kind::Pod, pod).map_err(error_line)?;
    let created = ctx
        .console
        .engine
        .create(new)
        .map_err(|e| format!("{}\n", e.kubectl_text()))?;
    Ok((
        created.namespace().to_string(),
        created.name().to_string(),
        container,
    ))
}

/// kubectl's `error: …` line.
fn error_line(e: String) -> String {
    crate::console::printers::error_text(&e)
}
