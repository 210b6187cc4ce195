//! The Search lab: choosing among many samples with an imperfect scorer. The simulator
//! (`simulate`) and the visitor's own samples (`uploads`).

mod simulate;
mod uploads;

use leptos::prelude::*;

use crate::text::t;

pub use uploads::provide_state;

/// The lab page.
#[component]
pub fn SearchLab() -> impl IntoView {
    view! {
        <article class="page search">
            <h1>{move || t("search.title")}</h1>
            <p class="lead">{move || t("search.lead")}" "
                <span class="cite">{move || t("search.cite")}</span></p>
            <simulate::Simulator />
            <uploads::UploadSection />
            <uploads::Reports />
        </article>
    }
}
