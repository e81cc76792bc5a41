//! The loss-vs-step plot on a page canvas, shared by the scenes. Each
//! scene module adds the method that draws its own session's history
//! (`draw` in `scenes/descent`, `drawTraining` in `scenes/training`), so
//! this module knows no scene.

use descent_core::LossHistory;
use descent_plot::loss_plot::{self, LossView as LossRanges};
use descent_plot::SceneText;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use crate::charts::draw_error;
use crate::charts::settle::{LossRangesKey, Settled};
use crate::layer::Layer;
use crate::view::{view_settings, View};

/// The loss-vs-step plot on a page canvas. The background holds the axes
/// and the history's settled buckets (closed ones, which no longer change);
/// the front holds the few buckets after them and the current point.
#[wasm_bindgen]
#[derive(Debug)]
pub struct LossView {
    view: View<SceneText>,
    layer: Layer<(LossRangesKey, bool, u32)>,
    /// The buckets drawn on the background.
    settled: Settled,
    /// The top of the loss axis as last drawn (1 before the first draw).
    top: f64,
}

#[wasm_bindgen]
impl LossView {
    /// A view drawing on `canvas`, with what does not move on
    /// `background`, a canvas the page stacks under it.
    #[wasm_bindgen(constructor)]
    pub fn new(canvas: HtmlCanvasElement, background: HtmlCanvasElement) -> LossView {
        Self {
            view: View::new(canvas),
            layer: Layer::new(background),
            settled: Settled::default(),
            top: 1.0,
        }
    }

    /// The top of the loss axis as last drawn, a power of ten: it rises a
    /// decade at a time as the loss climbs (1 before the first draw).
    #[wasm_bindgen(getter, js_name = topLoss)]
    pub fn top_loss(&self) -> f64 {
        self.top
    }
}

view_settings!(
    LossView,
    "Sets a word drawn in the chart (`step_axis`, `loss_axis`, `off_chart`)."
);

/// A loss history as CSV: `step,loss,min,max`, one row per kept bucket
/// (every step while the run is short; for long runs each row covers several
/// steps, with the lowest and highest loss among them).
pub(crate) fn history_csv(history: &LossHistory) -> String {
    let mut csv = String::from("step,loss,min,max\n");
    for b in history.buckets() {
        csv.push_str(&format!("{},{},{},{}\n", b.last_step, b.last, b.min, b.max));
    }
    csv
}

impl LossView {
    /// Draws `history`, whose last step is `steps`; a run that `diverged`
    /// ends in an arrow up.
    pub(crate) fn draw_history(
        &mut self,
        history: &LossHistory,
        steps: u64,
        diverged: bool,
    ) -> Result<(), JsError> {
        let (size, style) = self.view.fit();
        let view = LossRanges::new(history, steps, size);
        self.top = view.top;
        let key = (
            LossRangesKey::of(&view, &style),
            self.view.present,
            self.view.text_version,
        );
        if !self.settled.holds(history) {
            // A reset, or buckets merged as the run grew: redraw it all.
            self.layer.invalidate();
        }
        let text = &self.view.text;
        let settled = &mut self.settled;
        let redrawn = self.layer.refresh(key, size, |area| {
            loss_plot::draw_background(area, &view, &style, text).map_err(draw_error)?;
            let range = settled.restart(history);
            loss_plot::draw_history(area, &view, history, range, &style).map_err(draw_error)
        })?;
        if redrawn.is_none() {
            if let Some(range) = self.settled.due(history) {
                self.layer.extend(|area| {
                    loss_plot::draw_history(area, &view, history, range, &style).map_err(draw_error)
                })?;
            }
        }
        let from = self.settled.len();
        self.view.draw_front(|area, text| {
            loss_plot::draw_foreground(area, &view, history, from, diverged, &style, text)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::history_csv;
    use descent_core::LossHistory;

    #[test]
    fn csv_has_a_header_and_one_row_per_step_while_short() {
        let mut history = LossHistory::with_capacity(8);
        for (step, loss) in [(0, 4.0), (1, 2.5), (2, 1.25)] {
            history.push(step, loss);
        }
        assert_eq!(
            history_csv(&history),
            "step,loss,min,max\n0,4,4,4\n1,2.5,2.5,2.5\n2,1.25,1.25,1.25\n"
        );
    }

    #[test]
    fn long_histories_keep_fewer_rows_each_with_its_range() {
        let mut history = LossHistory::with_capacity(8);
        for step in 0..100 {
            history.push(step, 100.0 - step as f64);
        }
        let csv = history_csv(&history);
        let rows: Vec<Vec<f64>> = csv
            .lines()
            .skip(1)
            .map(|row| row.split(',').filter_map(|v| v.parse().ok()).collect())
            .collect();
        assert!(rows.len() <= 8 && rows.len() > 1, "{csv}");
        assert_eq!(rows.last().map(|r| r[0]), Some(99.0));
        for row in &rows {
            assert!(row[2] <= row[1] && row[1] <= row[3], "{csv}");
        }
    }
}
