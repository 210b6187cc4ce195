//! The Search lab's uploads: read in the worker, one report per file (or model) with its
//! numbers, a per-problem table and a drill-down; every file's curves on one chart.

use leptos::prelude::*;

use crate::labs::search::analysis::FileReport;
use crate::labs::search::charts as figs;
use crate::labs::search::ingest::{Aggregate, Problem};
use crate::labs::search::job::{AnalyzeSearch, Measured, Request};
use crate::msg;
use crate::text::{t, Deferred};
use crate::tr;
use crate::ui::context::AppContext;
use crate::ui::widgets::{human_bytes, pct, tx, warning_list, Chart, Metric, UploadErrors};
use crate::ui::worker_job::{use_worker_job, Finished, JobProgress};

/// One file (or one model of a file) read and measured.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchUpload {
    /// Order of arrival (stable key).
    pub id: u32,
    /// Short hash of the file's bytes.
    pub hash: String,
    /// Milliseconds the worker spent.
    pub ms: f64,
    /// Shared, not copied: the list is read whole on every change (a file of 10⁵ problems
    /// copied on each later upload cost seconds).
    pub measured: std::sync::Arc<Measured>,
}

/// The lab's uploads, kept while the visitor visits other labs.
#[derive(Clone, Copy)]
pub struct Uploads {
    pub files: RwSignal<Vec<SearchUpload>>,
    pub errors: RwSignal<Vec<Deferred>>,
    /// The files as chosen, to read again when the score aggregation changes.
    pub sources: StoredValue<Vec<web_sys::File>, LocalStorage>,
    pub aggregate: RwSignal<Aggregate>,
    /// The simulator's settings before the last "fit to this file" (for undo) and what the fit
    /// said.
    pub fit: RwSignal<
        Option<(
            String,
            Option<crate::labs::search::sim::SearchParams>,
            Deferred,
        )>,
    >,
}

/// Puts the lab's upload state in the app's context (once, when the app starts).
pub fn provide_state() {
    provide_context(Uploads {
        files: RwSignal::new(Vec::new()),
        errors: RwSignal::new(Vec::new()),
        sources: StoredValue::new_local(Vec::new()),
        aggregate: RwSignal::new(Aggregate::Stored),
        fit: RwSignal::new(None),
    });
}

/// The upload point's status: the files read so far in this batch, and what happens now.
#[derive(Clone, Debug, Default, PartialEq)]
struct Status {
    done: Vec<Deferred>,
    now: Option<Deferred>,
}

