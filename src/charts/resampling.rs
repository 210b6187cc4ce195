//! The resampling lab's figures, built from core results (so the page, exports and tests share them).

use super::{Figure, Point, Rule, Series, SeriesStyle};
use crate::analysis::resampling::FileAnalysis;
use crate::sims::resampling::{CurvePoint, McPoint, OptimalK, PaperModel};
use crate::stats::LinearFit;

fn k_range(k_max: u32) -> (f64, f64) {
    (1.0, (k_max.max(2)) as f64)
}

/// The k* marker, for a finite optimum inside the chart.
fn optimum_rule(k_star: Option<u32>, k_max: u32) -> Option<Rule> {
    match k_star {
        Some(k) if k >= 1 && k <= k_max => Some(Rule::Vertical {
            x: k as f64,
            label: format!("k* = {k}"),
            color: 3,
        }),
        _ => None,
    }
}

/// The finite optimum, if any.
pub fn finite_k(opt: &OptimalK) -> Option<u32> {
    match *opt {
        OptimalK::Finite { k, .. } => Some(k),
        _ => None,
    }
}

/// Accuracy, false-positive share and abstentions against k, with the ceiling and k*.
pub fn outcomes(
    curve: &[CurvePoint],
    mc: &[McPoint],
    ceiling: f64,
    k_star: Option<u32>,
    k_max: u32,
) -> Figure {
    let line = |name: &str, color, style, f: fn(&CurvePoint) -> f64| Series {
        name: name.into(),
        color,
        style,
        points: curve.iter().map(|p| Point::new(p.k as f64, f(p))).collect(),
    };
    let mut series = vec![
        line("accuracy (exact)", 0, SeriesStyle::Line, |p| p.accuracy),
        line("false positives (exact)", 1, SeriesStyle::Dashed, |p| {
            p.false_positive
        }),
        line("abstentions (exact)", 2, SeriesStyle::Dotted, |p| p.abstain),
    ];
    if !mc.is_empty() {
        let dots = |name: &str, color, f: fn(&McPoint) -> crate::stats::Estimate| Series {
            name: name.into(),
            color,
            style: SeriesStyle::Dots,
            points: mc
                .iter()
                .map(|p| {
                    let e = f(p);
                    Point::with_interval(p.k as f64, e.mean, e.lo, e.hi)
                })
                .collect(),
        };
        series.push(dots("accuracy (Monte Carlo)", 0, |p| p.accuracy));
        series.push(dots("false positives (Monte Carlo)", 1, |p| {
            p.false_positive
        }));
    }
    let last = curve.last();
    let summary = match last {
        Some(l) => format!(
            "Accuracy climbs from {:.1} % at k = 1 to {:.1} % at k = {} but can never pass the ceiling of {:.1} %; false positives grow to {:.1} % alongside.",
            100.0 * curve[0].accuracy, 100.0 * l.accuracy, l.k, 100.0 * ceiling, 100.0 * l.false_positive
        ),
        None => "No curve: nothing to simulate.".into(),
    };
    let mut rules = vec![Rule::Horizontal {
        y: ceiling,
        label: format!("ceiling {:.1} %", 100.0 * ceiling),
        color: 4,
    }];
    rules.extend(optimum_rule(k_star, k_max));
    Figure {
        id: "resampling-outcomes".into(),
        title: "What the returned sample is, by budget k".into(),
        summary,
        x_label: "budget k (samples allowed, log scale)".into(),
        y_label: "share of tasks".into(),
        x_log: true,
        x_range: k_range(k_max),
        y_range: (0.0, 1.0),
        series,
        rules,
    }
}

