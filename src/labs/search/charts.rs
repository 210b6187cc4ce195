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
                format!("{label} · {}", r.name)
            } else {
                label.to_string()
            }
        };
        if i == 0 && r.curve.iter().all(|p| p.best_of_k.is_some()) {
            series.push(Series {
                name: name(t("chart.search.gap")),
                color: BEST,
                style: SeriesStyle::Band,
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
