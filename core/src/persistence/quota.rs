//! How full the origin's storage is, estimated in characters (localStorage holds about
//! 5,000,000 UTF-16 units per origin). Pure arithmetic; reading the store is the vault's.

use crate::Lang;
use crate::error::UserMessage;

/// What browsers give localStorage per origin, in UTF-16 characters (keys plus values).
pub const CAPACITY_CHARS: usize = 5_000_000;
/// Warn from this fraction of the capacity.
pub const WARN_RATIO: f64 = 0.70;
/// Call storage full from this fraction (writes are likely to start failing).
pub const FULL_RATIO: f64 = 0.95;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum QuotaLevel {
    Ok,
    /// 70% or more: offer export and compaction.
    Warn,
    /// 95% or more, or a write was refused for quota.
    Full,
}

impl QuotaLevel {
    /// CSS modifier for the banner.
    pub fn class(self) -> &'static str {
        match self {
            QuotaLevel::Ok => "quota--ok",
            QuotaLevel::Warn => "quota--warn",
            QuotaLevel::Full => "quota--full",
        }
    }
}

/// Storage use: characters used by every key of the origin (ours and others').
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QuotaState {
    pub used_chars: usize,
    pub capacity_chars: usize,
    /// `used / capacity`, in 0.0..=1.0 or above when the estimate is off.
    pub ratio: f64,
    pub level: QuotaLevel,
}

impl QuotaState {
    pub fn of(used_chars: usize) -> QuotaState {
        QuotaState::with_capacity(used_chars, CAPACITY_CHARS)
    }

    pub fn with_capacity(used_chars: usize, capacity_chars: usize) -> QuotaState {
        let ratio = used_chars as f64 / capacity_chars.max(1) as f64;
        let level = if ratio >= FULL_RATIO {
            QuotaLevel::Full
        } else if ratio >= WARN_RATIO {
            QuotaLevel::Warn
        } else {
            QuotaLevel::Ok
        };
        QuotaState { used_chars, capacity_chars, ratio, level }
    }

    /// After the browser refused a write for quota, whatever the estimate says.
    pub fn refused(self) -> QuotaState {
        QuotaState { level: QuotaLevel::Full, ..self }
    }

    /// Whole percent used, for display.
    pub fn percent(&self) -> u32 {
        (self.ratio * 100.0).round().clamp(0.0, 999.0) as u32
    }
}

impl UserMessage for QuotaState {
    fn message(&self, lang: Lang) -> String {
        let p = self.percent();
        match (self.level, lang) {
            (QuotaLevel::Ok, Lang::En) => format!("Storage used: {p}%."),
            (QuotaLevel::Ok, Lang::Es) => format!("Espacio usado: {p}%."),
            (QuotaLevel::Warn, Lang::En) => format!("Storage is {p}% full. Export a copy, and consider summarising old history to make room."),
            (QuotaLevel::Warn, Lang::Es) => format!("El espacio está al {p}%. Exporta una copia y considera resumir el historial antiguo para hacer sitio."),
            (QuotaLevel::Full, Lang::En) => "Storage is full. Nothing already saved was lost, but new answers cannot be saved until there is room: export a copy, then summarise old history.".into(),
            (QuotaLevel::Full, Lang::Es) => "El espacio está lleno. No se perdió nada de lo guardado, pero las nuevas respuestas no se pueden guardar hasta que haya sitio: exporta una copia y luego resume el historial antiguo.".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels() {
        assert_eq!(QuotaState::of(0).level, QuotaLevel::Ok);
        assert_eq!(QuotaState::of(3_499_999).level, QuotaLevel::Ok);
        assert_eq!(QuotaState::of(3_500_000).level, QuotaLevel::Warn);
        assert_eq!(QuotaState::of(4_750_000).level, QuotaLevel::Full);
        assert_eq!(QuotaState::of(10).refused().level, QuotaLevel::Full);
        assert_eq!(QuotaState::of(3_500_000).percent(), 70);
        assert_ne!(QuotaState::of(4_000_000).message(Lang::En), QuotaState::of(4_000_000).message(Lang::Es));
    }
}
