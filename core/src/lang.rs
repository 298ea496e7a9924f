//! The languages Waypoint ships. Domain text (item prompts, hints, reasons, error
//! messages) is produced for a `Lang`; the UI's own strings live in the app's i18n layer.

use serde::{Deserialize, Serialize};

/// A language Waypoint ships, English and Spanish.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Es,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    /// BCP 47 tag, as used by `<html lang>` and SpeechSynthesis.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    /// Parses a BCP 47 tag or prefix ("es", "es-MX"); unknown tags give `None`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "es" => Some(Lang::Es),
            _ => None,
        }
    }

    /// `x` with `places` decimals, written as this language writes numbers: a decimal
    /// point in English ("2.5"), a comma in Spanish ("2,5").
    pub fn decimal(self, x: f64, places: usize) -> String {
        let text = format!("{x:.places$}");
        match self {
            Lang::En => text,
            Lang::Es => text.replace('.', ","),
        }
    }

    /// [`Lang::decimal`] without trailing zeros: "2.5", "3" (not "3.0").
    pub fn short_decimal(self, x: f64, places: usize) -> String {
        let text = self.decimal(x, places);
        if text.contains(['.', ',']) { text.trim_end_matches('0').trim_end_matches(['.', ',']).to_string() } else { text }
    }

    /// Picks the text for this language.
    pub fn pick<'a>(self, en: &'a str, es: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Es => es,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip_and_regions_are_ignored() {
        for l in Lang::ALL {
            assert_eq!(Lang::from_tag(l.tag()), Some(l));
        }
        assert_eq!(Lang::from_tag("es-MX"), Some(Lang::Es));
        assert_eq!(Lang::from_tag("EN_gb"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr"), None);
        assert_eq!(Lang::from_tag(""), None);
    }

    #[test]
    fn numbers_are_written_with_the_languages_decimal_separator() {
        assert_eq!(Lang::En.decimal(12.25, 1), "12.2");
        assert_eq!(Lang::Es.decimal(12.35, 1), "12,3");
        assert_eq!(Lang::Es.decimal(0.0, 1), "0,0");
        assert_eq!(Lang::En.decimal(7.0, 0), "7");
        assert_eq!(Lang::Es.short_decimal(2.5, 1), "2,5");
        assert_eq!(Lang::Es.short_decimal(3.0, 1), "3");
        assert_eq!(Lang::En.short_decimal(10.0, 1), "10");
        assert_eq!(Lang::En.short_decimal(10.0, 0), "10");
        assert_eq!(Lang::En.short_decimal(0.04, 1), "0");
    }
}
