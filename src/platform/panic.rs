//! The panic hook. A panic in release must never leave a blank page or touch stored data:
//! the hook replaces the page with a calm recovery screen built from plain DOM calls (the
//! reactive system may be broken by then), offers a reload and a download of the saved
//! data (read-only: it only reads localStorage), and logs the panic to the console.

use wasm_bindgen::JsValue;

/// Installs the hook. Call first thing in `main`.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        // Everything below is best effort; a failure here must not panic again.
        let _ = show_recovery_screen();
    }));
}

struct Texts {
    title: &'static str,
    body: &'static str,
    reload: &'static str,
    download: &'static str,
}

const EN: Texts = Texts {
    title: "Something went wrong",
    body: "Waypoint hit a problem and stopped. Your saved progress on this device was not changed. Reloading usually fixes it. If it keeps happening, download a copy of your saved data and show it to a grown-up.",
    reload: "Reload Waypoint",
    download: "Download a copy of my saved data",
};
const ES: Texts = Texts {
    title: "Algo salió mal",
    body: "Waypoint tuvo un problema y se detuvo. Tu progreso guardado en este dispositivo no cambió. Volver a cargar suele arreglarlo. Si sigue pasando, descarga una copia de tus datos guardados y enséñasela a una persona adulta.",
    reload: "Volver a cargar Waypoint",
    download: "Descargar una copia de mis datos guardados",
};

fn show_recovery_screen() -> Result<(), JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let lang = document.document_element().and_then(|e| e.get_attribute("lang")).unwrap_or_default();
    let t = if lang.starts_with("es") { &ES } else { &EN };
    let body = document.body().ok_or("no body")?;

    let main = document.create_element("main")?;
    main.set_class_name("recovery");
    main.set_attribute("role", "alert")?;
    let h1 = document.create_element("h1")?;
    h1.set_text_content(Some(t.title));
    let p = document.create_element("p")?;
    p.set_text_content(Some(t.body));
    let reload = document.create_element("a")?;
    reload.set_text_content(Some(t.reload));
    reload.set_class_name("button button--primary");
    reload.set_attribute("href", &window.location().href()?)?;
    main.append_child(&h1)?;
    main.append_child(&p)?;
    main.append_child(&reload)?;

    if let Ok(url) = saved_data_url() {
        let a = document.create_element("a")?;
        a.set_text_content(Some(t.download));
        a.set_class_name("button");
        a.set_attribute("href", &url)?;
        a.set_attribute("download", "waypoint-rescue.json")?;
        main.append_child(&a)?;
    }
    body.replace_children_with_node_1(&main);
    let _ = h1.set_attribute("tabindex", "-1");
    Ok(())
}

/// A blob URL with every Waypoint key in localStorage, as JSON, for the rescue download.
fn saved_data_url() -> Result<String, JsValue> {
    let storage = web_sys::window().ok_or("no window")?.local_storage()?.ok_or("no storage")?;
    let keys = js_sys::Object::new();
    for i in 0..storage.length()? {
        if let Some(k) = storage.key(i)?
            && k.starts_with("waypoint")
            && let Some(v) = storage.get_item(&k)?
        {
            js_sys::Reflect::set(&keys, &JsValue::from_str(&k), &JsValue::from_str(&v))?;
        }
    }
    let doc = js_sys::Object::new();
    js_sys::Reflect::set(&doc, &"format".into(), &"waypoint-rescue".into())?;
    js_sys::Reflect::set(&doc, &"keys".into(), &keys)?;
    let text = js_sys::JSON::stringify(&doc)?;
    let parts = js_sys::Array::of1(&text);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)?;
    web_sys::Url::create_object_url_with_blob(&blob)
}
