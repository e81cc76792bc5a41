//! Charts shared by several scenes, and helpers for every view.

use descent_plot::SceneText;
use wasm_bindgen::JsError;

pub mod loss;

#[allow(
    clippy::needless_pass_by_value,
    reason = "a `map_err` callback takes the error by value"
)]
pub(crate) fn draw_error(e: descent_plot::DrawError) -> JsError {
    JsError::new(&e.to_string())
}

/// Sets one chart word; unknown keys are refused.
pub(crate) fn set_text(text: &mut SceneText, key: &str, value: &str) -> Result<(), JsError> {
    if text.set(key, value) {
        Ok(())
    } else {
        Err(JsError::new(&format!("chart text: unknown key {key:?}")))
    }
}
