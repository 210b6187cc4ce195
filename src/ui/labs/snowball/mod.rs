//! The Snowball lab: simulate how one wrong commitment breeds more, and check real answers.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::labs::snowball::analysis::CategoryStats;
use crate::labs::snowball::charts as figs;
use crate::labs::snowball::claims::{CheckedClaim, Checker};
use crate::labs::snowball::data::{
    flight_puzzle, primality_questions, senator_questions, FlightPuzzle,
};
use crate::labs::snowball::ingest::Category;
use crate::labs::snowball::job::AnalyzeAnswers;
use crate::labs::snowball::play::{self as playing, Play};
use crate::labs::snowball::sim::{
    exact, model_presets, monte_carlo, sample_response, AnswerOrder, SnowballExact, SnowballMc,
    SnowballParams,
};
use crate::protocol::WorkerError;
use crate::rng::Stream;
use crate::state::AppState;
use crate::text::t;
use crate::tr;
use crate::ui::context::AppContext;
use crate::ui::web;
use crate::ui::widgets::{
    after_paint, num3, pct, play_state, tx, warning_list, Chart, Legend, Metric, Player, Slider,
    UploadErrors,
};
use crate::ui::worker_job::{use_worker_job, Finished, JobProgress};

/// Responses drawn for the Monte Carlo numbers.
const MC_RESPONSES: u64 = crate::labs::snowball::MC_RESPONSES;
/// Responses shown in the chain view.
const CHAIN_ROWS: usize = 1000;

/// A question of one of the three datasets.
#[derive(Clone, PartialEq)]
enum Question {
    Prime(u32, String),
    Senator(String),
    Flight(FlightPuzzle),
}

fn question(kind: &str, seed: u64, counter: u64) -> Question {
    match kind {
        "senator" => Question::Senator(
            senator_questions(seed ^ counter.wrapping_mul(0x9e37), 1)
                .pop()
                .unwrap_or_default(),
        ),
        "graph" => Question::Flight(flight_puzzle(seed, counter)),
        _ => {
            let (n, q) = primality_questions(seed ^ counter.wrapping_mul(0x9e37), 1)
                .pop()
                .unwrap_or((7411, String::new()));
            Question::Prime(n, q)
        }
    }
}

/// An answers file read and analysed: its name, the report, milliseconds.
pub type SnowballUpload = (String, crate::labs::snowball::job::Reply, f64);

/// The lab's upload, kept while the visitor visits other labs.
#[derive(Clone, Copy)]
pub struct Upload {
    /// The file read last.
    pub report: RwSignal<Option<SnowballUpload>>,
    /// Files that could not be read at all.
    pub errors: RwSignal<Vec<crate::text::Deferred>>,
    /// The simulator's settings before the last "fit to this file" (for undo; none when the
    /// fit was refused) and what the fit said, by file name.
    pub fit: RwSignal<Option<FitSaid>>,
}

/// What the last fit said: the file, the settings before it (for undo; none when refused) and
/// its messages.
pub type FitSaid = (String, Option<SnowballParams>, Vec<crate::text::Deferred>);

/// Puts the lab's upload state in the app's context (once, when the app starts).
pub fn provide_state() {
    provide_context(Upload {
        report: RwSignal::new(None),
        errors: RwSignal::new(Vec::new()),
        fit: RwSignal::new(None),
    });
}

/// What the lab's sections read (signals and memos only, so it is `Copy`).
#[derive(Clone, Copy)]
struct Model {
    state: RwSignal<AppState>,
    params: Memo<SnowballParams>,
    seed: Memo<u64>,
    exact_result: Memo<SnowballExact>,
    /// The Monte Carlo responses, after the slider's frame (so the chain view redraws first).
    mc: RwSignal<((SnowballParams, u64), SnowballMc)>,
    mc_pending: RwSignal<bool>,
}

