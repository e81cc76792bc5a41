//! The one place that knows about device pixels: a canvas's backing store is
//! sized to its CSS box times `devicePixelRatio`, and that ratio becomes the
//! drawing [`Style`]'s scale.

use descent_plot::Style;
use web_sys::HtmlCanvasElement;

/// Sizes `canvas`'s backing store for its CSS box and the screen's pixel
/// ratio; returns the backend size and the style to draw with. A canvas with
/// no layout box (hidden) keeps at least 1×1 pixels.
pub fn fit(canvas: &HtmlCanvasElement, present: bool) -> ((u32, u32), Style) {
    let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
    let style = Style::new(ratio, present);
    let css = (canvas.client_width().max(1), canvas.client_height().max(1));
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
    let css = f64::from(canvas.client_width().max(1));
    f64::from(canvas.width()) / css
}
