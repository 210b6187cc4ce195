//! The Telephone lab: simulate chains of re-translation fact by fact, and measure real chains.

use crate::msg;
use crate::text::Deferred;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::charts::Figure;
use crate::labs::telephone::analysis::{fit_choices, word_diff, DiffOp, Fit, MeanStd, METRICS};
use crate::labs::telephone::charts as figs;
use crate::labs::telephone::job::{MeasureChains, Request};
use crate::labs::telephone::sim::{
    exact, fitted_plateau, half_drop, monte_carlo, presets, sample_passage, ExactPoint, FactState,
    Lang, McPoint, Model as ChainModel, Prompt, TelephoneParams,
};
use crate::labs::telephone::view_model::{
    self as vm, fit_for, matching_preset, released_at, route, shown_rows, shown_temperature,
    PresetWithRun,
};
use crate::protocol::WorkerError;
use crate::rng::Stream;
use crate::state::AppState;
use crate::stats::PlateauFit;
use crate::text::t;
use crate::text_metrics::compare_texts;
use crate::tr;
use crate::ui::context::AppContext;
use crate::ui::web;
use crate::ui::widgets::{
    after_paint, human_bytes, num3, tx, warning_list, Chart, Legend, Metric, Player, Slider,
    UploadErrors,
};
use crate::ui::worker_job::{use_worker_job, Finished, JobProgress};

/// Passages drawn for the Monte Carlo band.
const MC_PASSAGES: u32 = crate::labs::telephone::MC_PASSAGES;

/// The passage of the text view: ids of (fact, its mutated form) in `text/`. A story like the paper's example of
/// a BBC piece on a lorry driver's fine that became "a car exploded after receiving
/// compensation" after 100 English–Thai rounds.
const PASSAGE: [(&str, &str); 12] = [
    ("telephone.story.01", "telephone.story.01.mutated"),
    ("telephone.story.02", "telephone.story.02.mutated"),
    ("telephone.story.03", "telephone.story.03.mutated"),
    ("telephone.story.04", "telephone.story.04.mutated"),
    ("telephone.story.05", "telephone.story.05.mutated"),
    ("telephone.story.06", "telephone.story.06.mutated"),
    ("telephone.story.07", "telephone.story.07.mutated"),
    ("telephone.story.08", "telephone.story.08.mutated"),
    ("telephone.story.09", "telephone.story.09.mutated"),
    ("telephone.story.10", "telephone.story.10.mutated"),
    ("telephone.story.11", "telephone.story.11.mutated"),
    ("telephone.story.12", "telephone.story.12.mutated"),
];

/// Hallucinated additions, in the order they appear (ids of texts).
const ADDITIONS: [&str; 8] = [
    "telephone.story.added.1",
    "telephone.story.added.2",
    "telephone.story.added.3",
    "telephone.story.added.4",
    "telephone.story.added.5",
    "telephone.story.added.6",
    "telephone.story.added.7",
    "telephone.story.added.8",
];

fn fmt_ms(m: MeanStd) -> String {
    if m.mean.is_finite() {
        format!("{:.3} ± {:.3}", m.mean, m.std)
    } else {
        "—".into()
    }
}

/// Puts a checkbox back in step with the state when a change was refused (the last model or
/// language cannot be unticked; at most four languages).
fn keep_checked(ev: &leptos::ev::Event, on: bool) {
    if let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        input.set_checked(on);
    }
}

/// The lab page.
/// A chain file read and measured by the worker.
#[derive(Clone, Debug, PartialEq)]
pub struct TelephoneUpload {
    /// The file's name.
    pub name: String,
    /// Short hash of the file's bytes.
    pub hash: String,
    /// Milliseconds the worker spent reading and measuring.
    pub ms: f64,
    /// The chains (texts of the first few hundred, for the diff view).
    pub file: crate::labs::telephone::ingest::ChainFile,
    /// The measurements of every chain.
    pub report: crate::labs::telephone::analysis::TelephoneReport,
}

/// The lab's upload, kept while the visitor visits other labs.
#[derive(Clone, Copy)]
pub struct Upload {
    /// The file read last.
    pub upload: RwSignal<Option<TelephoneUpload>>,
    /// Files that could not be read at all.
    pub errors: RwSignal<Vec<crate::text::Deferred>>,
}

/// Puts the lab's upload state in the app's context (once, when the app starts).
pub fn provide_state() {
    provide_context(Upload {
        upload: RwSignal::new(None),
        errors: RwSignal::new(Vec::new()),
    });
}