impl Status {
    /// Worded now (in the page's language).
    fn text(&self) -> String {
        match (&self.now, self.done.is_empty()) {
            (Some(now), _) => now.to_string(),
            (None, false) => tr!(
                "search.upload.read",
                files = self
                    .done
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            (None, true) => String::new(),
        }
    }
}

/// Reads `files` one after another in the worker, adding each one's curves.
fn load(
    ctx: AppContext,
    up: Uploads,
    files: Vec<web_sys::File>,
    status: RwSignal<Status>,
    job: crate::ui::worker_job::UseWorkerJob,
) {
    status.set(Status::default());
    leptos::task::spawn_local(async move {
        for file in files {
            let name = file.name();
            let reading = msg!(
                "app.upload.reading",
                name = name,
                size = human_bytes(file.size())
            );
            status.update(|s| s.now = Some(reading));
            let request = Request {
                aggregate: up.aggregate.get_untracked(),
                seed: ctx.state.with_untracked(|s| s.seed),
            };
            match job.run::<AnalyzeSearch>(&file, &request).await {
                Ok(Finished { reply, hash, ms }) => {
                    ctx.register_file(crate::state::Lab::Search, &name, &hash);
                    up.files.update(|list| {
                        for measured in reply {
                            let id = list.iter().map(|u| u.id).max().map_or(1, |m| m + 1);
                            list.push(SearchUpload {
                                id,
                                hash: hash.clone(),
                                ms,
                                measured: std::sync::Arc::new(measured),
                            });
                        }
                    });
                    let done = msg!("search.upload.done", name = name, ms = format!("{ms:.0}"));
                    status.try_update(|s| {
                        s.now = None;
                        s.done.push(done);
                    });
                }
                Err(crate::protocol::WorkerError::Cancelled) => {
                    status.try_update(|s| s.now = Some(msg!("app.upload.cancelled", name = name)));
                    return;
                }
                Err(e) => {
                    status.try_update(|s| s.now = None);
                    up.errors.update(|v| v.push(e.about_file(&name)));
                }
            }
        }
    });
}

#[component]
pub fn UploadSection() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let up = expect_context::<Uploads>();
    let status = RwSignal::new(Status::default());
    let job = use_worker_job();
    let on_pick = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let files: Vec<web_sys::File> = input
            .files()
            .map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect())
            .unwrap_or_default();
        input.set_value("");
        up.sources.update_value(|s| s.extend(files.iter().cloned()));
        load(ctx, up, files, status, job);
    };
    let on_aggregate = move |ev: leptos::ev::Event| {
        let Some(a) = Aggregate::from_key(&event_target_value(&ev)) else {
            return;
        };
        up.aggregate.set(a);
        // Read every file again with the new scores.
        let files = up.sources.get_value();
        up.files.set(Vec::new());
        load(ctx, up, files, status, job);
    };
    view! {
        <section class="panel" data-group="uploads" aria-labelledby="search-upload-h">
            <h2 id="search-upload-h">{tx("search.upload.title")}</h2>
            <p>{tx("search.upload.formats")}" "<code>"problem_id, answer, correct[, score][, model][, sample_id]"</code></p>
            <div class="inline-controls">
                <label class="button" for="search-upload">{tx("search.upload.choose")}</label>
                <input id="search-upload" class="visually-hidden" type="file" multiple accept=".jsonl,.json,.csv,.txt" on:change=on_pick />
                <label>{tx("search.upload.aggregate")}" "
                    <select id="search-aggregate" on:change=on_aggregate>
                        {[(Aggregate::Stored, "stored", "search.aggregate.stored"), (Aggregate::Last, "last", "search.aggregate.last"),
                          (Aggregate::Min, "min", "search.aggregate.min"), (Aggregate::Prod, "prod", "search.aggregate.prod")]
                            .into_iter().map(|(a, key, label)| view! {
                                <option value=key selected=move || up.aggregate.get() == a>{move || t(label)}</option>
                            }).collect_view()}
                    </select>
                </label>
                <button type="button" id="search-clear" on:click=move |_| { up.files.set(Vec::new()); up.sources.set_value(Vec::new()); }>{tx("search.upload.clear")}</button>
            </div>
            <p class="status" role="status" id="search-status">{move || status.with(Status::text)}</p>
            <JobProgress job=job prefix="search" />
            <UploadErrors errors=up.errors id="search-upload-errors" />
        </section>
    }
}

#[component]
pub fn Reports() -> impl IntoView {
    let up = expect_context::<Uploads>();
    let figure = Memo::new(move |_| {
        up.files.with(|f| {
            figs::upload_curves(&f.iter().map(|u| &u.measured.report).collect::<Vec<_>>())
        })
    });
    view! {
        <Show when=move || up.files.with(|f| !f.is_empty())>
            <section class="results" aria-label=tx("search.results")>
                <Chart figure=figure />
            </section>
        </Show>
        // Keyed: a new file adds its card; the cards already shown are left as they are.
        <For each=move || up.files.get() key=|u| u.id let:u>
            <FileCard upload=u />
        </For>
    }
}

/// A value at the curve's last k.
fn at_last(
    r: &FileReport,
    pick: fn(&crate::labs::search::analysis::CurvePoint) -> Option<f64>,
) -> Option<f64> {
    r.curve.last().and_then(pick)
}

#[component]
fn FileCard(upload: SearchUpload) -> impl IntoView {
    let r = upload.measured.report.clone();
    let k = r.curve.last().map_or(0, |p| p.k);
    let count = |v: f64| format!("{v:.0}");
    let v = |x: Option<f64>| Signal::derive(move || x);
    let warnings = r.warnings.clone();
    let (hash, ms) = (upload.hash.clone(), upload.ms);
    view! {
        <section class="panel search-report" data-file=r.name.clone() data-hash=hash>
            <h2 translate="no">{r.name.clone()}</h2>
            <p class="meta">{
                let r = r.clone();
                move || tr!("search.report.meta", format = r.format, problems = r.problems, samples = r.samples,
                    min = r.samples_min, max = r.samples_max, ms = format!("{ms:.0}"))
            }</p>
            {
                // A file that looks like a broken join is said above its numbers, not only in
                // the list of warnings.
                let flag = r.warnings.iter().map(|w| w.message.clone()).find(|m| {
                    matches!(m, crate::text::Deferred::Text { id, .. } if id == "search.report.misjoined")
                });
                flag.map(|m| view! {
                    <p class="banner warning" data-flag="suspect-join">{move || m.to_string()}</p>
                })
            }
            <div class="metrics">
                <Metric name="search_problems" label=move || t("search.metric.problems") value=v(Some(r.problems as f64)) format=count />
                <Metric name="search_samples" label=move || t("search.metric.samples") value=v(Some(r.samples as f64)) format=count />
                <Metric name="search_single" label=move || t("search.metric.single") value=v(Some(r.single_sample_accuracy).filter(|x| x.is_finite())) />
                <Metric name="search_unextracted" label=move || t("search.metric.unextracted") value=v(Some(r.unextracted_answers as f64)) format=count />
                <Metric name="search_coverage" label=move || tr!("search.metric.coverage", k = k) value=v(at_last(&r, |p| Some(p.coverage))) />
                <Metric name="search_majority" label=move || tr!("search.metric.majority", k = k) value=v(at_last(&r, |p| Some(p.majority))) />
                <Metric name="search_best" label=move || tr!("search.metric.best", k = k) value=v(at_last(&r, |p| p.best_of_k)) />
                <Metric name="search_weighted" label=move || tr!("search.metric.weighted", k = k) value=v(at_last(&r, |p| p.weighted_majority)) />
                <Metric name="search_gap" label=move || tr!("search.metric.gap", k = k) value=v(at_last(&r, |p| p.best_of_k.map(|b| p.coverage - b))) />
                <Metric name="search_plateau_k" label=move || t("search.metric.plateau") value=v(r.best_of_k_plateau.map(|k| k as f64)) format=count />
            </div>
            {(!warnings.is_empty()).then(|| {
                warning_list(move |n| tr!("app.warnings.count", n = n), warnings.iter().map(|w| w.deferred()).collect())
            })}
            <FitButton report=r.clone() />
            <ProblemTable upload=upload />
        </section>
    }
}

