//! The lab's uploads: read on the Analyze page, drawn in the lab too.

use leptos::prelude::*;

/// One model read from an upload.
#[derive(Clone, Debug, PartialEq)]
pub struct UploadedModel {
    /// Unique within the session.
    pub id: u32,
    /// Short hash of the file's bytes.
    pub hash: String,
    /// The counts read from the file.
    pub results: crate::labs::resampling::results::ResultsFile,
}

/// The lab's uploads (read on the Analyze page, drawn in the lab too), kept while the visitor
/// visits other labs. Never in the link, never sent anywhere.
#[derive(Clone, Copy)]
pub struct Uploads {
    /// Models from uploaded files.
    pub models: RwSignal<Vec<UploadedModel>>,
    /// Files that could not be read at all.
    pub errors: RwSignal<Vec<crate::text::Deferred>>,
}

/// Puts the lab's upload state in the app's context (once, when the app starts).
pub fn provide_state() {
    provide_context(Uploads {
        models: RwSignal::new(Vec::new()),
        errors: RwSignal::new(Vec::new()),
    });
}
