//! `cascade snowball …`: the lab's command line, over the same code as the page.

use std::process::ExitCode;

use clap::{FromArgMatches, Subcommand};

use crate::labs::spec::{CliCommand, Refuse};
use crate::say;

#[derive(Subcommand)]
pub enum SnowballCommand {
    /// Analyse model answers: a generic CSV/JSONL (id, category, question, response, gold
    /// [, claims][, claim_recognized][, model]) or the HALoGEN rationalization CSV.
    Analyze {
        /// The file.
        file: std::path::PathBuf,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

/// The `cascade snowball` subcommand.
pub fn command() -> CliCommand {
    CliCommand {
        command: SnowballCommand::augment_subcommands(clap::Command::new("snowball"))
            .about("Hallucination snowballing (Zhang et al. 2023).")
            .subcommand_required(true)
            .arg_required_else_help(true),
        run: |m, refuse| match SnowballCommand::from_arg_matches(m) {
            Ok(c) => run(c, refuse),
            Err(e) => {
                eprintln!("{e}");
                ExitCode::from(2)
            }
        },
    }
}

fn run(c: SnowballCommand, refuse: Refuse) -> ExitCode {
    match c {
        SnowballCommand::Analyze { file, json } => snowball_analyze(&file, json, refuse),
    }
}

fn snowball_analyze(path: &std::path::Path, json: bool, refuse: Refuse) -> ExitCode {
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
    if let Some(e) = refuse(crate::state::Lab::Snowball, &name, &bytes) {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    let read = crate::labs::snowball::ingest::read_answers(&bytes);
    let warnings: Vec<String> = read.warnings.iter().map(|w| w.to_string()).collect();
    let report = crate::labs::snowball::analysis::analyze(&read.rows, read.skipped, warnings);
    // The reader's warnings one line per kind (a file can have thousands of one kind), and
    // grouped in --json beside the full list; the analysis' own warnings follow them.
    let (lines, groups) = crate::ingest::grouped(&read.warnings);
    let own = report.warnings.iter().skip(read.warnings.len());
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
        say!("{} rows ({} skipped)", report.rows, report.skipped);
        let overall = "overall".to_string();
        for (name, c) in report
            .categories
            .iter()
            .chain(std::iter::once((&overall, &report.overall)))
        {
            say!(
                "  {name:<10} answers {:>5}  wrong {:>5} ({:.1} %)  wrong with a false claim {:>5}  claims checked {} (false {}){}",
                c.n,
                c.wrong,
                100.0 * c.wrong_rate,
                c.wrong_with_false_claim,
                c.claims_checked,
                c.claims_false,
                if c.claims_unchecked > 0 {
                    format!(", listed but not checkable {}", c.claims_unchecked)
                } else {
                    String::new()
                }
            );
        }
        if let Some(h) = report.overall.halogen_score {
            say!(
                "  HALoGEN's own score on this file: {:.3} of each response's atomic facts hallucinated (mean over {} responses); the wrong-answer rate above counts final Yes/No answers, a different thing",
                h,
                report.overall.halogen_n
            );
        }
        for w in &lines {
            say!("  warning: {w}");
        }
    }
    if report.rows == 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
