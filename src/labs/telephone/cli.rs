//! `cascade telephone …`: the lab's command line, over the same code as the page.

use std::process::ExitCode;

use clap::{FromArgMatches, Subcommand};

use crate::labs::spec::{CliCommand, Refuse};
use crate::say;

#[derive(Subcommand)]
pub enum TelephoneCommand {
    /// Measure chains of texts, every step against the original and the previous step:
    /// generic JSONL/CSV (chain_id, step, text[, model][, language]) or a Broken Telephone
    /// evaluation or inference JSON.
    Analyze {
        /// The file.
        file: std::path::PathBuf,
        /// The mean curve the plateau FS∞ + A·e^(−t/τ) is fitted to: bleu, chrf, rouge1,
        /// rougeL, or a metric the file carries (e.g. factscore).
        #[arg(long, default_value = "chrf")]
        fit_metric: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

/// The `cascade telephone` subcommand.
pub fn command() -> CliCommand {
    CliCommand {
        command: TelephoneCommand::augment_subcommands(clap::Command::new("telephone"))
            .about("Broken-telephone chains (Mohamed et al. 2025).")
            .subcommand_required(true)
            .arg_required_else_help(true),
        run: |m, refuse| match TelephoneCommand::from_arg_matches(m) {
            Ok(c) => run(c, refuse),
            Err(e) => {
                eprintln!("{e}");
                ExitCode::from(2)
            }
        },
    }
}

fn run(c: TelephoneCommand, refuse: Refuse) -> ExitCode {
    match c {
        TelephoneCommand::Analyze {
            file,
            fit_metric,
            json,
        } => telephone_analyze(&file, &fit_metric, json, refuse),
    }
}

fn telephone_analyze(
    path: &std::path::Path,
    fit_metric: &str,
    json: bool,
    refuse: Refuse,
) -> ExitCode {
    use crate::labs::telephone::analysis::{analyze, fit_choices};
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {}: cannot read: {e}", path.display());
            return ExitCode::FAILURE;
        }
    };
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    if let Some(e) = refuse(crate::state::Lab::Telephone, &name, &bytes) {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    let file = crate::labs::telephone::ingest::read_chains(&bytes);
    let report = analyze(&file, fit_metric);
    if report.chains > 0 && !fit_choices(&report).iter().any(|m| m == fit_metric) {
        eprintln!(
            "error: --fit-metric {fit_metric}: not a metric of this file (choose from {})",
            fit_choices(&report).join(", ")
        );
        return ExitCode::FAILURE;
    }
    // The reader's warnings one line per kind, and grouped in --json beside the full list;
    // the analysis' own warnings follow them.
    let (lines, groups) = crate::ingest::grouped(&file.warnings);
    let own = report.warnings.iter().skip(file.warnings.len());
    let lines: Vec<String> = lines.into_iter().chain(own.cloned()).collect();
    if json {
        let value = serde_json::to_value(&report).map(|mut v| {
            v["warning_groups"] = groups;
            v
        });
        match value.and_then(|v| serde_json::to_string_pretty(&v)) {
            Ok(s) => say!("{s}"),
            Err(e) => eprintln!("error: {e}"),
        }
    } else {
        say!(
            "{}: {} chains ({} format; {} chains and {} rows skipped)",
            path.display(),
            report.chains,
            report.format,
            report.skipped_chains,
            report.skipped_rows
        );
        say!(
            "  {:>5} {:>5}  {:>13} {:>13} {:>13} {:>13} {:>13}",
            "step",
            "n",
            "BLEU",
            "chrF",
            "ROUGE-1",
            "ROUGE-L",
            "length ratio"
        );
        for s in &report.steps {
            let o = s.original();
            let f = |m: crate::labs::telephone::analysis::MeanStd| {
                format!("{:.3} ± {:.3}", m.mean, m.std)
            };
            say!(
                "  {:>5} {:>5}  {:>13} {:>13} {:>13} {:>13} {:>13}",
                s.step,
                s.n,
                f(o.bleu),
                f(o.chrf),
                f(o.rouge1),
                f(o.rouge_l),
                f(o.length_ratio)
            );
        }
        if let Some(fit) = &report.fit {
            say!(
                "  fit of {}: plateau {:.3} + {:.3}·exp(−t/{:.2}); half-life {:.2} steps (RMSE {:.4})",
                fit.metric,
                fit.plateau,
                fit.amplitude,
                fit.tau,
                fit.half_life,
                fit.rmse
            );
            if !fit.follows_data {
                say!(
                    "  warning: the fit does not follow the data: from step {} on, {} changes by {:+.3} while the fit changes by {:+.3}; the data have not settled at the plateau",
                    fit.tail_from,
                    fit.metric,
                    fit.tail_data_change,
                    fit.tail_fit_change
                );
            }
        }
        for w in &lines {
            say!("  warning: {w}");
        }
    }
    if report.chains == 0 {
        // The reason on stderr too: a script that reads only the exit code's stream sees why.
        eprintln!("error: {}: no chain could be read", path.display());
        for w in &lines {
            eprintln!("  {w}");
        }
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
