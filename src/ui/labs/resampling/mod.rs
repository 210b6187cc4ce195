//! The Resampling lab: simulate verifier-limited resampling, compare models, see the paper's data.
//! The page is thin: what it derives is in [`crate::labs::resampling::view_model`] (tested
//! natively); [`use_model`] wires it into memos once, and each section reads them.

use leptos::prelude::*;

use crate::charts::Figure;
use crate::labs::resampling::analysis::{analyze, as_task_mix, AnalyzeOptions};
use crate::labs::resampling::charts as figs;
use crate::labs::resampling::play::{self as playing, Draw, Play};
use crate::labs::resampling::sim::{
    ceiling_fit, humaneval_models, monte_carlo_chunk, monte_carlo_chunks, CurvePoint,
    DifficultyModel, McRun, OptimalK, PaperModel, ResamplingParams, TaskMix, MC_CHUNK,
};
use crate::labs::resampling::view_model::{
    mixture_key, monte_carlo_key, upload_model, with_costs, Weak, WeakVsStrong,
};
use crate::state::AppState;
use crate::stats::LinearFit;
use crate::text::t;
use crate::tr;
use crate::ui::context::AppContext;
use crate::ui::web;
use crate::ui::widgets::{num3, pct, play_state, tx, Chart, Legend, Metric, Player, Slider};
use analyze::UploadArea;

pub mod analyze;
mod uploads;

pub use uploads::provide_state;
use uploads::Uploads;

/// Everything the lab's sections read, derived once from the state and the uploads (signals
/// and memos only, so it is `Copy`).
#[derive(Clone, Copy)]
struct Model {
    state: RwSignal<AppState>,
    up: Uploads,
    params: Memo<ResamplingParams>,
    /// The first upload with truth (for "difficulty from an uploaded file").
    file_mix: Memo<Option<(String, TaskMix)>>,
    mix: Memo<TaskMix>,
    /// The curve without costs; utility is re-weighted from it.
    curve: Memo<Vec<CurvePoint>>,
    optimum: Memo<OptimalK>,
    ceiling: Memo<f64>,
    mc_run: RwSignal<McRun>,
    mc_progress: RwSignal<Option<(u32, u32)>>,
    /// The tasks played one by one ("watch it happen"); started over when the model changes.
    play: RwSignal<Play>,
    outcomes_fig: Memo<Figure>,
    utility_fig: Memo<Figure>,
    samples_fig: Memo<Figure>,
    models: StoredValue<Vec<PaperModel>>,
    fit: StoredValue<Option<LinearFit>>,
}

impl Model {
    /// A slider's callback writing one parameter.
    fn set(self, f: fn(&mut ResamplingParams, f64)) -> Callback<f64> {
        let state = self.state;
        Callback::new(move |v: f64| state.update(|s| f(&mut s.resampling, v)))
    }

    /// A preset, keeping the model pickers.
    fn apply_preset(self, p: ResamplingParams) {
        self.state.update(|s| {
            let keep = (s.resampling.weak, s.resampling.strong);
            s.resampling = p;
            (s.resampling.weak, s.resampling.strong) = keep;
        })
    }

    /// Adds `n` benchmarks to those drawn (each from the next sub-stream of the seed, so the
    /// link's count reproduces them all), up to the limit; `0` clears them.
    fn run_mc(self, n: u32) {
        let max = ResamplingParams::LIMITS.benchmarks_max;
        self.state.update(|s| {
            s.resampling.benchmarks = match n {
                0 => 0,
                n => s.resampling.benchmarks.saturating_add(n).min(max),
            }
        });
    }
}