impl Model {
    /// A slider's callback writing one parameter.
    fn set(self, f: fn(&mut SnowballParams, f64)) -> Callback<f64> {
        let state = self.state;
        Callback::new(move |v: f64| state.update(|s| f(&mut s.snowball, v)))
    }
}

fn use_model(state: RwSignal<AppState>) -> Model {
    let params = Memo::new(move |_| state.with(|s| s.snowball.clone()));
    let seed = Memo::new(move |_| state.with(|s| s.seed));
    let exact_result = Memo::new(move |_| exact(&params.get()));
    let mc_input = Memo::new(move |_| (params.get(), seed.get()));
    let (mc, mc_pending) = after_paint(mc_input, |(p, s)| monte_carlo(p, *s, MC_RESPONSES));
    Model {
        state,
        params,
        seed,
        exact_result,
        mc,
        mc_pending,
    }
}

/// The lab page.
#[component]
pub fn SnowballLab() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let m = use_model(ctx.state);
    view! {
        <article class="page lab snowball">
            <Intro m=m />
            <div class="lab-grid">
                <Controls m=m />
                <Results m=m />
            </div>
            <Datasets m=m />
            <UploadSection />
        </article>
    }
}

/// Title, citation and presets.
#[component]
fn Intro(
    /// The lab's derived state.
    m: Model,
) -> impl IntoView {
    let state = m.state;
    let self_check = Memo::new(move |_| m.params.with(|p| p.self_check));
    view! {
        <header class="lab-intro">
            <h1>{tx("snowball.hallucination_snowballing")}</h1>
            <p class="lead">
                {tx("snowball.a_model_that_commits_to")}" "<span class="cite">{tx("snowball.zhang_press_merrill_liu_smith")}</span>
            </p>
            <div class="presets" data-group="presets" role="group" aria-label=tx("snowball.presets")>
                {model_presets().into_iter().map(|(name, rho)| view! {
                    <button type="button" on:click=move |_| state.update(|s| s.snowball.recognition = rho)>{move || tr!("snowball.preset.model", name = name, rho = rho)}</button>
                }).collect_view()}
                <button type="button" id="preset-cot" on:click=move |_| state.update(|s| s.snowball.order = AnswerOrder::ReasonFirst)>{tx("snowball.let_s_think_step_by")}</button>
                <button type="button" id="preset-self-check" aria-pressed=move || self_check.get().to_string() on:click=move |_| state.update(|s| s.snowball.self_check = !s.snowball.self_check)>
                    {move || if self_check.get() { t("snowball.preset.self_check_on") } else { t("snowball.preset.self_check_off") }}
                </button>
            </div>
        </header>
    }
}

