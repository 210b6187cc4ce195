//! The labs: one folder each, holding everything that is about that lab — its parameters and
//! link keys, simulator, upload formats and their analysis, charts, lesson, golden presets, page
//! numbers and command-line subcommand. The rest of the app knows labs only through this
//! registry ([`Lab::spec`]) and the [`LabSpec`] trait. ARCHITECTURE.md: "how to add a lab".

pub mod links;
pub mod resampling;
pub mod search;
pub mod snowball;
pub mod spec;
pub mod telephone;

pub use spec::LabSpec;

use crate::state::Lab;
use crate::text::Deferred;
use spec::Paper;

impl Lab {
    /// The lab behind a page (`None` for the pages beside the labs). Adding a page makes the
    /// compiler ask for its line here.
    pub fn spec(self) -> Option<&'static dyn LabSpec> {
        match self {
            Lab::Resampling => Some(&resampling::Spec),
            Lab::Snowball => Some(&snowball::Spec),
            Lab::Telephone => Some(&telephone::Spec),
            Lab::Search => Some(&search::Spec),
            Lab::Analyze | Lab::About => None,
        }
    }
}

/// The worker's side of each lab's upload job (`src/labs/<lab>/job.rs`). Kept out of
/// [`LabSpec`] so that the page, which never runs a job itself, does not carry the parsers and
/// metrics in its wasm: only the worker calls this.
#[cfg(target_arch = "wasm32")]
pub fn worker_job(lab: Lab) -> Option<crate::protocol::JobRunner> {
    use crate::protocol::runner;
    match lab {
        Lab::Resampling => Some(runner::<resampling::job::ReadResults>),
        Lab::Snowball => Some(runner::<snowball::job::AnalyzeAnswers>),
        Lab::Telephone => Some(runner::<telephone::job::MeasureChains>),
        Lab::Search => Some(runner::<search::job::AnalyzeSearch>),
        Lab::Analyze | Lab::About => None,
    }
}

/// What a lab reads: the catalog id of the format `sniff` is when the lab reads it, and the
/// catalog id of the advice given when a file is not one of its formats ("export … as CSV with
/// columns …"). Adding a page makes the compiler ask for its line here.
fn reads(lab: Lab) -> Option<(Recognise, &'static str)> {
    match lab {
        Lab::Resampling => Some((resampling::ingest::recognise, "resampling.format.advice")),
        Lab::Snowball => Some((snowball::ingest::recognise, "snowball.format.advice")),
        Lab::Telephone => Some((telephone::ingest::recognise, "telephone.format.advice")),
        Lab::Search => Some((search::ingest::recognise, "search.format.advice")),
        Lab::Analyze | Lab::About => None,
    }
}

/// A lab's recogniser: the catalog id of its format the outline shows, if any.
type Recognise = fn(&crate::ingest::detect::Sniff) -> Option<&'static str>;

/// Why `lab` does not read the upload `name`, when the file is plainly something else: a
/// format no lab reads (an Inspect log, lm-evaluation-harness samples, a PDF …: what it is and
/// what to export instead), or another lab's format (which lab reads it; the page links there).
/// `None` when the file is one of the lab's formats or nothing recognisable — then the lab's own
/// reader says what it finds. Every worker job and every `cascade <lab> analyze` asks this
/// first (`WorkerJob::refuse`).
pub fn refuse_upload(lab: Lab, name: &str, bytes: &[u8]) -> Option<Deferred> {
    use crate::ingest::detect::Sniff;
    let (own, advice) = reads(lab)?;
    let sniff = Sniff::of(bytes);
    if let Some(foreign) = sniff.foreign() {
        return Some(Deferred::new(
            "ingest.format.foreign",
            vec![
                ("name", Deferred::literal(name)),
                ("format", Deferred::new(foreign.id, vec![])),
                (
                    "tip",
                    foreign
                        .tip
                        .map_or_else(Deferred::default, |t| Deferred::new(t, vec![])),
                ),
                ("advice", Deferred::new(advice, vec![])),
            ],
        ));
    }
    if own(&sniff).is_some() {
        return None;
    }
    Lab::ALL
        .into_iter()
        .filter(|&l| l != lab)
        .find_map(|other| {
            let format = (reads(other)?.0)(&sniff)?;
            Some(Deferred::new(
                "ingest.format.other_lab",
                vec![
                    ("name", Deferred::literal(name)),
                    ("format", Deferred::new(format, vec![])),
                    ("lab", Deferred::new(other.title_id(), vec![])),
                    (GOTO, Deferred::literal(other.key())),
                ],
            ))
        })
}