/// Utility against k with k* marked.
pub fn utility(
    curve: &[CurvePoint],
    mc: &[McPoint],
    opt: &OptimalK,
    lambda: f64,
    kappa: f64,
    k_max: u32,
) -> Figure {
    let mut series = vec![Series {
        name: "utility (exact)".into(),
        color: 0,
        style: SeriesStyle::Line,
        points: curve
            .iter()
            .map(|p| Point::new(p.k as f64, p.utility))
            .collect(),
    }];
    if !mc.is_empty() {
        series.push(Series {
            name: "utility (Monte Carlo)".into(),
            color: 1,
            style: SeriesStyle::Dots,
            points: mc
                .iter()
                .map(|p| {
                    Point::with_interval(p.k as f64, p.utility.mean, p.utility.lo, p.utility.hi)
                })
                .collect(),
        });
    }
    let ys = curve
        .iter()
        .map(|p| p.utility)
        .chain(mc.iter().flat_map(|p| [p.utility.lo, p.utility.hi]));
    let (lo, hi) = ys.fold((0.0f64, 0.0f64), |(a, b), y| {
        if y.is_finite() {
            (a.min(y), b.max(y))
        } else {
            (a, b)
        }
    });
    let pad = 0.05 * (hi - lo).max(0.1);
    let mut rules = vec![Rule::Horizontal {
        y: 0.0,
        label: "abstain always (0)".into(),
        color: 6,
    }];
    rules.extend(optimum_rule(finite_k(opt), k_max));
    Figure {
        id: "resampling-utility".into(),
        title: format!("Utility = accuracy − {lambda} × false positives − {kappa} × samples"),
        summary: format!("Best budget: {}.", opt.describe()),
        x_label: "budget k (log scale)".into(),
        y_label: "expected utility per task".into(),
        x_log: true,
        x_range: k_range(k_max),
        y_range: (lo - pad, hi + pad),
        series,
        rules,
    }
}

/// Expected samples drawn against k.
pub fn samples(curve: &[CurvePoint], mc: &[McPoint], k_max: u32) -> Figure {
    let mut series = vec![Series {
        name: "samples drawn (exact)".into(),
        color: 5,
        style: SeriesStyle::Line,
        points: curve
            .iter()
            .map(|p| Point::new(p.k as f64, p.samples))
            .collect(),
    }];
    if !mc.is_empty() {
        series.push(Series {
            name: "samples drawn (Monte Carlo)".into(),
            color: 1,
            style: SeriesStyle::Dots,
            points: mc
                .iter()
                .map(|p| {
                    Point::with_interval(p.k as f64, p.samples.mean, p.samples.lo, p.samples.hi)
                })
                .collect(),
        });
    }
    let top = curve.iter().map(|p| p.samples).fold(1.0f64, f64::max);
    Figure {
        id: "resampling-samples".into(),
        title: "Expected samples drawn".into(),
        summary: format!(
            "With a budget of {} the policy draws {:.2} samples per task on average: it stops at the first accepted one.",
            curve.last().map(|p| p.k).unwrap_or(0),
            curve.last().map(|p| p.samples).unwrap_or(0.0)
        ),
        x_label: "budget k (log scale)".into(),
        y_label: "samples per task".into(),
        x_log: true,
        x_range: k_range(k_max),
        y_range: (0.0, top * 1.05),
        series,
        rules: vec![],
    }
}

/// A weak model's resampling accuracy against a strong model's single-sample accuracy.
pub fn weak_vs_strong(
    weak_name: &str,
    weak: &[CurvePoint],
    weak_ceiling: f64,
    strong: &PaperModel,
    sentence: &str,
    k_max: u32,
) -> Figure {
    Figure {
        id: "resampling-weak-strong".into(),
        title: format!("{weak_name} resampled vs one sample of {}", strong.name),
        summary: sentence.into(),
        x_label: "budget k for the weak model (log scale)".into(),
        y_label: "accuracy".into(),
        x_log: true,
        x_range: k_range(k_max),
        y_range: (0.0, 1.0),
        series: vec![Series {
            name: format!("{weak_name}: accuracy with k samples"),
            color: 0,
            style: SeriesStyle::Line,
            points: weak
                .iter()
                .map(|p| Point::new(p.k as f64, p.accuracy))
                .collect(),
        }],
        rules: vec![
            Rule::Horizontal {
                y: strong.pass1,
                label: format!("{} pass@1 {:.1} %", strong.name, 100.0 * strong.pass1),
                color: 1,
            },
            Rule::Horizontal {
                y: weak_ceiling,
                label: format!("weak ceiling {:.1} %", 100.0 * weak_ceiling),
                color: 4,
            },
        ],
    }
}

