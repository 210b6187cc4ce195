//! Charts: plain data ([`Figure`]) → SVG strings through plotters' SVG backend.
//!
//! The same figure feeds the page, the SVG/PNG/CSV exports, the table view, the CLI and the
//! snapshot tests. Colours are the Okabe–Ito colour-blind-safe palette and every series also
//! has its own dash pattern or marker, so nothing depends on colour alone. User-supplied text
//! reaches the SVG only through plotters' text drawing (which escapes it) or [`escape_xml`].

use plotters::coord::Shift;
use plotters::prelude::*;
use serde::Serialize;
use std::fmt;

/// Okabe–Ito palette (without black), readable in light and dark themes.
pub const PALETTE: [RGBColor; 7] = [
    RGBColor(0, 114, 178),   // blue
    RGBColor(213, 94, 0),    // vermillion
    RGBColor(0, 158, 115),   // bluish green
    RGBColor(204, 121, 167), // reddish purple
    RGBColor(230, 159, 0),   // orange
    RGBColor(86, 180, 233),  // sky blue
    RGBColor(160, 140, 20),  // dark yellow
];

/// A legend entry's swatch as a small inline SVG (colour and line style of the series).
pub fn legend_swatch(style: SeriesStyle, color: usize) -> String {
    let c = palette_hex(color);
    let body = match style {
        SeriesStyle::Line => format!("<line x1=\"1\" y1=\"7\" x2=\"27\" y2=\"7\" stroke=\"{c}\" stroke-width=\"3\"/>"),
        SeriesStyle::Dashed => format!("<line x1=\"1\" y1=\"7\" x2=\"27\" y2=\"7\" stroke=\"{c}\" stroke-width=\"3\" stroke-dasharray=\"7 4\"/>"),
        SeriesStyle::Dotted => format!("<line x1=\"1\" y1=\"7\" x2=\"27\" y2=\"7\" stroke=\"{c}\" stroke-width=\"3\" stroke-dasharray=\"2 4\"/>"),
        SeriesStyle::Dots => format!("<circle cx=\"14\" cy=\"7\" r=\"4\" fill=\"{c}\"/>"),
        SeriesStyle::Circles => format!("<circle cx=\"14\" cy=\"7\" r=\"5\" fill=\"none\" stroke=\"{c}\" stroke-width=\"2\"/>"),
        SeriesStyle::Band => format!("<rect x=\"1\" y=\"2\" width=\"26\" height=\"10\" fill=\"{c}\" fill-opacity=\"0.3\"/>"),
    };
    format!("<svg width=\"28\" height=\"14\" aria-hidden=\"true\">{body}</svg>")
}

/// The palette as CSS hex strings (for legends drawn in HTML).
pub fn palette_hex(i: usize) -> String {
    let c = PALETTE[i % PALETTE.len()];
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// How a series is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SeriesStyle {
    /// Solid line (analytic curves).
    Line,
    /// Dashed line.
    Dashed,
    /// Dotted line.
    Dotted,
    /// Filled dots, with vertical 95 % interval bars when the points carry them.
    Dots,
    /// Hollow circles (scatter of models).
    Circles,
    /// A shaded band between each point's `lo` and `hi` (Monte Carlo spread).
    Band,
}

/// One point; `lo`/`hi` bound an interval when present.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Point {
    pub x: f64,
    pub y: f64,
    pub lo: Option<f64>,
    pub hi: Option<f64>,
}

impl Point {
    pub fn new(x: f64, y: f64) -> Self {
        Self {
            x,
            y,
            lo: None,
            hi: None,
        }
    }
    pub fn with_interval(x: f64, y: f64, lo: f64, hi: f64) -> Self {
        Self {
            x,
            y,
            lo: Some(lo),
            hi: Some(hi),
        }
    }
}

