//! `cascade resampling …`: the lab's command line, over the same code as the page.

use std::process::ExitCode;

use clap::{FromArgMatches, Subcommand};
use serde::Serialize;

use crate::labs::spec::{CliCommand, Refuse};
use crate::say;

use super::analysis::{analyze, AnalyzeOptions, FileAnalysis};
use super::ingest::read_results;

#[derive(Subcommand)]
pub enum ResamplingCommand {
    /// Analyse EvalPlus eval_results.json (current or legacy) or CSV/JSONL verifier tables.
    Analyze {
        /// One or more files; each is one model (a table with a `model` column may hold several).
        #[arg(required = true)]
        files: Vec<std::path::PathBuf>,
        /// Cost of a false positive (a wrong accepted answer), in units of a correct one.
        #[arg(long, default_value_t = 1.0)]
        lambda: f64,
        /// Cost per sample drawn.
        #[arg(long, default_value_t = 0.0)]
        kappa: f64,
        /// Budgets to report, e.g. 1,2,5 (default: every k up to the smallest samples per task).
        #[arg(long, value_delimiter = ',')]
        k: Option<Vec<u32>>,
        /// Drop tasks where a correct sample fails the verifier (the paper's false-negative filter).
        #[arg(long)]
        drop_false_negatives: bool,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

/// The `cascade resampling` subcommand.
pub fn command() -> CliCommand {
    CliCommand {
        command: ResamplingCommand::augment_subcommands(clap::Command::new("resampling"))
            .about("Verifier-limited resampling (Inference Scaling fLaws).")
            .subcommand_required(true)
            .arg_required_else_help(true),
        run: |m, refuse| match ResamplingCommand::from_arg_matches(m) {
            Ok(c) => run(c, refuse),
            Err(e) => {
                eprintln!("{e}");
                ExitCode::from(2)
            }
        },
    }
}

#[derive(Serialize)]
struct AnalyzeReport {
    files: Vec<FileAnalysis>,
    errors: Vec<String>,
}

fn run(c: ResamplingCommand, refuse: Refuse) -> ExitCode {
    match c {
        ResamplingCommand::Analyze {
            files,
            lambda,
            kappa,
            k,
            drop_false_negatives,
            json,
        } => {
            if !lambda.is_finite() || lambda < 0.0 || !kappa.is_finite() || kappa < 0.0 {
                eprintln!("error: --lambda and --kappa must be finite and ≥ 0");
                return ExitCode::from(2);
            }
            let opts = AnalyzeOptions {
                lambda,
                kappa,
                ks: k,
                drop_false_negatives,
            };
            analyze_files(&files, &opts, json, refuse)
        }
    }
}

fn analyze_files(
    files: &[std::path::PathBuf],
    opts: &AnalyzeOptions,
    json: bool,
    refuse: Refuse,
) -> ExitCode {
    let mut report = AnalyzeReport {
        files: Vec::new(),
        errors: Vec::new(),
    };
    for path in files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                report.errors.push(format!("{name}: cannot read: {e}"));
                continue;
            }
        };
        if let Some(e) = refuse(crate::state::Lab::Resampling, &name, &bytes) {
            report.errors.push(e.to_string());
            continue;
        }
        match read_results(&name, &bytes) {
            Ok(results) => report
                .files
                .extend(results.iter().map(|r| analyze(r, opts))),
            Err(e) => report.errors.push(e.to_string()),
        }
    }
    if json {
        // Each file's warnings also grouped by kind (count, first places), beside the full list.
        let value = serde_json::to_value(&report).map(|mut v| {
            if let Some(files) = v.get_mut("files").and_then(|f| f.as_array_mut()) {
                for (out, f) in files.iter_mut().zip(&report.files) {
                    if let Some(out) = out.as_object_mut() {
                        let groups = crate::ingest::group_warnings(&f.warnings);
                        out.insert(
                            "warning_groups".into(),
                            groups
                                .iter()
                                .map(crate::ingest::WarningGroup::to_json)
                                .collect(),
                        );
                    }
                }
            }
            v
        });
        match value.and_then(|v| serde_json::to_string_pretty(&v)) {
            Ok(s) => say!("{s}"),
            Err(e) => eprintln!("error: {e}"),
        }
    } else {
        for f in &report.files {
            print_text(f);
        }
    }
    for e in &report.errors {
        eprintln!("error: {e}");
    }
    if report.files.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn print_text(f: &FileAnalysis) {
    let na = if f.single_sample_accuracy.is_none() {
        "n/a (no plus results)"
    } else {
        "n/a (no sample passed)"
    };
    let pct = |x: Option<f64>| {
        x.map(|v| format!("{:.1} %", 100.0 * v))
            .unwrap_or_else(|| na.into())
    };
    say!("{} ({})", f.name, f.format);
    say!(
        "  tasks {}  samples {}  per task {}–{}",
        f.tasks,
        f.samples,
        f.samples_per_task.min,
        f.samples_per_task.max
    );
    say!(
        "  single-sample accuracy  {}",
        pct(f.single_sample_accuracy)
    );
    say!(
        "  verifier pass rate      {:.1} %",
        100.0 * f.verifier_pass_rate
    );
    say!("  P(correct | pass)       {}", pct(f.conditional_accuracy));
    say!(
        "  accuracy at k = {:<7} {}",
        f.samples_per_task.min,
        pct(f.accuracy_at_n_max)
    );
    match f.ceiling_range {
        Some(r) => say!(
            "  ceiling (k → ∞)         {} (95 % range {:.1}–{:.1} %; {} tasks never passed)",
            pct(f.ceiling),
            100.0 * r.lo,
            100.0 * r.hi,
            f.tasks_never_passed
        ),
        None => say!("  ceiling (k → ∞)         {}", pct(f.ceiling)),
    }
    match f.optimal_k {
        Some(k) => say!(
            "  optimal k (λ = {})     {k} ({:?})",
            f.lambda,
            f.optimal_k_status
        ),
        None => say!("  optimal k               n/a"),
    }
    if !f.dropped_false_negative_tasks.is_empty() {
        say!(
            "  dropped (false negatives): {}",
            f.dropped_false_negative_tasks.join(", ")
        );
    }
    // One line per kind of warning (a big file can have thousands of one kind).
    for g in crate::ingest::group_warnings(&f.warnings) {
        say!("  warning: {}", g.worded());
    }
}
