//! The headline numbers of a share link under the names the page shows them by (`data-metric`),
//! computed natively exactly as the page computes them in wasm: what `cascade link --json`
//! prints as `page`, and what the golden links (`tests/golden_links.json`) pin, one link per
//! preset of every lab and one per lesson stage. Each lab says its numbers and presets
//! ([`crate::labs::LabSpec`]); this module only gathers them.

use crate::labs::spec::PageNumbers;
use crate::state::AppState;

/// The numbers the page shows for `state` (its lab's headline metrics; none for the pages
/// beside the labs).
pub fn page_numbers(state: &AppState) -> PageNumbers {
    let mut out = PageNumbers::new();
    if let Some(spec) = state.lab.spec() {
        spec.page_numbers(state, &mut out);
    }
    out
}

/// The golden links: (name, query) — the defaults and presets of each lab, then every lesson
/// stage.
#[cfg(not(target_arch = "wasm32"))]
pub fn golden_links() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = crate::labs::all()
        .flat_map(|lab| lab.golden())
        .map(|(name, s)| (name, s.encode()))
        .collect();
    for lab in crate::lessons::lesson_labs() {
        let Some(l) = crate::lessons::lesson(lab) else {
            continue;
        };
        for (i, st) in l.stages.iter().enumerate() {
            if let Some(s) = crate::lessons::stage_state(&AppState::default(), lab, i as u32 + 1) {
                out.push((
                    format!("lesson {}, stage {}: {}", lab.key(), i + 1, st.title),
                    s.encode(),
                ));
            }
        }
    }
    out
}