/// A named series.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Series {
    pub name: String,
    /// Index into [`PALETTE`].
    pub color: usize,
    pub style: SeriesStyle,
    /// Each point's name where points are things (the models of a scatter), in point order;
    /// empty for curves. Shown by the readout, never drawn into the exported SVG.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<String>,
    pub points: Vec<Point>,
}

/// A horizontal or vertical reference line with a label.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Rule {
    Horizontal { y: f64, label: String, color: usize },
    Vertical { x: f64, label: String, color: usize },
}

/// Everything needed to draw, summarise, tabulate and export one chart.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Figure {
    /// Stable id, used for export file names and `data-chart` attributes.
    pub id: String,
    pub title: String,
    /// One sentence saying what the chart shows (its text alternative).
    pub summary: String,
    pub x_label: String,
    pub y_label: String,
    pub x_log: bool,
    pub x_range: (f64, f64),
    pub y_range: (f64, f64),
    pub series: Vec<Series>,
    pub rules: Vec<Rule>,
}

/// Drawing failed (a plotters backend error).
#[derive(Debug)]
pub struct ChartError {
    pub id: String,
    pub message: String,
}

impl fmt::Display for ChartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::tr!(
            "chart.error",
            id = self.id,
            message = self.message
        ))
    }
}

impl std::error::Error for ChartError {}

/// Escapes text for XML/SVG/HTML attribute or element content.
pub fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

fn sane_range((a, b): (f64, f64), log: bool) -> (f64, f64) {
    let (mut a, mut b) = if a.is_finite() && b.is_finite() {
        (a.min(b), a.max(b))
    } else {
        (0.0, 1.0)
    };
    if log {
        a = a.max(1e-9);
        b = b.max(a * 10.0_f64.min(b / a).max(1.0001));
    }
    if b - a < 1e-12 {
        b = a + 1.0;
    }
    (a, b)
}

