//! Shared widgets: labelled sliders with number boxes, the Chart component, metrics.

use leptos::prelude::*;

use crate::charts::{Figure, Stop};
use crate::text::t;
use crate::tr;
use crate::ui::web;
use wasm_bindgen::JsCast;

/// The catalog text `id`, following the language: one concrete signal type for every static
/// text of the page (a closure per text would be a type per text, and code per type).
pub fn tx(id: &'static str) -> Signal<&'static str> {
    Signal::derive(move || t(id))
}

/// Formats a share as a percentage with one decimal.
pub fn pct(x: f64) -> String {
    if x.is_finite() {
        format!("{:.1} %", 100.0 * x)
    } else {
        "—".into()
    }
}

/// A file size in words.
pub fn human_bytes(n: f64) -> String {
    if n >= 1e6 {
        format!("{:.1} MB", n / 1e6)
    } else if n >= 1e3 {
        format!("{:.0} kB", n / 1e3)
    } else {
        format!("{n:.0} bytes")
    }
}

/// Formats a number with three decimals.
pub fn num3(x: f64) -> String {
    if x.is_finite() {
        format!("{x:.3}")
    } else {
        "—".into()
    }
}

/// A computation that follows its input one painted frame late: the first value is computed at
/// once, later ones in a task after the next paint, a newer input cancelling a pending run. The
/// labs' Monte Carlo runs use it, so a slider's frame shows the exact numbers first. Returns the
/// (input, output) pair and whether a run is pending.
pub fn after_paint<I, O>(input: Memo<I>, compute: fn(&I) -> O) -> (RwSignal<(I, O)>, RwSignal<bool>)
where
    I: Clone + PartialEq + Send + Sync + 'static,
    O: Send + Sync + 'static,
{
    let first = input.get_untracked();
    let value = compute(&first);
    let out = RwSignal::new((first, value));
    let pending = RwSignal::new(false);
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        let now = input.get();
        if out.with_untracked(|(i, _)| *i == now) {
            return;
        }
        let g = generation.get_value() + 1;
        generation.set_value(g);
        pending.set(true);
        leptos::task::spawn_local(async move {
            web::next_paint().await;
            if generation.get_value() != g {
                return;
            }
            let value = compute(&now);
            out.set((now, value));
            pending.set(false);
        });
    });
    (out, pending)
}

/// Like [`after_paint`], for work done over `total` items (problems of a Monte Carlo) in chunks
/// of `chunk`: after a change of `input` the first chunk follows the next painted frame, each
/// further chunk the frame after it, and every chunk publishes what the items so far give (the
/// dots fill in, their intervals narrowing). A newer input stops the chunks of an older one.
/// `start` makes empty sums, `more(input, sums, upto)` adds items up to `upto`, `out` reads the
/// sums; chunking must not change the result (the labs' sums add items in order).
pub fn after_paint_in_chunks<I, S, O>(
    input: Memo<I>,
    total: u32,
    chunk: u32,
    start: fn(&I) -> S,
    more: fn(&I, &mut S, u32),
    out: fn(&I, &S) -> O,
) -> (RwSignal<(I, O)>, RwSignal<bool>)
where
    I: Clone + PartialEq + Send + Sync + 'static,
    S: 'static,
    O: Send + Sync + 'static,
{
    let first = input.get_untracked();
    let mut sums = start(&first);
    more(&first, &mut sums, total);
    let value = out(&first, &sums);
    let shown = RwSignal::new((first, value));
    let pending = RwSignal::new(false);
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        let now = input.get();
        if shown.with_untracked(|(i, _)| *i == now) && !pending.get_untracked() {
            return;
        }
        let g = generation.get_value() + 1;
        generation.set_value(g);
        pending.set(true);
        leptos::task::spawn_local(async move {
            let mut sums = start(&now);
            let mut done = 0;
            while done < total {
                web::next_paint().await;
                if generation.get_value() != g {
                    return;
                }
                done = (done + chunk.max(1)).min(total);
                more(&now, &mut sums, done);
                shown.set((now.clone(), out(&now, &sums)));
            }
            pending.set(false);
        });
    });
    (shown, pending)
}

/// A play's state, started over whenever `key` (the model its items were drawn from) changes.
pub fn play_state<K, T>(key: Memo<K>) -> RwSignal<T>
where
    K: Clone + PartialEq + Send + Sync + 'static,
    T: Default + Send + Sync + 'static,
{
    let play = RwSignal::new(T::default());
    Effect::new(move |prev: Option<K>| {
        let now = key.get();
        if prev.is_some_and(|p| p != now) {
            play.set(T::default());
        }
        now
    });
    play
}