/// What the lab's sections read (signals and memos only, so it is `Copy`).
#[derive(Clone, Copy)]
struct Model {
    state: RwSignal<AppState>,
    params: Memo<TelephoneParams>,
    seed: Memo<u64>,
    exact_curve: Memo<Vec<ExactPoint>>,
    /// The Monte Carlo band, computed after the frame that shows the exact curve.
    mc: RwSignal<((TelephoneParams, u64), Vec<McPoint>)>,
    mc_pending: RwSignal<bool>,
    /// The preset these parameters are, with its released curve.
    preset: Memo<Option<PresetWithRun>>,
    fig: Memo<Figure>,
    /// The fitted plateau of the exact curve, at the iterations the paper evaluated.
    fit: Memo<Option<PlateauFit>>,
}

impl Model {
    fn update(self, f: impl Fn(&mut TelephoneParams) + 'static) {
        self.state.update(|s| f(&mut s.telephone));
    }
}

fn use_model(state: RwSignal<AppState>) -> Model {
    let params = Memo::new(move |_| state.with(|s| s.telephone.clone()));
    let seed = Memo::new(move |_| state.with(|s| s.seed));
    let exact_curve = Memo::new(move |_| exact(&params.get()));
    let mc_input = Memo::new(move |_| (params.get(), seed.get()));
    let (mc, mc_pending) = after_paint(mc_input, |(p, s)| monte_carlo(p, *s, MC_PASSAGES));
    let preset = Memo::new(move |_| params.with(matching_preset));
    let fig = Memo::new(move |_| {
        mc.with(|(_, m)| {
            exact_curve.with(|x| {
                preset.with(|r| {
                    figs::decay(
                        x,
                        m,
                        MC_PASSAGES,
                        r.as_ref().map(|(p, c)| (p.label, c.as_slice())),
                    )
                })
            })
        })
    });
    let fit = Memo::new(move |_| exact_curve.with(|c| fitted_plateau(c)));
    Model {
        state,
        params,
        seed,
        exact_curve,
        mc,
        mc_pending,
        preset,
        fig,
        fit,
    }
}

/// The lab page.
#[component]
pub fn TelephoneLab() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let m = use_model(ctx.state);
    view! {
        <article class="page lab telephone">
            <Intro m=m />
            <div class="lab-grid">
                <Controls m=m />
                <Results m=m />
            </div>
            <TextView m=m />
            <UploadSection />
        </article>
    }
}

/// Title, citation and the presets that reproduce released runs.
#[component]
fn Intro(
    /// The lab's derived state.
    m: Model,
) -> impl IntoView {
    let (state, preset) = (m.state, m.preset);
    view! {
        <header class="lab-intro">
            <h1>{tx("telephone.the_broken_telephone")}</h1>
            <p class="lead">
                {tx("telephone.ask_a_model_to_translate")}" "
                <span class="cite">{tx("telephone.mohamed_geng_vazirgiannis_shang_2025")}</span>
            </p>
            <div class="presets" data-group="presets" role="group" aria-label=tx("telephone.presets_reproducing_released_runs")>
                {presets().into_iter().map(|p| {
                    let params = p.params.clone();
                    let id = format!("tel-preset-{}", p.id);
                    view! {
                        <button type="button" id=id
                            aria-pressed=move || preset.with(|x| x.as_ref().is_some_and(|(x, _)| x.id == p.id)).to_string()
                            on:click=move |_| { let params = params.clone(); state.update(|s| s.telephone = params); }>
                            {move || presets().into_iter().find(|x| x.id == p.id).map_or("", |x| x.label)}
                        </button>
                    }
                }).collect_view()}
            </div>
        </header>
    }
}

