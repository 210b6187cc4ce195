//! The snowball lab's figures.

use crate::charts::{Figure, Point, Series, SeriesStyle};
use crate::labs::snowball::sim::{SnowballExact, SnowballMc};
use crate::text::t;
use crate::tr;

/// The distribution of false claims per response: exact line and Monte Carlo dots.
pub fn false_claims(exact: &SnowballExact, mc: &SnowballMc) -> Figure {
    let n = exact.false_claims.len().saturating_sub(1).max(1) as f64;
    let top = exact
        .false_claims
        .iter()
        .chain(&mc.false_claims)
        .fold(0.0f64, |a, &b| a.max(b));
    Figure {
        id: "snowball-false-claims".into(),
        title: t("chart.snowball.false_claims_per_response").into(),
        summary: tr!(
            "chart.snowball.summary",
            clean = format!("{:.1}", 100.0 * exact.clean),
            mean = format!("{:.2}", exact.mean_false_claims),
            responses = mc.responses,
            mc_mean = format!("{:.2}", mc.mean_false_claims)
        ),
        x_label: t("chart.snowball.false_claims_in_a_response").into(),
        y_label: t("chart.snowball.share_of_responses").into(),
        x_log: false,
        x_range: (0.0, n),
        y_range: (0.0, (top * 1.1).max(0.05)),
        series: vec![
            Series {
                name: t("chart.snowball.exact_dynamic_programming").into(),
                color: 0,
                style: SeriesStyle::Line,
                labels: Vec::new(),
                points: exact
                    .false_claims
                    .iter()
                    .enumerate()
                    .map(|(k, &q)| Point::new(k as f64, q))
                    .collect(),
            },
            Series {
                name: t("chart.snowball.monte_carlo").into(),
                color: 1,
                style: SeriesStyle::Dots,
                labels: Vec::new(),
                points: mc
                    .false_claims
                    .iter()
                    .enumerate()
                    .map(|(k, &q)| Point::new(k as f64, q))
                    .collect(),
            },
        ],
        rules: vec![],
    }
}

/// P(claim i false) by its position in the response: overall, while the response is clean, and
/// once a false claim stands — the jump after the first false claim is the snowball.
pub fn by_position(exact: &SnowballExact, answer_index: usize) -> Figure {
    let n = exact.by_position.len();
    let line = |name: &str, color: usize, style: SeriesStyle, ys: &[f64]| Series {
        name: name.into(),
        color,
        style,
        labels: Vec::new(),
        points: ys
            .iter()
            .enumerate()
            .filter(|(_, y)| y.is_finite())
            .map(|(i, &y)| Point::new(i as f64 + 1.0, y))
            .collect(),
    };
    let jump = exact
        .by_position_committed
        .iter()
        .zip(&exact.by_position_clean)
        .skip(1)
        .map(|(c, k)| c - k)
        .fold(f64::NAN, |a, d| if a.is_nan() || d > a { d } else { a });
    Figure {
        id: "snowball-by-position".into(),
        title: t("chart.snowball.by_position.title").into(),
        summary: if jump.is_finite() {
            tr!(
                "chart.snowball.by_position.summary",
                jump = format!("{:.1}", 100.0 * jump)
            )
        } else {
            t("chart.snowball.by_position.one").into()
        },
        x_label: t("chart.snowball.by_position.x").into(),
        y_label: t("chart.snowball.by_position.y").into(),
        x_log: false,
        x_range: (1.0, (n as f64).max(2.0)),
        y_range: (0.0, 1.0),
        series: vec![
            line(
                t("chart.snowball.by_position.all"),
                0,
                SeriesStyle::Line,
                &exact.by_position,
            ),
            line(
                t("chart.snowball.by_position.after"),
                1,
                SeriesStyle::Dashed,
                &exact.by_position_committed,
            ),
            line(
                t("chart.snowball.by_position.clean"),
                2,
                SeriesStyle::Dotted,
                &exact.by_position_clean,
            ),
        ],
        rules: vec![crate::charts::Rule::Vertical {
            x: answer_index as f64 + 1.0,
            label: t("chart.snowball.by_position.answer").into(),
            color: 3,
        }],
    }
}

/// The responses written in a play as dots on [`by_position`]: any claim at a position, and a
/// claim after a false one (none before the first response is written).
pub fn played_by_position(p: &crate::labs::snowball::play::Played) -> Vec<Series> {
    if p.responses == 0 {
        return Vec::new();
    }
    let dots = |name: &str, color: usize, es: Vec<(usize, crate::stats::Estimate)>| Series {
        name: name.into(),
        color,
        style: SeriesStyle::Dots,
        labels: Vec::new(),
        points: es
            .into_iter()
            .map(|(i, e)| Point::with_interval(i as f64 + 1.0, e.mean, e.lo, e.hi))
            .collect(),
    };
    vec![
        dots(
            t("chart.snowball.by_position.played_all"),
            0,
            p.by_position.iter().copied().enumerate().collect(),
        ),
        dots(
            t("chart.snowball.by_position.played_after"),
            1,
            p.after_false
                .iter()
                .enumerate()
                .filter_map(|(i, e)| e.map(|e| (i, e)))
                .collect(),
        ),
    ]
}

