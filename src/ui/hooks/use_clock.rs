//! The one timer of the page: while playing, every animation frame turns
//! real elapsed time × speed into simulated milliseconds (`on_tick`). The
//! frame handle is owned here and dropped (cancelled) when playback stops,
//! the speed changes or the component goes away.

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
                next.on_tick.emit(whole as u64);
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