/// The chain (models, bridge languages), decoding and prompt, the passage.
#[component]
fn Controls(
    /// The lab's derived state.
    m: Model,
) -> impl IntoView {
    let params = m.params;
    let update = move |f: Box<dyn Fn(&mut TelephoneParams)>| m.update(f);
    let models_on = move |x: ChainModel| params.with(|p| p.models.contains(&x));
    let langs_on = move |l: Lang| params.with(|p| p.langs.contains(&l));
    let toggle_model = move |x: ChainModel, on: bool| m.update(move |p| vm::toggle_model(p, x, on));
    let toggle_lang = move |l: Lang, on: bool| m.update(move |p| vm::toggle_lang(p, l, on));
    let temperature = Signal::derive(move || params.with(shown_temperature));
    let auto_temperature = Memo::new(move |_| params.with(|p| p.temperature.is_none()));
    let prompt = Memo::new(move |_| params.with(|p| p.prompt));
    view! {
        <section class="controls" aria-label=tx("telephone.parameters")>
            <fieldset data-group="passage">
                <Legend text=tx("telephone.passage") />
                <Slider label=move || t("telephone.iterations") id="tel-iterations" value=Signal::derive(move || params.with(|p| p.iterations as f64))
                    on_change=Callback::new(move |v: f64| update(Box::new(move |p| p.iterations = v.round() as u32)))
                    min=1.0 max=TelephoneParams::MAX_ITERATIONS as f64 step=1.0 />
                <Slider label=move || t("telephone.facts_in_the_passage_f") id="tel-facts" value=Signal::derive(move || params.with(|p| p.facts as f64))
                    on_change=Callback::new(move |v: f64| update(Box::new(move |p| p.facts = v.round() as u32)))
                    min=5.0 max=TelephoneParams::MAX_FACTS as f64 step=1.0 hint=move || t("telephone.a_150_word_passage_holds") />
                <Slider label=move || t("telephone.hit_facts_that_mutate_rather") id="tel-mutate" value=Signal::derive(move || params.with(|p| p.mutate))
                    on_change=Callback::new(move |v: f64| update(Box::new(move |p| p.mutate = v)))
                    min=0.0 max=1.0 step=0.05 />
            </fieldset>
            <fieldset data-group="chain">
                <Legend text=tx("telephone.the_chain") />
                <div class="checks" role="group" aria-label=tx("telephone.models_one_per_hop_at")>
                    <span class="group-label">{tx("telephone.models")}</span>
                    {ChainModel::ALL.into_iter().map(|m| view! {
                        <label class="checkbox"><input type="checkbox" id=format!("tel-model-{}", m.key())
                            prop:checked=move || models_on(m)
                            on:change=move |ev| { toggle_model(m, event_target_checked(&ev)); keep_checked(&ev, models_on(m)); } />" "<span translate="no">{m.name()}</span></label>
                    }).collect_view()}
                </div>
                <div class="checks" role="group" aria-label=tx("telephone.bridge_languages_shuffled_every_iteration")>
                    <span class="group-label">{tx("telephone.bridge_languages")}</span>
                    {Lang::ALL.into_iter().map(|l| view! {
                        <label class="checkbox"><input type="checkbox" id=format!("tel-lang-{}", l.key())
                            prop:checked=move || langs_on(l)
                            on:change=move |ev| { toggle_lang(l, event_target_checked(&ev)); keep_checked(&ev, langs_on(l)); } />" "{move || l.name()}</label>
                    }).collect_view()}
                </div>
                <p class="hint">{move || params.with(route)}</p>
            </fieldset>
            <fieldset data-group="decoding">
                <Legend text=tx("telephone.decoding_and_prompt") />
                <label class="checkbox"><input type="checkbox" id="tel-auto-t" prop:checked=move || auto_temperature.get()
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        let t = temperature.get_untracked();
                        update(Box::new(move |p| p.temperature = if on { None } else { Some(t) }));
                    } />" "{tx("telephone.each_model_s_own_temperature")}</label>
                <Slider label=move || t("telephone.temperature_t") id="tel-t" value=temperature
                    on_change=Callback::new(move |v: f64| update(Box::new(move |p| p.temperature = Some(v))))
                    min=0.0 max=2.0 step=0.05 />
                <div class="radios" role="radiogroup" aria-label=tx("telephone.prompt")>
                    {[(Prompt::Simple, "telephone.prompt.simple"), (Prompt::Base, "telephone.prompt.base"), (Prompt::Constrained, "telephone.prompt.constrained")].into_iter().map(|(pr, label)| view! {
                        <label><input type="radio" name="tel-prompt" id=format!("tel-prompt-{}", pr.key())
                            prop:checked=move || prompt.get() == pr
                            on:change=move |_| update(Box::new(move |p| p.prompt = pr)) />" "{move || t(label)}</label>
                    }).collect_view()}
                </div>
            </fieldset>
        </section>
    }
}

