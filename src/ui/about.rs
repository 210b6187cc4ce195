//! The About page (papers, privacy, citation).

use leptos::prelude::*;

use crate::ui::widgets::tx;

use crate::labs::spec::Paper;

/// Every paper: each lab's (from the registry), then the rest.
fn papers() -> Vec<Paper> {
    crate::labs::papers()
}

/// About: the papers with citations, the privacy promise, how to cite the tool.
#[component]
pub fn AboutPage() -> impl IntoView {
    view! {
        <article class="page about">
            <h1>{tx("about.about_cascade_lab")}</h1>
            <p class="lead">
                {tx("about.lead")}
            </p>
            <h2>{tx("about.privacy")}</h2>
            <p>
                {tx("about.privacy.text")}
            </p>
            <h2>{tx("about.reproducibility")}</h2>
            <p>
                {tx("about.reproducibility.text")}" "<code>"cascade"</code>{tx("about.reproducibility.end")}
            </p>
            <h2>{tx("about.the_papers")}</h2>
            <ul class="papers">
                {papers().into_iter().map(|p| view! {
                    <li><span class="who">{p.authors}</span>" " <cite>{p.title}</cite>" " <span class="url">{p.url}</span></li>
                }).collect_view()}
            </ul>
            <h2>{tx("about.how_to_cite")}</h2>
            <pre class="cite">{format!("@software{{cascade_lab,\n  title  = {{Cascade Lab: seeing how errors compound in LLM systems}},\n  year   = {{2026}},\n  url    = {{{}}},\n  note   = {{Version {}}}\n}}", crate::ui::web::page_address(), env!("CARGO_PKG_VERSION"))}</pre>
            <p>{tx("about.please_also_cite_the_paper")}</p>
        </article>
    }
}
