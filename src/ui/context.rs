//! What every page shares: the app state behind the share link, link and session warnings, the
//! theme, the files loaded in this session. Each lab keeps its own upload state
//! (`src/ui/labs/<lab>/`).

use leptos::prelude::*;

use crate::link::LinkWarning;
use crate::state::{AppState, Lab};

/// State shared by every page.
#[derive(Clone, Copy)]
pub struct AppContext {
    /// Everything the share link holds.
    pub state: RwSignal<AppState>,
    /// What the link did not take as written.
    pub link_warnings: RwSignal<Vec<LinkWarning>>,
    /// Dark theme on.
    pub dark: RwSignal<bool>,
    /// Files loaded in this session (names and hashes, for the session file).
    pub files: RwSignal<Vec<crate::session::FileRef>>,
    /// Files an opened session file was saved with (loads are checked against them).
    pub expected_files: RwSignal<Vec<crate::session::FileRef>>,
    /// What opening a session or loading a file against it reported.
    pub session_warnings: RwSignal<Vec<crate::text::Deferred>>,
    /// A lesson stage waits for the learner's prediction: the lab's numbers are hidden.
    pub predicting: Memo<bool>,
    /// The lesson panel's and link builder's state, kept here so that a change of language
    /// (which draws the page again) keeps a typed guess, a reveal and an open builder.
    pub lesson: LessonUi,
}

/// A prediction revealed: where, and the numbers its message is worded from (worded when shown,
/// so it follows a change of language).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Reveal {
    /// The lesson's lab and stage.
    pub at: (Lab, u32),
    /// The guess as read (`None`: nothing readable was typed), in the unit's scale.
    pub guess: Option<f64>,
    /// The page's own number at the moment of the reveal.
    pub truth: Option<f64>,
}

/// The lesson-link builder's choices.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BuilderChoices {
    /// Which lab's builder they belong to.
    pub lab: Option<Lab>,
    /// The `<details>` is open.
    pub open: bool,
    /// Control groups to hide.
    pub hide: Vec<&'static str>,
    /// Narrative text off.
    pub no_text: bool,
    /// Embed mode off.
    pub no_embed: bool,
    /// Projector mode on.
    pub projector: bool,
}

/// What the lesson panel and the link builder keep across redraws.
#[derive(Clone, Copy)]
pub struct LessonUi {
    /// The typed guess and the stage it was typed at.
    pub guess: RwSignal<Option<((Lab, u32), String)>>,
    /// The last reveal.
    pub revealed: RwSignal<Option<Reveal>>,
    /// The link builder.
    pub builder: RwSignal<BuilderChoices>,
}

impl LessonUi {
    /// A fresh one.
    pub fn new() -> Self {
        Self {
            guess: RwSignal::new(None),
            revealed: RwSignal::new(None),
            builder: RwSignal::new(BuilderChoices::default()),
        }
    }
}

impl Default for LessonUi {
    fn default() -> Self {
        Self::new()
    }
}

/// Whether the page hides its numbers for a prediction: a lesson of the page shown, at a stage
/// not revealed yet.
pub fn predicting(state: RwSignal<AppState>, lesson: LessonUi) -> Memo<bool> {
    Memo::new(move |_| {
        let (lab, at) = state.with(|s| (s.lab, s.lesson.map(|l| (l, s.stage))));
        match at {
            Some((l, stage)) if l == lab => lesson
                .revealed
                .with(|r| r.is_none_or(|r| r.at != (l, stage))),
            _ => false,
        }
    })
}

impl AppContext {
    /// Records a loaded file and warns when an opened session expected a different one.
    pub fn register_file(&self, lab: Lab, name: &str, hash: &str) {
        let r = crate::session::FileRef {
            lab,
            name: name.to_string(),
            hash: hash.to_string(),
        };
        self.files.update(|f| {
            f.retain(|x| !(x.lab == r.lab && x.name == r.name));
            f.push(r);
        });
        // The share link carries the hashes of the files behind the view.
        self.state.update(|s| {
            // Some pages hold several files; each other lab one.
            if !lab.holds_several_files() {
                s.files.retain(|(l, _)| *l != lab);
            }
            let pair = (lab, hash.to_string());
            if !s.files.contains(&pair) && s.files.len() < 8 {
                s.files.push(pair);
            }
        });
        if let Some(w) = self
            .expected_files
            .with_untracked(|e| crate::session::check_file(e, lab, name, hash))
        {
            self.session_warnings.update(|v| v.push(w));
        }
    }
}
