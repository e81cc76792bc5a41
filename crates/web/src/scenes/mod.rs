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

use descent_core::FormulaError;
use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;

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
