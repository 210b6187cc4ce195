//! The guided-lesson panel above a lab: the stage's story, a prediction, the reveal.

use leptos::prelude::*;

use crate::ui::widgets::tx;

use crate::golden::page_numbers;
use crate::lessons::{lesson, parse_guess, reveal_text, stage_state, Unit};
use crate::state::Lab;
use crate::text::t;
use crate::tr;
use crate::ui::context::{AppContext, BuilderChoices, Reveal};

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
    // The guess and the reveal live in the app's context, keyed by stage: a new stage starts
    // with neither, and a change of language (a redraw) keeps both.
    let ui = ctx.lesson;
    let at = move || (lab, stage.get());
    let guess = Signal::derive(move || {
        ui.guess.with(|g| match g {
            Some((where_, text)) if *where_ == at() => text.clone(),
            _ => String::new(),
        })
    });
    let set_guess = move |text: String| ui.guess.set(Some((at(), text)));
    let revealed = Memo::new(move |_| {
        let here = at();
        ui.revealed.get().filter(|r| r.at == here)
    });
    let go = move |to: u32| {
        state.update(|s| {
            if let Some(next) = stage_state(s, lab, to) {
                *s = next;
            }
        })
    };
    let stages_for_view = StoredValue::new(stages);
    // The stage as worded now (the lesson's texts are looked up again, so they follow the
    // language); the stored copy only if the lesson could not be built.
    let current = move || {
        let i = (stage.get() - 1) as usize;
        lesson(lab)
            .and_then(|l| l.stages.get(i).copied())
            .unwrap_or_else(|| stages_for_view.with_value(|v| v[i]))
    };
    let reveal = move |_| {
        let st = current();
        let guess = parse_guess(&guess.get_untracked(), st.ask.unit);
        let truth = state.with_untracked(|s| page_numbers(s).get(st.ask.metric).copied().flatten());
        ui.revealed.set(Some(Reveal {
            at: at(),
            guess,
            truth,
        }));
    };
    // Worded when shown: the lesson is built again (its texts looked up) in the language of now.
    let title = move || lesson(lab).map_or("", |l| l.title);
    view! {
        <Show when=move || active.get() fallback=move || view! {
            <aside class="lesson-invite" aria-label=tx("lesson.guided_lesson")>
                {move || tr!("lesson.invite", title = title(), n = n)}" "
                <button type="button" id="lesson-start" on:click=move |_| go(1)>{tx("lesson.start_the_lesson")}</button>
            </aside>
        }>
            <section class="lesson" aria-labelledby="lesson-h" data-stage=move || stage.get().to_string() data-asks=move || current().ask.metric>
                <p class="lesson-progress">{move || tr!("lesson.progress", title = title(), stage = stage.get(), n = n)}</p>
                <h2 id="lesson-h">{move || current().title}</h2>
                <p class="lesson-text">{move || current().text}</p>
                <div class="inline-controls">
                    <label for="lesson-guess">{move || current().ask.question}</label>
                    <input id="lesson-guess" type="text" inputmode="decimal" size="8"
                        placeholder=move || if current().ask.unit == Unit::Percent { t("lesson.guess.percent") } else { t("lesson.guess.number") }
                        prop:value=move || guess.get()
                        on:input=move |ev| set_guess(event_target_value(&ev))
                        on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Enter" { reveal(()) } />
                    {move || (current().ask.unit == Unit::Percent).then(|| view! {
                        <input type="range" id="lesson-guess-range" class="guess-range" min="0" max="100" step="0.5"
                            class:untouched=move || guess.with(|g| g.trim().is_empty())
                            aria-label=tx("lesson.guess.drag")
                            prop:value=move || guess.with(|g| g.trim().trim_end_matches('%').trim().replace(',', ".")
                                .parse::<f64>().map_or_else(|_| "50".to_string(), |v| v.clamp(0.0, 100.0).to_string()))
                            on:input=move |ev| set_guess(event_target_value(&ev)) />
                    })}
                    <button type="button" id="lesson-reveal" on:click=move |_| reveal(())>{tx("lesson.reveal")}</button>
                </div>
                <p class="lesson-result" id="lesson-result" role="status">{move || revealed.get().map(|r| reveal_text(current().ask.unit, r.guess, r.truth)).unwrap_or_default()}</p>
                // Why the number is what it is, and where the chart shows it.
                {move || revealed.get().map(|r| {
                    let st = current();
                    let truth = crate::lessons::show(st.ask.unit, r.truth);
                    view! {
                        <p class="lesson-why" id="lesson-why">{crate::text::fill(st.why, &[("truth", &truth)])}" "
                            <button type="button" class="small" id="lesson-show-chart" on:click=move |_| show_chart(st.chart)>{tx("lesson.why.show")}</button>
                        </p>
                    }
                })}
                <div class="inline-controls">
                    <button type="button" id="lesson-prev" disabled=move || { stage.get() <= 1 } on:click=move |_| go(stage.get_untracked() - 1)>{tx("lesson.previous")}</button>
                    <button type="button" id="lesson-next" disabled=move || { stage.get() >= n } on:click=move |_| go(stage.get_untracked() + 1)>{tx("lesson.next_stage")}</button>
                    <button type="button" id="lesson-leave" class="small" on:click=move |_| state.update(|s| { s.lesson = None; s.stage = 1; })>{tx("lesson.leave_the_lesson")}</button>
                </div>
            </section>
        </Show>
    }
    .into_any()
}