/// The lab's memos: each recomputes only when what it depends on changes (moving λ re-weights
/// the utility; it does not integrate the mixture again).
fn use_model(state: RwSignal<AppState>, up: Uploads) -> Model {
    let params = Memo::new(move |_| state.with(|s| s.resampling.clone()));
    let file_mix = Memo::new(move |_| {
        up.models.with(|u| {
            u.iter()
                .find(|m| m.results.has_truth())
                .map(|m| (m.results.name.clone(), as_task_mix(&m.results)))
        })
    });
    let mix_key = Memo::new(move |_| params.with(mixture_key));
    let mix = Memo::new(move |_| {
        let p = mix_key.get();
        file_mix.with(|f| TaskMix::from_params(&p, f.as_ref().map(|(_, m)| m)))
    });
    let k_max = Memo::new(move |_| params.with(|p| p.k_max));
    let curve = Memo::new(move |_| mix.with(|m| m.curve(k_max.get(), 0.0, 0.0)));
    let costs = Memo::new(move |_| params.with(|p| (p.lambda, p.kappa)));
    let utility_curve = Memo::new(move |_| {
        let (lambda, kappa) = costs.get();
        curve.with(|c| with_costs(c, lambda, kappa))
    });
    let optimum = Memo::new(move |_| {
        let (lambda, kappa) = costs.get();
        mix.with(|m| m.optimal_k(lambda, kappa))
    });
    let k_star = Memo::new(move |_| optimum.with(figs::finite_k));
    let ceiling = Memo::new(move |_| mix.with(|m| m.ceiling()));
    let (mc_run, mc_progress) = run_monte_carlo(state, params, file_mix);
    let mc = Memo::new(move |_| {
        let (lambda, kappa) = costs.get();
        mc_run.with(|r| r.points(lambda, kappa))
    });
    let mc_outcomes = Memo::new(move |_| mc_run.with(|r| r.points(0.0, 0.0)));
    // The played tasks belong to the model they were drawn from: a new model starts over.
    let play: RwSignal<Play> = play_state(Memo::new(move |_| {
        (params.with(monte_carlo_key), state.with(|s| s.seed))
    }));
    let played = Memo::new(move |_| play.with(|p| playing::curve(p, k_max.get())));
    // Figures are memos: a chart re-renders only when its figure really changed.
    let outcomes_fig = Memo::new(move |_| {
        let mut f = mc_outcomes.with(|mc| {
            curve.with(|c| figs::outcomes(c, mc, ceiling.get(), k_star.get(), k_max.get()))
        });
        played.with(|p| f.series.extend(figs::played(p)));
        f
    });
    let utility_fig = Memo::new(move |_| {
        let (lambda, kappa) = costs.get();
        mc.with(|mc| {
            utility_curve.with(|c| figs::utility(c, mc, &optimum.get(), lambda, kappa, k_max.get()))
        })
    });
    let samples_fig = Memo::new(move |_| {
        mc_outcomes.with(|mc| curve.with(|c| figs::samples(c, mc, k_max.get())))
    });
    let models = StoredValue::new(humaneval_models());
    let fit =
        StoredValue::new(ceiling_fit(&models.with_value(|m| {
            m.iter().map(|m| (m.pass1, m.ceiling)).collect::<Vec<_>>()
        })));
    Model {
        state,
        up,
        params,
        file_mix,
        mix,
        curve,
        optimum,
        ceiling,
        mc_run,
        mc_progress,
        play,
        outcomes_fig,
        utility_fig,
        samples_fig,
        models,
        fit,
    }
}

/// Inputs the Monte Carlo run depends on (not λ or κ: those only re-weight its sums).
#[derive(Clone, PartialEq)]
struct McKey {
    params: ResamplingParams,
    seed: u64,
}

