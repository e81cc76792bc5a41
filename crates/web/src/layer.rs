//! A chart on two stacked canvases: the page places a background canvas
//! under a transparent front one. What does not move (axes, curves) is drawn
//! on the background only when its key changes; what moves is drawn on the
//! front, cleared first, every frame. No frame copies the background.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::{JsCast, JsError};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// The background canvas of a chart and what it was last drawn for.
#[derive(Debug)]
pub struct Layer<K> {
    canvas: HtmlCanvasElement,
    key: Option<K>,
}

impl<K: PartialEq> Layer<K> {
    /// The background drawn on `canvas` (under the chart's front canvas).
    pub fn new(canvas: HtmlCanvasElement) -> Self {
        Self { canvas, key: None }
    }

    /// Redraws the background with `draw` at `size` backend pixels unless
    /// it was last drawn for `key`.
    pub fn refresh<T>(
        &mut self,
        key: K,
        size: (u32, u32),
        draw: impl FnOnce(&DrawingArea<CanvasBackend, Shift>) -> Result<T, JsError>,
    ) -> Result<Option<T>, JsError> {
        if self.key.as_ref() == Some(&key) {
            return Ok(None);
        }
        self.canvas.set_width(size.0);
        self.canvas.set_height(size.1);
        let area = backend(&self.canvas)?.into_drawing_area();
        let result = draw(&area)?;
        area.present().map_err(|e| JsError::new(&e.to_string()))?;
        self.key = Some(key);
        Ok(Some(result))
    }

    /// Draws more on the background as it stands (no clearing); nothing
    /// before its first [`Layer::refresh`].
    #[cfg(any(feature = "chapter", feature = "compare"))]
    pub fn extend(
        &mut self,
        draw: impl FnOnce(&DrawingArea<CanvasBackend, Shift>) -> Result<(), JsError>,
    ) -> Result<(), JsError> {
        if self.key.is_none() {
            return Ok(());
        }
        let area = backend(&self.canvas)?.into_drawing_area();
        draw(&area)?;
        area.present().map_err(|e| JsError::new(&e.to_string()))
    }

    /// Forgets what the background was drawn for: the next
    /// [`Layer::refresh`] redraws it whatever its key.
    #[cfg(any(feature = "chapter", feature = "compare"))]
    pub fn invalidate(&mut self) {
        self.key = None;
    }
}

/// The front canvas, cleared to transparent, as a drawing area.
pub fn front(canvas: &HtmlCanvasElement) -> Result<DrawingArea<CanvasBackend, Shift>, JsError> {
    context(canvas)?.clear_rect(
        0.0,
        0.0,
        f64::from(canvas.width()),
        f64::from(canvas.height()),
    );
    Ok(backend(canvas)?.into_drawing_area())
}

pub fn backend(canvas: &HtmlCanvasElement) -> Result<CanvasBackend, JsError> {
    CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or_else(|| JsError::new("the canvas has no 2D context"))
}

fn context(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, JsError> {
    canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
        .ok_or_else(|| JsError::new("the canvas has no 2D context"))
}
