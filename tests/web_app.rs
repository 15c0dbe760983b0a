//! Component tests in headless Chromium: the store's reducer (the example
//! applies and Pods appear; stepping and rewinding equal playing straight),
//! the main components render, and every text exists in both languages.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use ordinal::engine::kubelet::pod_columns;
use ordinal::ui::store::{Action, Boot, Store};
use ordinal::ui::App;
use ordinal::view_model::{Lang, Msg};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::Element;
use yew::Reducible;

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_root() -> Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

fn reduce(s: Rc<Store>, a: Action) -> Rc<Store> {
    s.reduce(a)
}

/// Pods with their kubectl columns, IP and node: what the page shows.
fn pods(s: &Store) -> Vec<String> {
    let e = s.session.engine();
    e.store()
        .pods
        .in_namespace("default")
        .map(|p| {
            let c = pod_columns(p, e.now());
            format!(
                "{} {} {} {} {}",
                p.metadata.name, c.status, c.ready, p.status.pod_ip, p.spec.node_name
            )
        })
        .collect()
}

#[wasm_bindgen_test]
fn store_applies_the_example_and_pods_appear_in_order() {
    let mut s = Rc::new(Store::init(Boot::default()));
    assert!(s.playing, "the example runs when the page appears");
    assert!(s
        .session
        .engine()
        .store()
        .pods
        .get("default", "web-0")
        .is_some());
    assert!(s
        .session
        .engine()
        .store()
        .pods
        .get("default", "web-1")
        .is_none());
    for _ in 0..400 {
        s = reduce(s, Action::Tick(250));
        let st = s.session.engine().store();
        if st.pods.get("default", "web-1").is_some() {
            assert!(st
                .pods
                .get("default", "web-0")
                .unwrap()
                .is_running_and_ready());
            return;
        }
    }
    panic!("web-1 never appeared");
}

#[wasm_bindgen_test]
fn step_and_rewind_equal_playing_straight() {
    let mut s = Rc::new(Store::init(Boot::default()));
    for _ in 0..120 {
        s = reduce(s, Action::Tick(500));
    }
    s = reduce(s, Action::Run("kubectl scale sts web --replicas=3".into()));
    for _ in 0..120 {
        s = reduce(s, Action::Tick(500));
    }
    let end = s.session.clock().as_ms();
    let want = pods(&s);
    assert!(want.len() == 3, "{want:?}");

    // Rewind to the start, then step event by event back to the end.
    let mut r = reduce(s.clone(), Action::Seek(0));
    assert_eq!(r.session.clock().as_ms(), 0);
    while r.session.clock().as_ms() < end {
        let before = r.session.clock();
        r = reduce(r, Action::Step);
        if r.session.clock() == before {
            break;
        }
    }
    r = reduce(r, Action::Seek(end));
    assert_eq!(pods(&r), want);

    // Scrubbing to the middle and back to the end.
    let mid = reduce(s.clone(), Action::Seek(end / 2));
    let back = reduce(mid, Action::GoLive);
    assert_eq!(pods(&back), want);
}

#[wasm_bindgen_test]
fn reducer_returns_the_same_rc_when_nothing_changes() {
    let s = Rc::new(Store::init(Boot::default()));
    let same = reduce(s.clone(), Action::Tick(0));
    assert!(Rc::ptr_eq(&s, &same));
    let same = reduce(s.clone(), Action::SetPlaying(true));
    assert!(Rc::ptr_eq(&s, &same));
    let text = s.editor.text.to_string();
    let same = reduce(s.clone(), Action::Edit(text));
    assert!(Rc::ptr_eq(&s, &same));
}

#[wasm_bindgen_test]
fn every_text_exists_in_both_languages() {
    for &m in Msg::ALL {
        for lang in [Lang::En, Lang::Pt] {
            assert!(!lang.t(m).trim().is_empty(), "{m:?} is empty in {lang:?}");
        }
    }
}

#[wasm_bindgen_test]
async fn main_components_render() {
    gloo::utils::window()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear()
        .unwrap();
    let root = fresh_root();
    yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    let q = |sel: &str| root.query_selector(sel).unwrap();
    assert!(q(".topbar h1").is_some());
    assert!(q(".timebar button.play").is_some());
    assert!(q("#manifest").is_some(), "editor");
    assert!(q(".slot[data-pod='web-0']").is_some(), "the first slot");
    assert!(
        q(".slot[data-pod='web-1']").is_some(),
        "the second slot, not created yet"
    );
    assert!(q(".service.is-headless").is_some(), "the headless Service");
    assert!(q("#console-input").is_some(), "the console prompt");
    let out = q(".console__out")
        .unwrap()
        .text_content()
        .unwrap_or_default();
    assert!(out.contains("kubectl apply -f web.yaml"), "{out}");
    assert!(q(".events__list .event").is_some(), "narration");
    assert!(q(".tabs--phone").is_some(), "phone tabs");
    assert!(q("#panel-dns .lookup").is_some(), "DNS lookup");
}

#[wasm_bindgen_test]
fn a_lesson_in_the_store_turns_its_steps_green() {
    let s = Rc::new(Store::init(Boot::default()));
    let mut s = reduce(
        s,
        Action::OpenLesson {
            id: "identity".into(),
            step: 0,
            seed: 3,
        },
    );
    let t = s.tutor.clone().expect("the lesson is open");
    assert_eq!(t.progress.step, 0);
    assert!(t.verdict.as_ref().is_some_and(|v| !v.passed));
    assert!(
        s.editor.text.contains("replicas: 2"),
        "the lesson's manifest"
    );
    // Step 1 from the editor, then time passes.
    s = reduce(s, Action::ApplyEditor);
    for _ in 0..300 {
        s = reduce(s, Action::Tick(500));
        if s.tutor.as_ref().unwrap().progress.step > 0 {
            break;
        }
    }
    let t = s.tutor.clone().unwrap();
    assert_eq!(t.progress.step, 1, "{:?}", t.verdict);
    assert_eq!(t.just_done, Some(0));
    assert!(s.lesson_done.get("identity").unwrap()[0]);
    // A "try this" experiment is undone by going back before it.
    let before = s.session.inputs().len();
    if !t.lesson().unwrap().experiments.is_empty() {
        s = reduce(s, Action::TryExperiment(0));
        assert!(s.session.inputs().len() > before);
        s = reduce(s, Action::UndoExperiment);
        assert_eq!(s.session.inputs().len(), before);
    }
    s = reduce(s, Action::CloseLesson);
    assert!(s.tutor.is_none());
}
