//! The Telephone lab's numbers against the released Broken Telephone data
//! (data/broken_telephone_curves.csv, tests/data/broken_telephone_summary.csv: per-run curves and
//! fits computed from the paper's evaluation files, see ../README.md).
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use cascade_lab::stats::plateau_fit;

type Run = (String, String, String, String, String);

fn runs() -> BTreeMap<Run, Vec<(f64, f64)>> {
    let mut out: BTreeMap<Run, Vec<(f64, f64)>> = BTreeMap::new();
    let mut r = csv::Reader::from_path("data/broken_telephone_curves.csv").unwrap();
    for rec in r.records() {
        let rec = rec.unwrap();
        let key = (1..5).map(|i| rec[i - 1].to_string()).collect::<Vec<_>>();
        let run = (
            key[0].clone(),
            key[1].clone(),
            key[2].clone(),
            key[3].clone(),
            rec[4].to_string(),
        );
        let gen: f64 = rec[5].parse().unwrap();
        if let Ok(fs) = rec[7].parse::<f64>() {
            out.entry(run).or_default().push((gen, fs));
        }
    }
    out
}

#[test]
fn plateau_fit_reproduces_the_released_fits() {
    let curves = runs();
    let mut r = csv::Reader::from_path("tests/data/broken_telephone_summary.csv").unwrap();
    let headers = r.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (mut checked, mut worst_rmse) = (0, 0.0f64);
    for rec in r.records() {
        let rec = rec.unwrap();
        let run = (
            rec[0].to_string(),
            rec[1].to_string(),
            rec[2].to_string(),
            rec[3].to_string(),
            rec[4].to_string(),
        );
        let Some(points) = curves.get(&run) else {
            continue;
        };
        let Ok(their_rmse) = rec[col("fit_rmse")].parse::<f64>() else {
            continue;
        };
        let fit = plateau_fit(points).unwrap();
        // Least squares: ours is at least as good as the released fit, and close to it.
        assert!(
            fit.rmse <= their_rmse + 2e-4,
            "{run:?}: rmse {} vs {their_rmse}",
            fit.rmse
        );
        let fs_inf: f64 = rec[col("fit_FS_inf")].parse().unwrap();
        if (fit.rmse - their_rmse).abs() < 1e-3 {
            assert!(
                (fit.plateau - fs_inf).abs() < 0.02,
                "{run:?}: {fit:?} vs FS_inf {fs_inf}"
            );
        }
        worst_rmse = worst_rmse.max(fit.rmse);
        checked += 1;
    }
    assert!(checked >= 50, "only {checked} runs compared");
    eprintln!("{checked} runs fitted; largest RMSE {worst_rmse:.4}");
}

#[test]
fn every_preset_lands_within_003_of_its_released_run() {
    use cascade_lab::labs::telephone::sim::{exact, presets, released_curve};
    for preset in presets() {
        let real = released_curve(&preset.run);
        let want = real.iter().find(|c| c.0 == 100).unwrap().1;
        let got = exact(&preset.params).last().unwrap().factscore;
        assert!(
            (got - want).abs() <= 0.03,
            "{}: simulated FS@100 {got:.3}, released {want:.3}",
            preset.label
        );
        eprintln!(
            "{:<20} simulated {got:.3}  released {want:.3}",
            preset.label
        );
    }
}

#[test]
fn exact_expectation_agrees_with_monte_carlo() {
    use cascade_lab::labs::telephone::sim::{exact, monte_carlo, Lang, Model, TelephoneParams};
    for params in [
        TelephoneParams::default(),
        TelephoneParams {
            models: vec![Model::Llama, Model::Mistral],
            langs: vec![Lang::Th, Lang::Fr],
            ..TelephoneParams::default()
        },
        TelephoneParams {
            langs: vec![Lang::Zh],
            temperature: Some(1.0),
            iterations: 40,
            facts: 20,
            ..TelephoneParams::default()
        },
    ] {
        let x = exact(&params);
        let passages = 2000;
        let mc = monte_carlo(&params, 11, passages);
        for i in [1usize, 5, 10, x.len() - 1] {
            // Retained share: a mean over passages of F Bernoulli facts that share their hops'
            // configuration; 5 standard errors of the passage-level spread.
            let (e, m) = (x[i].retained, mc[i].retained);
            let se = (e * (1.0 - e) / passages as f64).sqrt().max(1e-4);
            assert!(
                (e - m).abs() < 5.0 * se,
                "iteration {i}: exact {e}, Monte Carlo {m}"
            );
            // Precision: the exact curve is the ratio of expected counts; the Monte Carlo mean
            // of the ratio differs from it by O(1/F).
            assert!(
                (x[i].factscore - mc[i].factscore).abs() < 0.02,
                "iteration {i}: {} vs {}",
                x[i].factscore,
                mc[i].factscore
            );
            assert!(mc[i].lo <= mc[i].factscore && mc[i].factscore <= mc[i].hi);
        }
    }
}

/// A Broken Telephone evaluation JSON (the released files' shape: pretty-printed, one object per
/// chain, one per evaluated step with its text and metrics) of `chains` × 16 steps.
fn broken_telephone_eval(chains: usize) -> String {
    let mut out = String::from("{\n");
    for c in 0..chains {
        out.push_str(&format!(" \"Story number {c}\": {{\n"));
        for (i, step) in [0, 2, 4, 6, 8, 10, 13, 16, 20, 25, 30, 40, 50, 65, 80, 100]
            .iter()
            .enumerate()
        {
            let words: Vec<String> = (0..45)
                .map(|w| format!("word{}", (w * 7 + c + i) % 97))
                .collect();
            out.push_str(&format!(
                "  \"{step}\": {{\n   \"text\": \"{}\",\n   \"factscore\": 0.9,\n   \"BLEU\": 0.5\n  }}{}\n",
                words.join(" "),
                if i == 15 { "" } else { "," }
            ));
        }
        out.push_str(if c + 1 == chains { " }\n" } else { " },\n" });
    }
    out.push('}');
    out
}

#[test]
fn the_broken_telephone_reader_is_linear_in_the_file() {
    // Regression: every step was located by scanning the file from its start (3.7 s for a real
    // 3 MB evaluation file). Four times the file must take well under sixteen times as long.
    use cascade_lab::labs::telephone::ingest::read_chains;
    use std::time::Instant;
    let small = broken_telephone_eval(100);
    let large = broken_telephone_eval(400);
    assert!(large.len() > 1_500_000, "{} bytes", large.len());
    let time = |text: &str| {
        let started = Instant::now();
        let file = read_chains(text.as_bytes());
        (started.elapsed().as_secs_f64(), file)
    };
    let (_, _) = time(&small); // warm up
    let (t_small, f_small) = time(&small);
    let (t_large, f_large) = time(&large);
    assert_eq!(f_small.chains.len(), 100);
    assert_eq!(f_large.chains.len(), 400);
    assert_eq!(f_large.format, "broken-telephone");
    assert!(
        f_large.warnings.is_empty(),
        "{:?}",
        f_large.warnings.first()
    );
    assert!(
        t_large < 6.0 * t_small + 0.25,
        "4× the file took {t_large:.3} s against {t_small:.3} s"
    );
}
