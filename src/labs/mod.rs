//! The labs: one folder each, holding everything that is about that lab — its parameters and
//! link keys, simulator, upload formats and their analysis, charts, lesson, golden presets, page
//! numbers and command-line subcommand. The rest of the app knows labs only through this
//! registry ([`Lab::spec`]) and the [`LabSpec`] trait. ARCHITECTURE.md: "how to add a lab".

pub mod resampling;
pub mod search;
pub mod snowball;
pub mod spec;
pub mod telephone;

pub use spec::LabSpec;

use crate::state::Lab;

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

/// Every lab, in navigation order.
pub fn all() -> impl Iterator<Item = &'static dyn LabSpec> {
    Lab::ALL.into_iter().filter_map(Lab::spec)
}
