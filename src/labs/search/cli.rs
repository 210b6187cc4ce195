//! `cascade search …`: the lab's command line, over the same code as the page.

use std::process::ExitCode;

use clap::{FromArgMatches, Subcommand};
use serde_json::json;

use super::analysis::{analyze, FileReport};
use super::ingest::{read_search, Aggregate};
use crate::labs::spec::{CliCommand, Refuse};
use crate::say;

#[derive(Subcommand)]
pub enum SearchCommand {
    /// Selection curves of files with many samples per problem: coverage@k, majority@k,
    /// best-of-k by score and weighted majority@k — each the expected accuracy over every
    /// k-subset of a problem's samples, counted exactly (majority and weighted majority are
    /// estimated, with a 95 % interval, only where counting would take too long). Reads
    /// search-and-learn JSONL (graded by the last \boxed{} under the MATH normalisation) and
    /// generic CSV/JSONL (problem_id, answer, correct[, score][, model][, sample_id]). The
    /// README's "Command line" section describes every field.
    Analyze {
        /// The files (several: one set of curves each).
        #[arg(required = true)]
        files: Vec<std::path::PathBuf>,
        /// The k to report, comma-separated (default: every k up to the most samples that nine
        /// in ten problems have; problems with fewer are left out of the k above their count).
        #[arg(long, value_delimiter = ',')]
        k: Vec<usize>,
        /// How search-and-learn's per-step scores become a completion's score: last, min or
        /// prod (default: the file's agg_scores, else the last step).
        #[arg(long, value_parser = ["last", "min", "prod", "stored"])]
        aggregate: Option<String>,
        /// Seed of the random subsets used where exact counting would take too long.
        #[arg(long, default_value_t = crate::rng::DEFAULT_SEED)]
        seed: u64,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

/// The `cascade search` subcommand.
pub fn command() -> CliCommand {
    CliCommand {
        command: SearchCommand::augment_subcommands(clap::Command::new("search"))
            .about(
                "Choosing among many samples: coverage, voting, best-of-N with an imperfect scorer (Brown et al. 2024; Chen et al. 2024; Yu, Li, Wang 2025).",
            )
            .subcommand_required(true)
            .arg_required_else_help(true),
        run: |m, refuse| match SearchCommand::from_arg_matches(m) {
            Ok(SearchCommand::Analyze {
                files,
                k,
                aggregate,
                seed,
                json,
            }) => {
                let aggregate = aggregate
                    .as_deref()
                    .and_then(Aggregate::from_key)
                    .unwrap_or_default();
                search_analyze(&files, &k, aggregate, seed, json, refuse)
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::from(2)
            }
        },
    }
}

/// The report as the command line's JSON prints it (the interface other tools read).
pub fn report_json(r: &FileReport) -> serde_json::Value {
    json!({
        "name": r.name,
        "format": r.format,
        "problems": r.problems,
        "samples": r.samples,
        "samples_per_problem": {"min": r.samples_min, "max": r.samples_max},
        "single_sample_accuracy": r.single_sample_accuracy.is_finite().then_some(r.single_sample_accuracy),
        "unextracted_answers": r.unextracted_answers,
        "curve": r.curve.iter().map(|p| json!({
            "k": p.k,
            "problems": p.problems,
            "coverage": p.coverage,
            "majority": p.majority,
            "majority_interval": p.majority_interval.map(|(lo, hi)| [lo, hi]),
            "best_of_k": p.best_of_k,
            "weighted_majority": p.weighted_majority,
            "weighted_majority_interval": p.weighted_majority_interval.map(|(lo, hi)| [lo, hi]),
        })).collect::<Vec<_>>(),
        "left_out": r.left_out.iter().map(|l| json!({
            "problem": l.id,
            "samples": l.samples,
            "from_k": l.samples + 1,
        })).collect::<Vec<_>>(),
        "suspect_join": r.suspect_join,
        "warnings": r.warnings.iter().map(|w| w.to_string()).collect::<Vec<_>>(),
        "warning_groups": crate::ingest::group_warnings(
            &r.warnings.iter().map(|w| w.deferred()).collect::<Vec<_>>()
        )
        .iter()
        .map(crate::ingest::WarningGroup::to_json)
        .collect::<Vec<_>>(),
    })
}

fn search_analyze(
    paths: &[std::path::PathBuf],
    ks: &[usize],
    aggregate: Aggregate,
    seed: u64,
    json: bool,
    refuse: Refuse,
) -> ExitCode {
    let mut reports = Vec::new();
    let mut failed = false;
    for path in paths {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("error: {}: cannot read: {e}", path.display());
                failed = true;
                continue;
            }
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        if let Some(e) = refuse(crate::state::Lab::Search, &name, &bytes) {
            eprintln!("error: {e}");
            failed = true;
            continue;
        }
        for file in read_search(&name, &bytes, aggregate, &mut |_, _| {}) {
            let report = analyze(&file, ks, seed);
            if report.problems == 0 {
                eprintln!(
                    "error: {}: no problem with samples could be read",
                    path.display()
                );
                for w in &report.warnings {
                    eprintln!("  {w}");
                }
                failed = true;
            }
            reports.push(report);
        }
    }
    if json {
        let out = json!({"files": reports.iter().map(report_json).collect::<Vec<_>>()});
        match serde_json::to_string_pretty(&out) {
            Ok(s) => say!("{s}"),
            Err(e) => eprintln!("error: {e}"),
        }
    } else {
        for r in &reports {
            say!(
                "{}: {} problems, {} samples ({}–{} per problem; {} format); single-sample accuracy {:.4}; {} answers not extracted",
                r.name,
                r.problems,
                r.samples,
                r.samples_min,
                r.samples_max,
                r.format,
                r.single_sample_accuracy,
                r.unextracted_answers
            );
            let opt = |v: Option<f64>| v.map_or("—".to_string(), |v| format!("{v:.4}"));
            say!(
                "  {:>5}  {:>9} {:>9} {:>9} {:>9} {:>9}",
                "k",
                "coverage",
                "majority",
                "best-of-k",
                "weighted",
                "gap"
            );
            // An estimated value carries its 95 % interval's half-width.
            let est = |v: Option<f64>, i: Option<(f64, f64)>| match (v, i) {
                (Some(v), Some((lo, hi))) => format!("{v:.4}±{:.4}", (hi - lo) / 2.0),
                (v, _) => opt(v),
            };
            for p in &r.curve {
                say!(
                    "  {:>5}  {:>9.4} {:>9} {:>9} {:>9} {:>9}",
                    p.k,
                    p.coverage,
                    est(Some(p.majority), p.majority_interval),
                    opt(p.best_of_k),
                    est(p.weighted_majority, p.weighted_majority_interval),
                    opt(p.best_of_k.map(|b| p.coverage - b))
                );
            }
            // One line per kind of warning (a big file can have thousands of one kind).
            let warnings: Vec<_> = r.warnings.iter().map(|w| w.deferred()).collect();
            for g in crate::ingest::group_warnings(&warnings) {
                say!("  warning: {}", g.worded());
            }
        }
    }
    if failed || reports.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