/// Table columns: (text id, sort key).
const COLUMNS: [&str; 7] = [
    "search.table.problem",
    "search.table.samples",
    "search.table.correct",
    "search.table.distinct",
    "search.table.top_share",
    "search.table.best_of_n",
    "search.table.vote",
];

/// Rows of the problem table drawn at a time.
const TABLE_PAGE: usize = 200;

#[component]
fn ProblemTable(upload: SearchUpload) -> impl IntoView {
    let sort = RwSignal::new((2usize, false));
    let open = RwSignal::new(None::<String>);
    // Rows are drawn once the table is opened, 200 at a time (a file of 10⁵ problems would
    // be 10⁵ rows drawn with every card).
    let opened = RwSignal::new(false);
    let shown = RwSignal::new(TABLE_PAGE);
    let rows = upload.measured.report.rows.clone();
    let total = rows.len();
    let problems = StoredValue::new(upload.measured.problems.clone());
    let sorted = Memo::new(move |_| {
        let (col, up) = sort.get();
        let mut r = rows.clone();
        r.sort_by(|a, b| {
            let o = match col {
                0 => a.id.cmp(&b.id),
                1 => a.samples.cmp(&b.samples),
                2 => a.correct.cmp(&b.correct),
                3 => a.distinct_answers.cmp(&b.distinct_answers),
                4 => a.top_share.total_cmp(&b.top_share),
                5 => a
                    .best_of_n
                    .unwrap_or(-1.0)
                    .total_cmp(&b.best_of_n.unwrap_or(-1.0)),
                _ => a.majority_of_n.total_cmp(&b.majority_of_n),
            };
            if up {
                o
            } else {
                o.reverse()
            }
        });
        r
    });
    view! {
        <details class="problem-table" on:toggle=move |ev| {
            let open = event_target::<web_sys::HtmlDetailsElement>(&ev).open();
            opened.set(open);
        }>
            <summary>{tx("search.table.summary")}</summary>
            <div class="table-wrap" tabindex="0" role="region" aria-label=tx("search.table.scrolls")>
                <table class="data-table">
                    <thead><tr>{COLUMNS.iter().enumerate().map(|(i, id)| view! {
                        <th scope="col" aria-sort=move || match sort.get() { (c, true) if c == i => "ascending", (c, false) if c == i => "descending", _ => "none" }>
                            <button type="button" class="link" on:click=move |_| sort.update(|s| *s = if s.0 == i { (i, !s.1) } else { (i, false) })>{move || t(id)}</button>
                        </th>
                    }).collect_view()}</tr></thead>
                    <tbody>
                        {move || opened.get().then(|| sorted.with(|r| r.iter().take(shown.get()).cloned().collect::<Vec<_>>()).into_iter().map(|row| view! {
                            <tr>
                                <td><button type="button" class="link" aria-expanded={let id = row.id.clone(); move || (open.get().as_deref() == Some(id.as_str())).to_string()}
                                    on:click={let id = row.id.clone(); move |_| open.update(|o| *o = if o.as_deref() == Some(id.as_str()) { None } else { Some(id.clone()) })} translate="no">{row.id.clone()}</button></td>
                                <td>{row.samples}</td><td>{row.correct}</td><td>{row.distinct_answers}</td>
                                <td>{pct(row.top_share)}</td><td>{row.best_of_n.map_or("—".to_string(), pct)}</td><td>{pct(row.majority_of_n)}</td>
                            </tr>
                        }).collect_view())}
                    </tbody>
                </table>
            </div>
            {move || (shown.get() < total).then(|| view! {
                <button type="button" class="small problem-table-more" on:click=move |_| shown.update(|s| *s += TABLE_PAGE)>
                    {move || tr!("search.table.more", shown = shown.get().min(total), all = total, page = TABLE_PAGE)}
                </button>
            })}
            {move || open.get().and_then(|id| problems.with_value(|ps| ps.iter().find(|p| p.id == id).cloned())).map(|p| view! { <DrillDown problem=p /> })}
        </details>
    }
}

