//! The one place that knows about device pixels: a canvas's backing store is
//! sized to its CSS box times `devicePixelRatio`, and that ratio becomes the
//! drawing [`Style`]'s scale.

//!
//! A canvas's CSS box is read from the layout once, then kept up to date by
//! a `ResizeObserver` (which runs after the browser's own layout): a frame
//! that draws never forces a layout of its own.

use std::cell::OnceCell;

use descent_plot::Style;
use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlCanvasElement, ResizeObserver, ResizeObserverEntry};

/// The property on a canvas that holds its last observed CSS box, `[w, h]`.
const BOX: &str = "descentCssBox";

thread_local! {
    static OBSERVER: OnceCell<Option<ResizeObserver>> = const { OnceCell::new() };
}

/// Records `element`'s CSS box (client width and height, whole pixels).
fn remember(element: &Element) -> (i32, i32) {
    let size = (element.client_width(), element.client_height());
    let value = Array::of2(&size.0.into(), &size.1.into());
    // A canvas always takes an expando property; nothing to do if it would not.
    let _ = Reflect::set(element, &JsValue::from_str(BOX), &value);
    size
}

/// The observer that keeps every fitted canvas's box current.
fn observer() -> Option<ResizeObserver> {
    OBSERVER.with(|cell| {
        cell.get_or_init(|| {
            let callback = Closure::<dyn FnMut(Array)>::new(|entries: Array| {
                for entry in entries.iter() {
                    if let Ok(entry) = entry.dyn_into::<ResizeObserverEntry>() {
                        remember(&entry.target());
                    }
                }
            });
            let observer = ResizeObserver::new(callback.as_ref().unchecked_ref()).ok();
            // One observer for the page's lifetime: its callback lives as long.
            callback.forget();
            observer
        })
        .clone()
    })
}

/// `canvas`'s CSS box: as last observed, or read now (once) and observed from then on.
fn css_box(canvas: &HtmlCanvasElement) -> (i32, i32) {
    let cached = Reflect::get(canvas, &JsValue::from_str(BOX))
        .ok()
        .and_then(|v| v.dyn_into::<Array>().ok())
        .and_then(|a| Some((a.get(0).as_f64()?, a.get(1).as_f64()?)));
    if let Some((w, h)) = cached {
        return (w as i32, h as i32);
    }
    if let Some(observer) = observer() {
        observer.observe(canvas);
    }
    remember(canvas)
}

/// Sizes `canvas`'s backing store for its CSS box and the screen's pixel
/// ratio; returns the backend size and the style to draw with. A canvas with
/// no layout box (hidden) keeps at least 1×1 pixels.
pub fn fit(canvas: &HtmlCanvasElement, present: bool) -> ((u32, u32), Style) {
    let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
    let style = Style::new(ratio, present);
    let (width, height) = css_box(canvas);
    let css = (width.max(1), height.max(1));
    let size = (
        (f64::from(css.0) * style.scale).round() as u32,
        (f64::from(css.1) * style.scale).round() as u32,
    );
    if canvas.width() != size.0 {
        canvas.set_width(size.0);
    }
    if canvas.height() != size.1 {
        canvas.set_height(size.1);
    }
    (size, style)
}

/// Backend pixels per CSS pixel of `canvas` as last fitted.
pub fn scale_of(canvas: &HtmlCanvasElement) -> f64 {
    let css = f64::from(css_box(canvas).0.max(1));
    f64::from(canvas.width()) / css
}
