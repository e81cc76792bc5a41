//! The wasm layer in a real browser: sessions, errors and pixels on a canvas.

#![cfg(target_arch = "wasm32")]

use descent_web::{CurveView, DescentSession, LossView};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

fn canvas(width: u32, height: u32) -> HtmlCanvasElement {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let canvas: HtmlCanvasElement = document
        .create_element("canvas")
        .expect("canvas")
        .dyn_into()
        .expect("a canvas element");
    canvas
        .set_attribute(
            "style",
            &format!("width:{width}px;height:{height}px;display:block"),
        )
        .expect("style");
    document
        .body()
        .expect("body")
        .append_child(&canvas)
        .expect("attached");
    canvas
}

/// A chart as the page stacks it: (front, background).
fn chart(width: u32, height: u32) -> (HtmlCanvasElement, HtmlCanvasElement) {
    (canvas(width, height), canvas(width, height))
}

/// The canvas's 2D context.
fn context(canvas: &HtmlCanvasElement) -> CanvasRenderingContext2d {
    canvas
        .get_context("2d")
        .expect("context")
        .expect("2d")
        .dyn_into()
        .expect("2d context")
}

/// RGBA of backend pixel (x, y).
fn pixel(canvas: &HtmlCanvasElement, x: f64, y: f64) -> [u8; 4] {
    let context = context(canvas);
    let data = context
        .get_image_data(x, y, 1.0, 1.0)
        .expect("pixels")
        .data();
    [data[0], data[1], data[2], data[3]]
}

/// How many backend pixels are neither white nor transparent.
fn ink(canvas: &HtmlCanvasElement) -> usize {
    let context = context(canvas);
    let (w, h) = (f64::from(canvas.width()), f64::from(canvas.height()));
    let data = context
        .get_image_data(0.0, 0.0, w, h)
        .expect("pixels")
        .data();
    data.chunks(4)
        .filter(|p| p[3] > 0 && (p[0] < 240 || p[1] < 240 || p[2] < 240))
        .count()
}

#[wasm_bindgen_test]
fn sessions_step_retune_and_refuse_bad_input() {
    let mut session = DescentSession::new("bowl", Some(1.0), 0.25).expect("session");
    assert_eq!(session.step(4), 4);
    assert!(
        (session.w() - 0.5f64.powi(4)).abs() < 1e-15,
        "w ← (1 − η·a)·w with a = 2"
    );
    let w = session.w();
    session.set_learning_rate(0.75).expect("a valid η");
    assert_eq!(session.w(), w, "re-tuning keeps the position");
    assert_eq!(session.regime(), "oscillating");
    assert!(session.set_learning_rate(-1.0).is_err());
    assert!(session.set_learning_rate(f64::NAN).is_err());
    assert!(DescentSession::new("saddle", None, 0.1).is_err());
    session.set_learning_rate(3.0).expect("a valid η");
    session.step(10_000);
    assert!(session.diverged());
    assert_eq!(session.regime(), "diverging");
    assert!(session.w().is_finite());
    session.reset(None);
    assert!(!session.diverged());
    assert_eq!(session.steps(), 0.0);
}

#[wasm_bindgen_test]
fn a_typed_curve_takes_over_and_a_bad_one_leaves_the_run_alone() {
    let mut session = DescentSession::new("bowl", Some(1.0), 0.1).expect("session");
    assert!(session.set_formula("2*w^2", None).is_null());
    assert_eq!(session.curve(), "formula");
    assert_eq!(session.formula().as_deref(), Some("2*w^2"));
    assert_eq!(session.w(), 2.0, "the typed curves' start");
    assert_eq!(
        session.critical_learning_rate(),
        Some(0.5),
        "η* = 2/L″ = 2/4"
    );
    assert_eq!(session.learning_rate(), 0.1, "η is kept");
    session.step(3);
    let error = session.set_formula("2*w^2 + )", Some(1.0));
    let code = js_sys::Reflect::get(&error, &"code".into()).expect("code");
    let position = js_sys::Reflect::get(&error, &"position".into()).expect("position");
    assert_eq!(code.as_string().as_deref(), Some("unexpected_token"));
    assert_eq!(position.as_f64(), Some(8.0));
    assert_eq!(
        session.formula().as_deref(),
        Some("2*w^2"),
        "the curve stays"
    );
    assert_eq!(session.steps(), 3.0, "and the run");
    assert!(session.set_formula("-w^2", None).is_null());
    assert_eq!(session.critical_learning_rate(), None);
    assert_eq!(session.minimum_count(), 0);
    assert!(session.no_minimum());
}

