//! The About page (papers, privacy, citation) and the placeholders for labs still to come.

use leptos::prelude::*;

use crate::share::Lab;

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
            <h1>"About Cascade Lab"</h1>
            <p class="lead">
                "Cascade Lab shows how errors compound in systems built from language models — a wrong first "
                "commitment that breeds more, a message that drifts as it is passed on, a verifier whose false "
                "positives cap what resampling can reach — and lets you check each effect on your own results."
            </p>
            <h2>"Privacy"</h2>
            <p>
                "Everything runs in your browser. Files you load are read by this page and never leave it: there "
                "is no server, no analytics, no third-party font or script, and the page's Content-Security-Policy "
                "forbids it from contacting any other site. Share links hold parameters and a seed — never your data."
            </p>
            <h2>"Reproducibility"</h2>
            <p>
                "Every random number comes from a named, seeded ChaCha8 stream, and every mathematical function "
                "from one portable library, so a share link gives the same numbers in any browser and in the "
                "command-line tool " <code>"cascade"</code> "."
            </p>
            <h2>"The papers"</h2>
            <ul class="papers">
                {PAPERS.iter().map(|(who, what, url)| view! {
                    <li><span class="who">{*who}</span>" " <cite>{*what}</cite>" " <span class="url">{*url}</span></li>
                }).collect_view()}
            </ul>
            <h2>"How to cite"</h2>
            <pre class="cite">"@software{cascade_lab,\n  title  = {Cascade Lab: seeing how errors compound in LLM systems},\n  year   = {2026},\n  note   = {Version "{env!("CARGO_PKG_VERSION")}", https://github.com/ (see the README)}\n}"</pre>
            <p>"Please also cite the paper behind the lab you used."</p>
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
        Lab::Snowball => "Hallucination snowballing: a model commits to a wrong answer, then justifies it with claims it would reject on their own (Zhang et al. 2023). The simulator, the three datasets and the answer checker are coming next.",
        Lab::Telephone => "Broken-telephone chains: information distorts as models re-translate or rephrase their own output, hop after hop (Mohamed et al. 2025). The chain simulator and text metrics are coming next.",
        Lab::Resampling | Lab::Analyze => "Resampling with imperfect verifiers and the analysis of uploaded results (not part of the shell-only benchmark build).",
        Lab::Search => "Verifier-guided search and correlated judges: beam search against repeated sampling with a noisy reward model, and CAPA similarity between judges and the models they grade. Coming next.",
        _ => "",
    };
    view! {
        <article class="page placeholder">
            <h1>{lab.title()}</h1>
            <p class="lead">{text}</p>
            <p>"Meanwhile the Resampling lab is complete: simulate it or load your own EvalPlus results in Analyze."</p>
        </article>
    }
}
