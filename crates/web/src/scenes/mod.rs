//! One module per scene: the handles JavaScript holds and the views that draw them.
//! The chapter's four scenes are the page's module (feature `chapter`); the
//! comparison is a module of its own (feature `compare`, built by
//! `crates/web-compare`), so the chapter's scenes never download it.

#[cfg(feature = "chapter")]
pub mod backprop;
#[cfg(feature = "compare")]
pub mod compare;
#[cfg(feature = "chapter")]
pub mod descent;
#[cfg(feature = "chapter")]
pub mod loss;
#[cfg(feature = "chapter")]
pub mod training;

use std::cell::Cell;

use descent_core::FormulaError;
use js_sys::{Object, Reflect};
use wasm_bindgen::{JsError, JsValue};

thread_local! {
    /// Numbers every curve or landscape a session takes, so a view knows
    /// when its cached picture is out of date (two typed curves share the
    /// name `formula`).
    static TAKEN: Cell<u32> = const { Cell::new(0) };
}

/// A number no curve or landscape taken before has had.
pub(crate) fn next_id() -> u32 {
    TAKEN.with(|c| {
        c.set(c.get().wrapping_add(1));
        c.get()
    })
}

/// A learning rate as every session takes it: finite and ≥ 0.
pub(crate) fn learning_rate(value: f64) -> Result<f64, JsError> {
    if value.is_finite() && value >= 0.0 {
        Ok(value)
    } else {
        Err(JsError::new(&format!(
            "learning rate: must be a finite number ≥ 0 (got {value})"
        )))
    }
}

/// A formula error as a plain object: `{ code, position, detail }` (the
/// comparison's formula box and 3.2's show it the same way).
pub(crate) fn error_object(error: &FormulaError) -> JsValue {
    let object = Object::new();
    let set = |key: &str, value: JsValue| {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&object, &JsValue::from_str(key), &value);
    };
    set("code", JsValue::from_str(error.kind.code()));
    set("position", JsValue::from_f64(error.position as f64));
    set(
        "detail",
        error
            .kind
            .detail()
            .map_or(JsValue::NULL, |d| JsValue::from_str(&d)),
    );
    object.into()
}
