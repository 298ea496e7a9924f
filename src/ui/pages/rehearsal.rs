//! Rehearsals: the next page a child is likely to open is built while the device is idle,
//! off-stage, and dropped. The browser compiles the app's `.wasm` a function at a time on
//! each function's first call, so without a rehearsal the first visit to a page pays for
//! compiling the code only that page runs (about half of a tap's time at 4x CPU,
//! `make bench`). A rehearsal shows, focuses, announces, reads aloud and stores nothing,
//! leaves the page's language as it is, takes no lock, runs once per page load, and stops
//! when the calling page is gone. Each built view leaves a User Timing measure.

use super::home_page::LearnerHome;
use super::practice_page::PracticeFlow;
use crate::platform::{after_paint, clock};
use crate::ui::components::MotivationPanel;
use crate::ui::practice::{Practice, Screen};
use crate::ui::state::AppContext;
use leptos::prelude::*;
use leptos::tachys::view::{Mountable, Render};
use std::sync::atomic::{AtomicBool, Ordering};
use waypoint_core::Lang;
use waypoint_core::learner::Learner;

/// Whether this page load has rehearsed a learner's home, and their practice screen.
static HOME_REHEARSED: AtomicBool = AtomicBool::new(false);
static PRACTICE_REHEARSED: AtomicBool = AtomicBool::new(false);
/// Whether this page load has rehearsed an answer.
static ANSWER_REHEARSED: AtomicBool = AtomicBool::new(false);

/// One step of a rehearsal, run at its own idle moment.
type Step = Box<dyn FnOnce()>;

/// Rehearses a learner's home from the start screen (the first card is the likeliest tap):
/// the home, then its progress panel at the next idle moment.
pub fn home(learner: Learner) {
    let Some(owner) = first_of_this_load(&HOME_REHEARSED) else { return };
    let panel_owner = owner.clone();
    let id = learner.id.clone();
    let steps: Vec<Step> = vec![
        Box::new(move || offstage(&owner, clock::HOME_REHEARSAL_MEASURE, || view! { <LearnerHome learner=Signal::stored(Some(learner)) rehearsal=true /> }.into_any())),
        Box::new(move || offstage(&panel_owner, clock::HOME_REHEARSAL_MEASURE, || view! { <MotivationPanel id=id /> }.into_any())),
    ];
    one_per_idle_moment(steps);
}

/// Rehearses a learner's practice screen from their home (the way in most taken): what is
/// stored is read once; the choice board is built from it; then the same with a first
/// item on it, as "Start" would show it (`Practice::rehearse_item`, in that view only).
pub fn practice(learner: Learner) {
    let Some(owner) = first_of_this_load(&PRACTICE_REHEARSED) else { return };
    let app = AppContext::expect();
    // Owns the rehearsal's practice for all the steps (cleaned up with the calling page).
    let holder = owner.child();
    let practice = StoredValue::new_local(None::<Practice>);
    let name = learner.name.as_str().to_string();
    let flow = move |owner: &Owner| {
        let name = name.clone();
        if let Some(practice) = practice.try_get_value().flatten() {
            offstage(owner, clock::PRACTICE_REHEARSAL_MEASURE, || view! { <PracticeFlow practice=practice name=name rehearsal=true /> }.into_any());
        }
    };
    let (board_owner, item_owner) = (owner.clone(), owner);
    let item_flow = flow.clone();
    let reader = holder.clone();
    let steps: Vec<Step> = vec![
        // The home's own first idle moment (its progress panel) comes first.
        Box::new(|| {}),
        Box::new(move || {
            let read = reader.with(|| Practice::new(app, learner.id.clone(), learner.grade_band));
            practice.set_value(Some(read));
        }),
        Box::new(move || flow(&board_owner)),
        Box::new(move || {
            // A session in progress already shows its item.
            if let Some(p) = practice.try_get_value().flatten().filter(|p| p.screen.get_untracked() == Screen::Start) {
                holder.with(|| p.rehearse_item());
            }
            item_flow(&item_owner);
            holder.cleanup();
        }),
    ];
    one_per_idle_moment(steps);
}

