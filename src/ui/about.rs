//! The About page (papers, privacy, citation) and the placeholders for labs still to come.

use leptos::prelude::*;

use crate::share::Lab;
use crate::text::t;

/// Papers the labs are built on.
const PAPERS: [(&str, &str, &str); 6] = [
    (
        "Zhang, Press, Merrill, Liu, Smith (2023/2024)",
        "How Language Model Hallucinations Can Snowball. ICML 2024.",
        "https://arxiv.org/abs/2305.13534",
    ),
    (
        "Mohamed, Geng, Vazirgiannis, Shang (2025)",
        "LLM as a Broken Telephone: Iterative Generation Distorts Information. ACL 2025.",
        "https://arxiv.org/abs/2502.20258",
    ),
    (
        "Stroebl, Kapoor, Narayanan (2024)",
        "Inference Scaling fLaws: The Limits of LLM Resampling with Imperfect Verifiers.",
        "https://arxiv.org/abs/2411.17501",
    ),
    (
        "Yu, Li, Wang (2025)",
        "Scaling Flaws of Verifier-Guided Search in Mathematical Reasoning.",
        "https://arxiv.org/abs/2502.00271",
    ),
    (
        "Goel et al. (2025)",
        "Great Models Think Alike and this Undermines AI Oversight.",
        "https://arxiv.org/abs/2502.04313",
    ),
    (
        "Dohan et al. (2022)",
        "Language Model Cascades.",
        "https://arxiv.org/abs/2207.10342",
    ),
];

/// About: the papers with citations, the privacy promise, how to cite the tool.
#[component]
pub fn AboutPage() -> impl IntoView {
    view! {
        <article class="page about">
            <h1>{t("about.about_cascade_lab")}</h1>
            <p class="lead">
                {t("about.lead")}
            </p>
            <h2>{t("about.privacy")}</h2>
            <p>
                {t("about.privacy.text")}
            </p>
            <h2>{t("about.reproducibility")}</h2>
            <p>
                {t("about.reproducibility.text")}" "<code>"cascade"</code>{t("about.reproducibility.end")}
            </p>
            <h2>{t("about.the_papers")}</h2>
            <ul class="papers">
                {PAPERS.iter().map(|(who, what, url)| view! {
                    <li><span class="who">{*who}</span>" " <cite>{*what}</cite>" " <span class="url">{*url}</span></li>
                }).collect_view()}
            </ul>
            <h2>{t("about.how_to_cite")}</h2>
            <pre class="cite">{format!("@software{{cascade_lab,\n  title  = {{Cascade Lab: seeing how errors compound in LLM systems}},\n  year   = {{2026}},\n  note   = {{Version {}, https://github.com/ (see the README)}}\n}}", env!("CARGO_PKG_VERSION"))}</pre>
            <p>{t("about.please_also_cite_the_paper")}</p>
        </article>
    }
}

/// A lab that is not built yet: what it will show, and where to go meanwhile.
#[component]
pub fn LabPlaceholder(
    /// Which lab.
    lab: Lab,
) -> impl IntoView {
    let text = match lab {
        Lab::Snowball => t("about.placeholder.snowball"),
        Lab::Telephone => t("about.placeholder.telephone"),
        Lab::Resampling | Lab::Analyze => t("about.placeholder.resampling"),
        Lab::Search => t("about.placeholder.search"),
        _ => "",
    };
    view! {
        <article class="page placeholder">
            <h1>{lab.title()}</h1>
            <p class="lead">{text}</p>
            <p>{t("about.meanwhile_the_resampling_lab_is")}</p>
        </article>
    }
}
