//! The comparison's views: the runs on the landscape (a curve or a contour
//! map, cached on the background layer until the landscape or the view
//! changes), the loss plot with one line per run, and the sweep chart.

use descent_plot::loss_plot::{self, Line, LossView as LossRanges};
use descent_plot::scenes::compare::{
    self, draw_sweep, run_colour, CompareText, SweepFrame, SweepMarks,
};
use descent_plot::Frame;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::CompareSession;
use crate::charts::draw_error;
use crate::charts::settle::{LossRangesKey, Settled};
use crate::layer::{front, Layer};
use crate::surface;
use crate::view::{plot_hits, view_settings, BackgroundKey, FramedLayer, Noun, View};

impl Noun for CompareText {
    const WHAT: &'static str = "chart text";
}

/// The runs on their landscape, on a page canvas.
#[wasm_bindgen]
#[derive(Debug)]
pub struct CompareView {
    view: View<CompareText>,
    layer: FramedLayer<BackgroundKey, Frame>,
    /// How long the last background took, ms (0 when it was cached).
    redraw_ms: f64,
    /// What the foreground shows as last drawn, for a map (see
    /// [`compare::foreground_key`]): a frame that would draw the same
    /// pixels leaves it as it is.
    front_key: Option<Vec<i32>>,
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

#[wasm_bindgen]
impl CompareView {
    /// A view drawing on `canvas`, the landscape on `background` under it.
    #[wasm_bindgen(constructor)]
    pub fn new(canvas: HtmlCanvasElement, background: HtmlCanvasElement) -> CompareView {
        Self {
            view: View::new(canvas),
            layer: FramedLayer::new(background),
            redraw_ms: 0.0,
            front_key: None,
        }
    }

    /// Draws every run; the landscape only when it or the view changed.
    pub fn draw(&mut self, session: &CompareSession) -> Result<(), JsError> {
        let (size, style) = self.view.fit();
        let key = self
            .view
            .background_key(session.landscape_id.into(), size, &style);
        let text = &self.view.text;
        let landscape = session.compare.landscape();
        let began = now();
        let mut redrawn = false;
        let frame = self
            .layer
            .refresh(key, size, "map view has no frame", |area| {
                redrawn = true;
                compare::draw_background(area, landscape, &style, text)
            })?;
        self.redraw_ms = if redrawn { now() - began } else { 0.0 };
        let front_key = compare::foreground_key(&frame, &session.compare, &style);
        // A resize clears the canvas; the background's key holds the size.
        if !redrawn && front_key.is_some() && front_key == self.front_key {
            return Ok(());
        }
        self.front_key = None;
        self.view.draw_front(|area, _| {
            compare::draw_foreground(area, &frame, &session.compare, &style)
        })?;
        self.front_key = front_key;
        Ok(())
    }

    /// How long the last background redraw took, ms (0: it was cached).
    #[wasm_bindgen(getter, js_name = redrawMs)]
    pub fn redraw_ms(&self) -> f64 {
        self.redraw_ms
    }

    /// The point `[w, b]` under CSS point (x, y) of the canvas, kept in
    /// view (b means nothing on a curve); empty before the first draw.
    #[wasm_bindgen(js_name = pointAt)]
    pub fn point_at(&self, x: f64, y: f64) -> Vec<f64> {
        let Some(frame) = self.layer.frame() else {
            return Vec::new();
        };
        let scale = surface::scale_of(&self.view.canvas);
        let (w, b) = frame.point_at(x * scale, y * scale);
        vec![w, b]
    }

    /// Where run `i` is drawn, CSS pixels `[x, y]` (empty before the first draw).
    #[wasm_bindgen(js_name = runnerPixel)]
    pub fn runner_pixel(&self, session: &CompareSession, i: usize) -> Vec<f64> {
        let (Some(frame), Some(run)) = (self.layer.frame(), session.compare.runner(i)) else {
            return Vec::new();
        };
        let (w, y) = compare::place(&frame, session.compare.landscape(), run.position());
        let scale = surface::scale_of(&self.view.canvas);
        let (x, y) = frame.to_pixel(w, y);
        vec![x / scale, y / scale]
    }
}

plot_hits!(CompareView);
view_settings!(
    CompareView,
    "Sets a word drawn in the chart (`weight_axis`, `bias_axis`, `loss_axis`, `minimum`)."
);

/// The loss plot with one line per run. As in 3.2's plot, each run's
/// closed buckets settle on the background a stretch at a time, so a frame
/// draws only the newest stretch of each line however long the runs are.
#[wasm_bindgen]
#[derive(Debug)]
pub struct CompareLossView {
    view: View<descent_plot::SceneText>,
    layer: Layer<(LossRangesKey, bool, u32)>,
    /// Each run's buckets drawn on the background.
    settled: Vec<Settled>,
}

#[wasm_bindgen]
impl CompareLossView {
    /// A view drawing on `canvas`, its axes on `background` under it.
    #[wasm_bindgen(constructor)]
    pub fn new(canvas: HtmlCanvasElement, background: HtmlCanvasElement) -> CompareLossView {
        Self {
            view: View::new(canvas),
            layer: Layer::new(background),
            settled: Vec::new(),
        }
    }