/// Play, pause, step and start over for a lab's "watch it happen" view. Each step calls
/// `on_step`, which returns false when there is nothing left (the play stops; Play at the end
/// or Step at the end starts over). Under reduced
/// motion nothing moves by itself: there is no Play, only Step. The status line says what is on
/// screen; screen readers hear it after a step or a pause, not at every tick of a play.
#[component]
pub fn Player(
    /// Prefix of the buttons' ids (`<id>-play`, `<id>-step`, `<id>-reset`, `<id>-status`).
    id: &'static str,
    /// One step; false when the play is over.
    on_step: Callback<(), bool>,
    /// Back to the start.
    on_reset: Callback<()>,
    /// What is on screen, in words.
    #[prop(into)]
    status: Signal<String>,
    /// Time between steps while playing.
    #[prop(default = 350)]
    interval_ms: u64,
) -> impl IntoView {
    let playing = RwSignal::new(false);
    let handle: StoredValue<Option<IntervalHandle>> = StoredValue::new(None);
    let stop = move || {
        if let Some(h) = handle.try_get_value().flatten() {
            h.clear();
        }
        handle.try_set_value(None);
        playing.try_set(false);
    };
    on_cleanup(stop);
    let reduced = web::reduced_motion();
    let toggle = move |_| {
        if playing.get_untracked() {
            stop();
            return;
        }
        // Play at the end starts over.
        if !on_step.run(()) {
            on_reset.run(());
            if !on_step.run(()) {
                return;
            }
        }
        let tick = move || {
            if !on_step.run(()) {
                stop();
            }
        };
        if let Ok(h) = set_interval_with_handle(tick, std::time::Duration::from_millis(interval_ms))
        {
            handle.set_value(Some(h));
            playing.set(true);
        }
    };
    view! {
        <div class="player" role="group" aria-label=tx("widget.player.label")>
            {(!reduced).then(|| view! {
                <button type="button" id=format!("{id}-play") aria-pressed=move || playing.get().to_string() on:click=toggle>
                    {move || t(if playing.get() { "widget.player.pause" } else { "widget.player.play" })}
                </button>
            })}
            <button type="button" id=format!("{id}-step") on:click=move |_| { stop(); if !on_step.run(()) { on_reset.run(()); } }>{tx("widget.player.step")}</button>
            <button type="button" id=format!("{id}-reset") on:click=move |_| { stop(); on_reset.run(()); }>{tx("widget.player.reset")}</button>
            {reduced.then(|| view! { <span class="hint" id=format!("{id}-reduced")>{tx("widget.player.reduced")}</span> })}
            <span class="player-status" id=format!("{id}-status") role="status" aria-live=move || if playing.get() { "off" } else { "polite" }>
                {move || status.get()}
            </span>
        </div>
    }
}

/// A control group's legend as a button that folds the group away and back (its fieldset gets
/// the class `collapsed`; the button says `aria-expanded`). On a phone the controls sit below
/// the chart, and folding the groups one is not using keeps the chart and a slider together.
#[component]
pub fn Legend(
    /// The group's name.
    #[prop(into)]
    text: Signal<&'static str>,
) -> impl IntoView {
    let toggle = move |ev: leptos::ev::MouseEvent| {
        let Some(button) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        if let Ok(Some(group)) = button.closest("fieldset") {
            let folded = group.class_list().toggle("collapsed").unwrap_or(false);
            let _ = button.set_attribute("aria-expanded", if folded { "false" } else { "true" });
        }
    };
    view! {
        <legend>
            <button type="button" class="group-toggle" aria-expanded="true" on:click=toggle>{move || text.get()}</button>
        </legend>
    }
}

/// A headline number: the text people read, plus `data-metric` and the exact value in
/// `data-value` for scripts, tests and teachers' tools.
#[component]
pub fn Metric(
    /// Stable machine name (documented in the README).
    name: &'static str,
    /// Human label (a closure over `t()` follows the language).
    #[prop(into)]
    label: TextProp,
    /// The exact value (`None` shows "n/a").
    #[prop(into)]
    value: Signal<Option<f64>>,
    /// How to show it.
    #[prop(default = pct)]
    format: fn(f64) -> String,
    /// Optional explanation under the number.
    #[prop(optional, into)]
    hint: Option<Signal<String>>,
) -> impl IntoView {
    view! {
        <div class="metric">
            <div class="metric-label">{move || label.get().to_string()}</div>
            <div
                class="metric-value"
                data-metric=name
                data-value=move || value.get().map(|v| v.to_string()).unwrap_or_default()
            >
                {move || value.get().map(format).unwrap_or_else(|| t("widget.metric.na").into())}
            </div>
            {move || hint.map(|h| view! { <div class="metric-hint">{h.get()}</div> })}
        </div>
    }
}