impl Figure {
    /// Renders to an SVG document of the given pixel size.
    pub fn to_svg(&self, width: u32, height: u32) -> Result<String, ChartError> {
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
            self.draw(&root).map_err(|e| ChartError {
                id: self.id.clone(),
                message: e.to_string(),
            })?;
            root.present().map_err(|e| ChartError {
                id: self.id.clone(),
                message: e.to_string(),
            })?;
        }
        // Give the SVG an accessible name and description (escaped: titles may hold file names).
        let head = format!(
            "<svg role=\"img\" aria-label=\"{}\"><title>{}</title><desc>{}</desc>",
            escape_xml(&self.title),
            escape_xml(&self.title),
            escape_xml(&self.summary)
        );
        Ok(match svg.find("<svg ") {
            Some(i) => {
                let after = &svg[i + 5..];
                match after.find('>') {
                    Some(j) => format!(
                        "{}<svg role=\"img\" aria-label=\"{}\" {}><title>{}</title><desc>{}</desc>{}",
                        &svg[..i],
                        escape_xml(&self.title),
                        &after[..j],
                        escape_xml(&self.title),
                        escape_xml(&self.summary),
                        &after[j + 1..]
                    ),
                    None => svg,
                }
            }
            None => head + &svg,
        })
    }

    fn draw(
        &self,
        root: &DrawingArea<SVGBackend, Shift>,
    ) -> Result<(), Box<dyn std::error::Error + 'static>> {
        let (x0, x1) = sane_range(self.x_range, self.x_log);
        let (y0, y1) = sane_range(self.y_range, false);
        let axis = RGBColor(128, 128, 128);
        let label_font = ("sans-serif", 15).into_font().color(&axis);
        let mut builder = ChartBuilder::on(root);
        builder
            .margin(12)
            .x_label_area_size(44)
            .y_label_area_size(56);
        if self.x_log {
            let mut chart = builder
                .build_cartesian_2d((x0..x1).log_scale(), y0..y1)
                .map_err(boxed)?;
            chart
                .configure_mesh()
                .x_desc(self.x_label.as_str())
                .y_desc(self.y_label.as_str())
                .axis_style(axis)
                .light_line_style(axis.mix(0.12))
                .max_light_lines(2)
                .bold_line_style(axis.mix(0.25))
                .label_style(label_font.clone())
                .axis_desc_style(label_font.clone())
                .x_label_formatter(&|x| format_tick(*x))
                .draw()
                .map_err(boxed)?;
            self.draw_series(&mut chart, (x0, x1), (y0, y1))?;
        } else {
            let mut chart = builder.build_cartesian_2d(x0..x1, y0..y1).map_err(boxed)?;
            chart
                .configure_mesh()
                .x_desc(self.x_label.as_str())
                .y_desc(self.y_label.as_str())
                .axis_style(axis)
                .light_line_style(axis.mix(0.12))
                .max_light_lines(2)
                .bold_line_style(axis.mix(0.25))
                .label_style(label_font.clone())
                .axis_desc_style(label_font)
                .x_label_formatter(&|x| format_tick(*x))
                .y_label_formatter(&|y| format_tick(*y))
                .draw()
                .map_err(boxed)?;
            self.draw_series(&mut chart, (x0, x1), (y0, y1))?;
        }
        Ok(())
    }

    fn draw_series<'a, X>(
        &self,
        chart: &mut ChartContext<
            'a,
            SVGBackend<'a>,
            Cartesian2d<X, plotters::coord::types::RangedCoordf64>,
        >,
        (x0, x1): (f64, f64),
        (y0, y1): (f64, f64),
    ) -> Result<(), Box<dyn std::error::Error + 'static>>
    where
        X: Ranged<ValueType = f64> + 'a,
    {
        let inside = |p: &Point| p.x.is_finite() && p.y.is_finite() && p.x >= x0 && p.x <= x1;
        let clamp_y = |y: f64| y.clamp(y0, y1);
        for rule in &self.rules {
            match rule {
                Rule::Horizontal { y, label, color } if y.is_finite() && *y >= y0 && *y <= y1 => {
                    let c = PALETTE[color % PALETTE.len()];
                    chart
                        .draw_series(DashedLineSeries::new(
                            vec![(x0, *y), (x1, *y)],
                            6,
                            4,
                            c.stroke_width(2),
                        ))
                        .map_err(boxed)?;
                    chart
                        .draw_series(std::iter::once(Text::new(
                            label.clone(),
                            (x0, *y),
                            ("sans-serif", 14).into_font().color(&c).pos(
                                plotters::style::text_anchor::Pos::new(
                                    plotters::style::text_anchor::HPos::Left,
                                    plotters::style::text_anchor::VPos::Bottom,
                                ),
                            ),
                        )))
                        .map_err(boxed)?;
                }
                Rule::Vertical { x, label, color } if x.is_finite() && *x >= x0 && *x <= x1 => {
                    let c = PALETTE[color % PALETTE.len()];
                    chart
                        .draw_series(DashedLineSeries::new(
                            vec![(*x, y0), (*x, y1)],
                            3,
                            3,
                            c.stroke_width(2),
                        ))
                        .map_err(boxed)?;
                    chart
                        .draw_series(std::iter::once(Text::new(
                            label.clone(),
                            (*x, y1),
                            ("sans-serif", 14).into_font().color(&c).pos(
                                plotters::style::text_anchor::Pos::new(
                                    plotters::style::text_anchor::HPos::Left,
                                    plotters::style::text_anchor::VPos::Top,
                                ),
                            ),
                        )))
                        .map_err(boxed)?;
                }
                _ => {}
            }
        }
        // Lines need no more than ~one point per horizontal pixel: thin dense series (k up to
        // 1 000 on a log axis) so a slider move redraws within a frame. Tables and CSV keep all.
        let span = if self.x_log {
            (x1 / x0).log10()
        } else {
            x1 - x0
        };
        let min_step = span / 700.0;
        let position = |x: f64| if self.x_log { x.log10() } else { x };
        for s in &self.series {
            let c = PALETTE[s.color % PALETTE.len()];
            let mut pts: Vec<(f64, f64)> = Vec::with_capacity(s.points.len().min(800));
            let mut last_x = f64::NEG_INFINITY;
            let thin = matches!(
                s.style,
                SeriesStyle::Line | SeriesStyle::Dashed | SeriesStyle::Dotted
            );
            let kept: Vec<&Point> = s.points.iter().filter(|p| inside(p)).collect();
            for (i, p) in kept.iter().enumerate() {
                let x = position(p.x);
                if !thin || i + 1 == kept.len() || x - last_x >= min_step {
                    pts.push((p.x, clamp_y(p.y)));
                    last_x = x;
                }
            }
            match s.style {
                SeriesStyle::Band => {
                    let band: Vec<(f64, f64, f64)> = s
                        .points
                        .iter()
                        .filter(|p| inside(p))
                        .filter_map(|p| Some((p.x, clamp_y(p.lo?), clamp_y(p.hi?))))
                        .collect();
                    let outline: Vec<(f64, f64)> = band
                        .iter()
                        .map(|&(x, lo, _)| (x, lo))
                        .chain(band.iter().rev().map(|&(x, _, hi)| (x, hi)))
                        .collect();
                    if outline.len() >= 3 {
                        chart
                            .draw_series(std::iter::once(Polygon::new(
                                outline,
                                c.mix(0.22).filled(),
                            )))
                            .map_err(boxed)?;
                    }
                }
                SeriesStyle::Line => {
                    chart
                        .draw_series(LineSeries::new(pts, c.stroke_width(3)))
                        .map_err(boxed)?;
                }
                SeriesStyle::Dashed => {
                    chart
                        .draw_series(DashedLineSeries::new(pts, 10, 6, c.stroke_width(3)))
                        .map_err(boxed)?;
                }
                SeriesStyle::Dotted => {
                    chart
                        .draw_series(DashedLineSeries::new(pts, 3, 5, c.stroke_width(3)))
                        .map_err(boxed)?;
                }
                SeriesStyle::Dots => {
                    for p in s.points.iter().filter(|p| inside(p)) {
                        if let (Some(lo), Some(hi)) = (p.lo, p.hi) {
                            chart
                                .draw_series(LineSeries::new(
                                    vec![(p.x, clamp_y(lo)), (p.x, clamp_y(hi))],
                                    c.stroke_width(2),
                                ))
                                .map_err(boxed)?;
                        }
                    }
                    chart
                        .draw_series(pts.iter().map(|&(x, y)| Circle::new((x, y), 4, c.filled())))
                        .map_err(boxed)?;
                }
                SeriesStyle::Circles => {
                    chart
                        .draw_series(
                            pts.iter()
                                .map(|&(x, y)| Circle::new((x, y), 5, c.stroke_width(2))),
                        )
                        .map_err(boxed)?;
                }
            }
        }
        Ok(())
    }

    /// The plotted data as CSV (long format: series, x, y, lo, hi).
    pub fn to_csv(&self) -> String {
        let mut out = String::from("series,x,y,lo,hi\n");
        let cell = |s: &str| {
            // Neutralise spreadsheet formulas and quote as needed.
            let s = if s.starts_with(['=', '+', '-', '@']) {
                format!("'{s}")
            } else {
                s.to_string()
            };
            if s.contains([',', '"', '\n']) {
                format!("\"{}\"", s.replace('"', "\"\""))
            } else {
                s
            }
        };
        let num = |x: Option<f64>| x.map(|v| format!("{v}")).unwrap_or_default();
        for s in &self.series {
            for p in &s.points {
                out.push_str(&format!(
                    "{},{},{},{},{}\n",
                    cell(&s.name),
                    p.x,
                    p.y,
                    num(p.lo),
                    num(p.hi)
                ));
            }
        }
        for r in &self.rules {
            match r {
                Rule::Horizontal { y, label, .. } => {
                    out.push_str(&format!("{},,{y},,\n", cell(label)))
                }
                Rule::Vertical { x, label, .. } => {
                    out.push_str(&format!("{},{x},,,\n", cell(label)))
                }
            }
        }
        out
    }

    /// Rows for the "show as table" view: x followed by each series' y at that x.
    pub fn table(&self) -> (Vec<String>, Vec<Vec<String>>) {
        let mut header = vec![self.x_label.clone()];
        header.extend(self.series.iter().map(|s| s.name.clone()));
        let rows = self
            .xs()
            .iter()
            .map(|&x| {
                let mut row = vec![format_tick(x)];
                for s in &self.series {
                    row.push(
                        s.points
                            .iter()
                            .find(|p| p.x == x)
                            .map(cell)
                            .unwrap_or_default(),
                    );
                }
                row
            })
            .collect();
        (header, rows)
    }

    /// Every x of the data, ascending: the rows of the table and the stops of the readout.
    pub fn xs(&self) -> Vec<f64> {
        let mut xs: Vec<f64> = self
            .series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.x))
            .filter(|x| x.is_finite())
            .collect();
        xs.sort_by(f64::total_cmp);
        xs.dedup();
        xs
    }

    /// The plotting area inside a `width` × `height` drawing, in pixels: (left, top, right,
    /// bottom), as `draw` lays it out (margin 12, y labels 56 wide, x labels 44 high).
    pub fn plot_area(width: f64, height: f64) -> (f64, f64, f64, f64) {
        (12.0 + 56.0, 12.0, width - 12.0, height - 12.0 - 44.0)
    }

    /// Where data x falls, in pixels of a `width` × `height` drawing.
    pub fn x_to_px(&self, x: f64, width: f64, height: f64) -> f64 {
        let (l, _, r, _) = Self::plot_area(width, height);
        let (x0, x1) = sane_range(self.x_range, self.x_log);
        let f = if self.x_log {
            (x.max(1e-300).ln() - x0.ln()) / (x1.ln() - x0.ln())
        } else {
            (x - x0) / (x1 - x0)
        };
        l + f * (r - l)
    }

    /// Where data y falls, in pixels of a `width` × `height` drawing.
    pub fn y_to_px(&self, y: f64, width: f64, height: f64) -> f64 {
        let (_, t, _, b) = Self::plot_area(width, height);
        let (y0, y1) = sane_range(self.y_range, false);
        b - (y.clamp(y0, y1) - y0) / (y1 - y0) * (b - t)
    }

    /// Whether the chart's points are things (a scatter with names) rather than curves.
    pub fn is_scatter(&self) -> bool {
        self.series.iter().any(|s| !s.labels.is_empty())
    }

    /// The readout stop nearest to the pointer at (`px`, `py`) of a `width` × `height`
    /// drawing: for curves the nearest x of the table (`Stop::X`), for a scatter the nearest
    /// named point (`Stop::Point`).
    pub fn nearest(&self, px: f64, py: f64, width: f64, height: f64) -> Option<Stop> {
        if self.is_scatter() {
            let mut best: Option<(f64, Stop)> = None;
            for (si, s) in self.series.iter().enumerate() {
                for (pi, p) in s.points.iter().enumerate() {
                    if s.labels.is_empty() || !p.x.is_finite() || !p.y.is_finite() {
                        continue;
                    }
                    let dx = self.x_to_px(p.x, width, height) - px;
                    let dy = self.y_to_px(p.y, width, height) - py;
                    let d = dx * dx + dy * dy;
                    if best.as_ref().is_none_or(|(b, _)| d < *b) {
                        best = Some((d, Stop::Point(si, pi)));
                    }
                }
            }
            return best.map(|(_, s)| s);
        }
        let xs = self.xs();
        xs.iter()
            .enumerate()
            .min_by(|a, b| {
                let da = (self.x_to_px(*a.1, width, height) - px).abs();
                let db = (self.x_to_px(*b.1, width, height) - px).abs();
                da.total_cmp(&db)
            })
            .map(|(i, _)| Stop::X(i))
    }

    /// The stops a keyboard steps through, in order: every x of the table, or every named
    /// point by x.
    pub fn stops(&self) -> Vec<Stop> {
        if self.is_scatter() {
            let mut named: Vec<(f64, Stop)> = self
                .series
                .iter()
                .enumerate()
                .flat_map(|(si, s)| {
                    s.points
                        .iter()
                        .enumerate()
                        .filter(move |_| !s.labels.is_empty())
                        .map(move |(pi, p)| (p.x, Stop::Point(si, pi)))
                })
                .collect();
            named.sort_by(|a, b| a.0.total_cmp(&b.0));
            return named.into_iter().map(|(_, s)| s).collect();
        }
        (0..self.xs().len()).map(Stop::X).collect()
    }

    /// What the readout shows at `stop`: the x, and each series' value there, formatted as the
    /// table's cells (so the two always agree), with where to draw them.
    pub fn readout(&self, stop: Stop, width: f64, height: f64) -> Option<Readout> {
        match stop {
            Stop::X(i) => {
                let x = *self.xs().get(i)?;
                let rows = self
                    .series
                    .iter()
                    .filter_map(|s| {
                        let p = s.points.iter().find(|p| p.x == x)?;
                        Some(ReadoutRow {
                            series: s.name.clone(),
                            label: None,
                            color: s.color,
                            value: cell(p),
                            py: self.y_to_px(p.y, width, height),
                        })
                    })
                    .collect();
                Some(Readout {
                    x_label: self.x_label.clone(),
                    x: format_tick(x),
                    px: self.x_to_px(x, width, height),
                    rows,
                })
            }
            Stop::Point(si, pi) => {
                let s = self.series.get(si)?;
                let p = s.points.get(pi)?;
                Some(Readout {
                    x_label: self.x_label.clone(),
                    x: format!("{:.4}", p.x),
                    px: self.x_to_px(p.x, width, height),
                    rows: vec![ReadoutRow {
                        series: s.name.clone(),
                        label: s.labels.get(pi).cloned(),
                        color: s.color,
                        value: cell(p),
                        py: self.y_to_px(p.y, width, height),
                    }],
                })
            }
        }
    }
}

