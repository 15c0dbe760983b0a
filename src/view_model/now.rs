//! The narration's "Now" line: the one sentence that says where the
//! cluster stands, announced to screen readers.
//!
//! A "waiting for …" line is told once, when the wait begins; nothing is
//! told when it ends. So the line is not picked from the latest lines
//! alone (after a scale down the last wait stayed on for good): a wait is
//! shown while the StatefulSet controller still waits for it, and when no
//! set waits and every set has the Pods it asks for, the line says so.

use std::rc::Rc;

use super::cluster::shown_namespace;
use super::i18n::{Lang, Msg};
use super::narration::{self, Line, LineKind};
use super::session::Logged;
use crate::engine::objects::Kind;
use crate::engine::{Engine, ObjRef, SimEventKind};

/// How far back a warning still counts as what is happening now.
const RECENT: usize = 6;

/// The Now line, in this order: a wait the controller is still in (the
/// latest told, when several sets wait), a recent warning, the sets being
/// steady, else the latest line.
pub fn now_text(lang: Lang, engine: &Engine, events: &[Rc<Logged>], lines: &[Rc<Line>]) -> String {
    if let Some(wait) = current_wait(engine, events) {
        if let Some(l) = narration::line(lang, &wait) {
            return l.text();
        }
    }
    let recent_warning = lines
        .iter()
        .rev()
        .take(RECENT)
        .find(|l| l.kind == LineKind::Warning);
    if let Some(l) = recent_warning {
        return l.text();
    }
    if let Some(text) = steady(lang, engine) {
        return text;
    }
    lines.last().map(|l| l.text()).unwrap_or_default()
}

/// The waits the controller is in now, as the event that told each; the
/// latest told first wins.
fn current_wait(engine: &Engine, events: &[Rc<Logged>]) -> Option<Logged> {
    let waits: Vec<(ObjRef, &String, _)> = engine
        .sets
        .iter()
        .filter(|(k, _)| shown_namespace(&k.0))
        .filter_map(|(k, m)| {
            let (pod, reason) = m.last_wait.as_ref()?;
            Some((ObjRef::new(Kind::StatefulSet, &k.0, &k.1), pod, reason))
        })
        .collect();
    let told = events.iter().rev().find(|l| match &l.event.kind {
        SimEventKind::Waiting { set, pod, reason } => waits
            .iter()
            .any(|(s, p, r)| s == set && *p == pod && *r == reason),
        _ => false,
    });
    if let Some(l) = told {
        return Some((**l).clone());
    }
    // Told so long ago that the log no longer holds it.
    let (set, pod, reason) = waits.into_iter().next()?;
    Some(Logged {
        id: 0,
        event: crate::engine::SimEvent {
            at: engine.now(),
            kind: SimEventKind::Waiting {
                set,
                pod: pod.clone(),
                reason: reason.clone(),
            },
        },
    })
}

/// "web is steady: 3/3 Pods Ready, nothing is waiting" when every shown
/// StatefulSet (one at least) has exactly the Pods it asks for, all Ready,
/// and none is being deleted. Called only when no set waits.
fn steady(lang: Lang, engine: &Engine) -> Option<String> {
    let mut sets = Vec::new();
    for s in engine.store().statefulsets.iter() {
        let m = &s.metadata;
        if !shown_namespace(&m.namespace) {
            continue;
        }
        let want = s.replicas();
        let st = &s.status;
        if m.is_terminating() || st.replicas != want || st.ready_replicas != want {
            return None;
        }
        sets.push((m.name.as_str(), format!("{want}/{want}")));
    }
    match sets.as_slice() {
        [] => None,
        [(name, ready)] => Some(lang.f(Msg::NowSteady, &[name, ready])),
        many => {
            let each: Vec<String> = many.iter().map(|(n, r)| format!("{n} {r}")).collect();
            Some(lang.f(Msg::NowAllSteady, &[&each.join(", ")]))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::SimDuration;
    use crate::view_model::session::{Input, Session};

    fn now(s: &Session, lang: Lang) -> String {
        let lines = narration::lines(lang, s.events(), false, 250);
        now_text(lang, s.engine(), s.events(), &lines)
    }

    fn run(s: &mut Session, cmd: &str) {
        s.perform(Input::Run(cmd.into()));
    }

    /// The reported problem: after a scale down had finished, "Now" kept
    /// saying that web waits for web-1 to finish terminating.
    #[test]
    fn after_a_scale_down_the_set_is_steady() {
        let mut s = Session::new(1);
        s.perform(Input::File {
            path: "web.yaml".into(),
            text: crate::view_model::examples::basics().yaml.into(),
        });
        run(&mut s, "kubectl apply -f web.yaml");
        assert_eq!(
            now(&s, Lang::En),
            "web waits for web-0 to be Running and Ready before going on"
        );
        s.tick(SimDuration::secs(60));
        assert_eq!(
            now(&s, Lang::En),
            "web is steady: 3/3 Pods Ready, nothing is waiting"
        );
        run(&mut s, "kubectl scale sts web --replicas=1");
        assert_eq!(
            now(&s, Lang::En),
            "web waits for web-2 to finish terminating before scaling down further"
        );
        s.tick(SimDuration::secs(60));
        let lines = narration::lines(Lang::En, s.events(), false, 250);
        assert!(
            lines
                .iter()
                .rev()
                .take(RECENT)
                .any(|l| l.kind == LineKind::Waiting),
            "the last wait is still among the latest lines"
        );
        assert_eq!(
            now(&s, Lang::En),
            "web is steady: 1/1 Pods Ready, nothing is waiting"
        );
        assert_eq!(
            now(&s, Lang::Pt),
            "web está estável: 1/1 Pods Ready, nada está esperando"
        );
    }

    #[test]
    fn several_sets_are_steady_together() {
        let mut s = Session::new(2);
        assert_eq!(now(&s, Lang::En), "", "nothing yet");
        let web = crate::view_model::examples::basics().yaml;
        let db = web
            .replace("name: nginx\n", "name: db\n")
            .replace("app: nginx", "app: db")
            .replace("serviceName: \"nginx\"", "serviceName: \"db\"")
            .replace("name: web\nspec:", "name: pg\nspec:")
            .replace("replicas: 3", "replicas: 2");
        s.perform(Input::File {
            path: "web.yaml".into(),
            text: web.into(),
        });
        s.perform(Input::File {
            path: "db.yaml".into(),
            text: db,
        });
        run(&mut s, "kubectl apply -f web.yaml -f db.yaml");
        s.tick(SimDuration::secs(90));
        assert_eq!(
            now(&s, Lang::En),
            "Every StatefulSet is steady: pg 2/2, web 3/3; nothing is waiting"
        );
    }
}