/// A native range input with a label and a number box, bound to one value.
#[component]
pub fn Slider(
    /// Visible label (also the accessible name); a closure over `t()` follows the language.
    #[prop(into)]
    label: TextProp,
    /// Stable id; the number box gets `<id>-num`.
    id: &'static str,
    /// Current value.
    #[prop(into)]
    value: Signal<f64>,
    /// Called with each new value (already clamped to the range).
    on_change: Callback<f64>,
    min: f64,
    max: f64,
    step: f64,
    /// Optional hint under the control.
    #[prop(optional, into)]
    hint: Option<TextProp>,
) -> impl IntoView {
    let set = move |raw: String| {
        if let Ok(v) = raw.trim().parse::<f64>() {
            if v.is_finite() {
                on_change.run(v.clamp(min, max));
            }
        }
    };
    let num_id = format!("{id}-num");
    view! {
        <div class="slider">
            <label for=id>{let l = label.clone(); move || l.get().to_string()}</label>
            <div class="slider-row">
                <input
                    type="range"
                    id=id
                    min=min
                    max=max
                    step=step
                    prop:value=move || value.get().to_string()
                    on:input=move |ev| set(event_target_value(&ev))
                />
                <input
                    type="number"
                    id=num_id
                    class="num"
                    aria-label=move || tr!("widget.slider.number", label = label.get())
                    min=min
                    max=max
                    step=step
                    prop:value=move || trim_float(value.get())
                    on:change=move |ev| set(event_target_value(&ev))
                />
            </div>
            {hint.map(|h| view! { <div class="hint">{move || h.get().to_string()}</div> })}
        </div>
    }
}

