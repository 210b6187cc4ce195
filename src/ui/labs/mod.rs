//! The labs' pages: one folder each (the browser half of `src/labs/<lab>/`), and the one place
//! the shell asks for a lab's view and upload state. Adding a page makes the compiler ask for
//! its line in [`lab_view`].

#[cfg(not(feature = "shell-only"))]
mod resampling;
#[cfg(not(feature = "shell-only"))]
mod search;
#[cfg(not(feature = "shell-only"))]
mod snowball;
#[cfg(not(feature = "shell-only"))]
mod telephone;

use leptos::prelude::*;

use crate::state::Lab;
use crate::ui::about;
#[cfg(not(feature = "shell-only"))]
use crate::ui::lesson::{LessonPanel, LinkBuilder};

/// Puts every lab's upload state in the app's context (uploads outlive a visit to another lab).
pub fn provide_state() {
    #[cfg(not(feature = "shell-only"))]
    {
        resampling::provide_state();
        search::provide_state();
        snowball::provide_state();
        telephone::provide_state();
    }
}

/// The page for `lab`: a lab with its lesson panel and lesson-link builder, or a page beside
/// the labs.
#[cfg(not(feature = "shell-only"))]
pub fn lab_view(lab: Lab) -> AnyView {
    let with_lesson =
        |page: AnyView| view! { <LessonPanel lab=lab />{page}<LinkBuilder lab=lab /> }.into_any();
    match lab {
        Lab::Resampling => with_lesson(view! { <resampling::ResamplingLab /> }.into_any()),
        Lab::Snowball => with_lesson(view! { <snowball::SnowballLab /> }.into_any()),
        Lab::Telephone => with_lesson(view! { <telephone::TelephoneLab /> }.into_any()),
        Lab::Analyze => view! { <resampling::analyze::AnalyzePage /> }.into_any(),
        Lab::About => view! { <about::AboutPage /> }.into_any(),
        Lab::Search => with_lesson(view! { <search::SearchLab /> }.into_any()),
    }
}

/// The shell alone (`--features shell-only`, a benchmark build): every lab a placeholder.
#[cfg(feature = "shell-only")]
pub fn lab_view(lab: Lab) -> AnyView {
    match lab {
        Lab::About => view! { <about::AboutPage /> }.into_any(),
        Lab::Resampling | Lab::Snowball | Lab::Telephone | Lab::Search | Lab::Analyze => {
            view! { <about::LabPlaceholder lab=lab /> }.into_any()
        }
    }
}