/// The headline numbers and the decay chart.
#[component]
fn Results(
    /// The lab's derived state.
    m: Model,
) -> impl IntoView {
    let (params, exact_curve, mc, mc_pending, preset, fig, fit) = (
        m.params,
        m.exact_curve,
        m.mc,
        m.mc_pending,
        m.preset,
        m.fig,
        m.fit,
    );
    let last = move |f: fn(&ExactPoint) -> f64| {
        Signal::derive(move || exact_curve.with(|c| c.last().map(f)))
    };
    view! {
        <section class="results" data-note=tx("lesson.predicting_note") aria-label=tx("telephone.results") aria-busy=move || mc_pending.get().to_string() data-mc-pending=move || mc_pending.get().to_string()>
            <h2 class="visually-hidden">{tx("telephone.results")}</h2>
            <div class="metrics">
                <Metric name="tel_factscore" label=move || t("telephone.factscore_like_precision_at_the") value=last(|p| p.factscore) format=num3 />
                <Metric name="tel_factscore_mc" label=move || t("telephone.averaged_over_simulated_passages") value=Signal::derive(move || mc.with(|(_, m)| m.last().map(|x| x.factscore))) format=num3 />
                <Metric name="tel_retained" label=move || t("telephone.original_facts_retained") value=last(|p| p.retained) />
                <Metric name="tel_half_drop" label=move || t("telephone.iterations_to_half_the_loss") value=Signal::derive(move || exact_curve.with(|c| half_drop(c))) format=num3 />
                <Metric name="tel_plateau" label=move || t("telephone.fitted_plateau_fs") value=Signal::derive(move || fit.get().map(|f| f.plateau)) format=num3 />
                <Metric name="tel_half_life" label=move || t("telephone.fitted_half_life_ln_2") value=Signal::derive(move || fit.get().map(|f| f.half_life)) format=num3 />
                <Metric name="tel_released" label=move || t("telephone.the_released_run_measured") value=Signal::derive(move || preset.with(|r| r.as_ref().and_then(|(_, c)| released_at(c, params.with(|p| p.iterations))))) format=num3
                    hint=Signal::derive(move || preset.with(|p| match p {
                        Some((p, _)) => tr!("telephone.released.which", preset = p.label),
                        None => t("telephone.released.none").to_string(),
                    })) />
            </div>
            <Chart figure=fig />
        </section>
    }
}

/// One simulated passage of the 12-fact story, fact by fact, at a chosen iteration.
#[component]
fn TextView(
    /// The lab's derived state.
    m: Model,
) -> impl IntoView {
    let (params, seed) = (m.params, m.seed);
    let text_iteration = RwSignal::new(100u32);
    let passage = Memo::new(move |_| {
        let mut rng = Stream::new(seed.get(), "telephone/text-view");
        sample_passage(&params.get(), PASSAGE.len() as u32, &mut rng)
    });
    view! {
        <section class="panel" data-group="text-view" aria-labelledby="tel-text-h">
            <h2 id="tel-text-h">{tx("telephone.one_passage_fact_by_fact")}</h2>
            <p class="hint">{tx("telephone.a_12_fact_story_sent")}</p>
            <Slider label=move || t("telephone.after_iteration") id="tel-text-iteration"
                value=Signal::derive(move || text_iteration.get().min(params.with(|p| p.iterations)) as f64)
                on_change=Callback::new(move |v: f64| text_iteration.set(v.round() as u32))
                min=0.0 max=TelephoneParams::MAX_ITERATIONS as f64 step=1.0 />
            <Player id="tel-play" interval_ms=300
                on_step=Callback::new(move |()| {
                    let last = params.with_untracked(|p| p.iterations);
                    let now = text_iteration.get_untracked().min(last);
                    (now < last).then(|| text_iteration.set(now + 1)).is_some()
                })
                on_reset=Callback::new(move |()| text_iteration.set(0))
                status=Signal::derive(move || tr!("telephone.play.status", i = text_iteration.get().min(params.with(|p| p.iterations)), n = params.with(|p| p.iterations))) />
            <p class="passage" id="tel-passage">
                {move || passage.with(|ps| {
                    let i = (text_iteration.get() as usize).min(ps.states.len().saturating_sub(1));
                    let states = ps.states.get(i).cloned().unwrap_or_default();
                    let added = ps.added.get(i).copied().unwrap_or(0) as usize;
                    let mut out: Vec<AnyView> = PASSAGE.iter().zip(states).map(|((fact, mutated), st)| match st {
                        FactState::Kept => view! { <span class="fact kept">{t(fact)}" "</span> }.into_any(),
                        FactState::Mutated => view! { <span class="fact mutated"><s>{t(fact)}</s>" "<mark>{t(mutated)}</mark>" "</span> }.into_any(),
                        FactState::Dropped => view! { <span class="fact dropped"><s>{t(fact)}</s>" "</span> }.into_any(),
                    }).collect();
                    out.extend(ADDITIONS.iter().cycle().take(added).map(|a| view! { <span class="fact added"><u>{t(a)}</u>" "</span> }.into_any()));
                    out.collect_view()
                })}
            </p>
            <p class="meta">{move || passage.with(|ps| {
                let i = (text_iteration.get() as usize).min(ps.states.len().saturating_sub(1));
                let st = ps.states.get(i).cloned().unwrap_or_default();
                let count = |s: FactState| st.iter().filter(|x| **x == s).count();
                tr!("telephone.passage.counts", i = i, kept = count(FactState::Kept), mutated = count(FactState::Mutated),
                    vanished = count(FactState::Dropped), added = ps.added.get(i).copied().unwrap_or(0),
                    precision = format!("{:.2}", ps.factscore.get(i).copied().unwrap_or(f64::NAN)))
            })}</p>
        </section>
    }
}

