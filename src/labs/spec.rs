//! What a lab is to the rest of the app: the [`LabSpec`] trait that every lab implements once,
//! and the types its answers are made of (lessons, page numbers, papers). The shell, the link
//! codec, the golden links, the lessons, About and the command line ask the registry
//! ([`super::spec`]) instead of naming labs.

use std::collections::BTreeMap;

use crate::state::{AppState, Lab};

/// `data-metric` name → value (`None` where the page shows "n/a").
pub type PageNumbers = BTreeMap<String, Option<f64>>;

/// Numbers `cascade link --json` prints under `numbers`.
pub type LinkNumbers = serde_json::Map<String, serde_json::Value>;

/// How a predicted number is read and shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// A share, typed as a percentage.
    Percent,
    /// A plain number.
    Number,
}

/// The prediction a stage asks for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ask {
    /// The `data-metric` whose value is the truth.
    pub metric: &'static str,
    /// The question, from `text/`.
    pub question: &'static str,
    /// How the answer is typed and shown.
    pub unit: Unit,
}

/// One stage of a lesson.
#[derive(Clone, Copy, Debug)]
pub struct Stage {
    /// Its title, from `text/`.
    pub title: &'static str,
    /// Its story, from `text/`.
    pub text: &'static str,
    /// Sets the lab's parameters for this stage (from the lab's defaults).
    pub apply: fn(&mut AppState),
    /// The prediction asked for.
    pub ask: Ask,
    /// Why the answer is what it is: the catalog id of two or three sentences tied to the
    /// formula or mechanism, shown with the reveal (`{truth}` is the revealed number).
    pub why: &'static str,
    /// The chart that shows it (`data-chart`): the reveal offers to show it there.
    pub chart: &'static str,
}

/// A lesson: its lab and stages.
#[derive(Clone, Debug)]
pub struct Lesson {
    /// The lab it teaches.
    pub lab: Lab,
    /// Its title, from `text/`.
    pub title: &'static str,
    /// The stages, in order.
    pub stages: Vec<Stage>,
}

/// A paper a lab is built on (About lists them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paper {
    /// The authors and year.
    pub authors: &'static str,
    /// Title and venue.
    pub title: &'static str,
    /// Where to read it.
    pub url: &'static str,
}

/// A lab subcommand of the `cascade` command-line tool (native builds only).
#[cfg(not(target_arch = "wasm32"))]
pub struct CliCommand {
    /// The subcommand and its arguments (named by the lab's key).
    pub command: clap::Command,
    /// Runs it on the parsed arguments; it asks `refuse` about every file before reading it.
    pub run: fn(&clap::ArgMatches, Refuse) -> std::process::ExitCode,
}

/// Why a lab does not read a file that is plainly something else (`labs::refuse_upload`),
/// handed to a lab's command by the binary: a lab's code cannot call the registry itself (the
/// import graph has no cycle).
pub type Refuse = fn(Lab, &str, &[u8]) -> Option<crate::text::Deferred>;

/// Everything the app needs to know about one lab. Each lab implements it once, in its own
/// folder (`src/labs/<lab>/mod.rs`); [`Lab::spec`] is the registry.
pub trait LabSpec: Sync {
    /// The page of this lab.
    fn lab(&self) -> Lab;

    /// The papers the lab is built on, for About.
    fn papers(&self) -> &'static [Paper];

    /// The control groups a lesson link can hide (`hide=`), with the ids of their labels in
    /// `text/`: the shell hides each one its view marks `data-group="…"`.
    fn control_groups(&self) -> &'static [(&'static str, &'static str)];

    /// Reads the lab's parameters from a link into `state` (its own link keys only: a test
    /// checks that no two labs, nor a lab and the shell, read the same key).
    fn decode_link(&self, d: &mut crate::link::Decoder, state: &mut AppState);

    /// Writes the lab's parameters that differ from the defaults.
    fn encode_link(&self, state: &AppState, e: &mut crate::link::Encoder);

    /// Whether the state holds the lab's default parameters (a lesson link without parameters
    /// then gets the stage's).
    fn params_are_default(&self, state: &AppState) -> bool;

    /// The guided lesson, if the lab has one.
    fn lesson(&self) -> Option<Lesson>;

    /// Named states pinned as golden links: the defaults and every preset (native: the golden
    /// file is written and checked there; the page only opens the links).
    #[cfg(not(target_arch = "wasm32"))]
    fn golden(&self) -> Vec<(String, AppState)>;

    /// The headline numbers the page shows for `state`, under their `data-metric` names.
    fn page_numbers(&self, state: &AppState, out: &mut PageNumbers);

    /// The numbers `cascade link --json` prints for `state` under `numbers` (native only).
    #[cfg(not(target_arch = "wasm32"))]
    fn link_numbers(&self, state: &AppState, out: &mut LinkNumbers);

    /// The lab's subcommand of the command-line tool, if it has one.
    #[cfg(not(target_arch = "wasm32"))]
    fn cli(&self) -> Option<CliCommand>;
}
