//! The Analyze page: load result files (they never leave the browser) and measure them.

use crate::msg;
use crate::text::Deferred;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::uploads::{UploadedModel, Uploads};
use crate::labs::resampling::analysis::{
    analyze, AnalyzeOptions, FileAnalysis, OptimalKStatus, TaskRow,
};
use crate::labs::resampling::charts as figs;
use crate::labs::resampling::job::ReadResults;
use crate::protocol::WorkerError;
use crate::state::Lab;
use crate::text::t;
use crate::tr;
use crate::ui::context::AppContext;
use crate::ui::web;
use crate::ui::widgets::{human_bytes, pct, tx, warning_list, Chart, Metric, Slider, UploadErrors};
use crate::ui::worker_job::{use_worker_job, Finished, JobProgress, UseWorkerJob};

/// Reads the picked or dropped files, one after another, in the parsing worker (the tab stays
/// responsive), with a status line, a progress bar and a cancel button.
fn load_files(
    ctx: AppContext,
    up: Uploads,
    files: Vec<web_sys::File>,
    status: RwSignal<Deferred>,
    job: UseWorkerJob,
) {
    leptos::task::spawn_local(async move {
        for file in files {
            let name = file.name();
            status.set(msg!(
                "app.upload.reading",
                name = name,
                size = human_bytes(file.size())
            ));
            match job.run::<ReadResults>(&file, &()).await {
                Ok(Finished { reply, hash, ms }) => {
                    ctx.register_file(Lab::Analyze, &name, &hash);
                    up.models.update(|u| {
                        for results in reply {
                            let id = u.iter().map(|m| m.id).max().map_or(1, |m| m + 1);
                            u.push(UploadedModel {
                                id,
                                hash: hash.clone(),
                                results,
                            });
                        }
                    });
                    status.try_set(msg!(
                        "analyze.upload.done",
                        name = name,
                        ms = format!("{ms:.0}")
                    ));
                }
                Err(WorkerError::Cancelled) => {
                    status.try_set(msg!("app.upload.cancelled", name = name));
                    return;
                }
                Err(e) => {
                    status.try_set(Deferred::default());
                    up.errors.update(|v| v.push(e.about_file(&name)));
                }
            }
        }
    });
}

