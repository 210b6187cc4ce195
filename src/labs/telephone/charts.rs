//! The telephone lab's figures.

use crate::charts::{Figure, Point, Series, SeriesStyle};
use crate::labs::telephone::analysis::{Fit, TelephoneReport};
use crate::labs::telephone::sim::{ExactPoint, McPoint};
use crate::text::t;
use crate::tr;

/// (iteration, mean FActScore, std) of a released run.
pub type ReleasedPoint = (u32, f64, f64);

/// FActScore-like precision along the chain: exact, Monte Carlo band and mean, the retained
/// share of original facts, and the released run's curve when one is paired.
pub fn decay(
    exact: &[ExactPoint],
    mc: &[McPoint],
    passages: u32,
    released: Option<(&str, &[ReleasedPoint])>,
) -> Figure {
    let last = exact.last();
    let n = last.map(|p| p.iteration).unwrap_or(1).max(1) as f64;
    let mut summary = match last {
        Some(p) => tr!(
            "chart.telephone.decay.summary",
            n = p.iteration,
            retained = format!("{:.1}", 100.0 * p.retained),
            first = format!("{:.3}", exact[0].factscore),
            last = format!("{:.3}", p.factscore),
            mc = format!("{:.3}", mc.last().map(|m| m.factscore).unwrap_or(f64::NAN)),
            passages = passages
        ),
        None => String::new(),
    };
    let mut series = vec![
        Series {
            name: t("chart.telephone.monte_carlo_5_95_of").into(),
            color: 0,
            style: SeriesStyle::Band,
            labels: Vec::new(),
            points: mc
                .iter()
                .map(|m| Point::with_interval(m.iteration as f64, m.factscore, m.lo, m.hi))
                .collect(),
        },
        Series {
            name: t("chart.telephone.factscore_like_precision_exact").into(),
            color: 0,
            style: SeriesStyle::Line,
            labels: Vec::new(),
            points: exact
                .iter()
                .map(|p| Point::new(p.iteration as f64, p.factscore))
                .collect(),
        },
        Series {
            name: t("chart.telephone.monte_carlo_mean").into(),
            color: 0,
            style: SeriesStyle::Dashed,
            labels: Vec::new(),
            points: mc
                .iter()
                .map(|m| Point::new(m.iteration as f64, m.factscore))
                .collect(),
        },
        Series {
            name: t("chart.telephone.original_facts_retained_exact").into(),
            color: 2,
            style: SeriesStyle::Dotted,
            labels: Vec::new(),
            points: exact
                .iter()
                .map(|p| Point::new(p.iteration as f64, p.retained))
                .collect(),
        },
    ];
    if let Some((label, curve)) = released {
        series.push(Series {
            name: tr!("chart.telephone.released", label = label),
            color: 1,
            style: SeriesStyle::Dots,
            labels: Vec::new(),
            points: curve
                .iter()
                .filter(|c| c.0 as f64 <= n)
                .map(|&(g, m, _)| Point::new(g as f64, m))
                .collect(),
        });
        if let Some(&(g, m, _)) = curve.iter().rev().find(|c| c.0 as f64 <= n) {
            summary.push(' ');
            summary.push_str(&tr!(
                "chart.telephone.released.summary",
                value = format!("{m:.3}"),
                iteration = g
            ));
        }
    }
    Figure {
        id: "telephone-decay".into(),
        title: t("chart.telephone.facts_along_the_chain").into(),
        summary,
        x_label: t("chart.telephone.iteration").into(),
        y_label: t("chart.telephone.share").into(),
        x_log: false,
        x_range: (0.0, n),
        y_range: (0.0, 1.0),
        series,
        rules: vec![],
    }
}