/// The argument of a message that names the lab a file belongs in (its `lab` key): the page
/// shows a link there beside the message.
pub const GOTO: &str = "goto";

/// The lab a message sends its file to ([`refuse_upload`]'s [`GOTO`]), looked for in the
/// message and the messages it holds.
pub fn goto(message: &Deferred) -> Option<Lab> {
    match message {
        Deferred::Text { args, .. } => args.iter().find_map(|(name, value)| match value {
            Deferred::Literal(key) if name == GOTO => Lab::from_key(key),
            other => goto(other),
        }),
        Deferred::Literal(_) => None,
    }
}

/// Every lab, in navigation order.
pub fn all() -> impl Iterator<Item = &'static dyn LabSpec> {
    Lab::ALL.into_iter().filter_map(Lab::spec)
}

/// The link keys `lab` reads (found by decoding an empty link: every key looked up).
pub fn link_keys(lab: &dyn LabSpec) -> Vec<String> {
    let mut d = crate::link::Decoder::new("");
    let mut state = crate::state::AppState::default();
    lab.decode_link(&mut d, &mut state);
    d.asked
}

/// Papers behind the labs still to come, and the cascades that frame them all (About lists
/// them after the labs' own).
pub const OTHER_PAPERS: [Paper; 2] = [
    Paper {
        authors: "Goel et al. (2025)",
        title: "Great Models Think Alike and this Undermines AI Oversight.",
        url: "https://arxiv.org/abs/2502.04313",
    },
    Paper {
        authors: "Dohan et al. (2022)",
        title: "Language Model Cascades.",
        url: "https://arxiv.org/abs/2207.10342",
    },
];

/// Every paper About lists: each lab's (from the registry), then [`OTHER_PAPERS`] — each
/// once, where two labs cite the same paper.
pub fn papers() -> Vec<Paper> {
    let mut out: Vec<Paper> = Vec::new();
    for p in all()
        .flat_map(|l| l.papers().iter().copied())
        .chain(OTHER_PAPERS)
    {
        if !out.iter().any(|q| q.url == p.url) {
            out.push(p);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn no_two_labs_and_not_the_shell_read_the_same_link_key() {
        use crate::state::AppState;
        let all = AppState::link_keys();
        let shell = AppState::shell_link_keys();
        for k in [
            "v", "lab", "seed", "lesson", "stage", "hide", "files", "lang",
        ] {
            assert!(shell.iter().any(|s| s == k), "shell key {k}: {shell:?}");
        }
        let mut owner: std::collections::BTreeMap<String, &str> =
            shell.iter().map(|k| (k.clone(), "the shell")).collect();
        for lab in super::all() {
            let keys = super::link_keys(lab);
            assert!(!keys.is_empty(), "{} reads no link key", lab.lab().key());
            for k in keys {
                assert!(all.contains(&k), "{k} is not read by AppState::decode");
                if let Some(other) = owner.insert(k.clone(), lab.lab().key()) {
                    panic!("link key {k} read by both {other} and {}", lab.lab().key());
                }
            }
        }
        // And decode reads nothing else.
        assert_eq!(owner.len(), all.len(), "{all:?}");
    }

    #[test]
    fn about_lists_every_lab_paper_once() {
        let papers = super::papers();
        for lab in super::all() {
            for p in lab.papers() {
                assert!(papers.contains(p), "{} missing", p.title);
            }
        }
        // The list itself never names a paper twice (by link or by title).
        for (i, p) in papers.iter().enumerate() {
            for q in &papers[..i] {
                assert!(p.url != q.url && p.title != q.title, "{} twice", p.title);
            }
        }
        // And the papers of the labs still to come are no lab's already.
        for p in super::OTHER_PAPERS {
            assert!(
                super::all().all(|l| !l.papers().iter().any(|q| q.url == p.url)),
                "{} is a lab's paper: keep it there only",
                p.title
            );
        }
    }
}
