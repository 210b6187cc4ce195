//! The search lab's figures.

use crate::charts::{Figure, Point, Series, SeriesStyle};
use crate::labs::search::analysis::FileReport;
use crate::text::t;
use crate::tr;

/// Selector colours (palette indices), shared by every chart of the lab.
pub const COVERAGE: usize = 0;
pub const MAJORITY: usize = 1;
pub const BEST: usize = 2;
pub const WEIGHTED: usize = 3;

/// A curve point's (value, 95 % low, high), where it has an interval.
type PickInterval = dyn Fn(&crate::labs::search::analysis::CurvePoint) -> Option<(f64, f64, f64)>;

/// Uploaded files' curves against k: coverage, majority, best-of-k, weighted majority, the
/// selection gap (coverage − best-of-k) shaded. One file: solid lines; several: a line style
/// per file, the colour per selector.
pub fn upload_curves(reports: &[&FileReport]) -> Figure {
    let styles = [SeriesStyle::Line, SeriesStyle::Dashed, SeriesStyle::Dotted];
    let mut series = Vec::new();
    let kmax = reports
        .iter()
        .filter_map(|r| r.curve.last().map(|p| p.k))
        .max()
        .unwrap_or(1)
        .max(2);
    for (i, r) in reports.iter().enumerate() {
        let style = styles[i % styles.len()];
        let name = |label: &str| {
            if reports.len() > 1 {
                tr!("chart.search.of_file", series = label, name = r.name)
            } else {
                label.to_string()
            }
        };
        if i == 0 && r.curve.iter().all(|p| p.best_of_k.is_some()) {
            series.push(Series {
                name: name(t("chart.search.gap")),
                color: BEST,
                style: SeriesStyle::Band,
                labels: Vec::new(),
                points: r
                    .curve
                    .iter()
                    .filter_map(|p| {
                        p.best_of_k.map(|b| {
                            Point::with_interval(p.k as f64, (b + p.coverage) / 2.0, b, p.coverage)
                        })
                    })
                    .collect(),
            });
        }
        let line =
            |label: &str,
             color: usize,
             pick: &dyn Fn(&crate::labs::search::analysis::CurvePoint) -> Option<f64>| {
                Series {
                    name: name(label),
                    color,
                    style,
                    labels: Vec::new(),
                    points: r
                        .curve
                        .iter()
                        .filter_map(|p| pick(p).map(|v| Point::new(p.k as f64, v)))
                        .collect(),
                }
            };
        series.push(line(t("chart.search.coverage"), COVERAGE, &|p| {
            Some(p.coverage)
        }));
        series.push(line(t("chart.search.majority"), MAJORITY, &|p| {
            Some(p.majority)
        }));
        series.push(line(t("chart.search.best_of_k"), BEST, &|p| p.best_of_k));
        series.push(line(t("chart.search.weighted"), WEIGHTED, &|p| {
            p.weighted_majority
        }));
        // Where a vote was estimated (too costly to count), its 95 % interval, shaded.
        let band = |label: &str, color: usize, pick: &PickInterval| {
            let points: Vec<Point> = r
                .curve
                .iter()
                .filter_map(|p| {
                    pick(p).map(|(v, lo, hi)| Point::with_interval(p.k as f64, v, lo, hi))
                })
                .collect();
            (!points.is_empty()).then(|| Series {
                name: name(label),
                color,
                style: SeriesStyle::Band,
                labels: Vec::new(),
                points,
            })
        };
        series.extend(band(t("chart.search.majority_interval"), MAJORITY, &|p| {
            p.majority_interval.map(|(lo, hi)| (p.majority, lo, hi))
        }));
        series.extend(band(t("chart.search.weighted_interval"), WEIGHTED, &|p| {
            p.weighted_majority
                .zip(p.weighted_majority_interval)
                .map(|(v, (lo, hi))| (v, lo, hi))
        }));
    }
    let summary = reports
        .iter()
        .filter_map(|r| {
            let last = r.curve.last()?;
            Some(tr!(
                "chart.search.upload.summary",
                name = r.name,
                k = last.k,
                coverage = format!("{:.3}", last.coverage),
                majority = format!("{:.3}", last.majority),
                best = last
                    .best_of_k
                    .map_or("—".to_string(), |b| format!("{b:.3}"))
            ))
        })
        .collect::<Vec<_>>()
        .join(" ");
    Figure {
        id: "search-upload-curves".into(),
        title: t("chart.search.upload.title").into(),
        summary,
        x_label: t("chart.search.k").into(),
        y_label: t("chart.search.accuracy").into(),
        x_log: true,
        x_range: (1.0, kmax as f64),
        y_range: (0.0, 1.0),
        series,
        rules: vec![],
    }
}