/// Where a readout stands: the i-th x of the table, or point `pi` of series `si` (a scatter).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    X(usize),
    Point(usize, usize),
}

/// What a chart's readout says at one stop.
#[derive(Clone, Debug, PartialEq)]
pub struct Readout {
    pub x_label: String,
    /// The x as the table's first column shows it (a scatter: to four decimals).
    pub x: String,
    /// Where the crosshair stands, in drawing pixels.
    pub px: f64,
    pub rows: Vec<ReadoutRow>,
}

/// One series' value in a readout.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadoutRow {
    pub series: String,
    /// The point's own name (a scatter's model).
    pub label: Option<String>,
    pub color: usize,
    /// As the table's cell shows it.
    pub value: String,
    /// Where the value's marker stands, in drawing pixels.
    pub py: f64,
}

impl Readout {
    /// The readout drawn over a `width` × `height` chart, as HTML: a crosshair, a dot on each
    /// series and a box of values, positioned in percent of the drawing. Every text is escaped
    /// (series and point names may come from uploaded files).
    pub fn to_html(&self, width: f64, height: f64) -> String {
        let x = 100.0 * self.px / width;
        let mut out = format!("<div class=\"crosshair\" style=\"left:{x:.2}%\"></div>");
        for row in &self.rows {
            out.push_str(&format!(
                "<div class=\"readout-dot\" style=\"left:{x:.2}%;top:{:.2}%;background:{}\"></div>",
                100.0 * row.py / height,
                palette_hex(row.color)
            ));
        }
        // The box beside the crosshair, on the side with room.
        let place = if x > 55.0 {
            format!("right:calc({:.2}% + 12px)", 100.0 - x)
        } else {
            format!("left:calc({x:.2}% + 12px)")
        };
        out.push_str(&format!(
            "<div class=\"readout-box\" style=\"{place}\"><div class=\"readout-x\">{} <b>{}</b></div><ul>",
            escape_xml(&self.x_label),
            escape_xml(&self.x)
        ));
        for row in &self.rows {
            let name = row
                .label
                .as_ref()
                .map(|l| format!("<b class=\"readout-name\">{}</b> ", escape_xml(l)))
                .unwrap_or_default();
            out.push_str(&format!(
                "<li data-series=\"{s}\" data-value=\"{v}\"><span class=\"swatch\" style=\"background:{c}\"></span>{name}{s}: <b>{v}</b></li>",
                s = escape_xml(&row.series),
                v = escape_xml(&row.value),
                c = palette_hex(row.color),
            ));
        }
        out.push_str("</ul></div>");
        out
    }

