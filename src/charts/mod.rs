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
        self.render(width, height, Layer::All)
    }

    /// The drawing in two layers of the same size, to stack: the axes, reference lines and
    /// curves (with the accessible name), and the dots (Monte Carlo estimates, models), or
    /// `None` without any. A page redraws only the layer that changed: a slider moves the exact
    /// curves while the dots drawn after the paint stay, and the other way round.
    pub fn to_svg_layers(
        &self,
        width: u32,
        height: u32,
    ) -> Result<(String, Option<String>), ChartError> {
        let base = self.render(width, height, Layer::Base)?;
        let dots = match self.series.iter().any(|s| Layer::Dots.holds(s.style)) {
            true => Some(self.render(width, height, Layer::Dots)?),
            false => None,
        };
        Ok((base, dots))
    }

    fn render(&self, width: u32, height: u32, layer: Layer) -> Result<String, ChartError> {
        let mut svg = String::new();
        let mut dashes = Dashes::default();
        let sizes = FontSizes::for_width(width);
        {
            let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
            self.draw(&root, &mut dashes, sizes, layer)
                .map_err(|e| ChartError {
                    id: self.id.clone(),
                    message: e.to_string(),
                })?;
            root.present().map_err(|e| ChartError {
                id: self.id.clone(),
                message: e.to_string(),
            })?;
        }
        let svg = dashes.apply(svg);
        if layer == Layer::Dots {
            // Read through the base layer's name and the table: hidden from assistive tech.
            return Ok(svg.replacen("<svg ", "<svg aria-hidden=\"true\" ", 1));
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
        dashes: &mut Dashes,
        sizes: FontSizes,
        layer: Layer,
    ) -> Result<(), Box<dyn std::error::Error + 'static>> {
        let (x0, x1) = sane_range(self.x_range, self.x_log);
        let (y0, y1) = sane_range(self.y_range, false);
        let axis = RGBColor(128, 128, 128);
        let label_font = ("sans-serif", sizes.label).into_font().color(&axis);
        let mut builder = ChartBuilder::on(root);
        builder
            .margin(12)
            .x_label_area_size(sizes.x_area)
            .y_label_area_size(sizes.y_area);
        if self.x_log {
            let mut chart = builder
                .build_cartesian_2d((x0..x1).log_scale(), y0..y1)
                .map_err(boxed)?;
            let mut mesh = chart.configure_mesh();
            mesh.x_desc(self.x_label.as_str())
                .y_desc(self.y_label.as_str())
                .axis_style(axis)
                .light_line_style(axis.mix(0.12))
                .max_light_lines(2)
                .bold_line_style(axis.mix(0.25))
                .label_style(label_font.clone())
                .axis_desc_style(label_font.clone())
                .x_label_formatter(&|x| format_tick(*x));
            if layer != Layer::Dots {
                mesh.draw().map_err(boxed)?;
            }
            self.draw_series(&mut chart, (x0, x1), (y0, y1), dashes, sizes, layer)?;
        } else {
            let mut chart = builder.build_cartesian_2d(x0..x1, y0..y1).map_err(boxed)?;
            let mut mesh = chart.configure_mesh();
            mesh.x_desc(self.x_label.as_str())
                .y_desc(self.y_label.as_str())
                .axis_style(axis)
                .light_line_style(axis.mix(0.12))
                .max_light_lines(2)
                .bold_line_style(axis.mix(0.25))
                .label_style(label_font.clone())
                .axis_desc_style(label_font)
                .x_label_formatter(&|x| format_tick(*x))
                .y_label_formatter(&|y| format_tick(*y));
            if layer != Layer::Dots {
                mesh.draw().map_err(boxed)?;
            }
            self.draw_series(&mut chart, (x0, x1), (y0, y1), dashes, sizes, layer)?;
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
        dashes: &mut Dashes,
        sizes: FontSizes,
        layer: Layer,
    ) -> Result<(), Box<dyn std::error::Error + 'static>>
    where
        X: Ranged<ValueType = f64> + 'a,
    {
        let inside = |p: &Point| p.x.is_finite() && p.y.is_finite() && p.x >= x0 && p.x <= x1;
        let clamp_y = |y: f64| y.clamp(y0, y1);
        let rules = if layer == Layer::Dots {
            &[][..]
        } else {
            &self.rules[..]
        };
        for rule in rules {
            match rule {
                Rule::Horizontal { y, label, color } if y.is_finite() && *y >= y0 && *y <= y1 => {
                    let c = PALETTE[color % PALETTE.len()];
                    chart
                        .draw_series(LineSeries::new(
                            vec![(x0, *y), (x1, *y)],
                            dashes.stroke(c, "6 4").stroke_width(2),
                        ))
                        .map_err(boxed)?;
                    chart
                        .draw_series(std::iter::once(Text::new(
                            label.clone(),
                            (x0, *y),
                            ("sans-serif", sizes.rule).into_font().color(&c).pos(
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
                        .draw_series(LineSeries::new(
                            vec![(*x, y0), (*x, y1)],
                            dashes.stroke(c, "3 3").stroke_width(2),
                        ))
                        .map_err(boxed)?;
                    chart
                        .draw_series(std::iter::once(Text::new(
                            label.clone(),
                            (*x, y1),
                            ("sans-serif", sizes.rule).into_font().color(&c).pos(
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
        for s in self.series.iter().filter(|s| layer.holds(s.style)) {
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
                        .draw_series(LineSeries::new(
                            pts,
                            dashes.stroke(c, "10 6").stroke_width(3),
                        ))
                        .map_err(boxed)?;
                }
                SeriesStyle::Dotted => {
                    chart
                        .draw_series(LineSeries::new(
                            pts,
                            dashes.stroke(c, "3 5").stroke_width(3),
                        ))
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
            // Points that are things (an uploaded model) are named on the chart where there is
            // room: a series of at most three named points gets its names beside them.
            if !s.labels.is_empty() && s.points.len() <= DIRECT_LABELS_MAX {
                use plotters::style::text_anchor::{HPos, Pos, VPos};
                // Right of the point in the left half of the chart, left of it in the right half.
                let middle = (position(x0) + position(x1)) / 2.0;
                let named = s.points.iter().zip(&s.labels).filter(|(p, _)| inside(p));
                chart
                    .draw_series(named.map(|(p, name)| {
                        let left = position(p.x) > middle;
                        let anchor =
                            Pos::new(if left { HPos::Right } else { HPos::Left }, VPos::Center);
                        let font = ("sans-serif", sizes.rule).into_font().color(&c).pos(anchor);
                        EmptyElement::at((p.x, clamp_y(p.y)))
                            + Text::new(clip_label(name), (if left { -9 } else { 9 }, 0), font)
                    }))
                    .map_err(boxed)?;
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
        let s = FontSizes::for_width(width.max(0.0) as u32);
        (
            12.0 + s.y_area as f64,
            12.0,
            width - 12.0,
            height - 12.0 - s.x_area as f64,
        )
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

/// What a rendering draws: everything, or one of the two layers a page stacks.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Layer {
    All,
    /// Axes, reference lines, lines and bands.
    Base,
    /// Dots and circles (with their names).
    Dots,
}

impl Layer {
    fn holds(self, style: SeriesStyle) -> bool {
        let dots = matches!(style, SeriesStyle::Dots | SeriesStyle::Circles);
        match self {
            Layer::All => true,
            Layer::Base => !dots,
            Layer::Dots => dots,
        }
    }
}

/// Font sizes of a chart's text, in the SVG's pixels. A chart drawn narrow (for a phone) is
/// shown at about its own size, so it gets larger text: its tick labels stay above 11 CSS px.
#[derive(Clone, Copy)]
struct FontSizes {
    /// Tick labels and axis titles.
    label: u32,
    /// Reference lines' and points' names.
    rule: u32,
    /// Room for the x and the y axis' labels.
    x_area: u32,
    y_area: u32,
}

impl FontSizes {
    fn for_width(width: u32) -> Self {
        if width < 600 {
            Self {
                label: 19,
                rule: 18,
                x_area: 54,
                y_area: 66,
            }
        } else {
            Self {
                label: 15,
                rule: 14,
                x_area: 44,
                y_area: 56,
            }
        }
    }
}

/// A series with at most this many named points has the names drawn beside them.
const DIRECT_LABELS_MAX: usize = 3;

/// A point's name as drawn beside it: at most 28 characters (cut at a character boundary).
fn clip_label(name: &str) -> String {
    match name.char_indices().nth(28) {
        Some((i, _)) => format!("{}…", name.get(..i).unwrap_or(name)),
        None => name.to_string(),
    }
}

/// Dashed and dotted lines as one `<polyline>` each with `stroke-dasharray` (plotters draws a
/// dashed series as one element per dash: hundreds per chart, which made the browser's style and
/// layout the larger part of a slider's frame). Plotters has no dash attribute, so each dashed
/// line is drawn in a placeholder colour that [`Dashes::apply`] turns into its colour and pattern.
#[derive(Default)]
struct Dashes(Vec<(RGBColor, &'static str)>);

impl Dashes {
    /// The placeholder colour for a line of colour `c` with the dash pattern `pattern`.
    fn stroke(&mut self, c: RGBColor, pattern: &'static str) -> RGBColor {
        let n = self.0.len().min(255) as u8;
        self.0.push((c, pattern));
        RGBColor(1, 2, n)
    }

    fn apply(&self, mut svg: String) -> String {
        for (i, (c, pattern)) in self.0.iter().enumerate() {
            let placeholder = format!("stroke=\"#0102{:02X}\"", i.min(255));
            let real = format!(
                "stroke=\"#{:02X}{:02X}{:02X}\" stroke-dasharray=\"{pattern}\"",
                c.0, c.1, c.2
            );
            svg = svg.replace(&placeholder, &real);
        }
        svg
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

    /// A dashed or dotted line is one element with its dash pattern, not one element per dash
    /// (what made a slider's frame mostly style and layout), in its own colour.
    #[test]
    fn dashed_lines_are_one_element_each_in_their_colour() {
        let mut f = fig("x");
        for (i, style) in [SeriesStyle::Dashed, SeriesStyle::Dotted]
            .into_iter()
            .enumerate()
        {
            f.series.push(Series {
                name: format!("dashed {i}"),
                color: 3 + i,
                style,
                labels: Vec::new(),
                points: (1..=100)
                    .map(|k| Point::new(k as f64, 0.5 / k as f64))
                    .collect(),
            });
        }
        let svg = f.to_svg(720, 400).unwrap();
        // Two dashed series and the ceiling rule.
        assert_eq!(svg.matches("stroke-dasharray=").count(), 3, "{svg}");
        assert!(
            !svg.contains("#0102"),
            "a placeholder colour is left: {svg}"
        );
        for (c, pattern) in [(PALETTE[3], "10 6"), (PALETTE[4], "3 5")] {
            let stroke = format!("stroke=\"#{:02X}{:02X}{:02X}\"", c.0, c.1, c.2);
            assert_eq!(svg.matches(&stroke).count(), 1, "{svg}");
            let want = format!("{stroke} stroke-dasharray=\"{pattern}\"");
            assert!(svg.contains(&want), "{svg}");
        }
    }

    /// An uploaded model (a series of one named point) is named beside its point, escaped and
    /// cut to a readable length; a series of many named points (the paper's models) is not.
    #[test]
    fn few_named_points_are_labelled_on_the_chart() {
        let mut f = fig("x");
        f.series.push(Series {
            name: "upload".into(),
            color: 2,
            style: SeriesStyle::Dots,
            labels: vec!["my <model> — ünïcödé name that goes on and on".into()],
            points: vec![Point::new(50.0, 0.5)],
        });
        f.series.push(Series {
            name: "paper".into(),
            color: 0,
            style: SeriesStyle::Circles,
            labels: (0..17).map(|i| format!("paper model {i}")).collect(),
            points: (0..17).map(|i| Point::new(10.0 + i as f64, 0.6)).collect(),
        });
        let svg = f.to_svg(720, 400).unwrap();
        assert!(svg.contains("my &lt;model&gt; — ünïcödé name th…"), "{svg}");
        let lines: Vec<&str> = svg.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.starts_with("my &lt;model"))
            .unwrap();
        assert!(
            lines[at - 1].contains("text-anchor=\"end\""),
            "right half: the name left of the point"
        );
        assert!(!svg.contains("<model>"));
        assert!(!svg.contains("paper model 3"));
    }

    /// The readout's pixel mapping is where plotters draws: a dot's circle sits at
    /// (x_to_px, y_to_px), on the desktop size and on the phone size alike.
    #[test]
    fn the_pixel_mapping_is_where_the_points_are_drawn() {
        for (w, h) in [(720u32, 400u32), (440, 340)] {
            let mut f = fig("x");
            f.x_log = false;
            f.x_range = (0.0, 10.0);
            f.series = vec![Series {
                name: "dots".into(),
                color: 1,
                style: SeriesStyle::Dots,
                labels: Vec::new(),
                points: vec![Point::new(2.5, 0.25), Point::new(7.0, 0.9)],
            }];
            f.rules.clear();
            let svg = f.to_svg(w, h).unwrap();
            for p in &f.series[0].points {
                let (x, y) = (
                    f.x_to_px(p.x, w as f64, h as f64),
                    f.y_to_px(p.y, w as f64, h as f64),
                );
                let want = |attr: &str, v: f64| {
                    svg.match_indices(attr).any(|(i, _)| {
                        let rest = &svg[i + attr.len()..];
                        let end = rest.find('"').unwrap_or(0);
                        rest[..end]
                            .parse::<f64>()
                            .is_ok_and(|got| (got - v).abs() <= 1.5)
                    })
                };
                assert!(
                    want("cx=\"", x) && want("cy=\"", y),
                    "{w}×{h}: ({x}, {y}) not drawn: {svg}"
                );
            }
        }
    }

    /// The two layers hold what the whole drawing holds, each once: axes, rules and lines in
    /// the base (with the accessible name), the dots alone in the other (hidden from assistive
    /// technology), at the same pixels.
    #[test]
    fn the_layers_split_the_drawing() {
        let f = fig("x");
        let all = f.to_svg(720, 400).unwrap();
        let (base, dots) = f.to_svg_layers(720, 400).unwrap();
        let dots = dots.expect("the figure has a dot series");
        let count = |s: &str, what: &str| s.matches(what).count();
        for what in ["<circle", "<polyline", "<line", "<text"] {
            assert_eq!(
                count(&all, what),
                count(&base, what) + count(&dots, what),
                "{what}"
            );
        }
        assert_eq!(count(&base, "<circle"), 0);
        assert_eq!(
            (count(&dots, "<text"), count(&dots, "<line")),
            (0, 0),
            "no axes in the dots"
        );
        assert!(base.contains("<title>x</title>") && dots.contains("aria-hidden=\"true\""));
        let circle = |s: &str| s.split("<circle").nth(1).map(|c| c[..40].to_string());
        assert_eq!(circle(&all), circle(&dots), "the dots at the same place");
        let mut lines_only = f.clone();
        lines_only.series.retain(|s| s.style != SeriesStyle::Dots);
        assert!(lines_only.to_svg_layers(720, 400).unwrap().1.is_none());
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
