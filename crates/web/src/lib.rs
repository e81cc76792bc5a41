//! The wasm-bindgen layer of Descent: what JavaScript sees.
//!
//! Thin by design: it converts arguments, delegates to `descent-core` for the
//! math and to `descent-plot` for the pictures, and reports bad input as a
//! `JsError`. Long-lived state (a run, a chart's cached background) lives here
//! behind opaque handles; JavaScript owns the animation loop and asks for
//! small values each frame. Nothing copies a whole history across the
//! boundary.
//!
//! One crate, two modules: with the default feature `chapter` it is the
//! page's module (the chapter's four scenes); with `compare` alone it is the
//! comparison scene's module, which `crates/web-compare` builds and the page
//! loads only when that scene opens. What both need (the layers, the CSS
//! boxes, the views, the panic hook) is built into each.

use wasm_bindgen::prelude::*;

mod charts;
pub mod fatal;
mod layer;
pub mod scenes;
mod surface;
mod view;

#[cfg(feature = "chapter")]
pub use charts::loss::LossView;
#[cfg(feature = "compare")]
pub use scenes::compare::{CompareLossView, CompareSession, CompareView, SweepView};
#[cfg(feature = "chapter")]
pub use scenes::descent::{CurveView, DescentSession};

/// Runs once when the module loads: a panic shows a visible message on the
/// page instead of freezing the canvas.
#[wasm_bindgen(start)]
pub fn start() {
    fatal::install_panic_hook();
}

/// The curves a session can descend, by name.
#[cfg(feature = "chapter")]
#[wasm_bindgen(js_name = curveNames)]
pub fn curve_names() -> Vec<String> {
    descent_core::Curve::NAMES
        .iter()
        .map(|n| (*n).to_owned())
        .collect()
}

/// A fresh random seed from the browser's crypto source.
#[cfg(feature = "chapter")]
#[wasm_bindgen(js_name = randomSeed)]
pub fn random_seed() -> Result<u32, JsError> {
    let mut bytes = [0u8; 4];
    getrandom::fill(&mut bytes).map_err(|e| JsError::new(&format!("no random source: {e}")))?;
    Ok(u32::from_le_bytes(bytes) % 1_000_000)
}
