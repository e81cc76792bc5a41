//! Section 3.1: a line fitted to a few points, held for JavaScript, and the
//! two views that draw it: the scatter with its residual squares and the
//! loss curves of one error.

use descent_core::scenes::loss::{Line, LineFit, PointLoss, INTERCEPT_RANGE, SLOPE_RANGE};
use descent_plot::scenes::loss::curves::{self, reach_for};
use descent_plot::scenes::loss::scatter::{self, ScatterFrame, HANDLE_X};
use descent_plot::scenes::loss::LossText;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use crate::charts::draw_error;
use crate::layer::Layer;
use crate::surface;
use crate::view::{plot_hits, view_settings, BackgroundKey, FramedLayer, View};

/// The line ŷ = w·x + b over the chapter's points, with an optional outlier.
#[wasm_bindgen]
#[derive(Debug)]
pub struct LineFitSession {
    fit: LineFit,
}

fn finite(name: &str, value: f64) -> Result<f64, JsError> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(JsError::new(&format!(
            "{name}: must be a finite number (got {value})"
        )))
    }
}

#[wasm_bindgen]
impl LineFitSession {
    /// The line with slope `w` and intercept `b` (kept inside the ranges)
    /// over the chapter's first points; `outlier` adds the far-off point.
    #[wasm_bindgen(constructor)]
    pub fn new(w: f64, b: f64, outlier: bool) -> Result<LineFitSession, JsError> {
        let mut fit = LineFit::chapter(Line::new(finite("w", w)?, finite("b", b)?));
        fit.set_outlier(outlier);
        Ok(Self { fit })
    }

    /// Moves the line to slope `w` and intercept `b` (kept inside the ranges).
    #[wasm_bindgen(js_name = setLine)]
    pub fn set_line(&mut self, w: f64, b: f64) -> Result<(), JsError> {
        self.fit
            .set_line(Line::new(finite("w", w)?, finite("b", b)?));
        Ok(())
    }

    /// Adds or removes the outlier.
    #[wasm_bindgen(js_name = setOutlier)]
    pub fn set_outlier(&mut self, on: bool) {
        self.fit.set_outlier(on);
    }

    /// Moves the line to the least-squares fit (the lowest MSE).
    #[wasm_bindgen(js_name = bestFit)]
    pub fn best_fit(&mut self) {
        let best = self.fit.least_squares();
        self.fit.set_line(best);
    }

    /// The slope w.
    #[wasm_bindgen(getter)]
    pub fn w(&self) -> f64 {
        self.fit.line().w
    }

    /// The intercept b.
    #[wasm_bindgen(getter)]
    pub fn b(&self) -> f64 {
        self.fit.line().b
    }

    /// Whether the outlier is shown.
    #[wasm_bindgen(getter)]
    pub fn outlier(&self) -> bool {
        self.fit.has_outlier()
    }

    /// n, the number of points shown.
    #[wasm_bindgen(getter)]
    pub fn n(&self) -> u32 {
        self.fit.len() as u32
    }

    /// MSE = (1/n)·Σ(yᵢ − ŷᵢ)².
    #[wasm_bindgen(getter)]
    pub fn mse(&self) -> f64 {
        self.fit.mse()
    }

    /// MAE = (1/n)·Σ|yᵢ − ŷᵢ|.
    #[wasm_bindgen(getter)]
    pub fn mae(&self) -> f64 {
        self.fit.mae()
    }

    /// Σ(yᵢ − ŷᵢ)².
    #[wasm_bindgen(getter, js_name = sumSquared)]
    pub fn sum_squared(&self) -> f64 {
        self.fit.total(PointLoss::Squared)
    }

    /// Σ|yᵢ − ŷᵢ|.
    #[wasm_bindgen(getter, js_name = sumAbsolute)]
    pub fn sum_absolute(&self) -> f64 {
        self.fit.total(PointLoss::Absolute)
    }

    /// The residual e = y − ŷ of the point farthest from the line (0 with none).
    #[wasm_bindgen(getter, js_name = largestResidual)]
    pub fn largest_residual(&self) -> f64 {
        self.fit
            .largest_residual()
            .and_then(|i| self.fit.residuals().nth(i))
            .unwrap_or(0.0)
    }

    /// The index of the point farthest from the line (−1 with none).
    #[wasm_bindgen(getter, js_name = largestIndex)]
    pub fn largest_index(&self) -> i32 {
        self.fit.largest_residual().map_or(-1, |i| i as i32)
    }

    /// MSE with the outlier ÷ MSE without it, at the current line.
    #[wasm_bindgen(getter, js_name = mseFactor)]
    pub fn mse_factor(&self) -> f64 {
        self.fit.outlier_effect().mse_factor
    }

    /// MAE with the outlier ÷ MAE without it, at the current line.
    #[wasm_bindgen(getter, js_name = maeFactor)]
    pub fn mae_factor(&self) -> f64 {
        self.fit.outlier_effect().mae_factor
    }

    /// The outlier's share of Σe² (0 to 1).
    #[wasm_bindgen(getter, js_name = mseShare)]
    pub fn mse_share(&self) -> f64 {
        self.fit.outlier_effect().mse_share
    }

    /// The outlier's share of Σ|e| (0 to 1).
    #[wasm_bindgen(getter, js_name = maeShare)]
    pub fn mae_share(&self) -> f64 {
        self.fit.outlier_effect().mae_share
    }

    /// The inputs xᵢ shown (a dozen numbers; for tests and readouts, not per frame).
    pub fn xs(&self) -> Vec<f64> {
        self.fit.points().map(|(x, _)| x).collect()
    }

    /// The targets yᵢ shown.
    pub fn ys(&self) -> Vec<f64> {
        self.fit.points().map(|(_, y)| y).collect()
    }

