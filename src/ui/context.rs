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
    pub session_warnings: RwSignal<Vec<String>>,
    /// A lesson stage waits for the learner's prediction: the lab's numbers are hidden.
    pub predicting: RwSignal<bool>,
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
            // The Analyze page holds several files; each other lab one.
            if lab != Lab::Analyze {
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