fn file_list(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// A file picker and drop zone; files stay in the browser.
#[component]
pub fn UploadArea() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let up = expect_context::<Uploads>();
    let status = RwSignal::new(Deferred::default());
    let job = use_worker_job();
    let dragging = RwSignal::new(false);
    let on_pick = move |ev: leptos::ev::Event| {
        let input = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        if let Some(input) = input {
            load_files(ctx, up, file_list(input.files()), status, job);
            input.set_value("");
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        load_files(
            ctx,
            up,
            file_list(ev.data_transfer().and_then(|d| d.files())),
            status,
            job,
        );
    };
    view! {
        <div
            class="dropzone"
            class:dragging=move || dragging.get()
            on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <label class="button" for="upload-input">{tx("analyze.choose_files")}</label>
            " "
            <button type="button" id="try-example" on:click=move |_| {
                let (params, seed) = ctx.state.with_untracked(|s| (s.resampling.clone(), s.seed));
                let results = crate::labs::resampling::sim::simulated_results(&params, seed, 164, 100);
                up.models.update(|u| {
                    let id = u.iter().map(|m| m.id).max().map_or(1, |m| m + 1);
                    u.push(UploadedModel { id, hash: format!("simulated-{seed}"), results });
                });
                status.set(msg!("analyze.example.added", tasks = 164, samples = 100));
            }>{tx("analyze.try_a_simulated_example")}</button>
            <input id="upload-input" class="visually-hidden" type="file" multiple accept=".json,.jsonl,.csv,.txt" on:change=on_pick />
            <span>" "{tx("analyze.or_drop_them_here_evalplus")}</span>
            <p class="status" role="status" id="upload-status">{move || status.with(|m| m.to_string())}</p>
            <JobProgress job=job prefix="upload" />
            <UploadErrors errors=up.errors id="upload-errors" />
            {move || {
                let names: Vec<(u32, String)> = up.models.with(|u| u.iter().map(|m| (m.id, m.results.name.clone())).collect());
                (!names.is_empty()).then(|| view! {
                    <ul class="upload-list">
                        {names.into_iter().map(|(id, name)| view! {
                            <li><span translate="no">{name.clone()}</span>" "
                                <button type="button" class="small" aria-label=move || tr!("analyze.remove.label", name = name)
                                    on:click=move |_| up.models.update(|u| u.retain(|m| m.id != id))>{tx("analyze.remove")}</button>
                            </li>
                        }).collect_view()}
                    </ul>
                })
            }}
        </div>
    }
}

/// The Analyze page.
#[component]
pub fn AnalyzePage() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let up = expect_context::<Uploads>();
    let state = ctx.state;
    let opts = Memo::new(move |_| {
        state.with(|s| AnalyzeOptions {
            lambda: s.resampling.lambda,
            kappa: s.resampling.kappa,
            ks: None,
            drop_false_negatives: s.resampling.drop_false_negatives,
        })
    });
    // The analyses and how long they took (shown for benchmarks as `analysis_ms`).
    let analyses = Memo::new(move |_| {
        let o = opts.get();
        let started = web::now_ms();
        let list = up.models.with(|u| {
            u.iter()
                .map(|m| (m.id, analyze(&m.results, &o)))
                .collect::<Vec<(u32, FileAnalysis)>>()
        });
        (list, web::now_ms() - started)
    });
    // Reports are keyed by upload and update in place when λ moves: only the numbers that
    // changed are touched, never the whole page.
    let ids = Memo::new(move |_| {
        analyses.with(|(l, _)| l.iter().map(|(id, _)| *id).collect::<Vec<u32>>())
    });
    let measured_fig = Memo::new(move |_| {
        analyses
            .with(|(l, _)| figs::measured(&l.iter().map(|(_, a)| a.clone()).collect::<Vec<_>>()))
    });
    let elapsed = Memo::new(move |_| analyses.with(|(_, ms)| *ms));
    let lim = crate::labs::resampling::sim::ResamplingParams::LIMITS;
    view! {
        <article class="page analyze">
            <h1>{tx("analyze.analyze_your_results")}</h1>
            <p class="lead">
                {tx("analyze.measure_verifier_limited_resampling_on")}" "
                <code>"cascade resampling analyze"</code>"."
            </p>
            <UploadArea />
            <div class="inline-controls">
                <Slider label=move || t("analyze.cost_of_a_false_positive") id="analyze-lambda" value=Signal::derive(move || state.with(|s| s.resampling.lambda))
                    on_change=Callback::new(move |v| state.update(|s| s.resampling.lambda = v)) min=0.0 max=lim.lambda_max step=0.05 />
                <label class="checkbox">
                    <input type="checkbox" id="drop-fn" prop:checked=move || state.with(|s| s.resampling.drop_false_negatives)
                        on:change=move |ev| { let on = event_target_checked(&ev); state.update(|s| s.resampling.drop_false_negatives = on); } />
                    " "{tx("analyze.drop_tasks_where_a_correct")}
                </label>
            </div>
            <Show
                when=move || ids.with(|v| !v.is_empty())
                fallback=|| view! { <p class="empty" id="no-uploads">{tx("analyze.no_files_loaded_yet")}</p> }
            >
                <h2 class="visually-hidden">{tx("analyze.results")}</h2>
                <p class="hint">{tx("analyze.analysed_in")}" "
                    <span data-metric="analysis_ms" data-value=move || elapsed.get().to_string()>{move || format!("{:.1}", elapsed.get())}</span>
                    " "{tx("analyze.ms")}</p>
                <Chart figure=measured_fig />
            </Show>
            <For each=move || ids.get() key=|id| *id let:id>
                <FileReport id=id analyses=analyses />
            </For>
        </article>
    }
}