/// Runs the Monte Carlo benchmarks chunk by chunk between frames (a progress bar, a cancel
/// button, and the tab stays responsive); a newer request supersedes a running one. The effect
/// synchronises with the outside world (the browser's frames), which is what effects are for.
fn run_monte_carlo(
    state: RwSignal<AppState>,
    params: Memo<ResamplingParams>,
    file_mix: Memo<Option<(String, TaskMix)>>,
) -> (RwSignal<McRun>, RwSignal<Option<(u32, u32)>>) {
    let mc_key = Memo::new(move |_| McKey {
        params: params.with(monte_carlo_key),
        seed: state.with(|s| s.seed),
    });
    let mc_run = RwSignal::new(McRun::default());
    let mc_progress: RwSignal<Option<(u32, u32)>> = RwSignal::new(None);
    let mc_generation = StoredValue::new(0u64);
    // The last finished run and its key: more benchmarks of the same settings go on from it
    // (benchmark b always draws from sub-stream b, so the sums are the same as from scratch).
    let finished: StoredValue<Option<(McKey, McRun)>> = StoredValue::new(None);
    Effect::new(move |_| {
        let key = mc_key.get();
        let file = file_mix.with(|f| f.as_ref().map(|(_, m)| m.clone()));
        let generation = mc_generation.get_value() + 1;
        mc_generation.set_value(generation);
        let chunks = monte_carlo_chunks(&key.params);
        if chunks == 0 {
            mc_run.set(McRun::default());
            mc_progress.set(None);
            finished.set_value(None);
            return;
        }
        let (start, base) = finished.with_value(|f| match f {
            Some((k, run))
                if k.seed == key.seed
                    && k.params.benchmarks <= key.params.benchmarks
                    && k.params.benchmarks % MC_CHUNK == 0
                    && ResamplingParams {
                        benchmarks: key.params.benchmarks,
                        ..k.params.clone()
                    } == key.params =>
            {
                (k.params.benchmarks / MC_CHUNK, run.clone())
            }
            _ => (0, McRun::default()),
        });
        leptos::task::spawn_local(async move {
            let mut run = base;
            // What is shown is what has been drawn: the dots, their intervals and the counters
            // follow the benchmarks merged so far (about ten times a second, so the run is not
            // slowed by drawing), never the request or an older run.
            let mut shown_at = f64::NEG_INFINITY; // the first chunk replaces the older run at once
            for chunk in start..chunks {
                if mc_generation.try_get_value() != Some(generation) {
                    return; // superseded, cancelled or unmounted
                }
                run.merge(&monte_carlo_chunk(
                    &key.params,
                    file.as_ref(),
                    key.seed,
                    chunk,
                ));
                let done = ((chunk + 1) * MC_CHUNK).min(key.params.benchmarks);
                if chunk + 1 < chunks {
                    mc_progress.try_set(Some((done, key.params.benchmarks)));
                    if web::now_ms() - shown_at > 100.0 {
                        mc_run.try_set(run.clone());
                        shown_at = web::now_ms();
                    }
                    web::yield_now().await;
                }
            }
            if mc_generation.try_get_value() == Some(generation) {
                finished.set_value(Some((key.clone(), run.clone())));
                mc_run.try_set(run);
                mc_progress.try_set(None);
            }
        });
    });
    (mc_run, mc_progress)
}

/// The lab page.
#[component]
pub fn ResamplingLab() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let m = use_model(ctx.state, expect_context::<Uploads>());
    view! {
        <article class="page lab resampling">
            <Intro m=m />
            <div class="lab-grid">
                <Controls m=m />
                <Results m=m />
            </div>
            <WeakStrongPanel m=m />
            <ModelsPanel m=m />
            <section class="panel" aria-labelledby="lab-uploads-h">
                <h2 id="lab-uploads-h">{tx("resampling.your_results")}</h2>
                <p>{tx("resampling.load_evalplus_results_to_see")}</p>
                <UploadArea />
            </section>
        </article>
    }
}

/// Title, citation and presets.
#[component]
fn Intro(
    /// The lab's derived state.
    m: Model,
) -> impl IntoView {
    let models = m.models;
    let apply_preset = move |p| m.apply_preset(p);
    view! {
        <header class="lab-intro">
            <h1>{tx("resampling.resampling_with_an_imperfect_verifier")}</h1>
            <p class="lead">
                {tx("resampling.draw_samples_until_one_passes")}" "
                <span class="cite">{tx("resampling.stroebl_kapoor_narayanan_2024_inference")}</span>
            </p>
            <div class="presets" data-group="presets" role="group" aria-label=tx("resampling.presets")>
                <button type="button" id="preset-two-type" on:click=move |_| apply_preset(ResamplingParams::two_type_example())>
                    {tx("resampling.paper_s_two_type_example")}
                </button>
                <button type="button" id="preset-default" on:click=move |_| apply_preset(ResamplingParams::default())>
                    {tx("resampling.humaneval_like_beta")}
                </button>
                <label class="inline">
                    {tx("resampling.model")}" "
                    <select id="preset-model" on:change=move |ev| {
                        let i: usize = event_target_value(&ev).parse().unwrap_or(0);
                        if let Some(m) = models.with_value(|m| m.get(i.wrapping_sub(1)).cloned()) {
                            let (a, b, s) = m.calibrated();
                            apply_preset(ResamplingParams { alpha: a, beta: b, soundness: s, ..ResamplingParams::default() });
                        }
                    }>
                        <option value="0">{tx("resampling.choose_a_humaneval_model")}</option>
                        {models.with_value(|m| m.iter().enumerate().map(|(i, m)| view! {
                            <option value=(i + 1).to_string() translate="no">{m.name.clone()}</option>
                        }).collect_view())}
                    </select>
                </label>
            </div>
        </header>
    }
}

