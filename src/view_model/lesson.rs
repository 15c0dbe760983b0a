//! The guided-lessons slot: what a lesson can observe (the engine and the
//! console history, through the session), the shape of a lesson, and the
//! "Learn" page's built-in explanations with a demonstration for each
//! claim. Lessons themselves are data added here later.

use super::i18n::Msg;
use super::session::{Input, Session};
use crate::engine::Engine;

/// What a lesson's checks look at.
pub struct Observation<'a> {
    pub session: &'a Session,
}

impl<'a> Observation<'a> {
    pub fn engine(&self) -> &'a Engine {
        self.session.engine()
    }
    /// Every command run so far (typed or from buttons), oldest first.
    pub fn commands(&self) -> impl Iterator<Item = &'a str> + 'a {
        let s = self.session;
        s.inputs()[..s.applied()]
            .iter()
            .filter_map(|i| match &i.input {
                Input::Run(c) => Some(c.as_str()),
                Input::File { .. } => None,
            })
    }
    /// What the console printed, command by command.
    pub fn outputs(&self) -> impl Iterator<Item = &'a str> + 'a {
        self.session.transcript().iter().map(|r| r.output.as_str())
    }
}

/// One step of a lesson: what to do, and how to tell it is done.
pub struct LessonStep {
    pub en: &'static str,
    pub pt: &'static str,
    pub done: fn(&Observation) -> bool,
}

pub struct Lesson {
    pub id: &'static str,
    pub title_en: &'static str,
    pub title_pt: &'static str,
    /// The example it starts from (see `examples`), if any.
    pub example: Option<&'static str>,
    pub steps: &'static [LessonStep],
}

/// The lessons (none yet: the panel shows the explanations below).
pub const LESSONS: &[Lesson] = &[];

/// How many steps are done, in order.
pub fn progress(lesson: &Lesson, obs: &Observation) -> usize {
    lesson.steps.iter().take_while(|s| (s.done)(obs)).count()
}

/// What a "Show me" button does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Demo {
    /// Runs a console command.
    Run(&'static str),
    /// Looks a name up from the first Pod.
    Lookup(&'static str),
    /// Loads and applies an example.
    Example(&'static str),
    /// Selects an object.
    Select(&'static str),
}

pub struct Claim {
    pub text: Msg,
    pub demo: Option<Demo>,
}

pub struct Topic {
    pub title: Msg,
    pub intro: Msg,
    pub claims: &'static [Claim],
}

/// The two explanations of the Learn panel, each claim with a demonstration.
pub const TOPICS: &[Topic] = &[
    Topic {
        title: Msg::AboutSts,
        intro: Msg::AboutStsIntro,
        claims: &[
            Claim {
                text: Msg::ClaimIdentity,
                demo: Some(Demo::Run("kubectl delete pod web-0 --wait=false")),
            },
            Claim {
                text: Msg::ClaimOrder,
                demo: Some(Demo::Run("kubectl scale sts web --replicas=4")),
            },
            Claim {
                text: Msg::ClaimStorage,
                demo: Some(Demo::Run("kubectl scale sts web --replicas=1")),
            },
            Claim {
                text: Msg::ClaimScaling,
                demo: Some(Demo::Run("kubectl scale sts web --replicas=3")),
            },
            Claim {
                text: Msg::ClaimUses,
                demo: None,
            },
        ],
    },
    Topic {
        title: Msg::AboutHeadless,
        intro: Msg::AboutHeadlessIntro,
        claims: &[
            Claim {
                text: Msg::ClaimHeadlessDef,
                demo: Some(Demo::Select("svc/nginx")),
            },
            Claim {
                text: Msg::ClaimHeadlessDns,
                demo: Some(Demo::Lookup("nginx")),
            },
            Claim {
                text: Msg::ClaimHeadlessDirect,
                demo: Some(Demo::Lookup("web-0.nginx")),
            },
            Claim {
                text: Msg::ClaimHeadlessUses,
                demo: Some(Demo::Example("zookeeper")),
            },
        ],
    },
];
