//! The root: the store, the clock, persistence, the view models derived
//! once per engine revision (or per language), and the layout: three
//! columns and the console on wide screens, one panel at a time behind
//! tabs on a phone.

use std::collections::BTreeSet;
use std::rc::Rc;

use yew::prelude::*;

use super::components::*;
use super::ctx::Ctx;
use super::hooks::{boot, use_clock, use_crash_test, use_document, use_hash_links, use_persist};
use super::store::{Action, Panel, Store, Theme};
use crate::view_model::{apply_plan, cluster, dns, narration, now, timeline, Msg};

/// Narration lines kept on screen.
const LINES: usize = 250;

#[component]
pub fn App() -> Html {
    let store = use_reducer(|| Store::init(boot::read()));
    let dispatch = store.dispatcher();
    let on_tick = {
        let d = dispatch.clone();
        Callback::from(move |ms| d.dispatch(Action::Tick(ms)))
    };
    use_clock(store.playing, store.speed_factor(), on_tick);
    use_persist(&store);
    use_document(store.lang);
    use_crash_test();
    use_hash_links();

    let s = &*store;
    let lang = s.lang;
    let rev = s.session.revision();
    // The view models keep their last build (the caches below), so a
    // revision rebuilds only what changed: an unchanged Pod, record or
    // narration line keeps its `Rc`, and Yew skips the components whose
    // props are that same `Rc`.
    let cluster_cache = use_mut_ref(cluster::Cache::default);
    let records_cache = use_mut_ref(dns::Records::default);
    let lines_cache = use_mut_ref(narration::Lines::default);
    let vm: Rc<cluster::ClusterVm> = {
        let st = store.clone();
        let memo = use_memo(rev, move |_| {
            cluster_cache
                .borrow_mut()
                .build(st.session.engine(), st.session.clock())
        });
        (*memo).clone()
    };
    let names = vm.names.clone();
    let completion = {
        let vm = vm.clone();
        use_memo(names.clone(), move |_| completion_names(&vm))
    };
    let related = {
        let vm = vm.clone();
        use_memo((rev, s.selected.clone()), move |(_, sel)| match sel {
            Some(sel) => cluster::related(&vm, sel),
            None => BTreeSet::new(),
        })
    };
    // Every DNS record is derived and drawn only while the DNS panel can be
    // seen (its tab is open, in the column or on a phone): with hundreds of
    // Pods the table has hundreds of rows, which a hidden panel would
    // otherwise rebuild at every revision.
    let dns_shown = s.right == Panel::Dns || s.phone == Panel::Dns;
    let records = {
        let st = store.clone();
        use_memo((rev, lang, dns_shown), move |&(_, lang, shown)| {
            shown.then(|| Rc::new(records_cache.borrow_mut().update(lang, st.session.engine())))
        })
    };
    let why_not = {
        let st = store.clone();
        let serial = s.lookup.as_ref().map(|l| l.serial);
        use_memo((serial, lang), move |&(_, lang)| {
            st.lookup
                .as_ref()
                .map(|l| {
                    let t = &l.trace;
                    let ns = t.from_pod.split('/').next().unwrap_or("default");
                    let found = !t.resolution.answer.answers.is_empty();
                    if found {
                        Vec::new()
                    } else {
                        dns::why_not(lang, st.session.engine(), ns, &t.name)
                    }
                })
                .unwrap_or_default()
        })
    };
    let events = s.session.events();
    let last_event = events.last().map(|e| e.id);
    let lines = {
        let st = store.clone();
        use_memo(
            (last_event, events.len(), lang, s.with_status),
            move |&(_, _, lang, with)| {
                lines_cache
                    .borrow_mut()
                    .update(lang, st.session.events(), with, LINES)
            },
        )
    };
    let now = {
        let st = store.clone();
        let lines = lines.clone();
        use_memo((rev, lang, lines), move |(_, lang, lines)| {
            let s = &st.session;
            AttrValue::from(now::now_text(*lang, s.engine(), s.events(), lines))
        })
    };
    let horizon = s.session.horizon().as_ms();
    let marks = {
        let st = store.clone();
        let bucket = horizon / 1000;
        use_memo((last_event, s.session.inputs().len(), bucket), move |_| {
            let h = st.session.horizon().as_ms();
            timeline::marks(st.session.events(), st.session.inputs(), h)
        })
    };
    let plan = {
        let st = store.clone();
        use_memo(
            (s.diff_open, rev, s.editor.text.clone()),
            move |(open, _, text)| {
                open.then(|| {
                    apply_plan::plan(
                        st.session.engine(),
                        text,
                        &st.editor.file,
                        st.session.console().namespace(),
                    )
                })
            },
        )
    };

    let ctx = Ctx {
        dispatch: dispatch.clone(),
        lang,
        selected: s.selected.clone(),
        related,
    };
    let theme = match s.theme {
        Theme::Auto => None,
        Theme::Light => Some("theme-light"),
        Theme::Dark => Some("theme-dark"),
    };
    let panel = |p: Panel, wide_active: bool| {
        classes!(
            "panel",
            wide_active.then_some("is-col-active"),
            (s.phone == p).then_some("is-phone-active")
        )
    };
    let t = |m: Msg| lang.t(m);
    // Following the link only scrolls; the prompt should also get the focus.
    let skip = {
        let d = dispatch.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            d.dispatch(Action::ShowPanel(Panel::Console));
            focus_by_id("console-input");
        })
    };
    let transcript = Transcript(s.session.transcript_rc());

    html! {
        <ContextProvider<Ctx> context={ctx}>
            <div class={classes!("app", theme, s.present.then_some("is-present"), s.tutor.is_some().then_some("has-lesson"))}>
                <a class="skip-link" href="#console-input" onclick={skip}>{ t(Msg::SkipToConsole) }</a>
                <Header theme={s.theme} present={s.present} share={s.share.clone()} seed={s.session.seed()} />
                <TimeBar clock={s.session.clock().as_ms()} horizon={horizon} playing={s.playing}
                    speed={s.speed} marks={marks} />
                <Notices notices={s.notices.clone()} />
                <PhoneTabs active={s.phone} />
                <div class="layout">
                    <section class="col col--left">
                        <ColumnTabs tabs={vec![Panel::Editor, Panel::Learn]} active={s.left} />
                        <div id="panel-editor" class={panel(Panel::Editor, s.left == Panel::Editor)}
                            role="tabpanel" aria-label={t(Msg::PanelEditor)}>
                            <EditorPanel editor={Rc::new(s.editor.clone())} example={s.example}
                                plan={plan} diff_open={s.diff_open} />
                        </div>
                        <div id="panel-learn" class={panel(Panel::Learn, s.left == Panel::Learn)}
                            role="tabpanel" aria-label={t(Msg::PanelLessons)}>
                            <LearnPanel tutor={s.tutor.clone()} done={s.lesson_done.clone()} />
                        </div>
                    </section>
                    <section id="panel-cluster" class={classes!("col", "col--center", panel(Panel::Cluster, true))}
                        aria-label={t(Msg::PanelCluster)}>
                        <ClusterPanel vm={vm.clone()} view={s.cluster_view} clock={s.session.clock().as_ms()} />
                        <ActionsBar vm={vm.clone()} />
                    </section>
                    <section class="col col--right">
                        <ColumnTabs tabs={vec![Panel::Events, Panel::Dns]} active={s.right} />
                        <div id="panel-events" class={panel(Panel::Events, s.right == Panel::Events)}
                            role="tabpanel" aria-label={t(Msg::PanelEvents)}>
                            <EventsPanel lines={lines} now={(*now).clone()} with_status={s.with_status} />
                        </div>
                        <div id="panel-dns" class={panel(Panel::Dns, s.right == Panel::Dns)}
                            role="tabpanel" aria-label={t(Msg::PanelDns)}>
                            <DnsPanel records={(*records).clone()} lookup={s.lookup.clone()} pods={vm.pod_names.clone()}
                                why_not={why_not} />
                        </div>
                    </section>
                    <section id="panel-console" class={classes!("col", "col--console", panel(Panel::Console, true))}
                        aria-label={t(Msg::PanelConsole)}>
                        <ConsolePanel transcript={transcript} names={names} completion={completion}
                            cleared_from={s.cleared_from} history={s.history.clone()} fill={s.fill.clone()}
                            prompt={AttrValue::from(s.session.prompt())} secret={s.session.reads_secret()} />
                    </section>
                </div>
            </div>
        </ContextProvider<Ctx>>
    }
}

fn focus_by_id(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = gloo::utils::document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// The console entries, compared by their identity (not their text).
#[derive(Clone, Debug)]
pub struct Transcript(pub Rc<Vec<Rc<crate::view_model::session::Ran>>>);

impl PartialEq for Transcript {
    fn eq(&self, other: &Self) -> bool {
        self.0.len() == other.0.len()
            && self.0.last().map(|r| r.key) == other.0.last().map(|r| r.key)
            && self.0.first().map(|r| r.key) == other.0.first().map(|r| r.key)
    }
}