/// The parameters: difficulty, verifier, costs and budget, Monte Carlo.
#[component]
fn Controls(
    /// The lab's derived state.
    m: Model,
) -> impl IntoView {
    let (state, params, file_mix, optimum, mc_run, mc_progress) = (
        m.state,
        m.params,
        m.file_mix,
        m.optimum,
        m.mc_run,
        m.mc_progress,
    );
    // The draws add up to a limit; the run buttons say so by going grey.
    let full = move || params.with(|p| p.benchmarks >= ResamplingParams::LIMITS.benchmarks_max);
    let set = move |f| m.set(f);
    let difficulty_memo = Memo::new(move |_| params.with(|p| p.difficulty));
    let difficulty = move || difficulty_memo.get();
    let set_difficulty = move |d: DifficultyModel| state.update(|s| s.resampling.difficulty = d);
    let run_mc = move |n: u32| m.run_mc(n);
    let lim = ResamplingParams::LIMITS;
    view! {
        <section class="controls" aria-label=tx("resampling.parameters")>
            <fieldset data-group="difficulty">
                <Legend text=tx("resampling.task_difficulty") />
                <div class="radios" role="radiogroup">
                    <label><input type="radio" name="mix" id="mix-beta" prop:checked=move || difficulty() == DifficultyModel::Beta on:change=move |_| set_difficulty(DifficultyModel::Beta) />" "{tx("resampling.beta")}</label>
                    <label><input type="radio" name="mix" id="mix-two" prop:checked=move || difficulty() == DifficultyModel::TwoType on:change=move |_| set_difficulty(DifficultyModel::TwoType) />" "{tx("resampling.two_types")}</label>
                    <label><input type="radio" name="mix" id="mix-file" prop:checked=move || difficulty() == DifficultyModel::FromFile on:change=move |_| set_difficulty(DifficultyModel::FromFile) />" "{tx("resampling.from_an_uploaded_file")}</label>
                </div>
                {move || match difficulty() {
                    DifficultyModel::Beta => view! {
                        <Slider label=move || t("resampling.pulls_tasks_toward_easy") id="alpha" value=Signal::derive(move || params.with(|p| p.alpha)) on_change=set(|p, v| p.alpha = v) min=lim.shape.0 max=lim.shape.1 step=0.05 />
                        <Slider label=move || t("resampling.pulls_tasks_toward_hard") id="beta" value=Signal::derive(move || params.with(|p| p.beta)) on_change=set(|p, v| p.beta = v) min=lim.shape.0 max=lim.shape.1 step=0.05 hint=move || t("resampling.each_task_s_chance_of") />
                    }.into_any(),
                    DifficultyModel::TwoType => view! {
                        <Slider label=move || t("resampling.share_of_easy_tasks_p") id="p1" value=Signal::derive(move || params.with(|p| p.p1)) on_change=set(|p, v| p.p1 = v) min=0.0 max=1.0 step=0.01 />
                        <Slider label=move || t("resampling.easy_tasks_p_correct_sample") id="r1" value=Signal::derive(move || params.with(|p| p.r1)) on_change=set(|p, v| p.r1 = v) min=0.0 max=1.0 step=0.01 />
                        <Slider label=move || t("resampling.hard_tasks_p_correct_sample") id="r2" value=Signal::derive(move || params.with(|p| p.r2)) on_change=set(|p, v| p.r2 = v) min=0.0 max=1.0 step=0.01 />
                    }.into_any(),
                    DifficultyModel::FromFile => view! {
                        <p class="hint" id="file-source">{move || match file_mix.get() {
                            Some((name, m)) => tr!("resampling.file_source", tasks = m.types.len(), name = name),
                            None => t("resampling.file_source.none").to_string(),
                        }}</p>
                    }.into_any(),
                }}
            </fieldset>
            <fieldset data-group="verifier">
                <Legend text=tx("resampling.verifier_unit_tests") />
                <Slider label=move || t("resampling.soundness_p_reject_wrong") id="soundness" value=Signal::derive(move || params.with(|p| p.soundness)) on_change=set(|p, v| p.soundness = v) min=0.0 max=1.0 step=0.01 />
                <Slider label=move || t("resampling.soundness_lost_on_the_hardest") id="hard-drop" value=Signal::derive(move || params.with(|p| p.hard_drop)) on_change=set(|p, v| p.hard_drop = v) min=0.0 max=1.0 step=0.01 hint=move || t("resampling.soundness_on_a_task_with") />
                <Slider label=move || t("resampling.completeness_p_accept_correct") id="completeness" value=Signal::derive(move || params.with(|p| p.completeness)) on_change=set(|p, v| p.completeness = v) min=0.0 max=1.0 step=0.01 />
            </fieldset>
            <fieldset data-group="costs">
                <Legend text=tx("resampling.costs_and_budget") />
                <Slider label=move || t("resampling.cost_of_a_false_positive") id="lambda" value=Signal::derive(move || params.with(|p| p.lambda)) on_change=set(|p, v| p.lambda = v) min=0.0 max=lim.lambda_max step=0.05 />
                <Slider label=move || t("resampling.cost_per_sample") id="kappa" value=Signal::derive(move || params.with(|p| p.kappa)) on_change=set(|p, v| p.kappa = v) min=0.0 max=lim.kappa_max step=0.001 />
                <Slider label=move || t("resampling.largest_budget_shown_k") id="kmax" value=Signal::derive(move || params.with(|p| p.k_max as f64)) on_change=set(|p, v| p.k_max = v.round() as u32) min=2.0 max=lim.k_max as f64 step=1.0 />
                <button type="button" id="snap-optimum" disabled=move || optimum.with(|o| !matches!(o, OptimalK::Finite { .. }))
                    on:click=move |_| if let OptimalK::Finite { k, .. } = optimum.get_untracked() {
                        state.update(|s| s.resampling.k_max = (k.max(2) * 4).min(lim.k_max));
                    }>
                    {tx("resampling.zoom_to_the_optimum")}
                </button>
            </fieldset>
            <fieldset data-group="monte-carlo">
                {move || full().then(|| view! { <p class="hint" id="mc-full">{move || tr!("resampling.mc.full", n = ResamplingParams::LIMITS.benchmarks_max)}</p> })}
                <Legend text=tx("resampling.monte_carlo") />
                <p class="hint">{move || tr!("resampling.mc.about", tasks = params.with(|p| p.tasks), seed = state.with(|s| s.seed))}</p>
                <div class="buttons" role="group" aria-label=tx("resampling.run_benchmarks")>
                    <button type="button" id="mc-1" disabled=full on:click=move |_| run_mc(1)>{tx("resampling.run_1")}</button>
                    <button type="button" id="mc-100" disabled=full on:click=move |_| run_mc(100)>{tx("resampling.run_100")}</button>
                    <button type="button" id="mc-10000" disabled=full on:click=move |_| run_mc(10_000)>{tx("resampling.run_10_000")}</button>
                    <button type="button" id="mc-clear" on:click=move |_| run_mc(0)>{tx("resampling.clear")}</button>
                </div>
                {move || mc_progress.get().map(|(done, total)| view! {
                    <div class="progress" role="status">
                        <progress id="mc-progress" max=total.to_string() value=done.to_string()></progress>
                        " "{move || tr!("resampling.mc.progress", done = done, total = total)}" "
                        <button type="button" class="small" id="mc-cancel" on:click=move |_| run_mc(0)>{tx("resampling.cancel")}</button>
                    </div>
                })}
                <p class="hint" data-metric="sim_benchmarks" data-value=move || params.with(|p| p.benchmarks.to_string())>
                    {move || match (params.with(|p| p.benchmarks), mc_progress.get()) {
                        (0, _) => t("resampling.mc.none").to_string(),
                        // Still drawing: the counter says what is done, not what was asked.
                        (_, Some((done, total))) => tr!("resampling.mc.drawing", done = done, total = total),
                        (n, None) => tr!("resampling.mc.drawn", n = n),
                    }}
                </p>
                <p class="hint">{tx("resampling.tasks_simulated")}" "
                    <span data-metric="sim_mc_tasks" data-value=move || mc_run.with(|r| r.tasks.to_string())>
                        {move || mc_run.with(|r| format!("{}", r.tasks))}
                    </span>
                </p>
            </fieldset>
        </section>
    }
}

