//! The data with the network's fit (and, for one hidden layer, each
//! unit's piece of it), and the loss plot of a training session.

use descent_plot::scenes::training::{self, FitText};
use descent_plot::Frame;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::TrainingSession;
use crate::charts::loss::LossView;
use crate::view::{view_settings, BackgroundKey, FramedLayer, View};

/// The data and the network's fitted curve, on a page canvas.
#[wasm_bindgen]
#[derive(Debug)]
pub struct FitView {
    view: View<FitText>,
    layer: FramedLayer<BackgroundKey, Frame>,
    pieces: bool,
    highlight: Option<usize>,
}

#[wasm_bindgen]
impl FitView {
    /// A view drawing on `canvas`, with what does not move on
    /// `background`, a canvas the page stacks under it.
    #[wasm_bindgen(constructor)]
    pub fn new(canvas: HtmlCanvasElement, background: HtmlCanvasElement) -> FitView {
        Self {
            view: View::new(canvas),
            layer: FramedLayer::new(background),
            pieces: true,
            highlight: None,
        }
    }

    /// Whether each hidden unit's piece is drawn under the fit (one hidden layer only).
    #[wasm_bindgen(js_name = setPieces)]
    pub fn set_pieces(&mut self, on: bool) {
        self.pieces = on;
    }

    /// The unit whose piece is drawn strongly (absent: none).
    #[wasm_bindgen(js_name = setHighlight)]
    pub fn set_highlight(&mut self, unit: Option<u32>) {
        self.highlight = unit.map(|u| u as usize);
    }

    /// Draws the session's data and its network's current curve.
    pub fn draw(&mut self, session: &TrainingSession) -> Result<(), JsError> {
        let (size, style) = self.view.fit();
        let run = session.run.training();
        let key = self.view.background_key(session.id.into(), size, &style);
        let text = &self.view.text;
        let frame = self
            .layer
            .refresh(key, size, "fit view has no frame", |area| {
                training::draw_background(area, run, &style, text)
            })?;
        let (pieces, highlight) = (self.pieces, self.highlight);
        self.view.draw_front(|area, text| {
            if pieces {
                training::draw_pieces(area, &frame, run, &style, highlight)?;
            }
            training::draw_foreground(area, &frame, run, &style, text)
        })
    }
}

view_settings!(
    FitView,
    "Sets a word drawn in the chart (`x_axis`, `y_axis`, `data`, `network`, `initial`, `off_chart`)."
);

#[wasm_bindgen]
impl LossView {
    /// Draws the loss history of a training session (one point per epoch).
    #[wasm_bindgen(js_name = drawTraining)]
    pub fn draw_training(&mut self, session: &TrainingSession) -> Result<(), JsError> {
        let training = session.run.training();
        self.draw_history(training.history(), training.epochs(), training.diverged())
    }
}

/// The network as a diagram: its units and its weights as edges.
#[wasm_bindgen]
#[derive(Debug)]
pub struct NetworkView {
    view: View<FitText>,
    highlight: Option<usize>,
}

#[wasm_bindgen]
impl NetworkView {
    /// A view drawing on `canvas`.
    #[wasm_bindgen(constructor)]
    pub fn new(canvas: HtmlCanvasElement) -> NetworkView {
        Self {
            view: View::new(canvas),
            highlight: None,
        }
    }

    /// The first hidden layer's unit to ring (absent: none).
    #[wasm_bindgen(js_name = setHighlight)]
    pub fn set_highlight(&mut self, unit: Option<u32>) {
        self.highlight = unit.map(|u| u as usize);
    }

    /// Projector mode: thicker lines.
    #[wasm_bindgen(js_name = setPresent)]
    pub fn set_present(&mut self, on: bool) {
        self.view.present = on;
    }

    /// Draws the session's network with its current weights.
    pub fn draw(&mut self, session: &TrainingSession) -> Result<(), JsError> {
        let (_, style) = self.view.fit();
        let highlight = self.highlight;
        self.view.draw_front(|area, _| {
            training::draw_diagram(area, session.run.training(), &style, highlight)
        })
    }
}