/// One problem's samples, best score first: answer (as text), right or not, score.
#[component]
fn DrillDown(problem: Problem) -> impl IntoView {
    let mut samples = problem.samples.clone();
    samples.sort_by(|a, b| {
        b.score
            .unwrap_or(f64::NEG_INFINITY)
            .total_cmp(&a.score.unwrap_or(f64::NEG_INFINITY))
    });
    view! {
        <div class="drill-down" id="search-drill-down" data-problem=problem.id.clone()>
            <h3 translate="no">{problem.id.clone()}</h3>
            {problem.text.clone().map(|text| view! { <p class="problem-text" translate="no">{text}</p> })}
            {problem.gold.clone().map(|g| view! { <p>{tx("search.drill.gold")}" "<code>{g.clone()}</code></p> })}
            <div class="table-wrap" tabindex="0" role="region" aria-label=tx("search.table.scrolls")>
                <table class="data-table">
                    <thead><tr>
                        <th scope="col">"#"</th><th scope="col">{tx("search.drill.answer")}</th>
                        <th scope="col">{tx("search.drill.right")}</th><th scope="col">{tx("search.drill.score")}</th>
                    </tr></thead>
                    <tbody>{samples.into_iter().enumerate().map(|(i, s)| view! {
                        <tr class:right=s.correct>
                            <td>{i + 1}</td>
                            <td>{match s.answer { Some(a) => view! { <code>{a}</code> }.into_any(), None => view! { <em>{tx("search.drill.none")}</em> }.into_any() }}</td>
                            <td>{move || if s.correct { t("search.drill.yes") } else { t("search.drill.no") }}</td>
                            <td>{s.score.map_or("—".to_string(), |x| format!("{x:.4}"))}</td>
                        </tr>
                    }).collect_view()}</tbody>
                </table>
            </div>
        </div>
    }
}

/// "Fit the simulator to this file": least squares on the file's coverage and best-of-k curves
/// (`sim::fit_to_curves`), undoable; refused, with the reason, when there is nothing to fit.
#[component]
fn FitButton(report: FileReport) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let up = expect_context::<Uploads>();
    let name = report.name.clone();
    let here = name.clone();
    let fit = move |_| {
        let curve: Vec<(u32, f64, Option<f64>)> = report
            .curve
            .iter()
            .map(|p| (p.k as u32, p.coverage, p.best_of_k))
            .collect();
        let before = ctx.state.with_untracked(|s| s.search.clone());
        match crate::labs::search::sim::fit_to_curves(&curve, &before) {
            Some(f) => {
                let said = msg!(
                    "search.fit.done",
                    name = name,
                    alpha = format!("{:.2}", f.params.alpha),
                    beta = format!("{:.2}", f.params.beta),
                    dprime = format!("{:.2}", f.params.dprime),
                    bias = format!("{:.2}", f.params.bias),
                    coverage = format!("{:.4}", f.rmse_coverage),
                    best = f.rmse_best.map_or("—".to_string(), |r| format!("{r:.4}"))
                );
                ctx.state.update(|s| s.search = f.params);
                up.fit.set(Some((name.clone(), Some(before), said)));
            }
            None => up.fit.set(Some((
                name.clone(),
                None,
                msg!("search.fit.nothing", name = name),
            ))),
        }
    };
    view! {
        <div class="inline-controls">
            <button type="button" class="search-fit" on:click=fit>{tx("search.fit.button")}</button>
            {move || up.fit.get().filter(|f| f.0 == here).map(|(_, before, said)| view! {
                <span class="status" role="status" id="search-fit-status">{move || said.to_string()}</span>
                {before.map(|b| view! {
                    <button type="button" id="search-fit-undo" on:click=move |_| {
                        ctx.state.update(|s| s.search = b.clone());
                        up.fit.set(None);
                    }>{tx("search.fit.undo")}</button>
                })}
            })}
        </div>
    }
}