/// The headline numbers and the three charts.
#[component]
fn Results(
    /// The lab's derived state.
    m: Model,
) -> impl IntoView {
    let (mix, ceiling, curve, optimum) = (m.mix, m.ceiling, m.curve, m.optimum);
    let optimum_k = Signal::derive(move || optimum.get().as_k().map(|k| k as f64));
    view! {
        <section class="results" data-note=tx("lesson.predicting_note") aria-label=tx("resampling.results")>
            <h2 class="visually-hidden">{tx("resampling.results")}</h2>
            <div class="metrics">
                <Metric name="sim_single_sample_accuracy" label=move || t("resampling.single_sample_accuracy") value=Signal::derive(move || Some(mix.with(|m| m.single_sample_accuracy()))) />
                <Metric name="sim_ceiling" label=move || t("resampling.ceiling_k") value=Signal::derive(move || Some(ceiling.get())) />
                <Metric name="sim_accuracy_at_k_max" label=move || t("resampling.accuracy_at_largest_k") value=Signal::derive(move || curve.with(|c| c.last().map(|p| p.accuracy))) />
                <Metric name="sim_optimal_k" label=move || t("resampling.best_budget_k") value=optimum_k format=|k| format!("{k}")
                    hint=Signal::derive(move || optimum.get().describe()) />
            </div>
            <p class="verdict" data-metric="sim_optimal_k_text">{move || optimum.get().describe()}</p>
            <Watch m=m />
            <Chart figure=m.outcomes_fig />
            <Chart figure=m.utility_fig />
            <Chart figure=m.samples_fig />
        </section>
    }
}