    /// Draws every run's loss history.
    pub fn draw(&mut self, session: &CompareSession) -> Result<(), JsError> {
        let (size, style) = self.view.fit();
        let compare = &session.compare;
        let histories: Vec<_> = (0..compare.len())
            .filter_map(|i| compare.history(i))
            .collect();
        let ranges = LossRanges::spanning(&histories, compare.steps(), size);
        let key = (
            LossRangesKey::of(&ranges, &style),
            self.view.present,
            self.view.text_version,
        );
        if self.settled.len() != histories.len()
            || !self.settled.iter().zip(&histories).all(|(s, h)| s.holds(h))
        {
            // A run added or removed, a reset, or buckets merged: redraw it all.
            self.settled = histories.iter().map(|_| Settled::default()).collect();
            self.layer.invalidate();
        }
        let text = &self.view.text;
        let settled = &mut self.settled;
        let redrawn = self.layer.refresh(key, size, |area| {
            loss_plot::draw_background(area, &ranges, &style, text).map_err(draw_error)?;
            let stretches: Vec<_> = settled
                .iter_mut()
                .zip(&histories)
                .enumerate()
                .map(|(i, (s, h))| (*h, s.restart(h), run_colour(i, &style)))
                .collect();
            loss_plot::draw_stretches(area, &ranges, &stretches, &style).map_err(draw_error)
        })?;
        if redrawn.is_none() {
            let stretches: Vec<_> = settled
                .iter_mut()
                .zip(&histories)
                .enumerate()
                .filter_map(|(i, (s, h))| Some((*h, s.due(h)?, run_colour(i, &style))))
                .collect();
            if !stretches.is_empty() {
                self.layer.extend(|area| {
                    loss_plot::draw_stretches(area, &ranges, &stretches, &style).map_err(draw_error)
                })?;
            }
        }
        let lines: Vec<Line<'_>> = histories
            .iter()
            .zip(&self.settled)
            .enumerate()
            .map(|(i, (history, settled))| Line {
                history,
                colour: run_colour(i, &style),
                diverged: compare
                    .runner(i)
                    .is_some_and(descent_core::Runner::diverged),
                from: settled.len(),
            })
            .collect();
        self.view
            .draw_front(|area, text| loss_plot::draw_lines(area, &ranges, &lines, &style, text))
    }
}

view_settings!(
    CompareLossView,
    "Sets a word drawn in the chart (`step_axis`, `loss_axis`, `off_chart`)."
);

/// What a sweep chart shows: which sweep, its version, the runs' η, size,
/// scale, projector mode, words.
type SweepKey = (bool, u32, Vec<u64>, (u32, u32), u64, bool, u32);

/// The sweep chart: final loss against η.
#[wasm_bindgen]
#[derive(Debug)]
pub struct SweepView {
    view: View<CompareText>,
    /// What was drawn last.
    drawn: Option<SweepKey>,
    frame: Option<SweepFrame>,
}

#[wasm_bindgen]
impl SweepView {
    /// A view drawing on `canvas`.
    #[wasm_bindgen(constructor)]
    pub fn new(canvas: HtmlCanvasElement) -> SweepView {
        Self {
            view: View::new(canvas),
            drawn: None,
            frame: None,
        }
    }

    /// Draws the landscape sweep (or, with `network`, the network's),
    /// marking η* and each run's η; nothing when nothing changed. Returns
    /// whether it drew.
    pub fn draw(&mut self, session: &CompareSession, network: bool) -> Result<bool, JsError> {
        let (size, style) = self.view.fit();
        let compare = &session.compare;
        let runs: Vec<(usize, f64)> = compare
            .runners()
            .enumerate()
            .map(|(i, r)| (i, r.config().learning_rate()))
            .collect();
        let (sweep, critical, version) = if network {
            let Some(n) = &session.network else {
                return Ok(false);
            };
            (n.sweep().clone(), None, session.network_version)
        } else {
            let Some(s) = &session.sweep else {
                return Ok(false);
            };
            (s.sweep.clone(), Some(s.critical), session.sweep_version)
        };
        let marks_key: Vec<u64> = runs.iter().map(|(_, eta)| eta.to_bits()).collect();
        let key = (
            network,
            version,
            marks_key,
            size,
            style.scale.to_bits(),
            self.view.present,
            self.view.text_version,
        );
        if self.drawn.as_ref() == Some(&key) {
            return Ok(false);
        }
        let marks = SweepMarks {
            critical,
            runs: if network { Vec::new() } else { runs },
        };
        let area = front(&self.view.canvas)?;
        let frame =
            draw_sweep(&area, &sweep, &marks, &style, &self.view.text).map_err(draw_error)?;
        area.present().map_err(|e| JsError::new(&e.to_string()))?;
        self.frame = Some(frame);
        self.drawn = Some(key);
        Ok(true)
    }

    /// The learning rate under CSS x-coordinate `x`; undefined before the first draw.
    #[wasm_bindgen(js_name = rateAt)]
    pub fn rate_at(&self, x: f64) -> Option<f64> {
        let scale = surface::scale_of(&self.view.canvas);
        Some(self.frame?.rate_at(x * scale))
    }

    /// The CSS x-coordinate of learning rate `eta`; undefined before the first draw.
    #[wasm_bindgen(js_name = xOf)]
    pub fn x_of(&self, eta: f64) -> Option<f64> {
        let scale = surface::scale_of(&self.view.canvas);
        Some(self.frame?.x_of(eta) / scale)
    }
}

view_settings!(
    SweepView,
    "Sets a word drawn in the chart (`rate_axis`, `final_loss_axis`, `critical`, `regime_…`)."
);
