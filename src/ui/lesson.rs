//! The guided-lesson panel above a lab: the stage's story, a prediction, the reveal.

use leptos::prelude::*;

use crate::golden::page_numbers;
use crate::lessons::{lesson, miss, show, stage_state, Unit};
use crate::share::Lab;
use crate::ui::AppContext;

/// The lesson bar: an invitation when the lab has a lesson, the lesson itself when one runs.
#[component]
pub fn LessonPanel(lab: Lab) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let state = ctx.state;
    let Some(l) = lesson(lab) else {
        return ().into_any();
    };
    let stages = l.stages.clone();
    let n = stages.len() as u32;
    let active = Memo::new(move |_| state.with(|s| s.lesson == Some(lab)));
    let stage = Memo::new(move |_| state.with(|s| s.stage.clamp(1, n)));
    let guess = RwSignal::new(String::new());
    let revealed: RwSignal<Option<String>> = RwSignal::new(None);
    // A new stage starts unrevealed, with the lab's numbers hidden until the learner predicts.
    Effect::new(move |_| {
        stage.track();
        let on = active.get();
        revealed.set(None);
        guess.set(String::new());
        ctx.predicting.set(on);
    });
    on_cleanup(move || ctx.predicting.set(false));
    let go = move |to: u32| {
        state.update(|s| {
            if let Some(next) = stage_state(s, lab, to) {
                *s = next;
            }
        })
    };
    let stages_for_view = StoredValue::new(stages);
    let current = move || stages_for_view.with_value(|v| v[(stage.get() - 1) as usize]);
    let reveal = move |_| {
        let st = current();
        let raw = guess.get_untracked();
        let parsed = raw
            .trim()
            .trim_end_matches('%')
            .trim()
            .replace(',', ".")
            .parse::<f64>();
        let truth = state.with_untracked(|s| page_numbers(s).get(st.ask.metric).copied().flatten());
        ctx.predicting.set(false);
        revealed.set(Some(match parsed {
            Ok(g) if g.is_finite() => {
                let g = if st.ask.unit == Unit::Percent {
                    g / 100.0
                } else {
                    g
                };
                miss(st.ask.unit, g, truth)
            }
            _ => format!("No guess made. It is {}.", show(st.ask.unit, truth)),
        }));
    };
    let title = l.title;
    view! {
        <Show when=move || active.get() fallback=move || view! {
            <aside class="lesson-invite" aria-label="Guided lesson">
                {format!("Guided lesson: {title} ({n} stages). ")}
                <button type="button" id="lesson-start" on:click=move |_| go(1)>"Start the lesson"</button>
            </aside>
        }>
            <section class="lesson" aria-labelledby="lesson-h" data-stage=move || stage.get().to_string()>
                <p class="lesson-progress">{move || format!("{title} — stage {} of {n}", stage.get())}</p>
                <h2 id="lesson-h">{move || current().title}</h2>
                <p class="lesson-text">{move || current().text}</p>
                <div class="inline-controls">
                    <label for="lesson-guess">{move || current().ask.question}</label>
                    <input id="lesson-guess" type="text" inputmode="decimal" size="8"
                        placeholder=move || if current().ask.unit == Unit::Percent { "e.g. 40 %" } else { "e.g. 3" }
                        prop:value=move || guess.get()
                        on:input=move |ev| guess.set(event_target_value(&ev))
                        on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Enter" { reveal(()) } />
                    <button type="button" id="lesson-reveal" on:click=move |_| reveal(())>"Reveal"</button>
                </div>
                <p class="lesson-result" id="lesson-result" role="status">{move || revealed.get().unwrap_or_default()}</p>
                <div class="inline-controls">
                    <button type="button" id="lesson-prev" disabled=move || { stage.get() <= 1 } on:click=move |_| go(stage.get_untracked() - 1)>"← Previous"</button>
                    <button type="button" id="lesson-next" disabled=move || { stage.get() >= n } on:click=move |_| go(stage.get_untracked() + 1)>"Next stage →"</button>
                    <button type="button" id="lesson-leave" class="small" on:click=move |_| state.update(|s| { s.lesson = None; s.stage = 1; })>"Leave the lesson"</button>
                </div>
            </section>
        </Show>
    }
    .into_any()
}
