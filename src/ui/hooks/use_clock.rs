//! The one timer of the page: while playing, every animation frame turns
//! real elapsed time × speed into simulated milliseconds (`on_tick`). The
//! frame handle is owned here and dropped (cancelled) when playback stops,
//! the speed changes or the component goes away.
//!
//! With `?perf` in the address it also measures how long each tick takes
//! (the reducer, the render and the effects all run inside `emit`) and
//! writes the mean and worst of the last 120 frames to `<body>` as
//! `data-frame-mean` / `data-frame-max` (milliseconds), for tests.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::render::{request_animation_frame, AnimationFrame};
use yew::prelude::*;

/// Real milliseconds one frame may count at most (a hidden tab comes back
/// without a jump).
const MAX_FRAME_MS: f64 = 250.0;

type Slot = Rc<RefCell<Option<AnimationFrame>>>;

struct Loop {
    slot: Slot,
    perf: Option<RefCell<Vec<f64>>>,
    last: Cell<Option<f64>>,
    carry: Cell<f64>,
    speed: f64,
    on_tick: Callback<u64>,
}

fn schedule(l: Rc<Loop>) {
    let next = l.clone();
    let handle = request_animation_frame(move |ts| {
        if let Some(prev) = next.last.get() {
            let real = (ts - prev).clamp(0.0, MAX_FRAME_MS);
            let sim = real * next.speed + next.carry.get();
            let whole = sim.floor();
            next.carry.set(sim - whole);
            if whole >= 1.0 {
                match &next.perf {
                    Some(samples) => {
                        let t0 = now_ms();
                        next.on_tick.emit(whole as u64);
                        record(samples, now_ms() - t0);
                    }
                    None => next.on_tick.emit(whole as u64),
                }
            }
        }
        next.last.set(Some(ts));
        // Still wanted (the effect's cleanup empties the slot)?
        if next.slot.borrow().is_some() {
            schedule(next);
        }
    });
    *l.slot.borrow_mut() = Some(handle);
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

fn record(samples: &RefCell<Vec<f64>>, ms: f64) {
    let mut s = samples.borrow_mut();
    s.push(ms);
    if s.len() >= 120 {
        let mean = s.iter().sum::<f64>() / s.len() as f64;
        let max = s.iter().cloned().fold(0.0, f64::max);
        if let Some(body) = gloo::utils::document().body() {
            let _ = body.set_attribute("data-frame-mean", &format!("{mean:.2}"));
            let _ = body.set_attribute("data-frame-max", &format!("{max:.2}"));
        }
        s.clear();
    }
}

fn perf_wanted() -> bool {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|s| s.contains("perf"))
}

#[hook]
pub fn use_clock(playing: bool, speed: f64, on_tick: Callback<u64>) {
    // The callback changes every render; the loop reads the latest one.
    let latest = use_mut_ref(|| on_tick.clone());
    *latest.borrow_mut() = on_tick;
    use_effect_with((playing, speed.to_bits()), move |&(playing, bits)| {
        let slot: Slot = Rc::default();
        if playing {
            let latest = latest.clone();
            let l = Rc::new(Loop {
                slot: slot.clone(),
                perf: perf_wanted().then(|| RefCell::new(Vec::new())),
                last: Cell::new(None),
                carry: Cell::new(0.0),
                speed: f64::from_bits(bits),
                on_tick: Callback::from(move |ms| latest.borrow().emit(ms)),
            });
            schedule(l);
        }
        move || {
            // Dropping the handle cancels the pending frame and ends the loop.
            slot.borrow_mut().take();
        }
    });
}
