//! The Search lab's simulator: presets, the difficulty, wrong-answer and scorer controls, the
//! headline numbers and the curves against N. Exact curves follow a slider in its frame; the
//! Monte Carlo runs follow in chunks of problems, one per painted frame, their dots filling in
//! (a newer move stops them).

use leptos::prelude::*;

use crate::labs::search::beam::{self, BeamPoint, BEAM_PROBLEMS};
use crate::labs::search::charts as figs;
use crate::labs::search::sim::{
    exact, grid, headline, mc_more, mc_points, mc_start, preset_of, presets, vote_table,
    Difficulty, ExactPoint, McPoint, McSums, SearchParams, VoteTable,
};
use crate::labs::search::MC_PROBLEMS;
use crate::text::t;
use crate::tr;
use crate::ui::context::AppContext;
use crate::ui::widgets::{
    after_paint, after_paint_in_chunks, num3, pct, tx, Chart, Legend, Metric, Slider,
};

/// Sets one parameter.
fn setter(ctx: AppContext, f: fn(&mut SearchParams, f64)) -> Callback<f64> {
    Callback::new(move |v: f64| ctx.state.update(|s| f(&mut s.search, v)))
}

fn count_votes(&(distractors, zipf, n_max): &(u32, u64, u32)) -> VoteTable {
    vote_table(&SearchParams {
        distractors,
        zipf: f64::from_bits(zipf),
        n_max,
        ..SearchParams::default()
    })
}

/// Problems per chunk of the Monte Carlos the page runs after a move (the dots fill in).
const CHUNK: u32 = 250;

fn mc_sums(input: &(SearchParams, u64)) -> McSums {
    mc_start(&input.0)
}

fn mc_add(input: &(SearchParams, u64), sums: &mut McSums, upto: u32) {
    mc_more(&input.0, input.1, sums, upto);
}

/// The points so far and how many problems they hold (the legend says it while they fill in).
fn mc_read(_: &(SearchParams, u64), sums: &McSums) -> (Vec<McPoint>, u32) {
    (mc_points(sums), sums.done)
}

/// A difference of shares in percentage points, signed.
fn signed_points(v: f64) -> String {
    tr!("search.beam.points", v = format!("{:+.1}", v * 100.0))
}

fn beam_sums(input: &(SearchParams, u64)) -> beam::BeamSums {
    beam::beam_start(&input.0)
}

fn beam_add(input: &(SearchParams, u64), sums: &mut beam::BeamSums, upto: u32) {
    beam::beam_more(&input.0, input.1, sums, upto);
}

fn beam_read(_: &(SearchParams, u64), sums: &beam::BeamSums) -> (Vec<BeamPoint>, u32) {
    (beam::beam_points(sums), sums.done)
}

#[component]
pub fn Simulator() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let params = Memo::new(move |_| ctx.state.with(|s| s.search.clone()));
    // The vote table depends on the wrong answers and the budget only, and counting it (O(m N³))
    // does not fit a frame: it follows one painted frame after a move of m, z or N. Until it
    // arrives the curves are drawn without the majority vote (never with an older table's).
    let table_key = Memo::new(move |_| params.with(|p| (p.distractors, p.zipf.to_bits(), p.n_max)));
    let (table, table_pending) = after_paint(table_key, count_votes);
    let curves: Memo<Vec<ExactPoint>> = Memo::new(move |_| {
        table.with(|(key, t)| {
            params.with(|p| {
                if *key == table_key.get() {
                    exact(p, t)
                } else {
                    exact(
                        p,
                        &VoteTable {
                            ns: grid(p.n_max),
                            wins: Vec::new(),
                        },
                    )
                }
            })
        })
    });
    let mc_input = Memo::new(move |_| (params.get(), ctx.state.with(|s| s.seed)));
    let (mc, mc_pending) =
        after_paint_in_chunks(mc_input, MC_PROBLEMS, CHUNK, mc_sums, mc_add, mc_read);
    let head = Memo::new(move |_| curves.with(|x| mc.with(|(_, (m, _))| headline(x, m))));
    let get = move |f: fn(&crate::labs::search::sim::Headline) -> Option<f64>| {
        Signal::derive(move || head.with(|h| h.as_ref().and_then(f)))
    };
    let figure = Memo::new(move |_| {
        let released = params.with(|p| preset_of(p) == Some("ovm"));
        curves.with(|x| mc.with(|(_, (m, done))| figs::sim_curves(x, m, *done, released)))
    });
    view! {
        <section class="panel" aria-labelledby="search-sim-h">
            <h2 id="search-sim-h">{tx("search.sim.title")}</h2>
            <p class="sim-model">{tx("search.sim.model")}</p>
            <Presets />
            <div class="lab-grid">
            <Controls params=params />
            <section class="results" data-note=tx("lesson.predicting_note") aria-label=tx("search.results")
                aria-busy=move || (mc_pending.get() || table_pending.get()).to_string() data-mc-pending=move || (mc_pending.get() || table_pending.get()).to_string()>
                <div class="metrics">
                    <Metric name="search_sim_coverage" label=move || t("search.sim.metric.coverage") value=get(|h| Some(h.coverage)) />
                    <Metric name="search_sim_majority" label=move || t("search.sim.metric.majority") value=get(|h| h.majority) />
                    <Metric name="search_sim_best" label=move || t("search.sim.metric.best") value=get(|h| Some(h.best_of_n)) />
                    <Metric name="search_sim_gap" label=move || t("search.sim.metric.gap") value=get(|h| Some(h.gap)) />
                </div>
                <Chart figure=figure />
                <p class="verdict">{move || head.with(|h| h.as_ref().map(|h| tr!(
                    "search.sim.verdict",
                    n = h.n,
                    coverage = pct(h.coverage),
                    best = pct(h.best_of_n),
                    gap = pct(h.gap)
                )))}</p>
                <details class="more-metrics" id="search-more-metrics">
                    <summary>{tx("search.sim.more_numbers")}</summary>
                    <div class="metrics">
                        <Metric name="search_sim_majority_mc" label=move || t("search.sim.metric.majority_mc") value=get(|h| Some(h.majority_mc)) />
                        <Metric name="search_sim_best_mc" label=move || t("search.sim.metric.best_mc") value=get(|h| Some(h.best_of_n_mc)) />
                        <Metric name="search_sim_weighted_mc" label=move || t("search.sim.metric.weighted_mc") value=get(|h| Some(h.weighted_mc)) />
                        <Metric name="search_sim_kl" label=move || t("search.sim.metric.kl") value=get(|h| Some(h.kl)) format=num3 />
                        <Metric name="search_sim_best_stops" label=move || t("search.sim.metric.best_stops") value=get(|h| h.best_stops.map(f64::from)) format=|v| format!("{v:.0}") />
                        <Metric name="search_sim_majority_stops" label=move || t("search.sim.metric.majority_stops") value=get(|h| h.majority_stops.map(f64::from)) format=|v| format!("{v:.0}") />
                    </div>
                </details>
            </section>
            </div>
            <BeamSearch params=params curves=curves />
        </section>
    }
}

