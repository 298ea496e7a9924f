//! Reading aloud through the browser's SpeechSynthesis, in the current language. Where the
//! browser has no speech (or no voice for the language) the caller hides the button.

use waypoint_core::Lang;

fn synth() -> Option<web_sys::SpeechSynthesis> {
    web_sys::window()?.speech_synthesis().ok()
}

/// Whether this browser can read aloud at all.
pub fn is_available() -> bool {
    synth().is_some()
}

/// Speaks `text` in `lang`, replacing anything still being spoken. Returns false when the
/// browser refused.
pub fn speak(text: &str, lang: Lang) -> bool {
    let Some(s) = synth() else { return false };
    s.cancel();
    let Ok(u) = web_sys::SpeechSynthesisUtterance::new_with_text(text) else { return false };
    u.set_lang(match lang {
        Lang::En => "en-US",
        Lang::Es => "es-ES",
    });
    // A little slower than the default, for young listeners.
    u.set_rate(0.9);
    s.speak(&u);
    true
}

/// Stops speaking (leaving a page, answering).
pub fn stop() {
    if let Some(s) = synth() {
        s.cancel();
    }
}