/// The response model and the self-check.
#[component]
fn Controls(
    /// The lab's derived state.
    m: Model,
) -> impl IntoView {
    let (state, params) = (m.state, m.params);
    let set = move |f| m.set(f);
    let order = Memo::new(move |_| params.with(|p| p.order));
    let self_check = Memo::new(move |_| params.with(|p| p.self_check));
    let value = move |f: fn(&SnowballParams) -> f64| Signal::derive(move || params.with(f));
    view! {
        <section class="controls" aria-label=tx("snowball.parameters")>
            <fieldset data-group="response">
                <Legend text=tx("snowball.the_response") />
                <div class="radios" role="radiogroup">
                    <label><input type="radio" name="order" id="order-answer" prop:checked=move || order.get() == AnswerOrder::AnswerFirst on:change=move |_| state.update(|s| s.snowball.order = AnswerOrder::AnswerFirst) />" "{tx("snowball.answer_first")}</label>
                    <label><input type="radio" name="order" id="order-reason" prop:checked=move || order.get() == AnswerOrder::ReasonFirst on:change=move |_| state.update(|s| s.snowball.order = AnswerOrder::ReasonFirst) />" "{tx("snowball.reason_first")}</label>
                </div>
                <Slider label=move || t("snowball.claims_per_response") id="sb-steps" value=value(|p| p.steps as f64) on_change=set(|p, v| p.steps = v.round() as u32) min=1.0 max=SnowballParams::MAX_STEPS as f64 step=1.0 />
                <Slider label=move || t("snowball.error_rate_e_clean_response") id="sb-e" value=value(|p| p.base_error) on_change=set(|p, v| p.base_error = v) min=0.0 max=1.0 step=0.01 />
                <Slider label=move || t("snowball.step_error_rate") id="sb-eps" value=value(|p| p.step_error) on_change=set(|p, v| p.step_error = v) min=0.0 max=1.0 step=0.01 />
                <Slider label=move || t("snowball.error_rate_after_an_error") id="sb-es" value=value(|p| p.committed_error) on_change=set(|p, v| p.committed_error = v) min=0.0 max=1.0 step=0.01 />
                <Slider label=move || t("snowball.recognised_alone") id="sb-rho" value=value(|p| p.recognition) on_change=set(|p, v| p.recognition = v) min=0.0 max=1.0 step=0.01 hint=move || t("snowball.gpt_3_5_0_67") />
            </fieldset>
            <fieldset data-group="self-check">
                <Legend text=tx("snowball.self_check_and_retry") />
                <label class="checkbox"><input type="checkbox" id="sb-self-check" prop:checked=move || self_check.get()
                    on:change=move |ev| { let on = event_target_checked(&ev); state.update(|s| s.snowball.self_check = on); } />" "{tx("snowball.re_ask_each_claim_alone")}</label>
                <Slider label=move || t("snowball.false_alarm") id="sb-phi" value=value(|p| p.false_alarm) on_change=set(|p, v| p.false_alarm = v) min=0.0 max=1.0 step=0.01 />
                <Slider label=move || t("snowball.retry_when_flagged_d") id="sb-d" value=value(|p| p.detection) on_change=set(|p, v| p.detection = v) min=0.0 max=1.0 step=0.01 />
                <Slider label=move || t("snowball.retry_is_correct_q") id="sb-q" value=value(|p| p.retry_success) on_change=set(|p, v| p.retry_success = v) min=0.0 max=1.0 step=0.01 />
            </fieldset>
        </section>
    }
}