fn trim_float(x: f64) -> String {
    let s = format!("{x:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Pixel size charts are drawn at (they scale with the page through their viewBox).
pub const CHART_W: u32 = 720;
pub const CHART_H: u32 = 400;
/// The size on a phone: drawn smaller so its 15 px labels, scaled to a ~350 px wide screen,
/// stay above 11 px (at 720 px they shrank to 7).
pub const CHART_NARROW: (u32, u32) = (440, 340);

/// The pixel size a chart is drawn at on this screen.
fn chart_size() -> (u32, u32) {
    if web::viewport_width().is_some_and(|w| w < 600.0) {
        CHART_NARROW
    } else {
        (CHART_W, CHART_H)
    }
}

/// A chart: title, one-sentence summary, the SVG, a "show as table" view and exports.
#[component]
pub fn Chart(
    /// What to draw.
    #[prop(into)]
    figure: Signal<Figure>,
) -> impl IntoView {
    let show_table = RwSignal::new(false);
    let status = RwSignal::new(crate::text::Deferred::default());
    let (cw, ch) = chart_size();
    // A slider's frame draws the charts near the screen; a chart further away draws the new
    // figure after that frame is painted (so what is off screen, which assistive technology
    // still reads, follows a frame later). An IntersectionObserver says which is which.
    let near = RwSignal::new(true);
    let plot = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(el) = plot.get() {
            // Owned by this effect: dropped (the observer disconnected) with the chart.
            StoredValue::new_local(web::observe_nearness(&el, near));
        }
    });
    let failed = |e: crate::charts::ChartError| {
        format!(
            "<p class=\"error\">{}</p>",
            crate::charts::escape_xml(&e.to_string())
        )
    };
    let draw = move |f: &Figure| f.to_svg(cw, ch).unwrap_or_else(failed);
    let drawn = RwSignal::new(figure.get_untracked());
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        let now = figure.get();
        let g = generation.get_value().wrapping_add(1);
        generation.set_value(g);
        if near.get() {
            drawn.set(now);
            return;
        }
        leptos::task::spawn_local(async move {
            web::next_paint().await;
            if generation.try_get_value() == Some(g) {
                drawn.try_set(now);
            }
        });
    });
    // Two stacked layers (axes and curves; dots): each is replaced in the page only when it
    // changed, so a slider that moves the exact curves leaves the Monte Carlo dots alone.
    let layers = Memo::new(move |_| {
        drawn.with(|f| {
            f.to_svg_layers(cw, ch)
                .unwrap_or_else(|e| (failed(e), None))
        })
    });
    let base_svg = Memo::new(move |_| layers.with(|l| l.0.clone()));
    let dots_svg = Memo::new(move |_| layers.with(|l| l.1.clone()));
    let id = move || figure.with(|f| f.id.clone());
    // The readout: where it stands (kept while the figure changes, so it follows a slider
    // live), what it says there, and the keyboard's stops.
    let stop: RwSignal<Option<Stop>> = RwSignal::new(None);
    let (w, h) = (cw as f64, ch as f64);
    let readout = Memo::new(move |_| {
        let s = stop.get()?;
        figure.with(|f| f.readout(s, w, h))
    });
    let point_at = move |ev: &web_sys::MouseEvent| {
        let Some(el) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let r = el.get_bounding_client_rect();
        if r.width() <= 0.0 || r.height() <= 0.0 {
            return;
        }
        let px = (ev.client_x() as f64 - r.left()) * w / r.width();
        let py = (ev.client_y() as f64 - r.top()) * h / r.height();
        stop.set(figure.with_untracked(|f| f.nearest(px, py, w, h)));
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let stops = figure.with_untracked(|f| f.stops());
        if stops.is_empty() {
            return;
        }
        let at = stop
            .get_untracked()
            .and_then(|s| stops.iter().position(|x| *x == s));
        let last = stops.len() - 1;
        let next = match ev.key().as_str() {
            "ArrowRight" | "ArrowUp" => at.map_or(0, |i| (i + 1).min(last)),
            "ArrowLeft" | "ArrowDown" => at.map_or(last, |i| i.saturating_sub(1)),
            "PageUp" => at.map_or(0, |i| (i + 10).min(last)),
            "PageDown" => at.map_or(last, |i| i.saturating_sub(10)),
            "Home" => 0,
            "End" => last,
            "Escape" => {
                stop.set(None);
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        stop.set(stops.get(next).copied());
    };
    let live = move || readout.with(|r| r.as_ref().map(|r| r.to_words()).unwrap_or_default());
    let export_svg = move |_| {
        let name = format!("{}.svg", id());
        web::download_text(&name, "image/svg+xml", &figure.with_untracked(draw));
    };
    let export_csv = move |_| {
        let name = format!("{}.csv", id());
        web::download_text(&name, "text/csv", &figure.with_untracked(|f| f.to_csv()));
    };
    let export_png = move |_| {
        let name = format!("{}.png", id());
        let svg = figure.with_untracked(draw);
        leptos::task::spawn_local(async move {
            if let Err(e) = web::download_png(&name, &svg, cw, ch).await {
                status.set(crate::msg!("chart.png_failed", error = e));
            }
        });
    };
    view! {
        <figure class="chart" data-chart=id>
            <figcaption>
                <h3 class="chart-title">{move || figure.with(|f| f.title.clone())}</h3>
                <p class="chart-summary">{move || figure.with(|f| f.summary.clone())}</p>
            </figcaption>
            <div class="chart-plot" node_ref=plot tabindex="0" role="group"
                aria-label=move || tr!("chart.readout.label", title = figure.with(|f| f.title.clone()))
                data-readout=move || readout.with(|r| r.as_ref().map(|r| r.x.clone()).unwrap_or_default())
                on:pointermove=move |ev: web_sys::PointerEvent| point_at(&ev)
                on:pointerdown=move |ev: web_sys::PointerEvent| point_at(&ev)
                on:pointerleave=move |ev: web_sys::PointerEvent| if ev.pointer_type() == "mouse" { stop.set(None) }
                on:keydown=on_key
                on:focus=move |_| if stop.get_untracked().is_none() { stop.set(figure.with_untracked(|f| f.stops().first().copied())) }
                on:blur=move |_| stop.set(None)>
                <div class="chart-svg" inner_html=move || base_svg.get()></div>
                <div class="chart-svg chart-dots" aria-hidden="true" inner_html=move || dots_svg.get().unwrap_or_default()></div>
                <div class="chart-readout" aria-hidden="true"
                    inner_html=move || readout.with(|r| r.as_ref().map(|r| r.to_html(w, h)).unwrap_or_default())></div>
            </div>
            <div class="visually-hidden chart-live" aria-live="polite">{live}</div>
            <ul class="chart-legend">
                {move || figure.with(|f| f.series.iter().filter(|s| !s.points.is_empty()).map(|s| {
                    let swatch = crate::charts::legend_swatch(s.style, s.color);
                    view! { <li><span class="swatch" inner_html=swatch></span>{s.name.clone()}</li> }
                }).collect_view())}
            </ul>
            <div class="chart-tools">
                <button type="button" aria-pressed=move || show_table.get().to_string() on:click=move |_| show_table.update(|t| *t = !*t)>
                    {move || if show_table.get() { t("chart.table.hide") } else { t("chart.table.show") }}
                </button>
                <button type="button" on:click=export_svg>{tx("widget.svg")}</button>
                <button type="button" on:click=export_png>{tx("widget.png")}</button>
                <button type="button" on:click=export_csv>{tx("widget.csv")}</button>
                <span class="status" role="status">{move || status.with(|m| m.to_string())}</span>
            </div>
            {move || show_table.get().then(|| {
                let (header, rows) = figure.with(|f| f.table());
                view! {
                    <div class="table-wrap" tabindex="0" role="region" aria-label=tx("widget.table_scrolls_sideways")>
                        <table class="data-table">
                            <thead><tr>{header.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr></thead>
                            <tbody>
                                {rows.into_iter().map(|r| view! {
                                    <tr>{r.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
            })}
        </figure>
    }
}

/// The warnings about a file: an open disclosure headed by `summary(how many)` (every warning,
/// counted ones included), one line per kind — worded when shown (they follow a change of
/// language).
pub fn warning_list(
    summary: impl Fn(usize) -> String + Send + Sync + 'static,
    warnings: Vec<crate::text::Deferred>,
) -> impl IntoView {
    // One line per kind of warning: a kind met once is shown whole; a kind met many times is
    // one folded line — how many, the first of them, and where the first few are.
    let groups = crate::ingest::group_warnings(&warnings);
    let total: usize = groups.iter().map(|g| g.count).sum();
    view! {
        <details class="warnings" open>
            <summary>{move || summary(total)}</summary>
            <ul>{groups.into_iter().map(|g| {
                let example = g.example.clone();
                if g.count == 1 {
                    return view! { <li>{move || example.to_string()}</li> }.into_any();
                }
                let count = g.count;
                let kind = g.kind.clone();
                let has_places = !g.first.is_empty();
                view! {
                    <li class="warning-group" data-kind=kind data-count=count>
                        <details>
                            <summary>{move || tr!("app.warnings.group", n = count, example = example)}</summary>
                            {has_places.then(|| view! { <p>{move || g.places().unwrap_or_default()}</p> })}
                        </details>
                    </li>
                }
                .into_any()
            }).collect_view()}</ul>
        </details>
    }
}

/// Files that could not be read at all, each with its reason (naming the file), until
/// dismissed. Every upload point shows one, so no failed file goes unreported.
#[component]
pub fn UploadErrors(
    /// The messages; the dismiss button empties it.
    errors: RwSignal<Vec<crate::text::Deferred>>,
    /// The banner's element id (for tests and links).
    id: &'static str,
) -> impl IntoView {
    move || {
        let list = errors.get();
        (!list.is_empty()).then(|| {
            view! {
                <div class="banner error" role="alert" id=id>
                    <ul>{list.into_iter().map(|e| {
                        // A file that belongs in another lab: a link there beside the message.
                        let goto = crate::labs::goto(&e).map(|lab| {
                            let ctx = expect_context::<crate::ui::context::AppContext>();
                            view! {
                                " "
                                <a class="goto-lab" data-goto=lab.key()
                                    href=move || {
                                        let mut s = ctx.state.get();
                                        s.lab = lab;
                                        format!("?{}", s.encode())
                                    }
                                    on:click=move |ev: leptos::ev::MouseEvent| {
                                        if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0 {
                                            return;
                                        }
                                        ev.prevent_default();
                                        ctx.state.update(|s| s.lab = lab);
                                    }
                                >{move || tr!("ingest.format.open_lab", lab = lab.title())}</a>
                            }
                        });
                        view! { <li>{move || e.to_string()}{goto}</li> }
                    }).collect_view()}</ul>
                    <button type="button" on:click=move |_| errors.set(Vec::new())>{move || crate::text::t("analyze.dismiss")}</button>
                </div>
            }
        })
    }
}
