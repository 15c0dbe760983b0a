//! CoreDNS picking up an edited Corefile (`kubectl edit cm coredns -n
//! kube-system`), R8.1: the kubelet refreshes the ConfigMap volume at the
//! Pod's next sync (within a minute), and the `reload` plugin compares the
//! parsed file's SHA-512 every 30 s (±15 s): an edit reaches the servers
//! 30–90 s after it is written, and the DNS answers change then, not at
//! once. The servers log it as real ones do:
//!
//! ```text
//! [INFO] Reloading
//! [INFO] plugin/health: Going into lameduck mode for 5s
//! [INFO] plugin/reload: Running configuration SHA512 = …
//! [INFO] Reloading complete
//! ```
//!
//! A file that does not load leaves the servers on the configuration they
//! have: a syntax error fails the reload plugin's own parse (`[WARNING]
//! plugin/reload: Corefile parse failed: …`, which a real server repeats at
//! every look; here once per edit), a bad directive or plugin setting fails
//! the restart (`[ERROR] Restart failed: …`). An edit that changes only
//! comments or spacing has the same fingerprint: nothing happens.
//!
//! May not import yew, web_sys, gloo, js_sys or wasm_bindgen.

use super::config::Span;
use super::corefile::{self, LoadError};
use super::event::SimEventKind;
use super::time::SimDuration;
use super::{Engine, Wakeup};

impl Engine {
    /// Puts the servers' next look at the ConfigMap on the timers (once).
    pub(crate) fn queue_corefile_reload(&mut self) {
        if self.coredns.reload_queued {
            return;
        }
        self.coredns.reload_queued = true;
        let span = Span {
            min: SimDuration::secs(30),
            max: SimDuration::secs(90),
        };
        self.after(span, Wakeup::CorefileReload);
    }

    /// The reload plugin's look at the (refreshed) Corefile.
    pub(crate) fn corefile_reload(&mut self) {
        self.coredns.reload_queued = false;
        // A ConfigMap (or key) deleted: the kubelet cannot refresh the
        // volume, and the file the servers have stays.
        let Some(text) = self
            .store
            .config_maps
            .get("kube-system", "coredns")
            .and_then(|m| m.data.get("Corefile").cloned())
        else {
            return;
        };
        if text == self.coredns.seen_text() {
            return;
        }
        let old = corefile::fingerprint(self.coredns.seen_text()).ok();
        self.coredns.seen = Some(text.clone());
        let (lines, outcome) = match corefile::fingerprint(&text) {
            Err(e) => (
                vec![format!(
                    "[WARNING] plugin/reload: Corefile parse failed: {}",
                    unnamed(&e)
                )],
                Err(e.to_string()),
            ),
            Ok(sha) if Some(&sha) == old.as_ref() => return,
            Ok(_) => match corefile::parse(&text) {
                Ok(p) => {
                    self.coredns.config = p.config;
                    (
                        vec![
                            "[INFO] Reloading".to_string(),
                            "[INFO] plugin/health: Going into lameduck mode for 5s".to_string(),
                            format!("[INFO] plugin/reload: Running configuration SHA512 = {}", p.sha512),
                            "[INFO] Reloading complete".to_string(),
                        ],
                        Ok(()),
                    )
                }
                Err(e) => (
                    vec![
                        format!("[ERROR] Restart failed: {e}"),
                        format!("[ERROR] plugin/reload: Corefile changed but reload failed: starting with listener file descriptors: {e}"),
                    ],
                    Err(e.to_string()),
                ),
            },
        };
        self.narrate(SimEventKind::DnsReloaded {
            ok: outcome.is_ok(),
            detail: outcome.err().unwrap_or_default(),
        });
        let now = self.now;
        let servers: Vec<_> = self
            .store
            .pods
            .in_namespace("kube-system")
            .filter(|p| p.metadata.labels.get("k8s-app").map(|v| v.as_str()) == Some("kube-dns"))
            .map(|p| p.metadata.uid.clone())
            .collect();
        for uid in servers {
            if let Some(rt) = self.kubelet.pods.get_mut(&uid) {
                for c in rt.ctrs.iter_mut() {
                    for l in &lines {
                        c.log_line(now, l);
                    }
                }
            }
        }
    }
}

/// The reload plugin parses without a file name: its errors start `:LINE`.
fn unnamed(e: &LoadError) -> String {
    match e {
        LoadError::Syntax { line, message } => {
            format!(":{line} - Error during parsing: {message}")
        }
        LoadError::Setup(s) => s.clone(),
    }
}