/// Step-level beam search against repeated sampling at equal candidates generated.
#[component]
fn BeamSearch(params: Memo<SearchParams>, curves: Memo<Vec<ExactPoint>>) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let v = move |f: fn(&SearchParams) -> f64| Signal::derive(move || params.with(f));
    // Wrong answers do not enter beam search: moving m or z does not rerun it.
    let input = Memo::new(move |_| {
        let p = params.with(|p| SearchParams {
            distractors: SearchParams::default().distractors,
            zipf: SearchParams::default().zipf,
            ..p.clone()
        });
        (p, ctx.state.with(|s| s.seed))
    });
    let (points, pending) =
        after_paint_in_chunks(input, BEAM_PROBLEMS, CHUNK, beam_sums, beam_add, beam_read);
    let head = Memo::new(move |_| {
        curves.with(|x| points.with(|(i, (b, _))| beam::headline(b, i.0.beams, x)))
    });
    let get = move |f: fn(&beam::BeamHeadline) -> Option<f64>| {
        Signal::derive(move || head.with(|h| h.as_ref().and_then(f)))
    };
    let figure = Memo::new(move |_| {
        curves.with(|x| points.with(|(i, (b, done))| figs::beam_curves(x, b, &i.0, *done)))
    });
    view! {
        <section class="beam" aria-labelledby="search-beam-h">
            <h3 id="search-beam-h">{tx("search.beam.title")}</h3>
            <p>{tx("search.beam.model")}</p>
            <fieldset class="controls" data-group="beam">
                <Legend text=tx("search.beam.controls") />
                <Slider label=move || t("search.beam.steps") id="search-steps" value=v(|p| p.steps as f64) on_change=setter(ctx, |p, x| p.steps = x.round() as u32) min=1.0 max=SearchParams::MAX_STEPS as f64 step=1.0 />
                <Slider label=move || t("search.beam.beams") id="search-beams" value=v(|p| p.beams as f64) on_change=setter(ctx, |p, x| p.beams = x.round() as u32) min=1.0 max=SearchParams::MAX_BEAMS as f64 step=1.0
                    hint=move || t("search.beam.beams_hint") />
            </fieldset>
            <section class="results" aria-label=tx("search.beam.results")
                aria-busy=move || pending.get().to_string() data-mc-pending=move || pending.get().to_string()>
                <div class="metrics">
                    <Metric name="search_beam_any" label=move || t("search.beam.metric.any") value=get(|h| Some(h.any_final)) />
                    <Metric name="search_beam_top" label=move || t("search.beam.metric.top") value=get(|h| Some(h.top_final)) />
                    <Metric name="search_beam_lead" label=move || t("search.beam.metric.lead") value=get(|h| Some(h.lead)) format=signed_points />
                    <Metric name="search_beam_lead_n" label=move || t("search.beam.metric.lead_n") value=get(|h| Some(f64::from(h.lead_at))) format=|v| format!("{v:.0}") />
                    <Metric name="search_beam_behind" label=move || t("search.beam.metric.behind") value=get(|h| h.behind_from.map(f64::from)) format=|v| format!("{v:.0}") />
                </div>
                <p class="verdict">{move || head.with(|h| h.as_ref().map(|h| match (h.clearly_ahead, h.behind_from) {
                    (true, Some(n)) => tr!("search.beam.verdict.reversal", lead = signed_points(h.lead), at = h.lead_at, n = n),
                    (true, None) => tr!("search.beam.verdict.ahead", lead = signed_points(h.lead), at = h.lead_at),
                    (false, Some(n)) => tr!("search.beam.verdict.behind", n = n),
                    (false, None) => t("search.beam.verdict.level").to_string(),
                }))}</p>
                <Chart figure=figure />
            </section>
        </section>
    }
}