/// The visitor's chains: read and measured in the worker, with the report, the fit and the diff.
#[component]
fn UploadSection() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    // Uploads: read and measured in the worker.
    let up = expect_context::<Upload>();
    let upload = up.upload;
    let status = RwSignal::new(Deferred::default());
    let job = use_worker_job();
    let fit_metric = RwSignal::new("chrf".to_string());
    let load = move |file: web_sys::File| {
        let name = file.name();
        status.set(msg!(
            "app.upload.reading",
            name = name,
            size = human_bytes(file.size())
        ));
        let request = Request {
            fit: fit_metric.get_untracked(),
        };
        let t0 = web::now_ms();
        leptos::task::spawn_local(async move {
            match job.run::<MeasureChains>(&file, &request).await {
                Ok(Finished { reply, hash, ms }) => {
                    let total = web::now_ms() - t0;
                    status.try_set(msg!(
                        "telephone.upload.done",
                        name = name,
                        total = format!("{total:.0}"),
                        ms = format!("{ms:.0}")
                    ));
                    ctx.register_file(crate::state::Lab::Telephone, &name, &hash);
                    upload.set(Some(TelephoneUpload {
                        name,
                        hash,
                        ms,
                        file: reply.file,
                        report: reply.report,
                    }));
                }
                Err(WorkerError::Cancelled) => {
                    status.try_set(msg!("app.upload.cancelled", name = name));
                }
                Err(e) => {
                    // The one rule of every lab: the older report stays, and the error says
                    // it is the older file's (nothing may look like the failed file's).
                    status.try_set(Deferred::default());
                    let older = upload.with_untracked(|u| u.as_ref().map(|u| u.name.clone()));
                    up.errors
                        .update(|v| v.extend(e.about_file_keeping(&name, older.as_deref())));
                }
            }
        });
    };
    let on_pick = move |ev: leptos::ev::Event| {
        if let Some(file) = web::picked_file(&ev) {
            load(file);
        }
    };
    let load_example = move |_| {
        let bytes = include_str!("../../../../tests/fixtures/telephone_chains.jsonl");
        let parts = js_sys::Array::of1(&JsValue::from_str(bytes));
        if let Ok(file) = web_sys::File::new_with_str_sequence(&parts, "example_chains.jsonl") {
            load(file);
        }
    };
    let previous = RwSignal::new(false);
    // The plateau refitted when the visitor picks another curve (no re-scoring needed).
    let fit = Memo::new(move |_| {
        let metric = fit_metric.get();
        upload.with(|u| u.as_ref().and_then(|u| fit_for(&u.report, &metric)))
    });
    let upload_fig = Memo::new(move |_| {
        let prev = previous.get();
        fit.with(|f| {
            upload.with(|u| {
                u.as_ref()
                    .map(|u| figs::upload_curves(&u.report, f.as_ref(), prev))
            })
        })
    });

    let diff_chain = RwSignal::new(0usize);
    let diff_a = RwSignal::new(0u32);
    let diff_b = RwSignal::new(u32::MAX);
    view! {
        <section class="panel" data-group="uploads" aria-labelledby="tel-uploads-h">
            <h2 id="tel-uploads-h">{tx("telephone.your_chains")}</h2>
            <p>{tx("telephone.load_chains_as_json_lines")}<code>"chain_id, step, text[, model][, language]"</code>{tx("telephone.the_same_columns_as_csv")}</p>
            <div class="inline-controls">
                <label class="button" for="tel-upload">{tx("telephone.choose_a_file")}</label>
                <input id="tel-upload" class="visually-hidden" type="file" accept=".jsonl,.json,.csv,.txt" on:change=on_pick />
                <button type="button" id="tel-example" on:click=load_example>{tx("telephone.try_example_chains")}</button>
                <span class="status" role="status">{move || status.with(|m| m.to_string())}</span>
            </div>
            <JobProgress job=job prefix="tel" />
            <UploadErrors errors=up.errors id="tel-upload-errors" />
            {move || {
                // Drawn again for a new file or fit only: its texts follow the language by themselves.
                let fit = fit.get();
                upload.with(|u| u.as_ref().map(|u| untrack(|| upload_report(u, fit, previous, fit_metric, diff_chain, diff_a, diff_b))))
            }}
            {move || upload_fig.get().map(|f| view! { <Chart figure=Signal::derive(move || f.clone()) /> })}
        </section>
    }
}

