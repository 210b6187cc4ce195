//! The Search lab: choosing among many samples with an imperfect scorer. The simulator
//! (`simulate`) and the visitor's own samples (`uploads`).

mod simulate;
mod uploads;

use leptos::prelude::*;

use crate::ui::widgets::tx;

pub use uploads::provide_state;

/// The lab page.
#[component]
pub fn SearchLab() -> impl IntoView {
    view! {
        <article class="page search">
            <h1>{tx("search.title")}</h1>
            <p class="lead">{tx("search.lead")}" "
                <span class="cite">{tx("search.cite")}</span></p>
            <simulate::Simulator />
            <uploads::UploadSection />
            <uploads::Reports />
        </article>
    }
}
