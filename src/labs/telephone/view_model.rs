//! What the lab's page derives from its parameters, as plain functions the page calls and the
//! native tests check: the chain's models and languages as the checkboxes change them (never
//! none, at most four languages), the temperature shown, the route in words, the preset the
//! parameters match, and an upload's plateau refitted to another curve.

use super::analysis::{fit_steps, Fit, TelephoneReport};
use super::charts::ReleasedPoint;
use super::sim::{presets, released_curve, Lang, Model, Preset, TelephoneParams};
use crate::tr;

/// Turns model `m` on or off; the last model stays on (a chain needs one).
pub fn toggle_model(p: &mut TelephoneParams, m: Model, on: bool) {
    if on && !p.models.contains(&m) {
        p.models.push(m);
        p.models.sort();
    } else if !on && p.models.len() > 1 {
        p.models.retain(|x| *x != m);
    }
}

/// Turns bridge language `l` on or off: at most four, the last stays on.
pub fn toggle_lang(p: &mut TelephoneParams, l: Lang, on: bool) {
    if on && !p.langs.contains(&l) && p.langs.len() < 4 {
        p.langs.push(l);
        p.langs.sort();
    } else if !on && p.langs.len() > 1 {
        p.langs.retain(|x| *x != l);
    }
}

/// The temperature the slider shows: the set one, or the first model's own.
pub fn shown_temperature(p: &TelephoneParams) -> f64 {
    p.temperature.unwrap_or(
        p.models
            .first()
            .map(|m| m.default_temperature())
            .unwrap_or(0.6),
    )
}

/// The route of one iteration in words ("fr → de, 3 hops").
pub fn route(p: &TelephoneParams) -> String {
    let route: Vec<&str> = p.langs.iter().map(|l| l.key()).collect();
    let route = route.join(" → ");
    if p.models.len() > 1 {
        tr!(
            "telephone.route.mixed",
            route = route,
            hops = p.langs.len() + 1
        )
    } else {
        tr!("telephone.route", route = route, hops = p.langs.len() + 1)
    }
}

/// A preset and its released curve: (iteration, FActScore, its deviation) per evaluated point.
pub type PresetWithRun = (Preset, Vec<ReleasedPoint>);

/// The preset these parameters are, if any, with its released curve.
pub fn matching_preset(p: &TelephoneParams) -> Option<PresetWithRun> {
    presets().into_iter().find(|x| x.params == *p).map(|x| {
        let curve = released_curve(&x.run);
        (x, curve)
    })
}

/// The released run's value at the last iteration shown (`n` or the last one before it).
pub fn released_at(curve: &[ReleasedPoint], n: u32) -> Option<f64> {
    curve.iter().rev().find(|x| x.0 <= n).map(|x| x.1)
}

/// The plateau fitted to `metric`: the report's own when it was fitted to that curve, else a
/// refit of the step means (no re-scoring).
pub fn fit_for(report: &TelephoneReport, metric: &str) -> Option<Fit> {
    match &report.fit {
        Some(f) if f.metric == metric => Some(f.clone()),
        _ => fit_steps(&report.steps, metric),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labs::telephone::analysis::analyze;
    use crate::labs::telephone::ingest::read_chains;

    #[test]
    fn a_chain_keeps_one_model_and_one_to_four_languages() {
        let mut p = TelephoneParams::default();
        let only = p.models[0];
        toggle_model(&mut p, only, false);
        assert_eq!(p.models.len(), 1, "the last model stays");
        toggle_model(&mut p, Model::Gemma, true);
        toggle_model(&mut p, Model::Gemma, true);
        assert_eq!(p.models, [Model::Llama, Model::Gemma]);
        for l in Lang::ALL {
            toggle_lang(&mut p, l, true);
        }
        assert_eq!(p.langs.len(), 4);
        for l in Lang::ALL {
            toggle_lang(&mut p, l, false);
        }
        assert_eq!(p.langs.len(), 1);
        assert!(route(&p).contains("2"), "{}", route(&p));
    }

    #[test]
    fn temperature_presets_and_refits() {
        let mut p = TelephoneParams::default();
        assert_eq!(shown_temperature(&p), 0.6, "Llama's own");
        p.temperature = Some(1.3);
        assert_eq!(shown_temperature(&p), 1.3);
        let first = presets().remove(0);
        let (found, curve) = matching_preset(&first.params).unwrap();
        assert_eq!(found.id, first.id);
        assert_eq!(released_at(&curve, 100), curve.last().map(|c| c.1));
        assert!(matching_preset(&p).is_none());
        let report = analyze(
            &read_chains(include_bytes!(
                "../../../tests/fixtures/telephone_chains.jsonl"
            )),
            "chrf",
        );
        assert_eq!(fit_for(&report, "chrf"), report.fit);
        let bleu = fit_for(&report, "bleu");
        assert_eq!(bleu, fit_steps(&report.steps, "bleu"));
        assert_ne!(bleu.map(|f| f.metric), Some("chrf".to_string()));
    }
}

/// Rows the step table shows at most.
pub const TABLE_ROWS: usize = 200;

/// Which of `n` steps the table shows: all of them up to [`TABLE_ROWS`], else that many evenly
/// spaced, the first and the last always among them (a chain of 10⁵ steps is a table of 200
/// rows, not 10⁵; the chart draws up to 1 000 of its steps).
pub fn shown_rows(n: usize) -> Vec<usize> {
    super::analysis::spaced(n, TABLE_ROWS)
}

#[cfg(test)]
mod table_tests {
    use super::*;

    #[test]
    fn long_chains_show_evenly_spaced_rows_with_the_ends() {
        assert_eq!(shown_rows(3), vec![0, 1, 2]);
        assert_eq!(shown_rows(TABLE_ROWS).len(), TABLE_ROWS);
        let rows = shown_rows(100_000);
        assert_eq!(rows.len(), TABLE_ROWS);
        assert_eq!((rows[0], rows[TABLE_ROWS - 1]), (0, 99_999));
        assert!(rows.windows(2).all(|w| w[0] < w[1]));
    }
}
