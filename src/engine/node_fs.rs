//! The little of a node's file system the simulation has, for a
//! `hostPath` volume of `/` (`kubectl debug node/NAME` mounts it at
//! `/host`): the kind node's identity (`/etc/hostname`, `/etc/os-release`,
//! the Debian 12 its status reports) and the kubelet's directories for the
//! Pods it runs (`/var/lib/kubelet/pods/UID`, `/var/log/pods/NS_NAME_UID/C`).
//! Read-only: nothing else of the node is simulated.
//!
//! May not import yew, web_sys, gloo, js_sys or wasm_bindgen.

use super::volumes::{FileTree, TreeLimits};
use super::Engine;

const OS_RELEASE: &str = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL=\"https://www.debian.org/\"\nSUPPORT_URL=\"https://www.debian.org/support\"\nBUG_REPORT_URL=\"https://bugs.debian.org/\"\n";

impl Engine {
    /// The node's root as far as it is simulated.
    pub(crate) fn node_root(&self, node: &str) -> FileTree {
        let mut t = FileTree::new();
        let limits = TreeLimits {
            max_file_bytes: 1 << 16,
            max_bytes: 1 << 20,
            max_files: 10_000,
        };
        let _ = t.mkdir_p("/etc");
        let _ = t.write("/etc/hostname", &format!("{node}\n"), false, limits);
        let _ = t.write("/etc/os-release", OS_RELEASE, false, limits);
        for dir in ["/tmp", "/root", "/usr/bin", "/var/lib/containerd"] {
            let _ = t.mkdir_p(dir);
        }
        let _ = t.mkdir_p("/var/lib/kubelet/pods");
        let _ = t.mkdir_p("/var/log/pods");
        for rt in self.kubelet.pods.values().filter(|r| r.node == node) {
            let (ns, name) = &rt.key;
            let _ = t.mkdir_p(&format!("/var/lib/kubelet/pods/{}", rt.uid));
            for c in rt.inits.iter().chain(rt.ctrs.iter()).chain(rt.eph.iter()) {
                let _ = t.mkdir_p(&format!("/var/log/pods/{ns}_{name}_{}/{}", rt.uid, c.name));
            }
        }
        t
    }
}