#[wasm_bindgen_test]
fn the_ball_is_drawn_where_the_session_is() {
    let (canvas, background) = chart(640, 360);
    let mut view = CurveView::new(canvas.clone(), background.clone());
    let mut session = DescentSession::new("bumpy", Some(2.1), 0.05).expect("session");
    session.step(2);
    view.draw(&session, 1.0).expect("draws");
    assert!(canvas.width() >= 640, "backing store sized to the CSS box");
    assert_eq!(
        (background.width(), background.height()),
        (canvas.width(), canvas.height()),
        "both layers at the same resolution"
    );
    assert!(ink(&background) > 5_000, "axes and curve are drawn behind");
    assert_eq!(
        pixel(&canvas, 1.0, 1.0)[3],
        0,
        "the front layer is transparent where nothing moves"
    );
    let front_ink = ink(&canvas);
    assert!(
        (200..20_000).contains(&front_ink),
        "only the ball, its trail and tangent are in front ({front_ink})"
    );
    // The ball's centre is ball-coloured (orange: red high, blue low).
    let found = (0..640)
        .step_by(2)
        .flat_map(|x| (0..360).step_by(2).map(move |y| (x, y)))
        .map(|(x, y)| pixel(&canvas, f64::from(x), f64::from(y)))
        .any(|[r, g, b, _]| r > 200 && (130..190).contains(&g) && b < 40);
    assert!(found, "an orange ball is on the canvas");
    // Picking a point: the weight under the left plot edge is the view's low end.
    let low = view.weight_at(0.0).expect("a frame exists after drawing");
    assert!((low - session.view_low()).abs() < 1e-9);
}

#[wasm_bindgen_test]
fn a_diverged_run_still_draws_both_charts() {
    let (curve_canvas, curve_background) = chart(480, 270);
    let (loss_canvas, loss_background) = chart(480, 270);
    let mut session = DescentSession::new("data-mse", None, 10.0).expect("session");
    session.step(1000);
    assert!(session.diverged());
    CurveView::new(curve_canvas.clone(), curve_background.clone())
        .draw(&session, 0.5)
        .expect("draws");
    LossView::new(loss_canvas.clone(), loss_background.clone())
        .draw(&session)
        .expect("draws");
    assert!(ink(&curve_background) > 3_000);
    assert!(ink(&loss_background) > 3_000);
    assert!(
        ink(&curve_canvas) > 100,
        "the ball, off the chart, is marked"
    );
    assert!(ink(&loss_canvas) > 500, "the climbing loss is drawn");
}

#[wasm_bindgen_test]
fn a_failure_is_shown_on_the_page() {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let banner = document.create_element("div").expect("div");
    banner.set_id("fatal");
    banner.set_attribute("hidden", "").expect("hidden at first");
    banner.set_inner_html("<p>Something broke.</p><pre data-detail></pre>");
    document
        .body()
        .expect("body")
        .append_child(&banner)
        .expect("attached");
    descent_web::fatal::show("panicked at descent.rs:1: the message");
    assert!(!banner.has_attribute("hidden"), "the banner is shown");
    let detail = banner
        .query_selector("[data-detail]")
        .expect("query")
        .expect("detail");
    assert_eq!(
        detail.text_content().as_deref(),
        Some("panicked at descent.rs:1: the message")
    );
    assert!(
        banner
            .text_content()
            .is_some_and(|t| t.contains("Something broke.")),
        "the page's own words stay"
    );
}