/// "Share as a lesson link": which control groups to hide, narrative text on or off, embed and
/// projector modes; the link and an `<iframe>` snippet to copy. The current view is unchanged.
#[component]
pub fn LinkBuilder(lab: Lab) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let groups = lab.control_groups();
    // The choices live in the app's context (a change of language keeps them); another lab's
    // builder starts afresh.
    let store = ctx.lesson.builder;
    let choices = Memo::new(move |_| {
        store.with(|c| {
            if c.lab == Some(lab) {
                c.clone()
            } else {
                BuilderChoices {
                    lab: Some(lab),
                    ..BuilderChoices::default()
                }
            }
        })
    });
    let change = move |f: &dyn Fn(&mut BuilderChoices)| {
        let mut c = choices.get_untracked();
        f(&mut c);
        store.set(c);
    };
    let hide = move || choices.with(|c| c.hide.clone());
    let text = move || !choices.with(|c| c.no_text);
    let embed = move || !choices.with(|c| c.no_embed);
    let projector = move || choices.with(|c| c.projector);
    let id = format!("link-builder-{}", lab.key());
    let link = Memo::new(move |_| {
        let mut s = ctx.state.get();
        s.hide = hide().iter().map(|h| h.to_string()).collect();
        s.text = text();
        s.embed = embed();
        s.projector = projector();
        crate::ui::web::link_for(&s.encode())
    });
    let snippet = Memo::new(move |_| {
        format!(
            "<iframe src=\"{}\" title=\"Cascade Lab\" width=\"100%\" height=\"720\" style=\"border:0\" loading=\"lazy\"></iframe>",
            link.get().replace('&', "&amp;").replace('"', "&quot;")
        )
    });
    let status = RwSignal::new(crate::text::Deferred::default());
    let copy = move |what: crate::text::Deferred, text: String| {
        leptos::task::spawn_local(async move {
            let ok = crate::ui::web::copy_text(&text).await;
            let id = if ok {
                "lesson.copied"
            } else {
                "lesson.copy_by_hand"
            };
            status.set(crate::text::Deferred::new(id, vec![("what", what)]));
        });
    };
    view! {
        <details class="panel link-builder" id=id prop:open=move || choices.with(|c| c.open)
            on:toggle=move |ev| {
                let open = event_target::<web_sys::HtmlDetailsElement>(&ev).open();
                if open != choices.get_untracked().open {
                    change(&|c| c.open = open);
                }
            }>
            <summary>{tx("lesson.make_a_lesson_link_hide")}</summary>
            <fieldset>
                <legend>{tx("lesson.hide_these_controls")}</legend>
                <div class="checks">
                    {groups.iter().map(|&(g, label)| view! {
                        <label class="checkbox"><input type="checkbox" id=format!("hide-{g}")
                            prop:checked=move || hide().contains(&g)
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                change(&|c| { c.hide.retain(|x| *x != g); if on { c.hide.push(g); } });
                            } />" "{move || t(label)}</label>
                    }).collect_view()}
                </div>
            </fieldset>
            <div class="checks">
                <label class="checkbox"><input type="checkbox" id="builder-text" prop:checked=text on:change=move |ev| { let on = event_target_checked(&ev); change(&|c| c.no_text = !on) } />" "{tx("lesson.narrative_text")}</label>
                <label class="checkbox"><input type="checkbox" id="builder-embed" prop:checked=embed on:change=move |ev| { let on = event_target_checked(&ev); change(&|c| c.no_embed = !on) } />" "{tx("lesson.embed_no_header_or_navigation")}</label>
                <label class="checkbox"><input type="checkbox" id="builder-projector" prop:checked=projector on:change=move |ev| { let on = event_target_checked(&ev); change(&|c| c.projector = on) } />" "{tx("lesson.projector_mode")}</label>
            </div>
            <label for="builder-link">{tx("lesson.link")}</label>
            <input type="text" id="builder-link" readonly prop:value=move || link.get() />
            <label for="builder-iframe">{tx("lesson.embed_code")}</label>
            <textarea id="builder-iframe" rows="3" readonly prop:value=move || snippet.get()></textarea>
            <div class="inline-controls">
                <button type="button" id="builder-copy-link" on:click=move |_| copy(crate::msg!("lesson.what.link"), link.get_untracked())>{tx("lesson.copy_link")}</button>
                <button type="button" id="builder-copy-iframe" on:click=move |_| copy(crate::msg!("lesson.what.embed"), snippet.get_untracked())>{tx("lesson.copy_embed_code")}</button>
                <span class="status" role="status">{move || status.with(|m| m.to_string())}</span>
            </div>
        </details>
    }
}

/// Brings the chart `id` into view and puts its readout on it (focus shows the first value).
fn show_chart(id: &str) {
    use wasm_bindgen::JsCast;
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let selector = format!(".chart[data-chart=\"{id}\"] .chart-plot");
    if let Some(el) = doc
        .query_selector(&selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        el.scroll_into_view();
        let _ = el.focus();
    }
}
