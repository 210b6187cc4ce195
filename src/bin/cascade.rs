//! `cascade`: the native command-line tool over the same core as the page. `link` is the
//! shell's; every lab adds its own subcommand through the registry ([`LabSpec::cli`]).

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::process::ExitCode;

    use cascade_lab::labs::spec::LinkNumbers;
    use cascade_lab::link::warning_summary;
    use cascade_lab::say;
    use cascade_lab::state::AppState;
    use clap::{Args, FromArgMatches};
    use serde::Serialize;

    /// Decode a share link and print its parameters, warnings and headline numbers.
    #[derive(Args)]
    struct LinkArgs {
        /// The link (a whole URL, "?query" or a bare query string).
        url: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    }

    /// What `cascade link --json` prints.
    #[derive(Serialize)]
    struct LinkReport {
        canonical: String,
        /// The lab's headline numbers under the page's data-metric names.
        page: cascade_lab::labs::spec::PageNumbers,
        state: AppState,
        warnings: Vec<String>,
        summary: Option<String>,
        numbers: LinkNumbers,
    }

    fn command() -> clap::Command {
        let link =
            LinkArgs::augment_args(clap::Command::new("link").about(
                "Decode a share link and print its parameters, warnings and headline numbers",
            ));
        let labs = clap::Command::new("labs")
            .about("List the labs: their link keys, the control groups a lesson link can hide, their papers")
            .arg(
                clap::Arg::new("json")
                    .long("json")
                    .action(clap::ArgAction::SetTrue)
                    .help("Print JSON instead of text"),
            );
        let mut cmd = clap::Command::new("cascade")
            .version(env!("CARGO_PKG_VERSION"))
            .about("Cascade Lab on the command line: the same numbers the page shows")
            .subcommand_required(true)
            .arg_required_else_help(true)
            .subcommand(link)
            .subcommand(labs);
        for lab in cascade_lab::labs::all() {
            if let Some(c) = lab.cli() {
                cmd = cmd.subcommand(c.command);
            }
        }
        cmd
    }

    pub fn main() -> ExitCode {
        let matches = command().get_matches();
        let Some((name, sub)) = matches.subcommand() else {
            return ExitCode::from(2);
        };
        if name == "link" {
            return match LinkArgs::from_arg_matches(sub) {
                Ok(a) => link(&a.url, a.json),
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::from(2)
                }
            };
        }
        if name == "labs" {
            return labs(sub.get_flag("json"));
        }
        for lab in cascade_lab::labs::all() {
            if lab.lab().key() == name {
                if let Some(c) = lab.cli() {
                    return (c.run)(sub, cascade_lab::labs::refuse_upload);
                }
            }
        }
        ExitCode::from(2)
    }

    /// The registry as tools read it (the e2e suite drives its every-lab tests from it).
    fn labs(json: bool) -> ExitCode {
        use cascade_lab::labs;
        let list: Vec<serde_json::Value> = labs::all()
            .map(|l| {
                serde_json::json!({
                    "key": l.lab().key(),
                    "title": l.lab().title(),
                    "link_keys": labs::link_keys(l),
                    "control_groups": l.control_groups().iter().map(|(g, _)| g).collect::<Vec<_>>(),
                    "lesson_stages": l.lesson().map_or(0, |x| x.stages.len()),
                    "papers": l.papers().iter().map(|p| serde_json::json!({"authors": p.authors, "title": p.title, "url": p.url})).collect::<Vec<_>>(),
                })
            })
            .collect();
        if json {
            let out = serde_json::json!({
                "labs": list,
                "shell_link_keys": AppState::shell_link_keys(),
            });
            match serde_json::to_string_pretty(&out) {
                Ok(s) => say!("{s}"),
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::FAILURE;
                }
            }
        } else {
            for l in labs::all() {
                say!(
                    "{}: link keys {}; control groups {}",
                    l.lab().key(),
                    labs::link_keys(l).join(", "),
                    l.control_groups()
                        .iter()
                        .map(|(g, _)| *g)
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
            say!(
                "shell: link keys {}",
                AppState::shell_link_keys().join(", ")
            );
        }
        ExitCode::SUCCESS
    }

    fn link(url: &str, json: bool) -> ExitCode {
        let decoded = cascade_lab::lessons::decode_link(url);
        let mut numbers = LinkNumbers::new();
        for lab in cascade_lab::labs::all() {
            lab.link_numbers(&decoded.state, &mut numbers);
        }
        let report = LinkReport {
            canonical: decoded.state.encode(),
            page: cascade_lab::golden::page_numbers(&decoded.state),
            numbers,
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
}
