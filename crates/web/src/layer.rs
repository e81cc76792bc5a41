//! A cached background: an off-screen canvas redrawn only when its key
//! changes, then copied onto the visible canvas each frame.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::{JsCast, JsError};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

#[derive(Debug)]
pub struct Layer<K> {
    canvas: HtmlCanvasElement,
    key: Option<K>,
}

impl<K: PartialEq> Layer<K> {
    pub fn new() -> Result<Self, JsError> {
        let canvas = web_sys::window()
            .and_then(|w| w.document())
            .ok_or_else(|| JsError::new("no document to draw in"))?
            .create_element("canvas")
            .map_err(|_| JsError::new("cannot create an off-screen canvas"))?
            .dyn_into::<HtmlCanvasElement>()
            .map_err(|_| JsError::new("cannot create an off-screen canvas"))?;
        Ok(Self { canvas, key: None })
    }

    /// Redraws the layer with `draw` unless it was last drawn for `key`.
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

    /// Copies the layer onto `target`.
    pub fn blit(&self, target: &HtmlCanvasElement) -> Result<(), JsError> {
        context(target)?
            .draw_image_with_html_canvas_element(&self.canvas, 0.0, 0.0)
            .map_err(|_| JsError::new("cannot copy the chart background"))
    }
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