/// One file's numbers, warnings and per-task table, updated in place.
#[component]
fn FileReport(
    /// Which upload.
    id: u32,
    /// Every upload's analysis (this report picks its own).
    analyses: Memo<(Vec<(u32, FileAnalysis)>, f64)>,
) -> impl IntoView {
    let a = Memo::new(move |_| {
        analyses.with(|(l, _)| l.iter().find(|(i, _)| *i == id).map(|(_, a)| a.clone()))
    });
    let get = move |f: fn(&FileAnalysis) -> Option<f64>| {
        Signal::derive(move || a.with(|a| a.as_ref().and_then(f)))
    };
    let text = move |f: fn(&FileAnalysis) -> String| {
        move || a.with(|a| a.as_ref().map(f).unwrap_or_default())
    };
    let name = a.with_untracked(|a| a.as_ref().map(|a| a.name.clone()).unwrap_or_default());
    let opt_text = text(|a| match (a.optimal_k, a.optimal_k_status) {
        (Some(k), OptimalKStatus::Finite) => tr!("analyze.optimal.finite", k = k),
        (Some(k), OptimalKStatus::StillRising) => {
            tr!("analyze.optimal.rising", k = k)
        }
        (_, OptimalKStatus::Abstain) => t("analyze.optimal.abstain").to_string(),
        _ => t("analyze.optimal.none").to_string(),
    });
    // The table: rows change only with the false-negative filter, not with λ.
    let source_rows =
        Memo::new(move |_| a.with(|a| a.as_ref().map(|a| a.task_rows.clone()).unwrap_or_default()));
    let sort_desc: RwSignal<Option<bool>> = RwSignal::new(None);
    let rows = Memo::new(move |_| {
        let mut r = source_rows.get();
        if let Some(desc) = sort_desc.get() {
            r.sort_by(|x, y| {
                let (a, b) = (
                    x.false_positive_rate.unwrap_or(-1.0),
                    y.false_positive_rate.unwrap_or(-1.0),
                );
                let o = a.total_cmp(&b).then_with(|| x.task_id.cmp(&y.task_id));
                if desc {
                    o.reverse()
                } else {
                    o
                }
            });
        }
        r
    });
    let show_all = RwSignal::new(false);
    let dropped = Memo::new(move |_| {
        a.with(|a| {
            a.as_ref()
                .map(|a| a.dropped_false_negative_tasks.clone())
                .unwrap_or_default()
        })
    });
    let warnings = Memo::new(move |_| {
        a.with(|a| {
            a.as_ref()
                .map(|a| (a.warnings.clone(), a.skipped))
                .unwrap_or_default()
        })
    });
    view! {
        <section class="panel file-report" data-file=name.clone()>
            <h2 translate="no">{name.clone()}</h2>
            <p class="meta">
                <span data-metric="format" translate="no">{text(|a| a.format.to_string())}</span>" · "
                <span data-metric="tasks" data-value=text(|a| a.tasks.to_string())>{text(|a| a.tasks.to_string())}</span>" "{tx("analyze.tasks")}" "
                <span data-metric="samples" data-value=text(|a| a.samples.to_string())>{text(|a| a.samples.to_string())}</span>" "{tx("analyze.samples")}" "
                <span data-metric="samples_per_task_min" data-value=text(|a| a.samples_per_task.min.to_string())>{text(|a| a.samples_per_task.min.to_string())}</span>"–"
                <span data-metric="samples_per_task_max" data-value=text(|a| a.samples_per_task.max.to_string())>{text(|a| a.samples_per_task.max.to_string())}</span>" "{tx("analyze.per_task")}
            </p>
            <div class="metrics">
                <Metric name="single_sample_accuracy" label=move || t("analyze.single_sample_accuracy") value=get(|a| a.single_sample_accuracy) />
                <Metric name="verifier_pass_rate" label=move || t("analyze.verifier_pass_rate") value=get(|a| Some(a.verifier_pass_rate)) />
                <Metric name="conditional_accuracy" label=move || t("analyze.p_correct_pass") value=get(|a| a.conditional_accuracy) />
                <Metric name="accuracy_at_n_max" label=move || tr!("analyze.accuracy_at_n", n = text(|a| a.samples_per_task.min.to_string())()) value=get(|a| a.accuracy_at_n_max) />
                <Metric name="ceiling" label=move || t("analyze.ceiling") value=get(|a| a.ceiling)
                    hint=Signal::derive(move || a.with(|a| a.as_ref().and_then(|a| a.ceiling_range.map(|r| tr!("analyze.ceiling.range",
                        lo = format!("{:.1}", 100.0 * r.lo), hi = format!("{:.1}", 100.0 * r.hi),
                        never = a.tasks_never_passed, tasks = a.tasks))).unwrap_or_default())) />
                <Metric name="optimal_k" label=move || t("analyze.best_budget_k") value=get(|a| a.optimal_k.map(|k| k as f64)) format=|k| format!("{k}") />
            </div>
            <p class="verdict">{opt_text}</p>
            {move || a.with(|a| a.as_ref().is_some_and(|a| a.samples_per_task.max == 1)).then(|| view! {
                <p class="note" id="one-sample-note">{tx("analyze.one_sample")}</p>
            })}
            {move || dropped.with(|d| (!d.is_empty()).then(|| view! {
                <p class="note" data-metric="dropped_tasks" data-value=d.len().to_string()>
                    {tr!("analyze.dropped", n = d.len(), tasks = d.join(", "))}
                </p>
            }))}
            {move || warnings.with(|(w, skipped)| (!w.is_empty() || *skipped > 0).then(|| {
                let skipped = *skipped;
                warning_list(move |n| tr!("analyze.warnings", n = n, skipped = skipped), w.clone())
            }))}
            <details class="task-table">
                <summary>{tx("analyze.per_task_table")}</summary>
                <button type="button" class="small" on:click=move |_| sort_desc.update(|d| *d = Some(!d.unwrap_or(false)))>
                    {move || match sort_desc.get() {
                        Some(true) => t("analyze.sort.up"),
                        _ => t("analyze.sort.down"),
                    }}
                </button>
                <div class="table-wrap" tabindex="0" role="region" aria-label=tx("analyze.table_scrolls_sideways")>
                    <table class="data-table">
                        <thead><tr>
                            <th scope="col">{tx("analyze.task")}</th><th scope="col">{tx("analyze.samples_2")}</th><th scope="col">{tx("analyze.pass_correct")}</th>
                            <th scope="col">{tx("analyze.pass_wrong")}</th><th scope="col">{tx("analyze.rejected")}</th><th scope="col">{tx("analyze.false_positive_rate")}</th>
                        </tr></thead>
                        <tbody>
                            {move || {
                                let all = show_all.get();
                                rows.with(|r| r.iter().take(if all { usize::MAX } else { 50 }).map(task_row).collect_view())
                            }}
                        </tbody>
                    </table>
                </div>
                {move || (!show_all.get() && rows.with(|r| r.len() > 50)).then(|| view! {
                    <button type="button" class="small" on:click=move |_| show_all.set(true)>{move || tr!("analyze.show_all", n = rows.with(|r| r.len()))}</button>
                })}
            </details>
        </section>
    }
}

fn task_row(r: &TaskRow) -> impl IntoView {
    view! {
        <tr>
            <td translate="no">{r.task_id.clone()}</td><td>{r.n}</td><td>{r.pass_correct}</td><td>{r.pass_wrong}</td><td>{r.rejected}</td>
            <td>{r.false_positive_rate.map(pct).unwrap_or_else(|| "—".into())}</td>
        </tr>
    }
}
