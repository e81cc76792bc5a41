//! What the charts share: the frame a chart is built in (margin and label
//! areas, CSS pixels), its grid and axes in the house look, and the mark
//! for values beyond the view.

use plotters::chart::MeshStyle;
use plotters::coord::ranged1d::{Ranged, ValueFormatter};
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;

use crate::{DrawError, Frame, PixelRect, Style};

/// A chart with linear axes on both sides.
pub(crate) type LinearChart<'a, DB> =
    ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// Where a chart's plotting area sits in its picture, in CSS pixels: the
/// margin on every side and the room for the labels below and to the left.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Margins {
    /// Space on every side.
    pub margin: f64,
    /// Height of the x labels and caption.
    pub label_x: f64,
    /// Width of the y labels and caption.
    pub label_y: f64,
}

impl Margins {
    /// Margins of `margin` on every side, `label_x` for the x labels and
    /// `label_y` for the y labels, CSS pixels.
    pub(crate) const fn new(margin: f64, label_x: f64, label_y: f64) -> Self {
        Self {
            margin,
            label_x,
            label_y,
        }
    }

    /// A chart builder on `area` with these margins (for a chart that needs
    /// more: another margin, a log axis).
    pub(crate) fn builder<'a, 'b, DB: DrawingBackend>(
        self,
        area: &'a DrawingArea<DB, Shift>,
        style: &Style,
    ) -> ChartBuilder<'a, 'b, DB> {
        let mut builder = ChartBuilder::on(area);
        builder
            .margin(style.px(self.margin))
            .x_label_area_size(style.px(self.label_x))
            .y_label_area_size(style.px(self.label_y));
        builder
    }

    /// The plotting rectangle these margins leave in a `size` picture (the
    /// chart built with them may round differently: measure it after).
    pub(crate) fn plot_rect(self, size: (u32, u32), style: &Style) -> PixelRect {
        let margin = style.offset(self.margin);
        PixelRect {
            left: margin + style.offset(self.label_y),
            top: margin,
            right: size.0 as i32 - margin,
            bottom: size.1 as i32 - margin - style.offset(self.label_x),
        }
    }

    /// A linear chart on `area` showing `frame`'s ranges.
    pub(crate) fn framed<'a, DB: DrawingBackend>(
        self,
        area: &'a DrawingArea<DB, Shift>,
        style: &Style,
        frame: &Frame,
    ) -> Result<LinearChart<'a, DB>, DrawError> {
        self.linear(area, style, frame.x, frame.y)
    }

    /// Fills `area` with the background colour and builds the linear chart
    /// of `frame`; returns it with the frame's plotting rectangle as built.
    pub(crate) fn background<'a, DB: DrawingBackend>(
        self,
        area: &'a DrawingArea<DB, Shift>,
        style: &Style,
        frame: Frame,
    ) -> Result<(LinearChart<'a, DB>, Frame), DrawError> {
        area.fill(&style.palette().background)?;
        let chart = self.framed(area, style, &frame)?;
        let plot = PixelRect::of(chart.plotting_area());
        Ok((chart, Frame { plot, ..frame }))
    }

    /// A linear chart on `area` showing `x` × `y`, each (low, high).
    pub(crate) fn linear<'a, DB: DrawingBackend>(
        self,
        area: &'a DrawingArea<DB, Shift>,
        style: &Style,
        x: (f64, f64),
        y: (f64, f64),
    ) -> Result<LinearChart<'a, DB>, DrawError> {
        Ok(self
            .builder(area, style)
            .build_cartesian_2d(x.0..x.1, y.0..y.1)?)
    }
}

/// The house look of a chart's grid and axes with the given fonts: a light
/// grid, axes in the axis colour.
pub(crate) fn mesh_look<'m, 'a, 'b, X, Y, DB>(
    mesh: &'m mut MeshStyle<'a, 'b, X, Y, DB>,
    style: &Style,
    labels: TextStyle<'b>,
    captions: TextStyle<'b>,
) -> &'m mut MeshStyle<'a, 'b, X, Y, DB>
where
    X: Ranged,
    Y: Ranged,
    DB: DrawingBackend,
{
    let palette = style.palette();
    mesh.light_line_style(palette.background)
        .bold_line_style(palette.grid.stroke_width(style.px(1.0)))
        .axis_style(palette.axis.stroke_width(style.px(1.0)))
        .label_style(labels)
        .axis_desc_style(captions)
}

/// How a tick's value is written.
pub(crate) type TickFormat<'a> = &'a dyn Fn(&f64) -> String;

/// A chart's two axes, each as (x, y): about how many labels, the
/// captions, and how a tick value is written.
pub(crate) struct Axes<'a> {
    /// About how many labels on each axis.
    pub labels: (usize, usize),
    /// The axes' captions.
    pub captions: (&'a str, &'a str),
    /// How a tick's value is written on each axis.
    pub format: (TickFormat<'a>, TickFormat<'a>),
}

impl<'a> Axes<'a> {
    /// About `labels` labels on each axis, `captions`, every tick written by `format`.
    pub(crate) fn alike(
        labels: (usize, usize),
        captions: (&'a str, &'a str),
        format: TickFormat<'a>,
    ) -> Self {
        Self {
            labels,
            captions,
            format: (format, format),
        }
    }
}

/// Draws the grid and `axes` of `chart` in the house look.
pub(crate) fn draw_axes<DB, X, Y>(
    chart: &mut ChartContext<'_, DB, Cartesian2d<X, Y>>,
    style: &Style,
    axes: &Axes<'_>,
) -> Result<(), DrawError>
where
    DB: DrawingBackend,
    X: Ranged<ValueType = f64> + ValueFormatter<f64>,
    Y: Ranged<ValueType = f64> + ValueFormatter<f64>,
{
    crate::house_mesh(&mut chart.configure_mesh(), style)
        .x_labels(axes.labels.0)
        .y_labels(axes.labels.1)
        .x_desc(axes.captions.0)
        .y_desc(axes.captions.1)
        .x_label_formatter(axes.format.0)
        .y_label_formatter(axes.format.1)
        .draw()?;
    Ok(())
}

/// Where the off-chart mark goes, relative to the point it marks (backend
/// pixels): the warning triangle's centre and the words' top-left corner.
pub(crate) struct OffChart {
    /// The point marked, in chart coordinates.
    pub at: (f64, f64),
    /// How far below `at` the triangle sits.
    pub marker_dy: i32,
    /// The triangle's size (its circumradius), backend pixels.
    pub marker_size: u32,
    /// How far right of `at` the words start.
    pub text_dx: i32,
    /// The words.
    pub label: String,
}

/// Draws the warning for a value beyond the view: a triangle and the words,
/// in the warning colour.
pub(crate) fn draw_off_chart<DB, X, Y>(
    chart: &mut ChartContext<'_, DB, Cartesian2d<X, Y>>,
    mark: OffChart,
    style: &Style,
) -> Result<(), DrawError>
where
    DB: DrawingBackend,
    X: Ranged<ValueType = f64>,
    Y: Ranged<ValueType = f64>,
{
    let warning = style.palette().warning;
    chart.draw_series(std::iter::once(
        EmptyElement::at(mark.at)
            + TriangleMarker::new(
                (0, mark.marker_dy),
                mark.marker_size as i32,
                warning.filled(),
            )
            + Text::new(
                mark.label,
                (mark.text_dx, style.offset(14.0)),
                style.label_font().color(&warning),
            ),
    ))?;
    Ok(())
}