/// Watch it happen: tasks played one at a time, each drawing samples until the verifier
/// accepts one; the tasks played put their own dots on the outcomes chart.
#[component]
fn Watch(
    /// The lab's derived state.
    m: Model,
) -> impl IntoView {
    let (state, params, file_mix, play, curve) = (m.state, m.params, m.file_mix, m.play, m.curve);
    let on_step = Callback::new(move |()| {
        let (p, seed) = (params.get_untracked(), state.with_untracked(|s| s.seed));
        let mut more = false;
        file_mix.with_untracked(|f| {
            play.update(|pl| more = playing::advance(pl, &p, f.as_ref().map(|(_, m)| m), seed));
        });
        more
    });
    let on_reset = Callback::new(move |()| play.set(Play::default()));
    let what = |d: &Draw| {
        t(match d {
            Draw::Rejected { correct: false } => "resampling.play.rejected_wrong",
            Draw::Rejected { correct: true } => "resampling.play.rejected_right",
            Draw::Correct => "resampling.play.correct",
            Draw::FalsePositive => "resampling.play.false_positive",
        })
    };
    let status = Signal::derive(move || {
        play.with(|pl| {
            let Some(task) = pl.items.last() else {
                return t("resampling.play.start").to_string();
            };
            let (n, p) = (pl.items.len(), format!("{:.2}", task.p_correct));
            let shown = pl.shown.min(task.draws.len());
            match task.draws.get(shown.wrapping_sub(1)) {
                Some(d) if pl.unfolding() => {
                    tr!(
                        "resampling.play.drawing",
                        task = n,
                        p = p,
                        sample = shown,
                        what = what(d)
                    )
                }
                Some(d @ (Draw::Correct | Draw::FalsePositive)) => {
                    tr!(
                        "resampling.play.done",
                        task = n,
                        p = p,
                        what = what(d),
                        sample = shown
                    )
                }
                _ => tr!(
                    "resampling.play.gave_up",
                    task = n,
                    p = p,
                    k = task.draws.len()
                ),
            }
        })
    });
    let tally = move || {
        let k = params.with(|p| p.k_max);
        play.with(|pl| {
            let t = playing::tally(pl);
            (t.tasks > 0).then(|| {
                let accuracy = playing::curve(pl, k).last().map(|(_, e)| e.mean).unwrap_or(f64::NAN);
                let exact = curve.with(|c| c.last().map(|p| p.accuracy).unwrap_or(f64::NAN));
                view! {
                    <p class="hint play-tally" id="rs-play-tally" data-metric="play_tasks" data-value=t.tasks.to_string()>
                        {tr!("resampling.play.tally", tasks = t.tasks, correct = t.correct, fp = t.false_positive,
                            gave_up = t.gave_up, k = k, accuracy = pct(accuracy), exact = pct(exact))}
                        <span data-metric="play_accuracy" data-value=accuracy.to_string()></span>
                    </p>
                }
            })
        })
    };
    let draws = move || {
        play.with(|pl| {
            let Some(task) = pl.items.last() else {
                return Vec::new();
            };
            task.draws
                .iter()
                .take(pl.shown)
                .map(|d| {
                    let (class, mark) = match d {
                        Draw::Rejected { .. } => ("draw rejected", "·"),
                        Draw::Correct => ("draw correct", "✓"),
                        Draw::FalsePositive => ("draw false-positive", "✗"),
                    };
                    view! { <li class=class>{mark}</li> }
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <div class="watch" id="rs-watch">
            <Player id="rs-play" on_step=on_step on_reset=on_reset status=status />
            <ol class="draws" id="rs-draws" aria-hidden="true">{draws}</ol>
            {tally}
        </div>
    }
}

/// A weak model with many samples against a strong model's single sample: the paper's models
/// (in the link) or this session's uploads (never in the link).
#[component]
fn WeakStrongPanel(
    /// The lab's derived state.
    m: Model,
) -> impl IntoView {
    let (state, params, models, up, mix) = (m.state, m.params, m.models, m.up, m.mix);
    let weak_upload: RwSignal<Option<u32>> = RwSignal::new(None);
    let strong_upload: RwSignal<Option<u32>> = RwSignal::new(None);
    // Only what the comparison depends on (not λ, κ or the Monte Carlo settings).
    let key = Memo::new(move |_| params.with(|p| (p.weak, p.strong, p.k_max)));
    let comparison = Memo::new(move |_| {
        let (weak, strong, k_max) = key.get();
        let upload = |id: Option<u32>| {
            id.and_then(|id| {
                up.models.with(|u| {
                    u.iter()
                        .find(|m| m.id == id)
                        .map(|m| analyze(&m.results, &AnalyzeOptions::default()))
                })
            })
        };
        models.with_value(|models| {
            let strong = match upload(strong_upload.get()) {
                Some(a) => upload_model(&a),
                None => models
                    .get((strong as usize).saturating_sub(1))
                    .or(models.first())
                    .cloned()
                    .unwrap_or_default(),
            };
            // The weak model named in the verdict: a name that reads as one model.
            let these = || t("resampling.these_settings.model").to_string();
            let weak = match upload(weak_upload.get()) {
                Some(a) => Weak::uploaded(&a),
                None => match (weak as usize).checked_sub(1).and_then(|i| models.get(i)) {
                    Some(paper) => Weak::simulated(paper.name.clone(), &paper.mix(), k_max),
                    None => mix.with(|mx| Weak::simulated(these(), mx, k_max)),
                },
            };
            WeakVsStrong::new(weak, strong, k_max)
        })
    });
    let figure = Memo::new(move |_| comparison.with(|c| c.figure()));
    let model_names = StoredValue::new(
        models.with_value(|m| m.iter().map(|m| m.name.clone()).collect::<Vec<_>>()),
    );
    let upload_options = Memo::new(move |_| {
        up.models.with(|u| {
            u.iter()
                .filter(|m| m.results.has_truth())
                .map(|m| (m.id, m.results.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let pick =
        move |raw: String, paper: fn(&mut ResamplingParams, u32), upload: RwSignal<Option<u32>>| {
            if let Some(id) = raw.strip_prefix('u').and_then(|v| v.parse::<u32>().ok()) {
                upload.set(Some(id));
            } else if let Ok(v) = raw.parse::<u32>() {
                upload.set(None);
                state.update(|s| paper(&mut s.resampling, v));
            }
        };
    view! {
    <section class="panel" data-group="weak-strong" aria-labelledby="weak-strong-h">
        <h2 id="weak-strong-h">{tx("resampling.weak_model_many_samples_vs")}</h2>
        <div class="inline-controls">
            <label>{tx("resampling.weak")}" "
                <select id="weak" on:change=move |ev| pick(event_target_value(&ev), |p, v| p.weak = v, weak_upload)>
                    <option value="0" selected=move || weak_upload.get().is_none() && params.with(|p| p.weak == 0)>{tx("resampling.these_settings")}</option>
                    {model_options(model_names.get_value(), Signal::derive(move || params.with(|p| p.weak)), weak_upload, upload_options)}
                </select>
            </label>
            <label>{tx("resampling.strong")}" "
                <select id="strong" on:change=move |ev| pick(event_target_value(&ev), |p, v| p.strong = v.max(1), strong_upload)>
                    {model_options(model_names.get_value(), Signal::derive(move || params.with(|p| p.strong)), strong_upload, upload_options)}
                </select>
            </label>
        </div>
        <p class="verdict" data-metric="weak_strong_crossing" data-value=move || comparison.with(|c| c.value())>{move || comparison.with(|c| c.sentence())}</p>
        <Chart figure=figure />
        <p class="hint">{tx("resampling.paper_models_are_simulated_with")}</p>
    </section>
    }
}

/// The paper's 17 HumanEval+ models and this session's uploads: ceiling against pass@1 with the
/// least-squares fit computed here.
#[component]
fn ModelsPanel(
    /// The lab's derived state.
    m: Model,
) -> impl IntoView {
    let (models, fit, up) = (m.models, m.fit, m.up);
    let uploads_scatter = Memo::new(move |_| {
        let opts = AnalyzeOptions::default();
        up.models.with(|u| {
            u.iter()
                .filter_map(|m| {
                    let a = analyze(&m.results, &opts);
                    Some((
                        a.name.clone(),
                        a.single_sample_accuracy?,
                        a.conditional_accuracy?,
                    ))
                })
                .collect::<Vec<_>>()
        })
    });
    let scatter_fig = Signal::derive(move || {
        models.with_value(|m| {
            fit.with_value(|f| figs::scatter(m, &uploads_scatter.get(), f.as_ref()))
        })
    });
    view! {
    <section class="panel" data-group="models" aria-labelledby="models-h">
        <h2 id="models-h">{tx("resampling.the_paper_s_17_humaneval")}</h2>
        <div class="metrics">
            <Metric name="fit_slope" label=move || t("resampling.slope") value=Signal::derive(move || fit.with_value(|f| f.map(|f| f.slope))) format=num3 />
            <Metric name="fit_intercept" label=move || t("resampling.intercept") value=Signal::derive(move || fit.with_value(|f| f.map(|f| f.intercept))) format=num3 />
            <Metric name="fit_r_squared" label=move || t("resampling.r") value=Signal::derive(move || fit.with_value(|f| f.map(|f| f.r_squared))) format=num3 />
        </div>
        <Chart figure=scatter_fig />
    </section>
    }
}

/// The options of a model picker: the paper's models (values 1…17, the link's `weak`/`strong`)
/// and this session's uploads (values `u<id>`, never in the link).
fn model_options(
    names: Vec<String>,
    chosen: Signal<u32>,
    upload: RwSignal<Option<u32>>,
    uploads: Memo<Vec<(u32, String)>>,
) -> impl IntoView {
    view! {
        {names.into_iter().enumerate().map(|(i, name)| {
            let v = i as u32 + 1;
            view! { <option value=v.to_string() translate="no" selected=move || upload.get().is_none() && chosen.get() == v>{name}</option> }
        }).collect_view()}
        {move || uploads.get().into_iter().map(|(id, name)| view! {
            <option value=format!("u{id}") selected=move || upload.get() == Some(id)>{move || tr!("resampling.weak.upload", name = name)}</option>
        }).collect_view()}
    }
}
