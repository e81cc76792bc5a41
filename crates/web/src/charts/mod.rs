//! Charts shared by several scenes, and helpers for every view.

use wasm_bindgen::JsError;

#[cfg(feature = "chapter")]
pub mod loss;
pub(crate) mod settle;

#[allow(
    clippy::needless_pass_by_value,
    reason = "a `map_err` callback takes the error by value"
)]
pub(crate) fn draw_error(e: descent_plot::DrawError) -> JsError {
    JsError::new(&e.to_string())
}
