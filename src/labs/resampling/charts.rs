//! The resampling lab's figures, built from core results (so the page, exports and tests share them).

use crate::charts::{Figure, Point, Rule, Series, SeriesStyle};
use crate::labs::resampling::analysis::FileAnalysis;
use crate::labs::resampling::sim::{CurvePoint, McPoint, OptimalK, PaperModel};
use crate::stats::LinearFit;
use crate::text::t;
use crate::tr;

fn k_range(k_max: u32) -> (f64, f64) {
    (1.0, (k_max.max(2)) as f64)
}

/// The k* marker, for a finite optimum inside the chart.
fn optimum_rule(k_star: Option<u32>, k_max: u32) -> Option<Rule> {
    match k_star {
        Some(k) if k >= 1 && k <= k_max => Some(Rule::Vertical {
            x: k as f64,
            label: tr!("chart.resampling.k_star", k = k),
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
/// The tasks played so far as dots with their intervals (none before the first verdict), to
/// add to [`outcomes`].
pub fn played(curve: &[(u32, crate::stats::Estimate)]) -> Option<Series> {
    (!curve.is_empty()).then(|| Series {
        name: t("chart.resampling.played").into(),
        color: 5,
        style: SeriesStyle::Dots,
        labels: Vec::new(),
        points: curve
            .iter()
            .map(|(k, e)| Point::with_interval(*k as f64, e.mean, e.lo, e.hi))
            .collect(),
    })
}

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
        labels: Vec::new(),
        points: curve.iter().map(|p| Point::new(p.k as f64, f(p))).collect(),
    };
    let mut series = vec![
        line(
            t("chart.resampling.accuracy_exact"),
            0,
            SeriesStyle::Line,
            |p| p.accuracy,
        ),
        line(
            t("chart.resampling.false_positives_exact"),
            1,
            SeriesStyle::Dashed,
            |p| p.false_positive,
        ),
        line(
            t("chart.resampling.abstentions_exact"),
            2,
            SeriesStyle::Dotted,
            |p| p.abstain,
        ),
    ];
    if !mc.is_empty() {
        let dots = |name: &str, color, f: fn(&McPoint) -> crate::stats::Estimate| Series {
            name: name.into(),
            color,
            style: SeriesStyle::Dots,
            labels: Vec::new(),
            points: mc
                .iter()
                .map(|p| {
                    let e = f(p);
                    Point::with_interval(p.k as f64, e.mean, e.lo, e.hi)
                })
                .collect(),
        };
        series.push(dots(t("chart.resampling.accuracy_monte_carlo"), 0, |p| {
            p.accuracy
        }));
        series.push(dots(
            t("chart.resampling.false_positives_monte_carlo"),
            1,
            |p| p.false_positive,
        ));
    }
    let last = curve.last();
    let summary = match last {
        Some(l) => tr!(
            "chart.resampling.outcomes.summary",
            first = format!("{:.1}", 100.0 * curve[0].accuracy),
            last = format!("{:.1}", 100.0 * l.accuracy),
            k = l.k,
            ceiling = format!("{:.1}", 100.0 * ceiling),
            fp = format!("{:.1}", 100.0 * l.false_positive)
        ),
        None => t("chart.resampling.no_curve_nothing_to_simulate").into(),
    };
    let mut rules = vec![Rule::Horizontal {
        y: ceiling,
        label: tr!(
            "chart.resampling.ceiling",
            ceiling = format!("{:.1}", 100.0 * ceiling)
        ),
        color: 4,
    }];
    rules.extend(optimum_rule(k_star, k_max));
    Figure {
        id: "resampling-outcomes".into(),
        title: t("chart.resampling.what_the_returned_sample_is").into(),
        summary,
        x_label: t("chart.resampling.budget_k_samples_allowed_log").into(),
        y_label: t("chart.resampling.share_of_tasks").into(),
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
        name: t("chart.resampling.utility_exact").into(),
        color: 0,
        style: SeriesStyle::Line,
        labels: Vec::new(),
        points: curve
            .iter()
            .map(|p| Point::new(p.k as f64, p.utility))
            .collect(),
    }];
    if !mc.is_empty() {
        series.push(Series {
            name: t("chart.resampling.utility_monte_carlo").into(),
            color: 1,
            style: SeriesStyle::Dots,
            labels: Vec::new(),
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
        label: t("chart.resampling.abstain_always_0").into(),
        color: 6,
    }];
    rules.extend(optimum_rule(finite_k(opt), k_max));
    Figure {
        id: "resampling-utility".into(),
        title: tr!(
            "chart.resampling.utility.title",
            lambda = lambda,
            kappa = kappa
        ),
        summary: tr!("chart.resampling.utility.summary", best = opt.describe()),
        x_label: t("chart.resampling.budget_k_log_scale").into(),
        y_label: t("chart.resampling.expected_utility_per_task").into(),
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
        name: t("chart.resampling.samples_drawn_exact").into(),
        color: 5,
        style: SeriesStyle::Line,
        labels: Vec::new(),
        points: curve
            .iter()
            .map(|p| Point::new(p.k as f64, p.samples))
            .collect(),
    }];
    if !mc.is_empty() {
        series.push(Series {
            name: t("chart.resampling.samples_drawn_monte_carlo").into(),
            color: 1,
            style: SeriesStyle::Dots,
            labels: Vec::new(),
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
        title: t("chart.resampling.expected_samples_drawn").into(),
        summary: tr!(
            "chart.resampling.samples.summary",
            k = curve.last().map(|p| p.k).unwrap_or(0),
            samples = format!("{:.2}", curve.last().map(|p| p.samples).unwrap_or(0.0))
        ),
        x_label: t("chart.resampling.budget_k_log_scale").into(),
        y_label: t("chart.resampling.samples_per_task").into(),
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
        title: tr!(
            "chart.resampling.weak.title",
            weak = weak_name,
            strong = strong.name
        ),
        summary: sentence.into(),
        x_label: t("chart.resampling.budget_k_for_the_weak").into(),
        y_label: t("chart.resampling.accuracy").into(),
        x_log: true,
        x_range: k_range(k_max),
        y_range: (0.0, 1.0),
        series: vec![Series {
            name: tr!("chart.resampling.weak.series", weak = weak_name),
            color: 0,
            style: SeriesStyle::Line,
            labels: Vec::new(),
            points: weak
                .iter()
                .map(|p| Point::new(p.k as f64, p.accuracy))
                .collect(),
        }],
        rules: vec![
            Rule::Horizontal {
                y: strong.pass1,
                label: tr!(
                    "chart.resampling.weak.strong_rule",
                    strong = strong.name,
                    pass1 = format!("{:.1}", 100.0 * strong.pass1)
                ),
                color: 1,
            },
            Rule::Horizontal {
                y: weak_ceiling,
                label: tr!(
                    "chart.resampling.weak.ceiling",
                    ceiling = format!("{:.1}", 100.0 * weak_ceiling)
                ),
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
        name: t("chart.resampling.humaneval_models_paper").into(),
        color: 0,
        style: SeriesStyle::Circles,
        labels: models.iter().map(|m| m.name.clone()).collect(),
        points: models
            .iter()
            .map(|m| Point::new(m.pass1, m.ceiling))
            .collect(),
    }];
    if let Some(f) = fit {
        series.push(Series {
            name: tr!(
                "chart.resampling.fit",
                slope = format!("{:.3}", f.slope),
                intercept = format!("{:.3}", f.intercept),
                r2 = format!("{:.3}", f.r_squared)
            ),
            color: 1,
            style: SeriesStyle::Dashed,
            labels: Vec::new(),
            points: vec![
                Point::new(0.0, f.intercept),
                Point::new(1.0, f.intercept + f.slope),
            ],
        });
    }
    // Each upload is its own series: named in the legend and by the readout on its point.
    for (i, (name, x, y)) in uploads.iter().enumerate() {
        series.push(Series {
            name: tr!("chart.resampling.upload", name = name),
            color: 2 + i % 3,
            style: SeriesStyle::Dots,
            labels: vec![name.clone()],
            points: vec![Point::new(*x, *y)],
        });
    }
    series.push(Series {
        name: t("chart.resampling.ceiling_accuracy").into(),
        color: 6,
        style: SeriesStyle::Dotted,
        labels: Vec::new(),
        points: vec![Point::new(0.0, 0.0), Point::new(1.0, 1.0)],
    });
    let summary = match fit {
        Some(f) => tr!(
            "chart.resampling.models.summary",
            n = f.n,
            slope = format!("{:.3}", f.slope),
            intercept = format!("{:.3}", f.intercept),
            r2 = format!("{:.3}", f.r_squared)
        ),
        None => t("chart.resampling.not_enough_models_to_fit").into(),
    };
    Figure {
        id: "resampling-models".into(),
        title: t("chart.resampling.resampling_ceiling_vs_single_sample").into(),
        summary,
        x_label: t("chart.resampling.single_sample_accuracy_pass_1").into(),
        y_label: t("chart.resampling.ceiling_p_correct_passes_base").into(),
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
                name: tr!("chart.resampling.file.accuracy", name = f.name),
                color: i,
                style: solid,
                labels: Vec::new(),
                points: f
                    .curve
                    .iter()
                    .filter_map(|p| p.accuracy.map(|a| Point::new(p.k as f64, a)))
                    .collect(),
            });
            series.push(Series {
                name: tr!("chart.resampling.file.utility", name = f.name),
                color: i,
                style: dashed,
                labels: Vec::new(),
                points: f
                    .curve
                    .iter()
                    .filter_map(|p| p.utility.map(|u| Point::new(p.k as f64, u)))
                    .collect(),
            });
        } else {
            series.push(Series {
                name: tr!("chart.resampling.file.abstentions", name = f.name),
                color: i,
                style: SeriesStyle::Dotted,
                labels: Vec::new(),
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
        title: t("chart.resampling.measured_curves_unbiased_estimator_no").into(),
        summary: if single {
            t("chart.resampling.these_files_have_one_sample").to_string()
        } else {
            tr!("chart.resampling.measured.summary", n = files.len())
        },
        x_label: t("chart.resampling.budget_k_log_scale").into(),
        y_label: t("chart.resampling.share_utility").into(),
        x_log: true,
        x_range: (1.0, k_max as f64),
        y_range: (lo.min(0.0), 1.0),
        series,
        rules: vec![],
    }
}
