//! The cluster view as a standalone SVG picture, for slides and handouts:
//! each StatefulSet as a row of ordinal slots (Pod name, STATUS, READY, IP,
//! node; the claim under it), then each Service with its endpoints. Colours
//! follow the page's light theme. Every text is escaped. Pure; no browser
//! crates.

use std::fmt::Write;

use super::cluster::{ClaimState, ClusterVm, EpState, PodState};
use super::i18n::{Lang, Msg};

const SLOT_W: u32 = 190;
const SLOT_H: u32 = 118;
const GAP: u32 = 12;
const PAD: u32 = 16;

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

fn pod_colours(s: PodState) -> (&'static str, &'static str) {
    match s {
        PodState::Ready => ("#e3f5e9", "#166534"),
        PodState::Pending | PodState::Creating | PodState::Running => ("#fdf1dc", "#92400e"),
        PodState::Failed | PodState::Crashing => ("#fde8e6", "#b42318"),
        PodState::Terminating | PodState::Unknown => ("#eceff3", "#5b6574"),
    }
}

fn text(out: &mut String, x: u32, y: u32, size: u32, weight: &str, fill: &str, s: &str) {
    let _ = writeln!(
        out,
        r#"<text x="{x}" y="{y}" font-size="{size}" font-weight="{weight}" fill="{fill}">{}</text>"#,
        esc(s)
    );
}

/// The picture, `width` wide enough for the widest row.
pub fn cluster_svg(lang: Lang, vm: &ClusterVm, clock: &str) -> String {
    let cols = vm
        .sets
        .iter()
        .map(|s| s.slots.len() as u32)
        .chain(std::iter::once(3))
        .max()
        .unwrap_or(3);
    let width = PAD * 2 + cols * SLOT_W + cols.saturating_sub(1) * GAP;
    let mut body = String::new();
    let mut y = PAD + 18;
    text(
        &mut body,
        PAD,
        y,
        18,
        "700",
        "#16202b",
        &format!("Ordinal · {clock}"),
    );
    y += 18;
    for set in &vm.sets {
        y += 16;
        let head = format!(
            "StatefulSet {} — {}",
            set.name,
            lang.f(
                Msg::SetSummary,
                &[&set.ready.to_string(), &set.replicas.to_string()]
            )
        );
        text(&mut body, PAD, y, 15, "700", "#16202b", &head);
        y += 10;
        for (i, slot) in set.slots.iter().enumerate() {
            let x = PAD + i as u32 * (SLOT_W + GAP);
            let (bg, fg) = slot
                .pod
                .as_ref()
                .map_or(("#ffffff", "#4f5b69"), |p| pod_colours(p.state));
            let _ = writeln!(
                body,
                r##"<rect x="{x}" y="{y}" width="{SLOT_W}" height="{SLOT_H}" rx="6" fill="{bg}" stroke="{fg}" stroke-width="2"{}/>"##,
                if slot.in_range {
                    ""
                } else {
                    r#" stroke-dasharray="5 4""#
                }
            );
            text(&mut body, x + 10, y + 22, 15, "700", "#16202b", &slot.name);
            match &slot.pod {
                Some(p) => {
                    text(
                        &mut body,
                        x + 10,
                        y + 42,
                        13,
                        "700",
                        fg,
                        &format!("{} {}", p.status, p.ready),
                    );
                    text(
                        &mut body,
                        x + 10,
                        y + 60,
                        12,
                        "400",
                        "#4f5b69",
                        &format!("{} {}", p.ip, p.node),
                    );
                }
                None => text(
                    &mut body,
                    x + 10,
                    y + 42,
                    13,
                    "400",
                    "#4f5b69",
                    lang.t(Msg::SlotEmpty),
                ),
            }
            for (j, c) in slot.claims.iter().take(2).enumerate() {
                let cy = y + 72 + j as u32 * 20;
                let stroke = match c.state {
                    ClaimState::Attached => "#166534",
                    ClaimState::Retained => "#7c3aed",
                    ClaimState::Pending => "#92400e",
                    ClaimState::Deleting => "#b42318",
                };
                let _ = writeln!(
                    body,
                    r##"<rect x="{}" y="{cy}" width="{}" height="18" rx="3" fill="#ffffff" stroke="{stroke}"/>"##,
                    x + 8,
                    SLOT_W - 16
                );
                text(
                    &mut body,
                    x + 14,
                    cy + 13,
                    11,
                    "400",
                    "#16202b",
                    &format!("⛁ {} {}", c.name, c.phase),
                );
            }
        }
        y += SLOT_H;
    }
    for svc in vm
        .services
        .iter()
        .filter(|s| !s.namespace.starts_with("kube-"))
    {
        y += 26;
        let kind = if svc.headless {
            lang.t(Msg::Headless).to_string()
        } else {
            lang.f(Msg::ClusterIp, &[&svc.cluster_ip])
        };
        text(
            &mut body,
            PAD,
            y,
            14,
            "700",
            "#16202b",
            &format!("Service {} — {kind}", svc.name),
        );
        for e in &svc.endpoints {
            y += 18;
            let (dot, state) = match e.state {
                EpState::Ready => ("#166534", lang.t(Msg::EpReady)),
                EpState::NotReady => ("#92400e", lang.t(Msg::EpNotReady)),
                EpState::Terminating => ("#5b6574", lang.t(Msg::EpTerminating)),
            };
            let _ = writeln!(
                body,
                r#"<circle cx="{}" cy="{}" r="5" fill="{dot}"/>"#,
                PAD + 6,
                y - 4
            );
            let host = e
                .hostname
                .as_deref()
                .map(|h| format!("{h}.{}", svc.name))
                .unwrap_or_default();
            text(
                &mut body,
                PAD + 18,
                y,
                12,
                "400",
                "#16202b",
                &format!("{}  {}  {state}  {host}", e.ip, e.pod),
            );
        }
    }
    let height = y + PAD + 8;
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="DejaVu Sans, Segoe UI, sans-serif">
<rect width="100%" height="100%" fill="#f4f6f8"/>
{body}</svg>
"##
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::SimDuration;
    use crate::view_model::session::{Input, Session};

    #[test]
    fn the_picture_shows_every_pod_and_escapes_text() {
        let mut s = Session::new(1);
        s.perform(Input::File {
            path: "web.yaml".into(),
            text: crate::view_model::examples::basics().yaml.into(),
        });
        s.perform(Input::Run("kubectl apply -f web.yaml".into()));
        s.tick(SimDuration::secs(120));
        let vm = crate::view_model::cluster::build(s.engine(), s.clock());
        let svg = cluster_svg(Lang::Pt, &vm, "02:00.0");
        assert!(svg.starts_with("<svg"));
        for p in [
            "web-0",
            "web-1",
            "web-2",
            "www-web-2",
            "3 de 3 prontos",
            "nginx",
        ] {
            assert!(svg.contains(p), "{p}");
        }
        assert_eq!(esc("<a&'\">"), "&lt;a&amp;&#39;&quot;&gt;");
    }
}