/// An upload's mean metric curves (against the original or the previous step), the fitted
/// plateau (`fit`, drawn against the original) and the file's own metric values.
pub fn upload_curves(report: &TelephoneReport, fit: Option<&Fit>, previous: bool) -> Figure {
    let last = report.steps.last().map(|s| s.step).unwrap_or(1).max(1) as f64;
    // At most 1 000 steps a series (evenly spaced, the ends kept): a chain of 10⁵ steps draws
    // in a frame (the report's numbers are over every step).
    let drawn: Vec<&crate::labs::telephone::analysis::StepReport> =
        crate::labs::telephone::analysis::spaced(report.steps.len(), 1000)
            .into_iter()
            .filter_map(|i| report.steps.get(i))
            .collect();
    let names = [
        (t("telephone.bleu"), "bleu"),
        (t("telephone.chrf"), "chrf"),
        (t("telephone.rouge_1"), "rouge1"),
        (t("telephone.rouge_l"), "rougeL"),
    ];
    let mut series: Vec<Series> = names
        .iter()
        .enumerate()
        .map(|(i, (label, key))| Series {
            name: (*label).into(),
            color: i,
            style: SeriesStyle::Dots,
            labels: Vec::new(),
            points: drawn
                .iter()
                .filter_map(|s| {
                    let set = if previous { s.previous? } else { s.original() };
                    let v = set.get(key)?;
                    v.mean.is_finite().then(|| {
                        Point::with_interval(s.step as f64, v.mean, v.mean - v.std, v.mean + v.std)
                    })
                })
                .collect(),
        })
        .collect();
    if !previous {
        if let Some(fit) = fit {
            let f = fit;
            series.push(Series {
                name: tr!(
                    "chart.telephone.fit",
                    metric = fit.metric,
                    plateau = format!("{:.3}", f.plateau),
                    amplitude = format!("{:.3}", f.amplitude),
                    tau = format!("{:.1}", f.tau)
                ),
                color: 4,
                style: SeriesStyle::Dashed,
                labels: Vec::new(),
                points: (0..=200)
                    .map(|k| {
                        let t = last * k as f64 / 200.0;
                        Point::new(t, f.plateau + f.amplitude * (-t / f.tau).exp())
                    })
                    .collect(),
            });
        }
        let mut carried: Vec<&String> =
            report.steps.iter().flat_map(|s| s.carried.keys()).collect();
        carried.sort();
        carried.dedup();
        // Only the file's own scores share the 0–1 axis: a column of counts (facts per
        // response, 35–42) would squash every curve to the bottom. The table lists them all.
        carried.retain(|name| {
            report
                .steps
                .iter()
                .filter_map(|s| s.carried.get(*name))
                .all(|v| !v.mean.is_finite() || (-1e-9..=1.0 + 1e-9).contains(&v.mean))
        });
        for (i, name) in carried.into_iter().enumerate().take(3) {
            series.push(Series {
                name: tr!("chart.telephone.carried", name = name),
                color: 5 + i,
                style: SeriesStyle::Circles,
                labels: Vec::new(),
                points: drawn
                    .iter()
                    .filter_map(|s| {
                        let v = s.carried.get(name)?;
                        v.mean
                            .is_finite()
                            .then(|| Point::new(s.step as f64, v.mean))
                    })
                    .collect(),
            });
        }
    }
    let top = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.hi.unwrap_or(p.y)))
        .fold(1.0f64, f64::max);
    Figure {
        id: if previous {
            "telephone-upload-previous".into()
        } else {
            "telephone-upload".into()
        },
        title: if previous {
            t("chart.telephone.each_step_against_the_one").into()
        } else {
            t("chart.telephone.each_step_against_the_original").into()
        },
        summary: tr!(
            "chart.telephone.upload.summary",
            chains = report.chains,
            steps = report.steps.len()
        ),
        x_label: t("chart.telephone.step").into(),
        y_label: t("chart.telephone.score").into(),
        x_log: false,
        x_range: (0.0, last),
        y_range: (0.0, top.min(1.2)),
        series,
        rules: vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labs::telephone::{analysis::analyze, ingest::read_chains};

    #[test]
    fn the_file_s_own_scores_are_drawn_and_its_counts_are_not() {
        let mut csv = String::from("chain_id,step,text,factscore,facts\n");
        for (c, words) in [
            ("a", "the cat sat on the mat"),
            ("b", "rain fell on the town"),
        ] {
            for step in 0..4 {
                let text: Vec<&str> = words.split(' ').skip(step).collect();
                csv.push_str(&format!(
                    "{c},{step},{},{},{}\n",
                    text.join(" "),
                    0.9 - 0.1 * step as f64,
                    42 - step
                ));
            }
        }
        let report = analyze(&read_chains(csv.as_bytes()), "chrf");
        let figure = upload_curves(&report, None, false);
        let names: Vec<&str> = figure.series.iter().map(|s| s.name.as_str()).collect();
        assert!(names.iter().any(|n| n.contains("factscore")), "{names:?}");
        assert!(
            !names
                .iter()
                .any(|n| n.contains("facts ") || n.ends_with("facts")),
            "{names:?}"
        );
        let top = figure
            .series
            .iter()
            .flat_map(|s| &s.points)
            .map(|p| p.y)
            .fold(0.0f64, f64::max);
        assert!(top <= 1.0 + 1e-9, "{top}");
    }
}
