//! Files in and out: downloads built from text, and reading a chosen file with a size cap
//! checked before a single byte is read.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Offers `text` as a download named `filename`. Returns false when the browser refused.
pub fn download(filename: &str, text: &str, mime: &str) -> bool {
    download_inner(filename, text, mime).is_ok()
}

fn download_inner(filename: &str, text: &str, mime: &str) -> Result<(), JsValue> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(filename);
    a.set_hidden(true);
    let body = document.body().ok_or("no body")?;
    body.append_child(&a)?;
    a.click();
    body.remove_child(&a)?;
    // Revoke later: some browsers start the download asynchronously.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    }
    Ok(())
}

/// Why a chosen file could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum FileReadError {
    /// Larger than the cap, in bytes; nothing was read.
    TooLarge { bytes: f64, max: usize },
    /// The browser could not read it.
    Unreadable,
}

/// Reads a chosen file as text, refusing files over `max_bytes` before reading them.
pub async fn read_text(file: &web_sys::File, max_bytes: usize) -> Result<String, FileReadError> {
    let size = file.size();
    if size > max_bytes as f64 {
        return Err(FileReadError::TooLarge { bytes: size, max: max_bytes });
    }
    let text = JsFuture::from(file.text()).await.map_err(|_| FileReadError::Unreadable)?;
    text.as_string().ok_or(FileReadError::Unreadable)
}

/// The files chosen in an `<input type="file">`.
pub fn chosen_files(input: &web_sys::HtmlInputElement) -> Vec<web_sys::File> {
    let Some(list) = input.files() else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}