/// The table, fit, warnings and diff view of one upload.
fn upload_report(
    u: &TelephoneUpload,
    fit: Option<Fit>,
    previous: RwSignal<bool>,
    fit_metric: RwSignal<String>,
    diff_chain: RwSignal<usize>,
    diff_a: RwSignal<u32>,
    diff_b: RwSignal<u32>,
) -> impl IntoView {
    let r = &u.report;
    let carried: Vec<String> = fit_choices(r).into_iter().skip(4).collect();
    let choices = fit_choices(r);
    let chains: Vec<(String, Vec<(u32, String)>)> = u
        .file
        .chains
        .iter()
        .map(|c| {
            (
                c.id.clone(),
                c.steps.iter().map(|s| (s.step, s.text.clone())).collect(),
            )
        })
        .collect();
    let chains = StoredValue::new(chains);
    // A long chain shows evenly spaced rows (the chart draws up to 1 000 steps).
    let steps: Vec<_> = shown_rows(r.steps.len())
        .into_iter()
        .filter_map(|i| r.steps.get(i).cloned())
        .collect();
    let rows_note = (steps.len() < r.steps.len()).then_some((steps.len(), r.steps.len()));
    let carried_steps = steps.clone();
    let rows = move || {
        let prev = previous.get();
        steps
            .iter()
            .map(|s| {
                let set = if prev { s.previous } else { Some(s.original()) };
                let cell = |name: &'static str| {
                    let m = set.and_then(|x| x.get(name)).unwrap_or(MeanStd {
                        mean: f64::NAN,
                        std: f64::NAN,
                    });
                    view! { <td data-metric=name data-value=m.mean.to_string() data-std=m.std.to_string()>{fmt_ms(m)}</td> }
                };
                view! {
                    <tr data-step=s.step.to_string()>
                        <th scope="row">{s.step}</th>
                        <td data-metric="n" data-value=s.n.to_string()>{s.n}</td>
                        {METRICS.map(cell).into_iter().collect_view()}
                    </tr>
                }
            })
            .collect_view()
    };
    // The file's own values in a table of their own: beside ours they made a table twice the
    // page's width.
    let carried_rows = carried_steps
        .iter()
        .map(|s| {
            let cells = carried
                .iter()
                .map(|c| {
                    let m = s.carried.get(c).copied();
                    view! { <td data-metric=format!("file:{c}") data-value=m.map(|m| m.mean.to_string()).unwrap_or_default()>{m.map(fmt_ms).unwrap_or_else(|| "—".into())}</td> }
                })
                .collect_view();
            view! { <tr data-step=s.step.to_string()><th scope="row">{s.step}</th>{cells}</tr> }
        })
        .collect_view();
    let carried_heads: Vec<String> = fit_choices(r).into_iter().skip(4).collect();
    // The file's own BLEU or chrF (the paper's scripts) beside ours: say why they differ.
    let own_text_metrics = carried_heads
        .iter()
        .any(|h| h.eq_ignore_ascii_case("BLEU") || h.eq_ignore_ascii_case("CHR-F"));
    view! {
        <div class="telephone-report" data-file=u.name.clone() data-hash=u.hash.clone()>
            <p class="meta">
                {
                    let (name, chains, format, skipped_chains, skipped_rows, ms) =
                        (u.name.clone(), r.chains, r.format.clone(), r.skipped_chains, r.skipped_rows, format!("{:.0}", u.ms));
                    move || tr!("telephone.report.meta", name = name, chains = chains, format = format,
                        skipped_chains = skipped_chains, skipped_rows = skipped_rows, ms = ms)
                }
                <span data-metric="chains" data-value=r.chains.to_string()></span>
            </p>
            <div class="inline-controls">
                <div class="radios" role="radiogroup" aria-label=tx("telephone.compare_each_step_with")>
                    <label><input type="radio" name="tel-against" id="tel-against-original" prop:checked=move || !previous.get() on:change=move |_| previous.set(false) />" "{tx("telephone.against_the_original")}</label>
                    <label><input type="radio" name="tel-against" id="tel-against-previous" prop:checked=move || previous.get() on:change=move |_| previous.set(true) />" "{tx("telephone.against_the_previous_step")}</label>
                </div>
                <label>{tx("telephone.fit_the_plateau_to")}" "
                    <select id="tel-fit-metric" on:change=move |ev| fit_metric.set(event_target_value(&ev))>
                        {choices.into_iter().map(|c| {
                            let selected = fit.as_ref().is_some_and(|f| f.metric == c);
                            view! { <option value=c.clone() translate="no" selected=selected>{c.clone()}</option> }
                        }).collect_view()}
                    </select>
                </label>
            </div>
            {fit.map(|f| {
                let warn = (!f.follows_data).then(|| (f.metric.clone(), f.tail_from, f.tail_data_change, f.tail_fit_change));
                view! {
                <p class="fit" id="tel-fit">
                    {move || tr!("telephone.report.fit", metric = f.metric, plateau = format!("{:.3}", f.plateau), amplitude = format!("{:.3}", f.amplitude),
                        tau = format!("{:.2}", f.tau), half_life = format!("{:.2}", f.half_life), rmse = format!("{:.4}", f.rmse))}" "
                    <span data-metric="plateau" data-value=f.plateau.to_string()></span>
                    <span data-metric="amplitude" data-value=f.amplitude.to_string()></span>
                    <span data-metric="tau" data-value=f.tau.to_string()></span>
                    <span data-metric="half_life" data-value=f.half_life.to_string()></span>
                </p>
                {warn.map(|(metric, from, data, fit)| view! {
                    <p class="warning" id="tel-fit-warning" data-metric="fit_follows_data" data-value="false">
                        {move || tr!("telephone.report.fit_off", metric = metric, from = from, data = format!("{data:+.3}"), fit = format!("{fit:+.3}"))}
                    </p>
                })}
            }})}
            {own_text_metrics.then(|| view! { <p class="note" id="tel-conventions">{tx("telephone.report.conventions")}</p> })}
            {rows_note.map(|(shown, all)| view! { <p class="note" id="tel-rows-note">{move || tr!("telephone.report.rows_shown", shown = shown, all = all)}</p> })}
            <div class="table-wrap full" tabindex="0" role="region" aria-label=tx("telephone.table_scrolls_sideways")>
                <table class="data-table" id="tel-steps">
                    <thead><tr>
                        <th scope="col">{tx("telephone.step")}</th><th scope="col">{tx("telephone.chains")}</th>
                        <th scope="col">{tx("telephone.bleu")}</th><th scope="col">{tx("telephone.chrf")}</th><th scope="col">{tx("telephone.rouge_1")}</th><th scope="col">{tx("telephone.rouge_l")}</th>
                        <th scope="col">{tx("telephone.length_ratio")}</th><th scope="col">{tx("telephone.word_edits")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {(!carried_heads.is_empty()).then(|| view! {
                <h3>{tx("telephone.report.file_values")}</h3>
                <div class="table-wrap full" tabindex="0" role="region" aria-label=tx("telephone.table_scrolls_sideways")>
                    <table class="data-table" id="tel-file-values">
                        <thead><tr>
                            <th scope="col">{tx("telephone.step")}</th>
                            {carried_heads.into_iter().map(|c| view! { <th scope="col">{move || tr!("telephone.report.file_metric", metric = c)}</th> }).collect_view()}
                        </tr></thead>
                        <tbody>{carried_rows}</tbody>
                    </table>
                </div>
            })}
            {(!u.file.warnings.is_empty()).then(|| warning_list(move |n| tr!("app.warnings.count", n = n), u.file.warnings.iter().map(|w| w.deferred()).collect()))}
            <h3>{tx("telephone.compare_two_steps_of_a")}</h3>
            <div class="inline-controls">
                <label>{tx("telephone.chain")}" "
                    <select id="tel-diff-chain" on:change=move |ev| {
                        diff_chain.set(event_target_value(&ev).parse().unwrap_or(0));
                        diff_a.set(0);
                        diff_b.set(u32::MAX);
                    }>
                        {chains.with_value(|c| c.iter().enumerate().map(|(i, (id, _))| view! { <option value=i.to_string() translate="no">{id.clone()}</option> }).collect_view())}
                    </select>
                </label>
                {move || {
                    let steps: Vec<u32> = chains.with_value(|c| c.get(diff_chain.get()).map(|(_, s)| s.iter().map(|x| x.0).collect()).unwrap_or_default());
                    let last = steps.last().copied().unwrap_or(0);
                    // At most 1 000 steps to choose from (evenly spaced, the ends and the steps
                    // chosen now kept): a chain of 10⁵ steps is not 2 × 10⁵ options.
                    let (a_now, b_now) = (diff_a.get_untracked(), diff_b.get_untracked());
                    let steps: Vec<u32> = crate::labs::telephone::analysis::spaced(steps.len(), 1000)
                        .into_iter()
                        .filter_map(|i| steps.get(i).copied())
                        .chain(steps.iter().copied().filter(|&s| s == a_now || s == b_now))
                        .collect::<std::collections::BTreeSet<u32>>()
                        .into_iter()
                        .collect();
                    let opts = move |sel: u32| steps.iter().map(|&s| view! { <option value=s.to_string() selected=s == sel>{move || tr!("telephone.diff.step", step = s)}</option> }).collect_view();
                    let b = if diff_b.get() == u32::MAX { last } else { diff_b.get() };
                    view! {
                        <label>{tx("telephone.from")}" "<select id="tel-diff-a" on:change=move |ev| diff_a.set(event_target_value(&ev).parse().unwrap_or(0))>{opts(diff_a.get())}</select></label>
                        <label>" "{tx("telephone.to")}" "<select id="tel-diff-b" on:change=move |ev| diff_b.set(event_target_value(&ev).parse().unwrap_or(0))>{opts(b)}</select></label>
                    }
                }}
            </div>
            {
                // Play the chain: each step against the one before it.
                let steps_of = move || chains.with_value(|c| c.get(diff_chain.get_untracked()).map(|(_, s)| s.iter().map(|x| x.0).collect::<Vec<u32>>()).unwrap_or_default());
                let on_step = Callback::new(move |()| {
                    let steps = steps_of();
                    let b = diff_b.get_untracked();
                    let at = steps.iter().position(|&s| s == b).unwrap_or(steps.len().saturating_sub(1));
                    match (steps.get(at), steps.get(at + 1)) {
                        (Some(&a), Some(&next)) => {
                            diff_a.set(a);
                            diff_b.set(next);
                            true
                        }
                        _ => false,
                    }
                });
                // The start: the first step against itself (no edits yet).
                let on_reset = Callback::new(move |()| {
                    if let Some(&first) = steps_of().first() {
                        diff_a.set(first);
                        diff_b.set(first);
                    }
                });
                let status = Signal::derive(move || {
                    let b = diff_b.get();
                    let last = steps_of().last().copied().unwrap_or(0);
                    tr!("telephone.play.diff_status", a = diff_a.get(), b = if b == u32::MAX { last } else { b }, last = last)
                });
                view! { <Player id="tel-diff-play" interval_ms=900 on_step=on_step on_reset=on_reset status=status /> }
            }
            {move || chains.with_value(|c| {
                let (_, steps) = c.get(diff_chain.get())?;
                let text = |s: u32| steps.iter().find(|x| x.0 == s).map(|x| x.1.clone());
                let b = if diff_b.get() == u32::MAX { steps.last()?.0 } else { diff_b.get() };
                let (ta, tb) = (text(diff_a.get())?, text(b)?);
                // Long texts are compared and shown on their first words (the report's numbers
                // are over the whole texts): a 1 MB text would be 10⁵ words drawn at once.
                let (ta, cut_a) = first_words(&ta);
                let (tb, cut_b) = first_words(&tb);
                let m = compare_texts(&tb, &ta);
                let ops = word_diff(&ta, &tb);
                let cut = (cut_a || cut_b).then(|| view! {
                    <p class="note" id="tel-diff-cut">{move || tr!("telephone.diff.cut", words = DIFF_WORDS)}</p>
                });
                Some(view! {
                    {cut}
                    <p class="meta" id="tel-diff-metrics">{move || tr!("telephone.diff.metrics", b = b, a = diff_a.get(), bleu = format!("{:.3}", m.bleu), chrf = format!("{:.3}", m.chrf),
                        rouge1 = format!("{:.3}", m.rouge1), rouge_l = format!("{:.3}", m.rouge_l), edits = m.edit_distance)}</p>
                    <p class="diff" id="tel-diff" translate="no">
                        {ops.into_iter().map(|op| match op {
                            DiffOp::Same(w) => view! { <span>{w}" "</span> }.into_any(),
                            DiffOp::Deleted(w) => view! { <del>{w}</del><span>" "</span> }.into_any(),
                            DiffOp::Inserted(w) => view! { <ins>{w}</ins><span>" "</span> }.into_any(),
                        }).collect_view()}
                    </p>
                })
            })}
        </div>
    }
}

/// Words of a text the step comparison shows at most.
const DIFF_WORDS: usize = 2000;

/// The first [`DIFF_WORDS`] words of `text` (joined by spaces) and whether it was longer.
fn first_words(text: &str) -> (String, bool) {
    if text.split_whitespace().nth(DIFF_WORDS).is_none() {
        return (text.to_string(), false);
    }
    let words: Vec<&str> = text.split_whitespace().take(DIFF_WORDS).collect();
    (words.join(" "), true)
}
