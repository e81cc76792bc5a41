//! Visible failure: a panic writes its message into the page's `#fatal`
//! element (and the console) so the user sees that something broke.

use wasm_bindgen::JsCast;

/// Installs the hook (once, at start-up).
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&message.as_str().into());
        show(&message);
    }));
}

/// Shows `message` in the page's `#fatal` element, if there is one.
pub fn show(message: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("fatal"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let detail = element
            .query_selector("[data-detail]")
            .ok()
            .flatten()
            .unwrap_or_else(|| element.clone().into());
        detail.set_text_content(Some(message));
        element.set_hidden(false);
    }
}
