//! Fresh randomness for new ids and session seeds, from the browser's crypto API.
//! The core never draws randomness itself; it is handed seeds made here.

/// 64 random bits from `crypto.getRandomValues`, falling back to `Math.random` where the
/// crypto API is missing (ids only need to be unlikely to collide on one device).
pub fn random_u64() -> u64 {
    let mut buf = [0u8; 8];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.get_random_values_with_u8_array(&mut buf).is_ok())
        .unwrap_or(false);
    if filled {
        u64::from_le_bytes(buf)
    } else {
        let hi = (js_sys::Math::random() * 4_294_967_296.0) as u64;
        let lo = (js_sys::Math::random() * 4_294_967_296.0) as u64;
        (hi << 32) | lo
    }
}