/// The simulator's curves against the budget N: exact coverage, majority and best-of-N
/// (lines), Monte Carlo means with 95 % intervals (dots; weighted vote only as dots), the
/// selection gap shaded, where best-of-N stops improving, and the released OVM points when
/// `released` is set.
pub fn sim_curves(
    exact: &[crate::labs::search::sim::ExactPoint],
    mc: &[crate::labs::search::sim::McPoint],
    problems: u32,
    released: bool,
) -> Figure {
    use crate::charts::Rule;
    let n_max = exact.last().map_or(2, |e| e.n).max(2);
    let dots =
        |name: String,
         color: usize,
         pick: fn(&crate::labs::search::sim::McPoint) -> (f64, f64, f64)| Series {
            name,
            color,
            style: SeriesStyle::Dots,
            labels: Vec::new(),
            points: mc
                .iter()
                .map(|m| {
                    let (v, lo, hi) = pick(m);
                    Point::with_interval(m.n as f64, v, lo, hi)
                })
                .collect(),
        };
    let line = |name: &str, color: usize, pts: Vec<Point>| Series {
        name: name.into(),
        color,
        style: SeriesStyle::Line,
        labels: Vec::new(),
        points: pts,
    };
    let mut series = vec![
        Series {
            name: t("chart.search.gap").into(),
            color: BEST,
            style: SeriesStyle::Band,
            labels: Vec::new(),
            points: exact
                .iter()
                .map(|e| {
                    Point::with_interval(
                        e.n as f64,
                        (e.coverage + e.best_of_n) / 2.0,
                        e.best_of_n,
                        e.coverage,
                    )
                })
                .collect(),
        },
        line(
            t("chart.search.sim.coverage"),
            COVERAGE,
            exact
                .iter()
                .map(|e| Point::new(e.n as f64, e.coverage))
                .collect(),
        ),
        line(
            t("chart.search.sim.majority"),
            MAJORITY,
            exact
                .iter()
                .filter_map(|e| e.majority.map(|m| Point::new(e.n as f64, m)))
                .collect(),
        ),
        line(
            t("chart.search.sim.best"),
            BEST,
            exact
                .iter()
                .map(|e| Point::new(e.n as f64, e.best_of_n))
                .collect(),
        ),
        dots(
            tr!("chart.search.sim.mc_coverage", problems = problems),
            COVERAGE,
            |m| m.coverage,
        ),
        dots(
            tr!("chart.search.sim.mc_majority", problems = problems),
            MAJORITY,
            |m| m.majority,
        ),
        dots(
            tr!("chart.search.sim.mc_best", problems = problems),
            BEST,
            |m| m.best_of_n,
        ),
        dots(
            tr!("chart.search.sim.mc_weighted", problems = problems),
            WEIGHTED,
            |m| m.weighted,
        ),
    ];
    if released {
        for (name, color, pick) in [
            (t("chart.search.ovm.coverage"), COVERAGE, 1usize),
            (t("chart.search.ovm.majority"), MAJORITY, 2),
            (t("chart.search.ovm.best"), BEST, 3),
        ] {
            series.push(Series {
                name: name.into(),
                color,
                style: SeriesStyle::Circles,
                labels: Vec::new(),
                points: crate::labs::search::sim::OVM_RELEASED
                    .iter()
                    .filter(|r| r.0 <= n_max)
                    .map(|r| Point::new(r.0 as f64, [r.1, r.2, r.3][pick - 1]))
                    .collect(),
            });
        }
    }
    let stops = crate::labs::search::sim::stops_improving(
        &exact.iter().map(|e| (e.n, e.best_of_n)).collect::<Vec<_>>(),
    );
    let mut rules = Vec::new();
    if let Some(n) = stops {
        rules.push(Rule::Vertical {
            x: n as f64,
            label: tr!("chart.search.sim.best_stops", n = n),
            color: BEST,
        });
    }
    let summary = match (exact.last(), mc.last()) {
        (Some(e), Some(m)) => tr!(
            "chart.search.sim.summary",
            n = e.n,
            coverage = format!("{:.3}", e.coverage),
            majority = format!("{:.3}", e.majority.unwrap_or(m.majority.0)),
            best = format!("{:.3}", e.best_of_n),
            weighted = format!("{:.3}", m.weighted.0),
            gap = format!("{:.3}", e.coverage - e.best_of_n)
        ),
        _ => String::new(),
    };
    Figure {
        id: "search-sim-curves".into(),
        title: t("chart.search.sim.title").into(),
        summary,
        x_label: t("chart.search.sim.n").into(),
        y_label: t("chart.search.accuracy").into(),
        x_log: true,
        x_range: (1.0, n_max as f64),
        y_range: (0.0, 1.0),
        series,
        rules,
    }
}

/// Beam-search colours (palette indices).
pub const BEAM_ANY: usize = 4;
pub const BEAM_TOP: usize = 5;

