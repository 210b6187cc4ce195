//! `cascade`: the native command-line tool over the same core as the page.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::process::ExitCode;

    use cascade_lab::analysis::resampling::{analyze, AnalyzeOptions, FileAnalysis};
    use cascade_lab::ingest::evalplus::read_results;
    use cascade_lab::share::{warning_summary, AppState};
    use cascade_lab::sims::resampling::{ResamplingParams, TaskMix};
    use clap::{Parser, Subcommand};
    use serde::Serialize;

    /// Cascade Lab on the command line: the same numbers the page shows.
    #[derive(Parser)]
    #[command(name = "cascade", version, about, long_about = None)]
    struct Cli {
        #[command(subcommand)]
        command: Command,
    }

    #[derive(Subcommand)]
    enum Command {
        /// Decode a share link and print its parameters, warnings and headline numbers.
        Link {
            /// The link (a whole URL, "?query" or a bare query string).
            url: String,
            /// Print JSON instead of text.
            #[arg(long)]
            json: bool,
        },
        /// Verifier-limited resampling (Inference Scaling fLaws).
        Resampling {
            #[command(subcommand)]
            command: ResamplingCommand,
        },
        /// Hallucination snowballing (Zhang et al. 2023).
        Snowball {
            #[command(subcommand)]
            command: SnowballCommand,
        },
        /// Broken-telephone chains (Mohamed et al. 2025).
        Telephone {
            #[command(subcommand)]
            command: TelephoneCommand,
        },
    }

    #[derive(Subcommand)]
    enum TelephoneCommand {
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

    #[derive(Subcommand)]
    enum SnowballCommand {
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

    #[derive(Subcommand)]
    enum ResamplingCommand {
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

    /// println! that stops quietly when stdout is closed (e.g. piped into `head`).
    macro_rules! say {
        ($($arg:tt)*) => {{
            use std::io::Write as _;
            let _ = writeln!(std::io::stdout(), $($arg)*);
        }};
    }

    #[derive(Serialize)]
    struct AnalyzeReport {
        files: Vec<FileAnalysis>,
        errors: Vec<String>,
    }

    /// What `cascade link --json` prints.
    #[derive(Serialize)]
    struct LinkReport {
        canonical: String,
        /// The lab's headline numbers under the page's data-metric names.
        page: cascade_lab::golden::PageNumbers,
        state: AppState,
        warnings: Vec<String>,
        summary: Option<String>,
        numbers: serde_json::Value,
    }

    pub fn main() -> ExitCode {
        let cli = Cli::parse();
        match cli.command {
            Command::Link { url, json } => link(&url, json),
            Command::Resampling {
                command:
                    ResamplingCommand::Analyze {
                        files,
                        lambda,
                        kappa,
                        k,
                        drop_false_negatives,
                        json,
                    },
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
                analyze_files(&files, &opts, json)
            }
            Command::Snowball {
                command: SnowballCommand::Analyze { file, json },
            } => snowball_analyze(&file, json),
            Command::Telephone {
                command:
                    TelephoneCommand::Analyze {
                        file,
                        fit_metric,
                        json,
                    },
            } => telephone_analyze(&file, &fit_metric, json),
        }
    }

    fn telephone_analyze(path: &std::path::Path, fit_metric: &str, json: bool) -> ExitCode {
        use cascade_lab::analysis::telephone::{analyze, fit_choices};
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("error: {}: cannot read: {e}", path.display());
                return ExitCode::FAILURE;
            }
        };
        let file = cascade_lab::ingest::telephone::read_chains(&bytes);
        let report = analyze(&file, fit_metric);
        if report.chains > 0 && !fit_choices(&report).iter().any(|m| m == fit_metric) {
            eprintln!(
                "error: --fit-metric {fit_metric}: not a metric of this file (choose from {})",
                fit_choices(&report).join(", ")
            );
            return ExitCode::FAILURE;
        }
        if json {
            match serde_json::to_string_pretty(&report) {
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
                let f = |m: cascade_lab::analysis::telephone::MeanStd| {
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
            }
            for w in &report.warnings {
                say!("  warning: {w}");
            }
        }
        if report.chains == 0 {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        }
    }

    fn snowball_analyze(path: &std::path::Path, json: bool) -> ExitCode {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("error: {}: cannot read: {e}", path.display());
                return ExitCode::FAILURE;
            }
        };
        let read = cascade_lab::ingest::snowball::read_answers(&bytes);
        let warnings: Vec<String> = read.warnings.iter().map(|w| w.to_string()).collect();
        let report = cascade_lab::analysis::snowball::analyze(&read.rows, read.skipped, warnings);
        if json {
            match serde_json::to_string_pretty(&report) {
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
            for w in &report.warnings {
                say!("  warning: {w}");
            }
        }
        if report.rows == 0 {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        }
    }

    /// The headline numbers a link's page shows (resampling lab, exact curves).
    pub fn link_numbers(state: &AppState) -> serde_json::Value {
        let p: &ResamplingParams = &state.resampling;
        let mix = TaskMix::from_params(p, None);
        let curve = mix.curve(p.k_max, p.lambda, p.kappa);
        let last = curve.last().copied();
        let opt = mix.optimal_k(p.lambda, p.kappa);
        let sb = cascade_lab::sims::snowball::exact(&state.snowball);
        let tel = cascade_lab::sims::telephone::exact(&state.telephone);
        let tel_last = tel.last();
        serde_json::json!({
            "snowball": {
                "sb_wrong_answer": sb.wrong_answer,
                "sb_mean_false_claims": sb.mean_false_claims,
                "sb_snowballed_share": sb.snowballed_share,
                "sb_amplification": sb.amplification,
                "sb_steps_to_first_error": sb.steps_to_first_error,
            },
            "telephone": {
                "tel_factscore": tel_last.map(|p| p.factscore),
                "tel_retained": tel_last.map(|p| p.retained),
                "tel_half_drop": cascade_lab::sims::telephone::half_drop(&tel),
            },
            "single_sample_accuracy": mix.single_sample_accuracy(),
            "ceiling": mix.ceiling(),
            "optimal_k": opt.as_k(),
            "optimal_k_text": opt.describe(),
            "accuracy_at_k_max": last.map(|c| c.accuracy),
            "utility_at_k_max": last.map(|c| c.utility),
        })
    }

    fn link(url: &str, json: bool) -> ExitCode {
        let decoded = AppState::decode(url);
        let report = LinkReport {
            canonical: decoded.state.encode(),
            page: cascade_lab::golden::page_numbers(&decoded.state),
            numbers: link_numbers(&decoded.state),
            summary: warning_summary(&decoded.warnings),
            warnings: decoded.warnings.iter().map(|w| w.to_string()).collect(),
            state: decoded.state,
        };
        if json {
            match serde_json::to_string_pretty(&report) {
                Ok(s) => say!("{s}"),
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::FAILURE;
                }
            }
        } else {
            say!("link: ?{}", report.canonical);
            say!(
                "lab: {}  seed: {}  embed: {}",
                report.state.lab.key(),
                report.state.seed,
                report.state.embed
            );
            if let Some(s) = &report.summary {
                say!("{s}");
            }
            for w in &report.warnings {
                say!("  warning: {w}");
            }
            say!(
                "{}",
                serde_json::to_string_pretty(&report.numbers).unwrap_or_default()
            );
        }
        ExitCode::SUCCESS
    }

    fn analyze_files(files: &[std::path::PathBuf], opts: &AnalyzeOptions, json: bool) -> ExitCode {
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
            match read_results(&name, &bytes) {
                Ok(results) => report
                    .files
                    .extend(results.iter().map(|r| analyze(r, opts))),
                Err(e) => report.errors.push(e.to_string()),
            }
        }
        if json {
            match serde_json::to_string_pretty(&report) {
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
        say!("  ceiling                 {}", pct(f.ceiling));
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
        for w in &f.warnings {
            say!("  warning: {w}");
        }
    }
}