/// Rehearses answering, from the practice screen while the child reads its item: a
/// practice of its own, over a scratch copy of what is stored (`AppContext::scratch_for`),
/// answers its first item as a guess would and stores the answer there
/// (`Practice::rehearse_answer`), its feedback is built off-stage, and it goes on to its
/// next item. The real first answer then runs code the browser has already compiled (its
/// save alone compiled about 140 functions, 16-37 ms at 4x). Steps after the real practice
/// has left its item are dropped: that answer has compiled the code itself. Nothing real
/// is stored, shown, focused, announced or read aloud, and the scratch copy is dropped at
/// the end.
pub fn answer(real: Practice, lang: Lang) {
    let Some(owner) = first_of_this_load(&ANSWER_REHEARSED) else { return };
    // Owns the rehearsal's context and practice for all the steps.
    let holder = owner.child();
    let practice = StoredValue::new_local(None::<Practice>);
    let (id, band) = (real.learner.get_value(), real.band);
    let still_reading = move || real.screen.try_get_untracked() == Some(Screen::Item);
    // The rehearsal's practice, while the real one still shows its item.
    let rehearsing = move || practice.try_get_value().flatten().filter(|_| still_reading());
    let measured = |step: &dyn Fn()| {
        let started = clock::span_start();
        step();
        clock::span_end(clock::ANSWER_REHEARSAL_MEASURE, started);
    };
    let (opener, answerer, ender) = (holder.clone(), holder.clone(), holder);
    let steps: Vec<Step> = vec![
        Box::new(move || {
            if still_reading() {
                measured(&|| practice.set_value(Some(opener.with(|| Practice::new(real.app.scratch_for(&id), id.clone(), band)))));
            }
        }),
        Box::new(move || {
            if let Some(p) = rehearsing() {
                measured(&|| {
                    answerer.with(|| {
                        if p.screen.get_untracked() == Screen::Start {
                            p.rehearse_item();
                        }
                        p.rehearse_answer(lang);
                    })
                });
            }
        }),
        Box::new(move || {
            if let Some(p) = rehearsing() {
                offstage(&owner, clock::ANSWER_REHEARSAL_MEASURE, || view! { <PracticeFlow practice=p name=String::new() rehearsal=true /> }.into_any());
            }
        }),
        Box::new(move || {
            if let Some(p) = rehearsing() {
                measured(&|| ender.with(|| p.next()));
            }
            ender.cleanup();
        }),
    ];
    one_per_idle_moment(steps);
}

/// The calling page's owner, the first time `done` is asked in this page load.
fn first_of_this_load(done: &AtomicBool) -> Option<Owner> {
    if done.swap(true, Ordering::Relaxed) {
        return None;
    }
    Owner::current()
}

/// Runs `steps` in order, one per idle moment after a painted frame, while the calling page
/// (the current owner) is there; the steps left are dropped when it is gone.
fn one_per_idle_moment(steps: Vec<Step>) {
    // Alive while the calling page is: disposed with it.
    let alive = StoredValue::new(());
    fn next(alive: StoredValue<()>, mut steps: std::vec::IntoIter<Step>) {
        let Some(step) = steps.next() else { return };
        after_paint(move || {
            if alive.try_with_value(|_| ()).is_some() {
                step();
                next(alive, steps);
            }
        });
    }
    next(alive, steps.into_iter());
}

/// Builds `view` under a child of `owner` (so with the app's contexts), mounts it into an
/// element that is not in the document, takes it out and drops it, then cleans the child
/// up: the code that builds a page, puts it in and takes it out has run, with no layout.
/// Leaves the User Timing measure `measure`.
fn offstage(owner: &Owner, measure: &str, view: impl FnOnce() -> AnyView) {
    let started = clock::span_start();
    let child = owner.child();
    child.with(|| {
        let mut built = view().build();
        if let Ok(stage) = document().create_element("div") {
            built.mount(&stage, None);
            built.unmount();
        }
        drop(built);
    });
    child.cleanup();
    clock::span_end(measure, started);
}
