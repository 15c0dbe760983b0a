//! The page's one store: the scenario session (console + cluster + time
//! travel), the editor, playback, selection and the small UI settings.
//! `reduce` is pure — no storage, timers or clock reads — and returns the
//! same `Rc` when an action changes nothing, so Yew skips the render.
//! A guided lesson is a `Tutor` beside the session: after every action
//! that changed the cluster it judges the current step.

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::prelude::*;

use crate::console::{DnsTrace, Request};
use crate::engine::dns::QType;
use crate::engine::{SimDuration, SimTime};
use crate::view_model::clock;
use crate::view_model::editor::EditorState;
use crate::view_model::examples::{self, Pick};
use crate::view_model::lesson::{first_manifest, Tutor};
use crate::view_model::scenario::{LinkError, Scenario};
use crate::view_model::session::Discarded;
use crate::view_model::{Input, Lang, Msg, Session};

/// Playback speeds offered (simulated seconds per real second).
pub const SPEEDS: &[f64] = &[0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0];
const DEFAULT_SPEED: usize = 2;
const MAX_HISTORY: usize = 200;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    Editor,
    Learn,
    Cluster,
    Console,
    Events,
    Dns,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    pub fn next(self) -> Theme {
        match self {
            Theme::Auto => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Auto,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
    pub fn parse(s: &str) -> Theme {
        match s {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::Auto,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClusterView {
    Sets,
    Nodes,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub id: u64,
    pub msg: Msg,
    pub args: Vec<String>,
    pub warn: bool,
}

/// A DNS lookup to show (from the lookup box or a console command).
#[derive(Clone, Debug, PartialEq)]
pub struct Lookup {
    pub serial: u64,
    pub trace: DnsTrace,
    /// The console command that asks the same, for a lookup from the box
    /// (a console lookup shows the command that made it).
    pub command: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SharePack {
    /// The `#s=` payload, or the payload's length when it is too long.
    pub link: Result<AttrValue, usize>,
    pub json: AttrValue,
}

/// What the page found when it started (read by `hooks::boot`).
#[derive(Clone, Debug, Default)]
pub struct Boot {
    pub lang: Option<Lang>,
    pub theme: Theme,
    pub present: bool,
    pub speed: Option<usize>,
    pub scenario: Option<Scenario>,
    pub editor: Option<String>,
    pub history: Vec<String>,
    pub notices: Vec<(Msg, Vec<String>, bool)>,
    /// A scenario from a share link (wins over the saved one).
    pub from_link: bool,
    /// A workshop link: open this lesson at this step (1-based) and seed.
    pub lesson_link: Option<crate::lessons::Link>,
    /// The lesson in progress when the page was left.
    pub tutor: Option<Tutor>,
    /// Steps done, per lesson.
    pub lesson_done: BTreeMap<String, Vec<bool>>,
}

#[derive(Clone, Debug)]
pub struct Store {
    pub session: Session,
    pub editor: EditorState,
    pub example: Pick,
    pub playing: bool,
    pub speed: usize,
    pub selected: Option<AttrValue>,
    pub cluster_view: ClusterView,
    pub lang: Lang,
    pub theme: Theme,
    pub present: bool,
    pub left: Panel,
    pub right: Panel,
    pub phone: Panel,
    /// Typed and button commands, oldest first (↑/↓ in the console).
    pub history: Rc<Vec<String>>,
    /// Text the console input should take (serial, text): `Open a shell`.
    pub fill: Option<(u64, AttrValue)>,
    /// Console entries from this input index on are shown (Clear).
    pub cleared_from: usize,
    pub lookup: Option<Rc<Lookup>>,
    pub notices: Rc<Vec<Notice>>,
    pub with_status: bool,
    /// "What Apply will change" is open (the plan is computed only then).
    pub diff_open: bool,
    /// The share panel, once opened: the link (or its too-long length) and
    /// the scenario as a file.
    pub share: Option<Rc<SharePack>>,
    /// Changes when the scenario (inputs, seed) changes: the save key.
    pub scenario_rev: u64,
    /// The guided lesson in progress, if any.
    pub tutor: Option<Rc<Tutor>>,
    /// Steps done, per lesson (the lesson list's overview; saved).
    pub lesson_done: Rc<BTreeMap<String, Vec<bool>>>,
    serial: u64,
}

pub enum Action {
    /// Simulated milliseconds passed while playing.
    Tick(u64),
    SetPlaying(bool),
    Step,
    SetSpeed(usize),
    Seek(u64),
    /// A tenth of a second forward or back, stopping at every moment
    /// something happened (the timeline's arrow keys).
    Nudge(bool),
    GoLive,
    Edit(String),
    Undo,
    Redo,
    SelectExample(Pick),
    LoadExample(Pick),
    ApplyEditor,
    /// Runs a command in the console (typed, or from a button).
    Run(String),
    FillConsole(String),
    ClearConsole,
    Select(Option<String>),
    SetClusterView(ClusterView),
    ShowPanel(Panel),
    SetLang(Lang),
    CycleTheme,
    TogglePresent,
    ToggleStatusLines,
    ToggleDiff,
    LookUp {
        pod: String,
        name: String,
        qtype: QType,
    },
    Notify(Msg, Vec<String>, bool),
    Dismiss(u64),
    /// Replaces the scenario (import): `notice` says where it came from.
    Load(Box<Scenario>, Msg, Vec<String>),
    Reset,
    OpenShare,
    CloseShare,
    /// Opens a lesson at a step (0-based) on a fresh cluster with `seed`.
    OpenLesson {
        id: String,
        step: usize,
        seed: u64,
    },
    /// Back to the list of lessons (the cluster stays as it is).
    CloseLesson,
    /// Forgets the steps done in a lesson.
    ForgetLesson(String),
    /// Runs the current lesson's "try this" experiment number `n`.
    TryExperiment(usize),
    /// Goes back to the moment before the experiment and forgets it.
    UndoExperiment,
}

impl Store {
    pub fn init(boot: Boot) -> Store {
        let mut notices = Vec::new();
        let mut serial = 0;
        for (msg, args, warn) in boot.notices {
            serial += 1;
            notices.push(Notice {
                id: serial,
                msg,
                args,
                warn,
            });
        }
        let basics = examples::basics();
        let lang = boot.lang.unwrap_or_default();
        let mut tutor = None;
        let mut left = Panel::Editor;
        let mut phone = Panel::Cluster;
        let mut editor_file = basics.file.to_string();
        let (session, editor_text, playing) = match (boot.lesson_link, boot.scenario) {
            (Some(link), _) => {
                let lesson = crate::lessons::find(&link.lesson).expect("links are checked");
                let (session, t) = Tutor::open(lesson, link.seed, link.step - 1, lang);
                tutor = Some(Rc::new(t));
                left = Panel::Learn;
                phone = Panel::Learn;
                let text = match first_manifest(lesson) {
                    Some((file, text)) => {
                        editor_file = file;
                        text
                    }
                    None => basics.yaml.to_string(),
                };
                (session, text, true)
            }
            (None, Some(sc)) => {
                let text = sc
                    .editor
                    .clone()
                    .or(boot.editor)
                    .unwrap_or_else(|| basics.yaml.to_string());
                let session = Session::replay(sc.seed, sc.inputs, SimTime(sc.now));
                // The lesson in progress, if the session is that lesson's.
                let lesson_id = session.inputs().iter().find_map(|i| match &i.input {
                    Input::Lesson { id } => Some(id.clone()),
                    _ => None,
                });
                if let Some(mut t) = boot.tutor.filter(|t| {
                    Some(&t.progress.lesson) == lesson_id.as_ref()
                        && t.lesson()
                            .is_some_and(|l| l.steps.len() == t.progress.done.len())
                }) {
                    t.judge(&session);
                    tutor = Some(Rc::new(t));
                    left = Panel::Learn;
                }
                // A restored or shared moment is shown as it was, paused.
                (session, text, false)
            }
            (None, None) => {
                let text = boot.editor.unwrap_or_else(|| basics.yaml.to_string());
                let mut s = Session::new(1);
                s.perform(Input::File {
                    path: basics.file.into(),
                    text: basics.yaml.into(),
                });
                s.perform(Input::Run(format!("kubectl apply -f {}", basics.file)));
                (s, text, true)
            }
        };
        Store {
            session,
            editor: EditorState::new(&editor_text, &editor_file),
            example: Pick::Builtin(basics),
            playing,
            speed: boot
                .speed
                .filter(|&s| s < SPEEDS.len())
                .unwrap_or(DEFAULT_SPEED),
            selected: None,
            cluster_view: ClusterView::Sets,
            lang,
            theme: boot.theme,
            present: boot.present,
            left,
            right: Panel::Events,
            phone,
            history: Rc::new(boot.history),
            fill: None,
            cleared_from: 0,
            lookup: None,
            notices: Rc::new(notices),
            with_status: false,
            diff_open: false,
            share: None,
            scenario_rev: 1,
            tutor,
            lesson_done: Rc::new(boot.lesson_done),
            serial,
        }
    }

    pub fn speed_factor(&self) -> f64 {
        SPEEDS[self.speed]
    }

    /// The scenario as saved and shared.
    pub fn scenario(&self) -> Scenario {
        let mut sc = self.session.scenario();
        sc.editor = Some(self.editor.text.to_string());
        sc
    }

    fn next_serial(&mut self) -> u64 {
        self.serial += 1;
        self.serial
    }

    fn notify(&mut self, msg: Msg, args: Vec<String>, warn: bool) {
        let id = self.next_serial();
        let list = Rc::make_mut(&mut self.notices);
        list.retain(|n| n.msg != msg);
        list.push(Notice {
            id,
            msg,
            args,
            warn,
        });
        if list.len() > 4 {
            list.remove(0);
        }
    }

    fn remember(&mut self, cmd: &str) {
        let cmd = cmd.trim_end();
        if cmd.is_empty() || self.history.last().is_some_and(|l| l == cmd) {
            return;
        }
        let h = Rc::make_mut(&mut self.history);
        h.push(cmd.to_string());
        if h.len() > MAX_HISTORY {
            h.remove(0);
        }
    }

    fn perform(&mut self, input: Input) {
        let p = self.session.perform(input);
        self.scenario_rev += 1;
        self.share = None;
        if let Some(d) = p.discarded {
            self.tell_discarded(d);
        }
        // busybox's nslookup also asks for the answer's PTR record: show
        // the question the user asked, not that reverse lookup.
        let mut traces = p.traces;
        let asked = traces
            .iter()
            .rposition(|t| t.qtype != QType::Ptr)
            .or(traces.len().checked_sub(1));
        if let Some(t) = asked.map(|i| traces.swap_remove(i)) {
            let serial = self.next_serial();
            self.lookup = Some(Rc::new(Lookup {
                serial,
                trace: t,
                command: None,
            }));
            // The lookup's travel is shown beside the console.
            self.right = Panel::Dns;
        }
        for r in p.requests {
            match r {
                Request::Edit { name, yaml, .. } => {
                    self.editor.replace(&yaml, Some(&format!("{name}.yaml")));
                    self.left = Panel::Editor;
                    self.phone = Panel::Editor;
                }
            }
        }
        if let Some(msg) = self.session.engine().overloaded() {
            let msg = msg.to_string();
            self.notify(Msg::Overloaded, vec![msg], true);
            self.playing = false;
        }
    }

    /// Acting while rewound replaces the recorded future: say what went,
    /// since the clock may have been moved back without a thought to it.
    fn tell_discarded(&mut self, d: Discarded) {
        const KINDS: [Msg; 3] = [
            Msg::FutureDiscarded,
            Msg::FutureDiscardedOne,
            Msg::FutureDiscardedMany,
        ];
        Rc::make_mut(&mut self.notices).retain(|n| !KINDS.contains(&n.msg));
        let msg = match d.commands {
            0 => Msg::FutureDiscarded,
            1 => Msg::FutureDiscardedOne,
            _ => Msg::FutureDiscardedMany,
        };
        let args = vec![
            clock::exact_clock_text(d.at.as_ms()),
            clock::span_text(d.span.as_ms()),
            d.commands.to_string(),
        ];
        self.notify(msg, args, true);
    }

    fn run(&mut self, cmd: String) {
        // A password typed at a prompt stays out of the history.
        if !self.session.reads_secret() {
            self.remember(&cmd);
        }
        self.perform(Input::Run(cmd));
    }

    /// Judges the lesson's current step after the cluster changed.
    fn observe_lesson(&mut self) {
        let Some(t) = &self.tutor else { return };
        let mut t = (**t).clone();
        t.just_done = None;
        if t.observe(&self.session) || t.just_done.is_some() {
            let done = t.progress.done.clone();
            Rc::make_mut(&mut self.lesson_done).insert(t.progress.lesson.clone(), done);
        }
        if Some(&t) != self.tutor.as_deref() {
            self.tutor = Some(Rc::new(t));
        }
    }

    fn open_lesson(&mut self, id: &str, step: usize, seed: u64) {
        let Some(lesson) = crate::lessons::find(id) else {
            return;
        };
        let (session, t) = Tutor::open(lesson, seed, step, self.lang);
        self.session = session;
        if let Some((file, text)) = first_manifest(lesson) {
            self.editor.replace(&text, Some(&file));
        }
        Rc::make_mut(&mut self.lesson_done).insert(lesson.id.clone(), t.progress.done.clone());
        self.tutor = Some(Rc::new(t));
        self.scenario_rev += 1;
        self.cleared_from = 0;
        self.selected = None;
        self.lookup = None;
        self.share = None;
        self.playing = true;
        self.left = Panel::Learn;
        self.phone = Panel::Learn;
    }

    fn apply_editor(&mut self) {
        let file = self.editor.file.to_string();
        self.perform(Input::File {
            path: file.clone(),
            text: self.editor.text.to_string(),
        });
        self.run(format!("kubectl apply -f {file}"));
    }
}

impl Reducible for Store {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        // Actions that may change nothing answer with the same Rc.
        match &action {
            Action::Tick(0) => return self,
            Action::SetPlaying(p) if *p == self.playing => return self,
            Action::Edit(t) if *t == *self.editor.text => return self,
            Action::Undo if !self.editor.can_undo() => return self,
            Action::Redo if !self.editor.can_redo() => return self,
            Action::Select(s) if s.as_deref() == self.selected.as_deref() && s.is_none() => {
                return self
            }
            Action::SetLang(l) if *l == self.lang => return self,
            _ => {}
        }
        let mut s = (*self).clone();
        let rev = self.session.revision();
        match action {
            Action::Tick(ms) => {
                s.session.tick(SimDuration::ms(ms));
                if let Some(msg) = s.session.engine().overloaded() {
                    let msg = msg.to_string();
                    s.notify(Msg::Overloaded, vec![msg], true);
                    s.playing = false;
                }
            }
            Action::SetPlaying(p) => s.playing = p,
            Action::Step => {
                s.playing = false;
                s.session.step_event();
            }
            Action::SetSpeed(i) => s.speed = i.min(SPEEDS.len() - 1),
            Action::Seek(ms) => {
                s.session.seek(SimTime(ms.min(s.session.horizon().as_ms())));
            }
            Action::Nudge(forward) => s.session.nudge(forward),
            Action::GoLive => {
                let h = s.session.horizon();
                s.session.seek(h);
            }
            Action::Edit(t) => {
                s.editor.edit(&t);
            }
            Action::Undo => {
                s.editor.undo();
            }
            Action::Redo => {
                s.editor.redo();
            }
            Action::SelectExample(id) => s.example = id,
            Action::LoadExample(ex) => {
                s.example = ex;
                s.editor.replace(ex.yaml(), Some(&ex.file()));
            }
            Action::ApplyEditor => s.apply_editor(),
            Action::Run(cmd) => s.run(cmd),
            Action::FillConsole(text) => {
                let serial = s.next_serial();
                s.fill = Some((serial, text.into()));
                s.phone = Panel::Console;
            }
            Action::ClearConsole => s.cleared_from = s.session.applied(),
            Action::Select(sel) => {
                s.selected = match sel {
                    Some(id) if s.selected.as_deref() != Some(id.as_str()) => Some(id.into()),
                    _ => None,
                }
            }
            Action::SetClusterView(v) => s.cluster_view = v,
            Action::ShowPanel(p) => {
                match p {
                    Panel::Editor | Panel::Learn => s.left = p,
                    Panel::Events | Panel::Dns => s.right = p,
                    Panel::Cluster | Panel::Console => {}
                }
                s.phone = p;
            }
            Action::SetLang(l) => s.lang = l,
            Action::CycleTheme => s.theme = s.theme.next(),
            Action::TogglePresent => s.present = !s.present,
            Action::ToggleStatusLines => s.with_status = !s.with_status,
            Action::ToggleDiff => s.diff_open = !s.diff_open,
            Action::LookUp { pod, name, qtype } => {
                let (trace, command) =
                    crate::view_model::dns::ask(s.session.engine(), &pod, &name, qtype);
                let serial = s.next_serial();
                s.lookup = Some(Rc::new(Lookup {
                    serial,
                    trace,
                    command: Some(command),
                }));
                s.right = Panel::Dns;
                s.phone = Panel::Dns;
            }
            Action::Notify(m, args, warn) => s.notify(m, args, warn),
            Action::Dismiss(id) => Rc::make_mut(&mut s.notices).retain(|n| n.id != id),
            Action::Load(sc, msg, args) => {
                let sc = *sc;
                if let Some(t) = &sc.editor {
                    s.editor.replace(t, None);
                }
                s.session = Session::replay(sc.seed, sc.inputs, SimTime(sc.now));
                s.tutor = None;
                s.scenario_rev += 1;
                s.cleared_from = 0;
                s.selected = None;
                s.lookup = None;
                s.playing = false;
                s.notify(msg, args, false);
            }
            Action::Reset => {
                s.tutor = None;
                s.session = Session::new(s.session.seed());
                s.scenario_rev += 1;
                s.cleared_from = 0;
                s.selected = None;
                s.lookup = None;
            }
            Action::OpenShare => {
                let sc = s.scenario();
                let link = match sc.to_link() {
                    Ok(l) => Ok(AttrValue::from(l)),
                    Err(LinkError::TooLong(n)) => Err(n),
                    Err(LinkError::Damaged(_)) => Err(0),
                };
                s.share = Some(Rc::new(SharePack {
                    link,
                    json: sc.to_json().into(),
                }));
            }
            Action::CloseShare => s.share = None,
            Action::OpenLesson { id, step, seed } => s.open_lesson(&id, step, seed),
            Action::CloseLesson => s.tutor = None,
            Action::ForgetLesson(id) => {
                Rc::make_mut(&mut s.lesson_done).remove(&id);
            }
            Action::TryExperiment(n) => {
                let run = s
                    .tutor
                    .as_ref()
                    .and_then(|t| t.lesson())
                    .and_then(|l| l.experiments.get(n))
                    .map(|x| x.run.trim_end().to_string());
                if let (Some(run), Some(t)) = (run, s.tutor.as_mut()) {
                    let before = (s.session.clock().as_ms(), s.session.inputs().len());
                    let t = Rc::make_mut(t);
                    t.tried = Some((n, before.0, before.1));
                    s.run(run);
                }
            }
            Action::UndoExperiment => {
                if let Some(t) = s.tutor.as_mut() {
                    if let Some((_, at, inputs)) = Rc::make_mut(t).tried.take() {
                        s.session.rewind_to_input(inputs, SimTime(at));
                        s.scenario_rev += 1;
                        s.lookup = None;
                    }
                }
            }
        }
        if s.tutor.is_some() && s.session.revision() != rev {
            s.observe_lesson();
        }
        Rc::new(s)
    }
}