/// Ceiling against single-sample accuracy for the paper's models (and uploads), with the fit.
pub fn scatter(
    models: &[PaperModel],
    uploads: &[(String, f64, f64)],
    fit: Option<&LinearFit>,
) -> Figure {
    let mut series = vec![Series {
        name: "HumanEval+ models (paper)".into(),
        color: 0,
        style: SeriesStyle::Circles,
        points: models
            .iter()
            .map(|m| Point::new(m.pass1, m.ceiling))
            .collect(),
    }];
    if let Some(f) = fit {
        series.push(Series {
            name: format!(
                "least squares: {:.3}·x + {:.3} (R² {:.3})",
                f.slope, f.intercept, f.r_squared
            ),
            color: 1,
            style: SeriesStyle::Dashed,
            points: vec![
                Point::new(0.0, f.intercept),
                Point::new(1.0, f.intercept + f.slope),
            ],
        });
    }
    if !uploads.is_empty() {
        series.push(Series {
            name: "your uploads".into(),
            color: 2,
            style: SeriesStyle::Dots,
            points: uploads.iter().map(|(_, x, y)| Point::new(*x, *y)).collect(),
        });
    }
    series.push(Series {
        name: "ceiling = accuracy".into(),
        color: 6,
        style: SeriesStyle::Dotted,
        points: vec![Point::new(0.0, 0.0), Point::new(1.0, 1.0)],
    });
    let summary = match fit {
        Some(f) => format!(
            "Across {} models the ceiling rises only {:.3} per unit of single-sample accuracy (intercept {:.3}, R² = {:.3}): weak models cannot resample their way to a strong model's one-shot accuracy.",
            f.n, f.slope, f.intercept, f.r_squared
        ),
        None => "Not enough models to fit a line.".into(),
    };
    Figure {
        id: "resampling-models".into(),
        title: "Resampling ceiling vs single-sample accuracy (HumanEval+)".into(),
        summary,
        x_label: "single-sample accuracy (pass@1, plus tests)".into(),
        y_label: "ceiling P(correct | passes base tests)".into(),
        x_log: false,
        x_range: (0.0, 1.0),
        y_range: (0.5, 1.0),
        series,
        rules: vec![],
    }
}

/// Measured curves of uploaded files.
pub fn measured(files: &[FileAnalysis]) -> Figure {
    let mut series = Vec::new();
    for (i, f) in files.iter().enumerate() {
        // A one-point curve (one sample per task) is drawn as dots: a line would be invisible.
        let (solid, dashed) = if f.curve.len() < 2 {
            (SeriesStyle::Dots, SeriesStyle::Circles)
        } else {
            (SeriesStyle::Line, SeriesStyle::Dashed)
        };
        if f.curve.iter().any(|p| p.accuracy.is_some()) {
            series.push(Series {
                name: format!("{}: accuracy", f.name),
                color: i,
                style: solid,
                points: f
                    .curve
                    .iter()
                    .filter_map(|p| p.accuracy.map(|a| Point::new(p.k as f64, a)))
                    .collect(),
            });
            series.push(Series {
                name: format!("{}: utility", f.name),
                color: i,
                style: dashed,
                points: f
                    .curve
                    .iter()
                    .filter_map(|p| p.utility.map(|u| Point::new(p.k as f64, u)))
                    .collect(),
            });
        } else {
            series.push(Series {
                name: format!("{}: abstentions", f.name),
                color: i,
                style: SeriesStyle::Dotted,
                points: f
                    .curve
                    .iter()
                    .map(|p| Point::new(p.k as f64, p.abstain))
                    .collect(),
            });
        }
    }
    let single = files.iter().all(|f| f.samples_per_task.min < 2);
    let k_max = files
        .iter()
        .map(|f| f.samples_per_task.min)
        .max()
        .unwrap_or(1)
        .max(2);
    let lo = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.y))
        .fold(0.0f64, f64::min);
    Figure {
        id: "uploads-curves".into(),
        title: "Measured curves (unbiased estimator, no random permutations)".into(),
        summary: if single {
            "These files have one sample per task, so only k = 1 can be measured; resampling curves need several samples per task (EvalPlus with --n_samples).".to_string()
        } else {
            format!(
                "Accuracy (solid) and utility (dashed) for k = 1 … the smallest samples per task, measured on {} uploaded model(s).",
                files.len()
            )
        },
        x_label: "budget k (log scale)".into(),
        y_label: "share / utility".into(),
        x_log: true,
        x_range: (1.0, k_max as f64),
        y_range: (lo.min(0.0), 1.0),
        series,
        rules: vec![],
    }
}
