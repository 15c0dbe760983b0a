//! Who a container's processes run as, and `id` / `whoami` printing it.
//! Stateful charts set `securityContext` (`runAsUser: 999`, `fsGroup:
//! 1001`) and people check it with `kubectl exec … -- id`, so the answer
//! follows the runtime's rules: the container's `runAsUser` / `runAsGroup`
//! over the Pod's, else the image's `USER`; without `runAsGroup` the
//! primary group is the user's in the image's `/etc/passwd` (0 when the
//! user has no entry); the supplementary groups are the primary one, the
//! image's `/etc/group` memberships, `fsGroup` and `supplementalGroups`,
//! which the kernel keeps sorted. Names come from the image's files; an id
//! without an entry prints bare, as on a real node.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use crate::console::sh::Io;
use crate::engine::images::{Flavor, ImageRef};
use crate::engine::objects::Value;

use super::host::ContainerHost;
use super::image::Toolbox;

/// The credentials of a container's processes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Identity {
    pub uid: i64,
    pub gid: i64,
    /// Sorted, without duplicates, including `gid`.
    pub groups: Vec<i64>,
}

/// The image's `USER` (uid, gid), from its Dockerfile.
fn image_user(tools: &Toolbox) -> (i64, i64) {
    let repo = ImageRef::parse(&tools.image).repository;
    if repo.starts_with("docker.io/bitnami/") {
        // Bitnami's images end in `USER 1001` (no passwd entry, group root).
        return (1001, 0);
    }
    match tools.flavor {
        // `USER 1000:0` in Elastic's Dockerfile.
        Flavor::Elasticsearch => (1000, 0),
        _ => (0, 0),
    }
}

/// The image's `/etc/passwd` names with their primary groups.
fn passwd(tools: &Toolbox) -> Vec<(i64, &'static str, i64)> {
    let mut v = vec![(0, "root", 0)];
    if tools.busybox {
        v.push((65534, "nobody", 65534));
        return v;
    }
    let own = match tools.flavor {
        Flavor::Postgres => Some("postgres"),
        Flavor::Mysql => Some("mysql"),
        Flavor::Redis => Some("redis"),
        Flavor::Mongo => Some("mongodb"),
        _ => None,
    };
    if ImageRef::parse(&tools.image)
        .repository
        .starts_with("docker.io/bitnami/")
    {
        return v;
    }
    if let Some(name) = own {
        v.push((999, name, 999));
    }
    if tools.flavor == Flavor::Elasticsearch {
        v.push((1000, "elasticsearch", 1000));
    }
    v.push((65534, "nobody", 65534));
    v
}

/// The image's `/etc/group` names.
fn group_name(tools: &Toolbox, gid: i64) -> Option<&'static str> {
    match gid {
        0 => Some("root"),
        10 if tools.busybox => Some("wheel"),
        65534 if tools.busybox => Some("nogroup"),
        65534 => Some("nogroup"),
        _ => passwd(tools)
            .into_iter()
            .find(|(_, _, g)| *g == gid && gid != 0)
            .map(|(_, n, _)| n),
    }
}

fn user_name(tools: &Toolbox, uid: i64) -> Option<&'static str> {
    passwd(tools)
        .into_iter()
        .find(|(u, _, _)| *u == uid)
        .map(|(_, n, _)| n)
}

fn int(v: Option<&Value>, key: &str) -> Option<i64> {
    v.and_then(|s| s.get(key)).and_then(|x| x.as_i64())
}

/// The identity of the host's container.
pub(crate) fn identity(h: &ContainerHost<'_>) -> Identity {
    let pod = h.pod_obj();
    let pod_sc = pod.as_ref().and_then(|p| p.spec.security_context.clone());
    let ctr_sc = pod.as_ref().and_then(|p| {
        p.spec
            .container(&h.container)
            .and_then(|c| c.extra.get("securityContext").cloned())
    });
    let pick = |key: &str| int(ctr_sc.as_ref(), key).or_else(|| int(pod_sc.as_ref(), key));
    let (img_uid, img_gid) = image_user(&h.tools);
    let run_as_user = pick("runAsUser");
    let uid = run_as_user.unwrap_or(img_uid);
    let gid = match (pick("runAsGroup"), run_as_user) {
        (Some(g), _) => g,
        (None, Some(u)) => passwd(&h.tools)
            .into_iter()
            .find(|(x, _, _)| *x == u)
            .map_or(0, |(_, _, g)| g),
        (None, None) => img_gid,
    };
    let mut groups = vec![gid];
    if uid == 0 && h.tools.busybox {
        groups.push(10);
    }
    groups.extend(int(pod_sc.as_ref(), "fsGroup"));
    if let Some(Value::Array(extra)) = pod_sc.as_ref().and_then(|s| s.get("supplementalGroups")) {
        groups.extend(extra.iter().filter_map(|g| g.as_i64()));
    }
    groups.sort_unstable();
    groups.dedup();
    Identity { uid, gid, groups }
}