use crate::labs::snowball::data::FlightPuzzle;
use crate::labs::snowball::sim::{SampledResponse, StepOutcome};

/// Every cell kind, in drawing order.
pub const OUTCOMES: [StepOutcome; 5] = [
    StepOutcome::Correct,
    StepOutcome::FirstError,
    StepOutcome::Snowballed,
    StepOutcome::LaterError,
    StepOutcome::Retried,
];

/// Colour and legend name of each cell kind (Okabe–Ito; the legend also spells them out).
pub fn outcome_style(o: StepOutcome) -> (&'static str, &'static str) {
    match o {
        StepOutcome::Correct => ("#c9ced6", t("chart.snowball.cell.correct")),
        StepOutcome::FirstError => ("#d55e00", t("chart.snowball.cell.first")),
        StepOutcome::Snowballed => ("#cc79a7", t("chart.snowball.cell.snowballed")),
        StepOutcome::LaterError => ("#e69f00", t("chart.snowball.cell.later")),
        StepOutcome::Retried => ("#009e73", t("chart.snowball.cell.retried")),
    }
}

/// Height of one chain row in the chain view, in canvas pixels (at 640 px wide).
pub const CHAIN_ROW: f64 = 6.0;

/// One response explained in words.
pub fn explain(index: usize, r: &SampledResponse) -> String {
    let mut parts = Vec::new();
    for (j, s) in r.steps.iter().enumerate() {
        let what = match s {
            StepOutcome::Correct => continue,
            StepOutcome::FirstError => t("chart.snowball.explain.first"),
            StepOutcome::Snowballed => t("chart.snowball.explain.snowballed"),
            StepOutcome::LaterError => t("chart.snowball.explain.later"),
            StepOutcome::Retried => t("chart.snowball.explain.retried"),
        };
        parts.push(tr!("chart.snowball.explain.claim", n = j + 1, what = what));
    }
    let verdict = if r.wrong_answer {
        t("chart.snowball.explain.wrong")
    } else {
        t("chart.snowball.explain.right")
    };
    if parts.is_empty() {
        tr!(
            "chart.snowball.explain.clean",
            n = index + 1,
            verdict = verdict
        )
    } else {
        tr!(
            "chart.snowball.explain.response",
            n = index + 1,
            claims = parts.join(", "),
            verdict = verdict
        )
    }
}

/// The flight graph of a puzzle: two trees, the asked cities highlighted.
pub fn flight_svg(p: &FlightPuzzle) -> String {
    use std::collections::BTreeMap;
    let mut children: BTreeMap<char, Vec<char>> = BTreeMap::new();
    let mut has_parent = std::collections::BTreeSet::new();
    for &(a, b) in &p.flights {
        children.entry(a).or_default().push(b);
        has_parent.insert(b);
    }
    let roots: Vec<char> = children
        .keys()
        .copied()
        .filter(|c| !has_parent.contains(c))
        .collect();
    let mut pos: BTreeMap<char, (f64, f64)> = BTreeMap::new();
    for (t, &root) in roots.iter().enumerate() {
        let x0 = 20.0 + t as f64 * 310.0;
        pos.insert(root, (x0 + 140.0, 24.0));
        let kids = children.get(&root).cloned().unwrap_or_default();
        for (i, &c) in kids.iter().enumerate() {
            pos.insert(c, (x0 + 70.0 + 140.0 * i as f64, 94.0));
            let leaves = children.get(&c).cloned().unwrap_or_default();
            for (j, &l) in leaves.iter().enumerate() {
                pos.insert(l, (x0 + 35.0 + 140.0 * i as f64 + 70.0 * j as f64, 164.0));
            }
        }
    }
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 190\" role=\"img\" aria-label=\"{}\">",
        crate::charts::escape_xml(t("chart.snowball.flights.label"))
    );
    for &(a, b) in &p.flights {
        if let (Some(&(x1, y1)), Some(&(x2, y2))) = (pos.get(&a), pos.get(&b)) {
            out.push_str(&format!(
                "<line x1=\"{x1}\" y1=\"{}\" x2=\"{x2}\" y2=\"{}\" stroke=\"#808080\" stroke-width=\"2\"/>",
                y1 + 14.0,
                y2 - 14.0
            ));
            out.push_str(&format!(
                "<circle cx=\"{x2}\" cy=\"{}\" r=\"3\" fill=\"#808080\"/>",
                y2 - 14.0
            ));
        }
    }
    for (&c, &(x, y)) in &pos {
        let fill = if c == p.from {
            "#0072b2"
        } else if c == p.to {
            "#d55e00"
        } else {
            "#ffffff"
        };
        let text = if c == p.from || c == p.to {
            "#ffffff"
        } else {
            "#1d1f23"
        };
        out.push_str(&format!(
            "<circle cx=\"{x}\" cy=\"{y}\" r=\"14\" fill=\"{fill}\" stroke=\"#808080\" stroke-width=\"2\"/><text x=\"{x}\" y=\"{}\" text-anchor=\"middle\" font-size=\"14\" font-family=\"sans-serif\" fill=\"{text}\">{c}</text>",
            y + 5.0
        ));
    }
    out.push_str("</svg>");
    out
}
