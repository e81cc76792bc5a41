//! What every view shares: its canvas, the words it draws (set from JS by
//! key through `setText`), projector mode (`setPresent`), and drawing on
//! the front canvas. Each `*View` holds a [`View`] and adds what it draws.

use descent_plot::scenes::backprop::GraphText;
use descent_plot::scenes::loss::LossText;
use descent_plot::scenes::training::FitText;
use descent_plot::{DrawError, SceneText, Style, Words};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsError;
use web_sys::HtmlCanvasElement;

use crate::charts::draw_error;
use crate::layer::{front, Layer};
use crate::surface;

/// What a view's words are called in its errors ("chart text: unknown key …").
pub(crate) trait Noun {
    /// The name.
    const WHAT: &'static str;
}

impl Noun for SceneText {
    const WHAT: &'static str = "chart text";
}

impl Noun for LossText {
    const WHAT: &'static str = "chart text";
}

impl Noun for FitText {
    const WHAT: &'static str = "chart text";
}

impl Noun for GraphText {
    const WHAT: &'static str = "graph text";
}

/// A canvas with the words drawn on it and the projector-mode setting.
#[derive(Debug)]
pub(crate) struct View<T> {
    /// The canvas drawn on (the front one, for a chart on two layers).
    pub canvas: HtmlCanvasElement,
    /// The words drawn.
    pub text: T,
    /// Bumped whenever a word changes, so a cached background is redrawn.
    pub text_version: u32,
    /// Projector mode: larger type and thicker lines.
    pub present: bool,
}

impl<T: Words + Noun> View<T> {
    /// A view on `canvas` with the default words, not in projector mode.
    pub fn new(canvas: HtmlCanvasElement) -> Self {
        Self {
            canvas,
            text: T::default(),
            text_version: 0,
            present: false,
        }
    }

    /// Sets one word; unknown keys are refused.
    pub fn set_text(&mut self, key: &str, value: &str) -> Result<(), JsError> {
        if !self.text.set(key, value) {
            return Err(JsError::new(&format!("{}: unknown key \"{key}\"", T::WHAT)));
        }
        self.text_version = self.text_version.wrapping_add(1);
        Ok(())
    }

    /// Sizes the canvas for its box and the screen; returns the backend
    /// size and the style to draw with.
    pub fn fit(&self) -> ((u32, u32), Style) {
        surface::fit(&self.canvas, self.present)
    }

    /// The key of a background showing `shows` (a session's curve, data or
    /// landscape by number, a reach's bits; 0 when fixed) at `size` with `style`.
    pub fn background_key(&self, shows: u64, size: (u32, u32), style: &Style) -> BackgroundKey {
        BackgroundKey(
            shows,
            size,
            style.scale.to_bits(),
            self.present,
            self.text_version,
        )
    }

    /// Clears the canvas and draws on it with `draw`.
    pub fn draw_front(
        &self,
        draw: impl FnOnce(&DrawingArea<CanvasBackend, Shift>, &T) -> Result<(), DrawError>,
    ) -> Result<(), JsError> {
        let area = front(&self.canvas)?;
        draw(&area, &self.text).map_err(draw_error)?;
        area.present().map_err(|e| JsError::new(&e.to_string()))
    }
}

/// What a cached background depends on: what it shows, its size and
/// scale, projector mode and words (see [`View::background_key`]).
#[derive(Debug, PartialEq)]
pub(crate) struct BackgroundKey(u64, (u32, u32), u64, bool, u32);

/// A chart's background and the frame it was last drawn with (where its
/// plotting area sits, for the foreground and for pointer hits).
#[derive(Debug)]
pub(crate) struct FramedLayer<K, F> {
    layer: Layer<K>,
    frame: Option<F>,
}

impl<K: PartialEq, F: Copy> FramedLayer<K, F> {
    /// The background drawn on `canvas`, not drawn yet.
    pub fn new(canvas: HtmlCanvasElement) -> Self {
        Self {
            layer: Layer::new(canvas),
            frame: None,
        }
    }

    /// Redraws the background with `draw` at `size` backend pixels unless it
    /// was last drawn for `key`; returns the frame it was drawn with, or the
    /// error `missing` ("curve view has no frame") if it never was.
    pub fn refresh(
        &mut self,
        key: K,
        size: (u32, u32),
        missing: &str,
        draw: impl FnOnce(&DrawingArea<CanvasBackend, Shift>) -> Result<F, DrawError>,
    ) -> Result<F, JsError> {
        if let Some(frame) = self
            .layer
            .refresh(key, size, |area| draw(area).map_err(draw_error))?
        {
            self.frame = Some(frame);
        }
        self.frame.ok_or_else(|| JsError::new(missing))
    }

    /// The frame of the last background drawn, if any.
    pub fn frame(&self) -> Option<F> {
        self.frame
    }
}

/// `setText` and `setPresent` for a `*View` type whose [`View`] is its
/// field `view`; `$doc` documents `setText` (the keys it takes).
macro_rules! view_settings {
    ($view:ident, $doc:literal) => {
        #[wasm_bindgen::prelude::wasm_bindgen]
        impl $view {
            #[doc = $doc]
            #[wasm_bindgen(js_name = setText)]
            pub fn set_text(&mut self, key: &str, value: &str) -> Result<(), JsError> {
                self.view.set_text(key, value)
            }

            /// Projector mode: larger type and thicker lines.
            #[wasm_bindgen(js_name = setPresent)]
            pub fn set_present(&mut self, present: bool) {
                self.view.present = present;
            }
        }
    };
}

pub(crate) use view_settings;

/// `isInPlot` for a `*View` type whose [`View`] is its field `view` and
/// whose [`FramedLayer`] `layer` holds a frame with a `plot` rectangle.
macro_rules! plot_hits {
    ($view:ident) => {
        #[wasm_bindgen::prelude::wasm_bindgen]
        impl $view {
            /// Whether CSS point (x, y) lies inside the plotting area.
            #[wasm_bindgen(js_name = isInPlot)]
            pub fn is_in_plot(&self, x: f64, y: f64) -> bool {
                let scale = $crate::surface::scale_of(&self.view.canvas);
                self.layer
                    .frame()
                    .is_some_and(|f| f.plot.contains(x * scale, y * scale))
            }
        }
    };
}

pub(crate) use plot_hits;