    /// The readout in words, for the live region that screen readers announce.
    pub fn to_words(&self) -> String {
        let rows: Vec<String> = self
            .rows
            .iter()
            .map(|row| match &row.label {
                Some(l) => format!("{l} ({}): {}", row.series, row.value),
                None => format!("{}: {}", row.series, row.value),
            })
            .collect();
        format!("{} {}: {}", self.x_label, self.x, rows.join("; "))
    }
}

/// A value as the table and the readout show it: y, with its 95 % interval when it has one.
pub fn cell(p: &Point) -> String {
    match (p.lo, p.hi) {
        (Some(lo), Some(hi)) => format!("{:.4} [{:.4}, {:.4}]", p.y, lo, hi),
        _ => format!("{:.4}", p.y),
    }
}

fn boxed<E: std::error::Error + Send + Sync + 'static>(
    e: E,
) -> Box<dyn std::error::Error + 'static> {
    Box::new(e)
}

/// Tick labels: integers plainly, otherwise up to 3 significant decimals.
pub fn format_tick(x: f64) -> String {
    if x == x.round() && x.abs() < 1e9 {
        format!("{}", x as i64)
    } else {
        let s = format!("{x:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fig(title: &str) -> Figure {
        Figure {
            id: "t".into(),
            title: title.into(),
            summary: "A test.".into(),
            x_label: "k".into(),
            y_label: "accuracy".into(),
            x_log: true,
            x_range: (1.0, 100.0),
            y_range: (0.0, 1.0),
            series: vec![
                Series {
                    name: "exact <b>".into(),
                    color: 0,
                    style: SeriesStyle::Line,
                    labels: Vec::new(),
                    points: (1..=100)
                        .map(|k| Point::new(k as f64, 1.0 - 1.0 / k as f64))
                        .collect(),
                },
                Series {
                    name: "=MC".into(),
                    color: 1,
                    style: SeriesStyle::Dots,
                    labels: Vec::new(),
                    points: vec![Point::with_interval(10.0, 0.9, 0.85, 0.95)],
                },
            ],
            rules: vec![Rule::Horizontal {
                y: 0.95,
                label: "ceiling".into(),
                color: 2,
            }],
        }
    }

    #[test]
    fn renders_svg_with_escaped_title() {
        let svg = fig("Evil <script>alert(1)</script> & co")
            .to_svg(640, 400)
            .unwrap();
        assert!(svg.contains("<svg"));
        assert!(svg.contains("<polyline"));
        assert!(svg.contains("<circle"));
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;"));
    }

    #[test]
    fn csv_and_table_hold_every_point() {
        let f = fig("x");
        let csv = f.to_csv();
        assert_eq!(csv.lines().count(), 1 + 100 + 1 + 1);
        assert!(csv.contains("'=MC,10,0.9,0.85,0.95"));
        let (header, rows) = f.table();
        assert_eq!(header, vec!["k", "exact <b>", "=MC"]);
        assert_eq!(rows.len(), 100);
        assert_eq!(rows[9][2], "0.9000 [0.8500, 0.9500]");
    }

    #[test]
    fn degenerate_ranges_do_not_fail() {
        let mut f = fig("x");
        f.x_range = (5.0, 5.0);
        f.y_range = (f64::NAN, 1.0);
        assert!(f.to_svg(300, 200).is_ok());
    }

    /// The readout says what the table says at the x nearest the pointer: every series' cell
    /// of that row, and the x as its first column.
    #[test]
    fn the_readout_equals_the_table_row_at_the_nearest_x() {
        let f = fig("x");
        let (w, h) = (720.0, 400.0);
        let (_, rows) = f.table();
        for k in [1.0, 10.0, 37.0, 100.0] {
            let px = f.x_to_px(k, w, h);
            let stop = f.nearest(px + 0.4, 100.0, w, h).unwrap();
            let r = f.readout(stop, w, h).unwrap();
            let row = rows.iter().find(|row| row[0] == r.x).unwrap();
            assert_eq!(r.x, format_tick(k));
            for (i, s) in f.series.iter().enumerate() {
                match r.rows.iter().find(|x| x.series == s.name) {
                    Some(x) => assert_eq!(x.value, row[i + 1]),
                    None => assert_eq!(row[i + 1], ""),
                }
            }
        }
        // Past the ends the readout holds to the first and the last x.
        let left = f.nearest(0.0, 0.0, w, h).unwrap();
        assert_eq!(f.readout(left, w, h).unwrap().x, "1");
        let right = f.nearest(w, 0.0, w, h).unwrap();
        assert_eq!(f.readout(right, w, h).unwrap().x, "100");
        // The keyboard steps through every row in order.
        assert_eq!(f.stops().len(), rows.len());
        assert_eq!(f.stops()[0], Stop::X(0));
    }

    /// A scatter's readout names the point nearest the pointer, in both directions.
    #[test]
    fn a_scatter_readout_names_the_nearest_point() {
        let mut f = fig("x");
        f.x_log = false;
        f.x_range = (0.0, 1.0);
        f.series = vec![Series {
            name: "models".into(),
            color: 0,
            style: SeriesStyle::Circles,
            labels: vec!["A".into(), "B".into(), "C".into()],
            points: vec![
                Point::new(0.2, 0.5),
                Point::new(0.2, 0.9),
                Point::new(0.8, 0.6),
            ],
        }];
        let (w, h) = (720.0, 400.0);
        let at = |x: f64, y: f64| {
            let s = f
                .nearest(f.x_to_px(x, w, h), f.y_to_px(y, w, h), w, h)
                .unwrap();
            f.readout(s, w, h).unwrap().rows[0].label.clone().unwrap()
        };
        assert_eq!(at(0.21, 0.52), "A");
        assert_eq!(at(0.19, 0.88), "B");
        assert_eq!(at(0.7, 0.6), "C");
        // Stops by x: A and B (x = 0.2) before C.
        let names: Vec<String> = f
            .stops()
            .into_iter()
            .map(|s| f.readout(s, w, h).unwrap().rows[0].label.clone().unwrap())
            .collect();
        assert_eq!(names.last().map(String::as_str), Some("C"));
        assert_eq!(names.len(), 3);
    }

    /// The readout's HTML escapes every name (they may come from uploaded files) and carries
    /// the table's cells as its values.
    #[test]
    fn the_readout_html_escapes_names() {
        let mut f = fig("x");
        f.series[0].name = "<img src=x onerror=alert(1)>".into();
        let r = f.readout(Stop::X(9), 720.0, 400.0).unwrap();
        let html = r.to_html(720.0, 400.0);
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;img"));
        assert!(html.contains("data-value=\"0.9000 [0.8500, 0.9500]\""));
        assert!(r.to_words().starts_with("k 10: "));
    }
}