fn named(n: i64, name: Option<&str>) -> String {
    match name {
        Some(s) => format!("{n}({s})"),
        None => n.to_string(),
    }
}

/// `id [-u|-g|-G] [-n]`, busybox or GNU coreutils.
pub(crate) fn id(h: &mut ContainerHost<'_>, args: &[String], io: &mut Io) -> i32 {
    let mut me = identity(h);
    let t = &h.tools;
    let mut which = None;
    let mut names = false;
    for a in args {
        let Some(flags) = a.strip_prefix('-').filter(|f| !f.is_empty()) else {
            // A user name operand: that user as `/etc/passwd` has it.
            match passwd(t).into_iter().find(|(_, n, _)| *n == a.as_str()) {
                Some((uid, _, gid)) if uid != me.uid => {
                    let mut groups = vec![gid];
                    if uid == 0 && t.busybox {
                        groups.push(10);
                    }
                    me = Identity { uid, gid, groups };
                }
                Some(_) => {}
                None => {
                    io.err(&if t.busybox {
                        format!("id: unknown user {a}\n")
                    } else {
                        format!("id: '{a}': no such user\n")
                    });
                    return 1;
                }
            }
            continue;
        };
        for c in flags.chars() {
            match c {
                'u' | 'g' | 'G' => which = Some(c),
                'n' => names = true,
                'r' => {}
                _ => return super::fs_cmds::bad_option(h, "id", c, io),
            }
        }
    }
    let text = match which {
        Some(c) => {
            let ids: Vec<i64> = match c {
                'u' => vec![me.uid],
                'g' => vec![me.gid],
                _ => gnu_order(t, &me),
            };
            let mut words = Vec::new();
            for n in ids {
                if !names {
                    words.push(n.to_string());
                    continue;
                }
                let name = if c == 'u' {
                    user_name(t, n)
                } else {
                    group_name(t, n)
                };
                match name {
                    Some(s) => words.push(s.to_string()),
                    None => {
                        let kind = if c == 'u' { "user" } else { "group" };
                        io.err(&if t.busybox {
                            format!("id: unknown ID {n}\n")
                        } else {
                            format!("id: cannot find name for {kind} ID {n}\n")
                        });
                        words.push(n.to_string());
                        if c != 'G' {
                            io.out(&format!("{}\n", words.join(" ")));
                            return 1;
                        }
                    }
                }
            }
            words.join(" ")
        }
        None => {
            let list: Vec<String> = gnu_order(t, &me)
                .into_iter()
                .map(|g| named(g, group_name(t, g)))
                .collect();
            format!(
                "uid={} gid={} groups={}",
                named(me.uid, user_name(t, me.uid)),
                named(me.gid, group_name(t, me.gid)),
                list.join(",")
            )
        }
    };
    io.out(&format!("{text}\n"));
    0
}

/// The group list as the tool prints it: busybox in the kernel's sorted
/// order; GNU `id` puts the primary group first.
fn gnu_order(t: &Toolbox, me: &Identity) -> Vec<i64> {
    if t.busybox {
        return me.groups.clone();
    }
    let mut v = vec![me.gid];
    v.extend(me.groups.iter().copied().filter(|g| *g != me.gid));
    v
}

/// `whoami`: the user's name, or the tool's complaint when it has none.
pub(crate) fn whoami(h: &mut ContainerHost<'_>, io: &mut Io) -> i32 {
    let me = identity(h);
    match user_name(&h.tools, me.uid) {
        Some(n) => {
            io.out(&format!("{n}\n"));
            0
        }
        None => {
            io.err(&if h.tools.busybox {
                format!("whoami: unknown uid {}\n", me.uid)
            } else {
                format!("whoami: cannot find name for user ID {}\n", me.uid)
            });
            1
        }
    }
}
