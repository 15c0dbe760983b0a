//! `id` / `whoami`: who a container's processes run as (the engine's
//! `kubelet::identity`, which the kubelet reports in the Pod status too).
//! Stateful charts set `securityContext` (`runAsUser: 999`, `fsGroup:
//! 1001`) and people check it with `kubectl exec … -- id`. Names come from
//! the image's files; an id without an entry prints bare, as on a real node.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use crate::console::sh::Io;
pub(crate) use crate::engine::kubelet::identity::Identity;
use crate::engine::kubelet::identity::{self as engine_identity, Accounts};

use super::host::ContainerHost;
use super::image::Toolbox;

/// The image's user database, as the kubelet sees it too.
pub(crate) fn accounts(tools: &Toolbox) -> Accounts {
    Accounts::of(&tools.image, tools.flavor, tools.busybox)
}

/// The identity of the host's container: the engine's rules, the same the
/// kubelet reports in the container's status (`user.linux`).
pub(crate) fn identity(h: &ContainerHost<'_>) -> Identity {
    let pod = h.pod_obj();
    let container = pod.as_ref().and_then(|p| p.spec.container(&h.container));
    container_identity(pod.as_deref(), container, &accounts(&h.tools))
}

/// The identity a container of `pod` starts with, in an image with
/// `accounts`: its securityContext over the Pod's, over the image's USER.
pub(crate) fn container_identity(
    pod: Option<&crate::engine::objects::Pod>,
    container: Option<&crate::engine::objects::Container>,
    accounts: &Accounts,
) -> Identity {
    let pod_sc = pod.and_then(|p| p.spec.security_context.as_ref());
    let ctr_sc = container.and_then(|c| c.extra.get("securityContext"));
    engine_identity::identity(accounts, pod_sc, ctr_sc)
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
    let t = accounts(&h.tools);
    let busybox = h.tools.busybox;
    let mut which = None;
    let mut names = false;
    for a in args {
        let Some(flags) = a.strip_prefix('-').filter(|f| !f.is_empty()) else {
            // A user name operand: that user as `/etc/passwd` has it.
            match t.by_name(a) {
                Some((uid, gid)) if uid != me.uid => {
                    let groups = t.memberships(uid, gid);
                    me = Identity { uid, gid, groups };
                }
                Some(_) => {}
                None => {
                    io.err(&if busybox {
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
                _ => gnu_order(busybox, &me),
            };
            let mut words = Vec::new();
            for n in ids {
                if !names {
                    words.push(n.to_string());
                    continue;
                }
                let name = if c == 'u' {
                    t.user_name(n)
                } else {
                    t.group_name(n)
                };
                match name {
                    Some(s) => words.push(s.to_string()),
                    None => {
                        let kind = if c == 'u' { "user" } else { "group" };
                        io.err(&if busybox {
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
            let list: Vec<String> = gnu_order(busybox, &me)
                .into_iter()
                .map(|g| named(g, t.group_name(g)))
                .collect();
            format!(
                "uid={} gid={} groups={}",
                named(me.uid, t.user_name(me.uid)),
                named(me.gid, t.group_name(me.gid)),
                list.join(",")
            )
        }
    };
    io.out(&format!("{text}\n"));
    0
}

/// The group list as the tool prints it: busybox in the kernel's sorted
/// order; GNU `id` puts the primary group first.
fn gnu_order(busybox: bool, me: &Identity) -> Vec<i64> {
    if busybox {
        return me.groups.clone();
    }
    let mut v = vec![me.gid];
    v.extend(me.groups.iter().copied().filter(|g| *g != me.gid));
    v
}

/// `whoami`: the user's name, or the tool's complaint when it has none.
pub(crate) fn whoami(h: &mut ContainerHost<'_>, io: &mut Io) -> i32 {
    let me = identity(h);
    match accounts(&h.tools).user_name(me.uid) {
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