/// Watch it happen: one response written claim by claim, then many; the responses written put
/// their own dots on the by-position chart.
#[component]
fn Watch(
    params: Memo<SnowballParams>,
    seed: Memo<u64>,
    exact_result: Memo<SnowballExact>,
    play: RwSignal<Play>,
    played: Memo<playing::Played>,
) -> impl IntoView {
    let on_step = Callback::new(move |()| {
        let (p, s) = (params.get_untracked(), seed.get_untracked());
        let mut more = false;
        play.update(|pl| more = playing::advance(pl, &p, s));
        more
    });
    let on_reset = Callback::new(move |()| play.set(Play::default()));
    let status = Signal::derive(move || {
        play.with(|pl| {
            let Some(r) = pl.items.last() else {
                return tr!(
                    "snowball.play.start",
                    answer = params.with(|p| p.answer_index()) + 1
                );
            };
            let shown = pl.shown.min(r.steps.len());
            let Some(o) = r.steps.get(shown.wrapping_sub(1)) else {
                return String::new();
            };
            tr!(
                "snowball.play.claim",
                response = pl.items.len(),
                claim = shown,
                claims = r.steps.len(),
                what = figs::outcome_style(*o).1
            )
        })
    });
    let answer = move || params.with(|p| p.answer_index());
    let claims = move || {
        play.with(|pl| {
            let Some(r) = pl.items.last() else { return Vec::new() };
            let a = answer();
            r.steps
                .iter()
                .take(pl.shown)
                .enumerate()
                .map(|(i, o)| {
                    let (color, name) = figs::outcome_style(*o);
                    let mark = if playing::is_false(*o) { "✗" } else { "✓" };
                    let label = if i == a { t("snowball.play.answer").to_string() } else { (i + 1).to_string() };
                    view! {
                        <li class="play-claim" class:answer=i == a style=format!("background:{color}") title=name>
                            {label}" "{mark}
                        </li>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    let tally = move || {
        played.with(|p| {
            (p.responses > 0).then(|| {
                let share = p.wrong_answers as f64 / p.responses as f64;
                let exact = exact_result.with(|x| x.wrong_answer);
                view! {
                    <p class="hint play-tally" id="sb-play-tally" data-metric="play_responses" data-value=p.responses.to_string()>
                        {tr!("snowball.play.tally", responses = p.responses, wrong = p.wrong_answers, share = pct(share), exact = pct(exact))}
                    </p>
                }
            })
        })
    };
    view! {
        <div class="watch" id="sb-watch">
            <Player id="sb-play" on_step=on_step on_reset=on_reset status=status />
            <ol class="play-claims" id="sb-play-claims" aria-hidden="true">{claims}</ol>
            {tally}
        </div>
    }
}

/// The headline numbers, the false-claims chart and the chain view of 1 000 responses.
#[component]
fn Results(
    /// The lab's derived state.
    m: Model,
) -> impl IntoView {
    let (params, seed, exact_result, mc, mc_pending) =
        (m.params, m.seed, m.exact_result, m.mc, m.mc_pending);
    let chains = Memo::new(move |_| {
        let p = params.get();
        let mut rng = Stream::new(seed.get(), "snowball/chain-view");
        (0..CHAIN_ROWS)
            .map(|_| sample_response(&p, &mut rng))
            .collect::<Vec<_>>()
    });
    // The chain view is a canvas the size of its scroll box, on which only the rows in view are
    // painted (a spacer gives the box the height of all rows). A 640 × 6 000 px canvas cost ~10 ms
    // of raster per slider move; the same cells as SVG elements cost ~90 ms.
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    let spacer = NodeRef::<leptos::html::Div>::new();
    let scroll_top = RwSignal::new(0.0f64);
    Effect::new(move |_| {
        let Some(el) = canvas.get() else { return };
        let top = scroll_top.get();
        chains.with(|c| draw_chains(&el, spacer.get().as_ref(), c, top));
    });
    let selected = RwSignal::new(0usize);
    let explanation = Memo::new(move |_| {
        chains.with(|c| {
            c.get(selected.get())
                .map(|r| figs::explain(selected.get(), r))
                .unwrap_or_default()
        })
    });
    let fig = Memo::new(move |_| mc.with(|((p, _), m)| figs::false_claims(&exact(p), m)));
    // The responses written in a play belong to the model they came from: a new one starts over.
    let play: RwSignal<Play> = play_state(Memo::new(move |_| (params.get(), seed.get())));
    let played = Memo::new(move |_| {
        let steps = params.with(|p| p.steps as usize);
        play.with(|pl| playing::played(pl, steps))
    });
    // P(claim false) by position follows the exact result in the slider's frame.
    let by_position = Memo::new(move |_| {
        let answer = params.with(|p| p.answer_index());
        let mut f = exact_result.with(|x| figs::by_position(x, answer));
        played.with(|p| f.series.extend(figs::played_by_position(p)));
        f
    });
    view! {
        <section class="results" data-note=tx("lesson.predicting_note") aria-label=tx("snowball.results") aria-busy=move || mc_pending.get().to_string() data-mc-pending=move || mc_pending.get().to_string()>
            <h2 class="visually-hidden">{tx("snowball.results")}</h2>
            <div class="metrics">
                <Metric name="sb_wrong_answer" label=move || t("snowball.wrong_answers_exact") value=Signal::derive(move || Some(exact_result.with(|x| x.wrong_answer))) />
                <Metric name="sb_wrong_answer_mc" label=move || t("snowball.wrong_answers_monte_carlo") value=Signal::derive(move || Some(mc.with(|(_, m)| m.wrong_answer))) />
                <Metric name="sb_mean_false_claims" label=move || t("snowball.false_claims_per_response") value=Signal::derive(move || Some(exact_result.with(|x| x.mean_false_claims))) format=num3 />
                <Metric name="sb_snowballed_share" label=move || t("snowball.false_claims_that_are_snowballed") value=Signal::derive(move || exact_result.with(|x| x.snowballed_share.is_finite().then_some(x.snowballed_share))) />
                <Metric name="sb_amplification" label=move || t("snowball.amplification_p_err_err_p") value=Signal::derive(move || exact_result.with(|x| x.amplification.is_finite().then_some(x.amplification))) format=num3 />
                <Metric name="sb_steps_to_first_error" label=move || t("snowball.claims_to_the_first_error") value=Signal::derive(move || exact_result.with(|x| x.steps_to_first_error.is_finite().then_some(x.steps_to_first_error))) format=num3 />
            </div>
            <Watch params=params seed=seed exact_result=exact_result play=play played=played />
            <Chart figure=by_position />
            <Chart figure=fig />
            <figure class="chart chain-view">
                <figcaption>
                    <h3 class="chart-title">{move || tr!("snowball.chains.title", rows = CHAIN_ROWS)}</h3>
                    <p class="chart-summary">{tx("snowball.grey_true_claim_vermillion_first")}</p>
                </figcaption>
                <div class="chain-scroll" on:scroll=move |ev: leptos::ev::Event| {
                    if let Some(el) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                        scroll_top.set(el.scroll_top() as f64);
                    }
                }>
                    <canvas id="chain-view" class="chain-canvas" node_ref=canvas width="640" height="480"
                        role="img" aria-label=move || tr!("snowball.chains.label", rows = CHAIN_ROWS)
                        on:click=move |ev: leptos::ev::MouseEvent| {
                            let Some(el) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
                            let rect = el.get_bounding_client_rect();
                            let scale = 640.0 / rect.width().max(1.0);
                            let y = (ev.client_y() as f64 - rect.top() + scroll_top.get_untracked()) * scale;
                            selected.set((y / figs::CHAIN_ROW).max(0.0) as usize);
                        }></canvas>
                    <div class="chain-spacer" node_ref=spacer aria-hidden="true"></div>
                </div>
                <p class="verdict" id="chain-explanation" role="status">{move || explanation.get()}</p>
            </figure>
        </section>
    }
}

/// The three datasets generated live, and the answer checker.
#[component]
fn Datasets(
    /// The lab's derived state.
    m: Model,
) -> impl IntoView {
    let seed = m.seed;
    // Datasets live and the answer checker.
    let kind = RwSignal::new("primality".to_string());
    let counter = RwSignal::new(0u64);
    let current = Memo::new(move |_| question(&kind.get(), seed.get(), counter.get()));
    let response = RwSignal::new(String::new());
    // The one checker the analysis of uploads uses too.
    let checked: Memo<Vec<CheckedClaim>> = Memo::new(move |_| {
        let text = response.get();
        current.with(|q| match q {
            Question::Prime(n, _) => Checker::Primality(*n as u64).check(&text),
            Question::Flight(p) => Checker::Flights(p.clone()).check(&text),
            Question::Senator(q) => Checker::for_question(Category::Senator, q)
                .map(|c| c.check(&text))
                .unwrap_or_default(),
        })
    });
    let is_senator = Memo::new(move |_| current.with(|q| matches!(q, Question::Senator(_))));

    view! {
        <section class="panel" data-group="datasets" aria-labelledby="datasets-h">
            <h2 id="datasets-h">{tx("snowball.the_three_datasets_live_and")}</h2>
            <div class="inline-controls">
                <label>{tx("snowball.dataset")}" "
                    <select id="sb-dataset" on:change=move |ev| kind.set(event_target_value(&ev))>
                        <option value="primality">{tx("snowball.primality_gold_yes")}</option>
                        <option value="senator">{tx("snowball.senators_gold_no")}</option>
                        <option value="graph">{tx("snowball.flights_gold_no")}</option>
                    </select>
                </label>
                <button type="button" id="sb-new-question" on:click=move |_| counter.update(|c| *c += 1)>{tx("snowball.new_question")}</button>
            </div>
            <pre class="question" id="sb-question">{move || current.with(|q| match q {
                Question::Prime(_, t) | Question::Senator(t) => t.clone(),
                Question::Flight(p) => p.prompt.clone(),
            })}</pre>
            {move || current.with(|q| match q {
                Question::Flight(p) => Some(view! { <div class="flight-graph" inner_html=figs::flight_svg(p)></div> }),
                _ => None,
            })}
            <label for="sb-response">{tx("snowball.paste_a_model_s_answer")}</label>
            <textarea id="sb-response" rows="4" prop:value=move || response.get() on:input=move |ev| response.set(event_target_value(&ev))></textarea>
            <div id="sb-claims">
                {move || is_senator.get().then(|| view! { <p class="hint">{tx("snowball.senator_claims_need_facts_this")}</p> })}
                {move || match checked.get() {
                    list if list.is_empty() => view! { <p class="hint">{tx("snowball.no_checkable_claim_found_factorisations")}</p> }.into_any(),
                    list => view! {
                        <ul class="claims">
                            {list.into_iter().map(|c| view! {
                                <li class=if c.holds { "claim true" } else { "claim false" }>
                                    <strong>{if c.holds { t("snowball.claim.true") } else { t("snowball.claim.false") }}</strong>" "{c.text}" — "{c.reason}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                }}
            </div>
        </section>
    }
}

/// The visitor's answers: read and analysed in the worker, per category.
#[component]
fn UploadSection() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let up = expect_context::<Upload>();
    let report = up.report;
    // Uploads are read and checked claim by claim in the worker (long responses take a while).
    let job = use_worker_job();
    let on_pick = move |ev: leptos::ev::Event| {
        let Some(file) = web::picked_file(&ev) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let name = file.name();
            match job.run::<AnalyzeAnswers>(&file, &()).await {
                Ok(Finished { reply, hash, ms }) => {
                    ctx.register_file(crate::state::Lab::Snowball, &name, &hash);
                    report.set(Some((name, reply, ms)));
                }
                Err(WorkerError::Cancelled) => {}
                Err(e) => {
                    // The one rule of every lab: the older report stays, said to be the older
                    // file's.
                    let older = report.with_untracked(|r| r.as_ref().map(|r| r.0.clone()));
                    up.errors
                        .update(|v| v.extend(e.about_file_keeping(&name, older.as_deref())));
                }
            }
        });
    };
    view! {
        <section class="panel" data-group="uploads" aria-labelledby="sb-uploads-h">
            <h2 id="sb-uploads-h">{tx("snowball.your_answers")}</h2>
            <p>{tx("snowball.load_a_halogen_rationalization_csv")}</p>
            <label class="button" for="sb-upload">{tx("snowball.choose_a_file")}</label>
            <input id="sb-upload" class="visually-hidden" type="file" accept=".csv,.jsonl,.json,.txt" on:change=on_pick />
            <JobProgress job=job prefix="sb" />
            <UploadErrors errors=up.errors id="sb-upload-errors" />
            {move || report.get().map(|(name, crate::labs::snowball::job::Reply { report: r, warnings }, ms)| view! {
                <div class="snowball-report" data-file=name.clone()>
                    <p class="meta">{tr!("snowball.report.meta", name = name, rows = r.rows, skipped = r.skipped, ms = format!("{ms:.1}"))}
                        " "<span data-metric="rows" data-value=r.rows.to_string()></span></p>
                    <div class="table-wrap" tabindex="0" role="region" aria-label=tx("snowball.table_scrolls_sideways")>
                        <table class="data-table">
                            <thead><tr>
                                <th scope="col">{tx("snowball.category")}</th><th scope="col">{tx("snowball.answers")}</th><th scope="col">{tx("snowball.wrong")}</th>
                                <th scope="col">{tx("snowball.wrong_rate_95")}</th><th scope="col">{tx("snowball.wrong_with_a_false_claim")}</th>
                                <th scope="col">{tx("snowball.claims_checked")}</th><th scope="col">{tx("snowball.false")}</th><th scope="col">{tx("snowball.listed_not_checkable")}</th><th scope="col">"ρ"</th><th scope="col">{tx("snowball.halogen_score")}</th>
                            </tr></thead>
                            <tbody>
                                {r.categories.iter().map(|(k, c)| category_row(k, c)).collect_view()}
                                {category_row("overall", &r.overall)}
                            </tbody>
                        </table>
                    </div>
                    {r.overall.halogen_score.map(|h| view! {
                        <p class="note" id="sb-halogen-note">{tr!("snowball.report.halogen", ours = pct(r.overall.wrong_rate), theirs = format!("{h:.3}"), n = r.overall.halogen_n)}</p>
                    })}
                    {(!warnings.is_empty()).then(|| warning_list(move |n| tr!("app.warnings.count", n = n), warnings.iter().map(|w| w.deferred()).collect()))}
                    <FitButton name=name.clone() report=r.clone() />
                </div>
            })}
        </section>
    }
}

/// "Fit the simulator to this file" (`analysis::fit`: answer-first, e from the wrong answers, ε
/// and e_s from the claims checked in right and wrong answers, ρ where recorded; e_s ≥ ε kept),
/// undoable; refused, with the reason, when the file holds no answer.
#[component]
fn FitButton(
    name: String,
    report: crate::labs::snowball::analysis::SnowballReport,
) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let up = expect_context::<Upload>();
    let here = name.clone();
    let fit = move |_| {
        let before = ctx.state.with_untracked(|s| s.snowball.clone());
        match crate::labs::snowball::analysis::fit(&report, &before) {
            Ok(f) => {
                let p = &f.params;
                let mut said = vec![crate::msg!(
                    "snowball.fit.done",
                    name = name,
                    e = format!("{:.3}", p.base_error),
                    eps = format!("{:.3}", p.step_error),
                    es = format!("{:.3}", p.committed_error),
                    rho = format!("{:.3}", p.recognition)
                )];
                let mut kept = Vec::new();
                if !f.step_from_file {
                    kept.push("ε");
                }
                if !f.committed_from_file {
                    kept.push("e_s");
                }
                if !f.recognition_from_file {
                    kept.push("ρ");
                }
                if !kept.is_empty() {
                    said.push(crate::msg!(
                        "snowball.fit.from_settings",
                        what = kept.join(", ")
                    ));
                }
                if f.pooled {
                    said.push(crate::msg!("snowball.fit.pooled"));
                }
                ctx.state.update(|s| s.snowball = f.params);
                up.fit.set(Some((name.clone(), Some(before), said)));
            }
            Err(why) => up.fit.set(Some((name.clone(), None, vec![why]))),
        }
    };
    view! {
        <div class="inline-controls">
            <button type="button" id="sb-fit" on:click=fit>{tx("snowball.fit_the_simulator_to_this")}</button>
            {move || up.fit.get().filter(|f| f.0 == here).map(|(_, before, said)| view! {
                <span class="status" role="status" id="sb-fit-status">{move || said.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(" ")}</span>
                {before.map(|b| view! {
                    <button type="button" id="sb-fit-undo" on:click=move |_| {
                        ctx.state.update(|s| s.snowball = b.clone());
                        up.fit.set(None);
                    }>{tx("snowball.fit.undo")}</button>
                })}
            })}
        </div>
    }
}

/// Paints the rows of cells in view (640 canvas px wide; answer mark in the last 30 px), the
/// box scrolled by `scroll_top` CSS px, and sizes the spacer to the height of all rows.
fn draw_chains(
    canvas: &web_sys::HtmlCanvasElement,
    spacer: Option<&web_sys::HtmlDivElement>,
    responses: &[crate::labs::snowball::sim::SampledResponse],
    scroll_top: f64,
) {
    let rect = canvas.get_bounding_client_rect();
    let scale = 640.0 / rect.width().max(1.0);
    let view_h = (rect.height() * scale).round().max(1.0);
    if canvas.height() != view_h as u32 {
        canvas.set_height(view_h as u32);
    }
    let row = figs::CHAIN_ROW;
    if let Some(spacer) = spacer {
        let full = row * responses.len() as f64 / scale;
        let _ = spacer.set_attribute(
            "style",
            &format!("height: {:.0}px", (full - rect.height()).max(0.0)),
        );
    }
    let Some(ctx) = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
    else {
        return;
    };
    ctx.clear_rect(0.0, 0.0, 640.0, view_h);
    let offset = scroll_top * scale;
    let first = (offset / row).floor().max(0.0) as usize;
    let last = (((offset + view_h) / row).ceil() as usize).min(responses.len());
    let visible = responses.get(first..last).unwrap_or_default();
    let y = |i: usize| (first + i) as f64 * row - offset;
    let steps = responses.first().map(|r| r.steps.len()).unwrap_or(1).max(1);
    let cell = 600.0 / steps as f64;
    // One pass per colour: setting the fill style is a string crossing into JavaScript, so it
    // happens a handful of times instead of once per cell.
    for outcome in figs::OUTCOMES {
        ctx.set_fill_style_str(figs::outcome_style(outcome).0);
        for (i, r) in visible.iter().enumerate() {
            for (j, _) in r.steps.iter().enumerate().filter(|(_, s)| **s == outcome) {
                ctx.fill_rect(j as f64 * cell, y(i), cell - 1.0, row - 1.0);
            }
        }
    }
    for (wrong, color) in [(true, "#d55e00"), (false, "#0072b2")] {
        ctx.set_fill_style_str(color);
        for (i, _) in visible
            .iter()
            .enumerate()
            .filter(|(_, r)| r.wrong_answer == wrong)
        {
            ctx.fill_rect(608.0, y(i), 30.0, row - 1.0);
        }
    }
}

fn category_row(name: &str, c: &CategoryStats) -> impl IntoView {
    let ci = c
        .wrong_rate_ci
        .map(|e| format!(" [{:.1}, {:.1}]", 100.0 * e.lo, 100.0 * e.hi))
        .unwrap_or_default();
    let cell = |metric: &'static str, value: String, shown: String| view! { <td data-metric=metric data-value=value>{shown}</td> };
    view! {
        <tr data-category=name.to_string()>
            <th scope="row">{match name {
                "overall" => t("snowball.report.overall").to_string(),
                "primality" => t("snowball.category.primality").to_string(),
                "senator" => t("snowball.category.senator").to_string(),
                "graph" => t("snowball.category.graph").to_string(),
                other => other.to_string(),
            }}</th>
            {cell("n", c.n.to_string(), c.n.to_string())}
            {cell("wrong", c.wrong.to_string(), c.wrong.to_string())}
            {cell("wrong_rate", c.wrong_rate.to_string(), format!("{}{ci}", pct(c.wrong_rate)))}
            {cell("wrong_with_false_claim", c.wrong_with_false_claim.to_string(), c.wrong_with_false_claim.to_string())}
            {cell("claims_checked", c.claims_checked.to_string(), c.claims_checked.to_string())}
            {cell("claims_false", c.claims_false.to_string(), c.claims_false.to_string())}
            {cell("claims_unchecked", c.claims_unchecked.to_string(), c.claims_unchecked.to_string())}
            {cell("recognition", c.recognition.map(|r| r.to_string()).unwrap_or_default(), c.recognition.map(pct).unwrap_or_else(|| "—".into()))}
            {cell("halogen_score", c.halogen_score.map(|r| r.to_string()).unwrap_or_default(), c.halogen_score.map(|r| format!("{r:.3}")).unwrap_or_else(|| "—".into()))}
        </tr>
    }
}