/// Beam search against repeated sampling at equal candidates generated: repeated sampling's
/// exact coverage@N and best-of-N (lines), beam search's Monte Carlo means (dashed) with their
/// 95 % intervals shaded — one of the b final paths right, and the top-scored one — and where
/// beam search falls behind.
pub fn beam_curves(
    exact: &[crate::labs::search::sim::ExactPoint],
    beam: &[crate::labs::search::beam::BeamPoint],
    p: &crate::labs::search::sim::SearchParams,
    problems: u32,
) -> Figure {
    use crate::charts::Rule;
    use crate::labs::search::beam::{coverage_at, falls_behind, BeamPoint};
    use crate::labs::search::sim::exact_at;
    let n_max = exact.last().map_or(2, |e| e.n).max(2);
    let line = |name: String, color: usize, style: SeriesStyle, points: Vec<Point>| Series {
        name,
        color,
        style,
        labels: Vec::new(),
        points,
    };
    let mc = |pick: fn(&BeamPoint) -> (f64, f64, f64)| -> (Vec<Point>, Vec<Point>) {
        let band = beam
            .iter()
            .map(|b| {
                let (v, lo, hi) = pick(b);
                Point::with_interval(b.n as f64, v, lo, hi)
            })
            .collect();
        let means = beam
            .iter()
            .map(|b| Point::new(b.n as f64, pick(b).0))
            .collect();
        (band, means)
    };
    let (any_band, any_mean) = mc(|b| b.any_final);
    let (top_band, top_mean) = mc(|b| b.top_final);
    let series = vec![
        line(
            t("chart.search.beam.rs_coverage").into(),
            COVERAGE,
            SeriesStyle::Line,
            exact
                .iter()
                .map(|e| Point::new(e.n as f64, e.coverage))
                .collect(),
        ),
        line(
            t("chart.search.beam.rs_best").into(),
            BEST,
            SeriesStyle::Line,
            exact
                .iter()
                .map(|e| Point::new(e.n as f64, e.best_of_n))
                .collect(),
        ),
        line(
            tr!("chart.search.beam.any_interval", problems = problems),
            BEAM_ANY,
            SeriesStyle::Band,
            any_band,
        ),
        line(
            tr!("chart.search.beam.any", beams = p.beams),
            BEAM_ANY,
            SeriesStyle::Dashed,
            any_mean,
        ),
        line(
            tr!("chart.search.beam.top_interval", problems = problems),
            BEAM_TOP,
            SeriesStyle::Band,
            top_band,
        ),
        line(
            t("chart.search.beam.top").into(),
            BEAM_TOP,
            SeriesStyle::Dashed,
            top_mean,
        ),
    ];
    let behind = falls_behind(beam, p.beams, exact);
    let mut rules = Vec::new();
    if let Some(n) = behind {
        rules.push(Rule::Vertical {
            x: n as f64,
            label: tr!("chart.search.beam.behind", n = n),
            color: BEAM_ANY,
        });
    }
    let summary = match beam.last() {
        Some(b) => tr!(
            "chart.search.beam.summary",
            beams = p.beams,
            steps = p.steps,
            n = b.n,
            any = format!("{:.3}", b.any_final.0),
            coverage = format!("{:.3}", coverage_at(exact, b.n)),
            top = format!("{:.3}", b.top_final.0),
            best = format!(
                "{:.3}",
                exact_at(exact, b.n).map_or(f64::NAN, |e| e.best_of_n)
            )
        ),
        None => String::new(),
    };
    Figure {
        id: "search-beam-curves".into(),
        title: tr!("chart.search.beam.title", beams = p.beams, steps = p.steps),
        summary,
        x_label: t("chart.search.beam.n").into(),
        y_label: t("chart.search.accuracy").into(),
        x_log: true,
        x_range: (1.0, n_max as f64),
        y_range: (0.0, 1.0),
        series,
        rules,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labs::search::analysis::analyze;
    use crate::labs::search::ingest::{read_search, Aggregate};

    #[test]
    fn estimated_votes_are_drawn_with_their_interval() {
        let r = analyze(
            &crate::labs::search::analysis::one_big_problem(),
            &[1, 2, 50, 200],
            1,
        );
        let fig = upload_curves(&[&r]);
        let band = fig
            .series
            .iter()
            .find(|s| s.name == t("chart.search.weighted_interval"))
            .unwrap_or_else(|| {
                panic!(
                    "no interval band: {:?}",
                    fig.series.iter().map(|s| &s.name).collect::<Vec<_>>()
                )
            });
        // Only the estimated k carry one, at the report's bounds.
        let ks: Vec<f64> = band.points.iter().map(|p| p.x).collect();
        assert_eq!(ks, [50.0, 200.0]);
        let at50 = r
            .curve
            .iter()
            .find(|p| p.k == 50)
            .and_then(|p| p.weighted_majority_interval);
        assert_eq!(band.points[0].lo.zip(band.points[0].hi), at50);
        // A file counted exactly has no band.
        let small = "problem_id,answer,correct,score\np,1,1,0.5\np,2,0,0.7\np,1,1,0.1\n";
        let f = &read_search("s.csv", small.as_bytes(), Aggregate::Stored, &mut |_, _| {})[0];
        let fig = upload_curves(&[&analyze(f, &[], 1)]);
        assert!(fig.series.iter().all(|s| !s.name.contains("95 %")));
    }
}