    /// The slopes allowed, [low, high].
    #[wasm_bindgen(js_name = slopeRange)]
    pub fn slope_range() -> Vec<f64> {
        vec![SLOPE_RANGE.0, SLOPE_RANGE.1]
    }

    /// The intercepts allowed, [low, high].
    #[wasm_bindgen(js_name = interceptRange)]
    pub fn intercept_range() -> Vec<f64> {
        vec![INTERCEPT_RANGE.0, INTERCEPT_RANGE.1]
    }
}

/// The points, the line and the residual squares, on a page canvas.
#[wasm_bindgen]
#[derive(Debug)]
pub struct ScatterView {
    view: View<LossText>,
    layer: FramedLayer<BackgroundKey, ScatterFrame>,
}

#[wasm_bindgen]
impl ScatterView {
    /// A view drawing on `canvas`, with what does not move on
    /// `background`, a canvas the page stacks under it.
    #[wasm_bindgen(constructor)]
    pub fn new(canvas: HtmlCanvasElement, background: HtmlCanvasElement) -> ScatterView {
        Self {
            view: View::new(canvas),
            layer: FramedLayer::new(background),
        }
    }

    /// Draws the session's points, line and residuals.
    pub fn draw(&mut self, session: &LineFitSession) -> Result<(), JsError> {
        let (size, style) = self.view.fit();
        let key = self.view.background_key(0, size, &style);
        let text = &self.view.text;
        let frame = self
            .layer
            .refresh(key, size, "scatter view has no frame", |area| {
                scatter::draw_background(area, &style, text)
            })?;
        self.view.draw_front(|area, text| {
            scatter::draw_foreground(area, &frame, &session.fit, &style, text)
        })
    }

    /// The line handle (0 left, 1 right) within reach of CSS point (x, y), or −1.
    #[wasm_bindgen(js_name = handleAt)]
    pub fn handle_at(&self, session: &LineFitSession, x: f64, y: f64, reach: f64) -> i32 {
        let Some(frame) = self.layer.frame() else {
            return -1;
        };
        let scale = surface::scale_of(&self.view.canvas);
        let distance = |which: usize| {
            let (hx, hy) = frame.handle(&session.fit, which);
            (x * scale - hx).hypot(y * scale - hy)
        };
        let (d0, d1) = (distance(0), distance(1));
        let nearest = if d0 <= d1 { 0 } else { 1 };
        if d0.min(d1) <= reach * scale {
            nearest
        } else {
            -1
        }
    }

    /// The target y under CSS y-coordinate `y` (relative to the canvas).
    #[wasm_bindgen(js_name = dataY)]
    pub fn data_y(&self, y: f64) -> Option<f64> {
        let frame = self.layer.frame()?;
        Some(
            frame
                .to_data(0.0, y * surface::scale_of(&self.view.canvas))
                .1,
        )
    }

    /// The CSS position [x, y] of the line's handle `which` (0 left, 1 right).
    #[wasm_bindgen(js_name = handlePosition)]
    pub fn handle_position(&self, session: &LineFitSession, which: usize) -> Vec<f64> {
        let Some(frame) = self.layer.frame() else {
            return Vec::new();
        };
        let scale = surface::scale_of(&self.view.canvas);
        let (x, y) = frame.handle(&session.fit, which);
        vec![x / scale, y / scale]
    }

    /// Drags handle `which` to CSS y-coordinate `y`: the line pivots about
    /// the other handle.
    #[wasm_bindgen(js_name = dragHandle)]
    pub fn drag_handle(&self, session: &mut LineFitSession, which: usize, y: f64) {
        let Some(target) = self.data_y(y) else {
            return;
        };
        let which = which.min(1);
        let line = session.fit.line();
        let moved = line.pivot(HANDLE_X[1 - which], (HANDLE_X[which], target));
        session.fit.set_line(moved);
    }
}

plot_hits!(ScatterView);
view_settings!(
    ScatterView,
    "Sets a word drawn in the chart (`x_axis`, `y_axis`, `outlier`, `largest`)."
);

/// e² and |e| above 2e and sign(e), with every residual marked, on a page canvas.
#[wasm_bindgen]
#[derive(Debug)]
pub struct ErrorCurvesView {
    view: View<LossText>,
    layer: Layer<BackgroundKey>,
}

#[wasm_bindgen]
impl ErrorCurvesView {
    /// A view drawing on `canvas`, with what does not move on
    /// `background`, a canvas the page stacks under it.
    #[wasm_bindgen(constructor)]
    pub fn new(canvas: HtmlCanvasElement, background: HtmlCanvasElement) -> ErrorCurvesView {
        Self {
            view: View::new(canvas),
            layer: Layer::new(background),
        }
    }

    /// Draws the curves with the session's residuals marked; returns the
    /// reach R of the error axis, e ∈ [−R, R].
    pub fn draw(&mut self, session: &LineFitSession) -> Result<f64, JsError> {
        let (size, style) = self.view.fit();
        let largest = session
            .fit
            .residuals()
            .fold(0.0, |m: f64, e| m.max(e.abs()));
        let reach = reach_for(largest);
        let key = self.view.background_key(reach.to_bits(), size, &style);
        let text = &self.view.text;
        self.layer.refresh(key, size, |area| {
            curves::draw_background(area, reach, &style, text).map_err(draw_error)
        })?;
        self.view.draw_front(|area, text| {
            curves::draw_foreground(area, reach, &session.fit, &style, text)
        })?;
        Ok(reach)
    }
}

view_settings!(
    ErrorCurvesView,
    "Sets a word drawn in the chart (`error_axis`, `loss_axis`, `slope_axis`, `squared`, `absolute`, `squared_slope`, `absolute_slope`, `kink`, `largest`, `off_chart`)."
);