#[component]
fn Presets() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    view! {
        <div class="presets" data-group="presets" role="group" aria-label=tx("search.sim.presets")>
            {presets().into_iter().map(|(key, label, p)| {
                let on = { let p = p.clone(); move || ctx.state.with(|s| s.search == p) };
                view! {
                    <button type="button" id=format!("search-preset-{key}") aria-pressed=move || on().to_string()
                        on:click=move |_| ctx.state.update(|s| s.search = p.clone())>{move || t(label)}</button>
                }
            }).collect_view()}
            <button type="button" id="search-preset-defaults" on:click=move |_| ctx.state.update(|s| s.search = SearchParams::default())>{tx("search.sim.defaults")}</button>
        </div>
    }
}

#[component]
fn Controls(params: Memo<SearchParams>) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let v = move |f: fn(&SearchParams) -> f64| Signal::derive(move || params.with(f));
    let two = move || params.with(|p| p.difficulty == Difficulty::Two);
    let pick = move |d: Difficulty| ctx.state.update(|s| s.search.difficulty = d);
    view! {
        <section class="controls" aria-label=tx("search.sim.parameters")>
            <fieldset data-group="difficulty">
                <Legend text=tx("search.sim.difficulty") />
                <div class="radios" role="radiogroup" aria-label=tx("search.sim.difficulty")>
                    <label><input type="radio" name="search-difficulty" id="search-beta" prop:checked=move || !two() on:change=move |_| pick(Difficulty::Beta) />" "{tx("search.sim.beta")}</label>
                    <label><input type="radio" name="search-difficulty" id="search-two" prop:checked=two on:change=move |_| pick(Difficulty::Two) />" "{tx("search.sim.two")}</label>
                </div>
                <Show when=move || !two()>
                    <Slider label=move || t("search.sim.alpha") id="search-alpha" value=v(|p| p.alpha) on_change=setter(ctx, |p, x| p.alpha = x) min=0.05 max=5.0 step=0.01 />
                    <Slider label=move || t("search.sim.beta_param") id="search-beta-param" value=v(|p| p.beta) on_change=setter(ctx, |p, x| p.beta = x) min=0.05 max=5.0 step=0.01 />
                </Show>
                <Show when=two>
                    <Slider label=move || t("search.sim.share_easy") id="search-share" value=v(|p| p.share_easy) on_change=setter(ctx, |p, x| p.share_easy = x) min=0.0 max=1.0 step=0.01 />
                    <Slider label=move || t("search.sim.p_easy") id="search-p-easy" value=v(|p| p.p_easy) on_change=setter(ctx, |p, x| p.p_easy = x) min=0.0 max=1.0 step=0.01 />
                    <Slider label=move || t("search.sim.p_hard") id="search-p-hard" value=v(|p| p.p_hard) on_change=setter(ctx, |p, x| p.p_hard = x) min=0.0 max=1.0 step=0.01 />
                </Show>
            </fieldset>
            <fieldset data-group="answers">
                <Legend text=tx("search.sim.answers") />
                <Slider label=move || t("search.sim.distractors") id="search-m" value=v(|p| p.distractors as f64) on_change=setter(ctx, |p, x| p.distractors = x.round() as u32) min=1.0 max=SearchParams::MAX_DISTRACTORS as f64 step=1.0 />
                <Slider label=move || t("search.sim.zipf") id="search-z" value=v(|p| p.zipf) on_change=setter(ctx, |p, x| p.zipf = x) min=0.0 max=8.0 step=0.05
                    hint=move || t("search.sim.zipf_hint") />
                <Slider label=move || t("search.sim.n_max") id="search-n" value=v(|p| p.n_max as f64) on_change=setter(ctx, |p, x| p.n_max = x.round() as u32) min=2.0 max=SearchParams::MAX_N as f64 step=1.0 />
            </fieldset>
            <fieldset data-group="scorer">
                <Legend text=tx("search.sim.scorer") />
                <Slider label=move || t("search.sim.dprime") id="search-dprime" value=v(|p| p.dprime) on_change=setter(ctx, |p, x| p.dprime = x) min=0.0 max=8.0 step=0.05 />
                <Slider label=move || t("search.sim.bias") id="search-bias" value=v(|p| p.bias) on_change=setter(ctx, |p, x| p.bias = x) min=0.0 max=8.0 step=0.05
                    hint=move || t("search.sim.bias_hint") />
            </fieldset>
        </section>
    }
}
