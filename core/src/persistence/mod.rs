//! The save-file schema and how it is stored: versioned envelopes, the migration ladder,
//! crash-safe generations over a key-value store, compact history, export and import.
//! Pure: the browser's localStorage is one implementation of `KeyValueStore`, in the app's
//! platform layer. Must not import any browser crate or read a clock: `now` is a parameter.
//!
//! # The facade
//! `Vault::open(store, now) -> (Vault, Vec<Notice>)` reads and repairs; then
//! `device()`, `put_learner`, `remove_learner`, `save_device`, `save_sections` /
//! `section` (named JSON sections owned by other areas, kept untouched),
//! `append_attempt` (returns the stored attempt and what was written), `tidy` (for idle
//! moments: folds a long patch, files the newest attempts), `history`,
//! `quota`, `compaction_candidates` / `compact_history`, `export_device` /
//! `export_learner` / `mark_exported` / `export_reminder_due` / `dismiss_export_reminder`,
//! `preview_import` / `apply_import(preview, Merge | Replace)` / `undo_import`,
//! `quarantined` / `export_raw` / `clear_quarantine`, `start_over` (unreadable data, after
//! consent), `reload` / `on_storage_event` (another tab wrote). Every error is a `PersistError`
//! with English and Spanish messages; every problem found is a `Notice`.
//! `device::{load_device, save_device}` remain as the start screen's simple entry points.
//!
//! # Key layout (see `keys`)
//! ```text
//! waypoint:device                    pointer "wp3:<gen>:<prev>:<crc>" to the device record
//! waypoint:device@<gen>              "<crc32>.<saved_at ms>.<JSON envelope>" (two kept)
//! waypoint:learner:<id>(@<gen>)      hot record: {id, rev, sections:{name:{rev,data}}, card}
//! waypoint:learner:<id>:patch(@<gen>) the hot record's changes since it was last written
//!                                    whole: {base, rev, sections:{name:[rev, edits]}} (`patch`)
//! waypoint:learner:<id>:tail(@<gen>) latest ≤ 32 attempts, compact text, rewritten per attempt
//! waypoint:learner:<id>:h:<YYYYMM>(@<gen>)  one month of attempts, compact text
//! waypoint:learner:<id>:daily(@<gen>)       per-skill daily aggregates of compacted months
//! waypoint:undo(@<gen>)              export of the device taken before the last import
//! waypoint:backup:v1                 the schema-1 record, kept when it was upgraded
//! waypoint:quarantine:<ms>:<n>       {key, at, bytes} of damaged data, for export
//! ```
//!
//! # Several tabs
//! Mutations re-read the keys they rewrite and merge (cards and sections by revision,
//! attempts as a set union keyed by (second, skill)), so tabs taking turns never lose each
//! other's work. Turns are the app's job: hold the Web Lock `Vault::lock_name(id)` around a
//! mutation, and `reload` on a `storage` event.

pub mod checksum;
pub mod codec;
pub mod device;
pub mod fuzz;
pub mod keys;
mod meter;
pub mod patch;
pub mod quota;
pub mod record;
pub mod schema;
pub mod slot;
pub mod store;
pub mod transfer;
pub mod vault;

pub use codec::{DailyAggregate, chars_per_attempt};
pub use keys::SlotKind;
pub use quota::{QuotaLevel, QuotaState};
pub use store::{KeyValueStore, MemoryStore, StoreError};
pub use transfer::{ImportMode, ImportOutcome, ImportPreview, LearnerImport, export_device, export_learner, export_raw};
pub use vault::{AppendOutcome, CompactionOutcome, History, SectionStamp, SectionsSaved, Tidied, Vault, export_reminder_due};

use crate::{Lang, LearnerId};
use crate::Timestamp;
use crate::error::UserMessage;
use crate::learner::LearnerError;

/// Why stored or imported data could not be read or written. Every variant has a message
/// in English and Spanish; `kind()` is a stable name for tests and logs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PersistError {
    Store(StoreError),
    NotJson(String),
    WrongFormat,
    TooNew { found: u32, newest: u32 },
    TooOld { found: u32, oldest: u32 },
    Invalid(String),
    /// The stored data is kept read-only (newer version, or unreadable): nothing is written.
    ReadOnly,
    /// An import file with nothing in it.
    Empty,
    /// An import file over the size cap, in bytes.
    TooLarge { bytes: usize, max: usize },
    /// An import file nested deeper than `max` levels.
    TooDeep { max: usize },
    /// An import file that stops in the middle.
    Truncated,
    ChecksumMissing,
    ChecksumMismatch,
    DuplicateLearner(String),
    /// A learner's name in an import file is not acceptable.
    BadName { learner: String, reason: LearnerError },
    /// A learner's history in an import file does not decode.
    BadHistory { learner: String, month: String, detail: String },
    /// Something in an import file names a learner or month that does not match.
    BadReference(String),
    NothingToUndo,
    UnknownLearner(String),
}

impl PersistError {
    /// A stable name for the kind of problem (used by the bad-import manifest).
    pub fn kind(&self) -> &'static str {
        match self {
            PersistError::Store(StoreError::QuotaExceeded) => "quota",
            PersistError::Store(StoreError::Unavailable) => "unavailable",
            PersistError::Store(StoreError::Other(_)) => "store",
            PersistError::NotJson(_) => "not-json",
            PersistError::WrongFormat => "wrong-format",
            PersistError::TooNew { .. } => "too-new",
            PersistError::TooOld { .. } => "too-old",
            PersistError::Invalid(_) => "invalid",
            PersistError::ReadOnly => "read-only",
            PersistError::Empty => "empty",
            PersistError::TooLarge { .. } => "too-large",
            PersistError::TooDeep { .. } => "too-deep",
            PersistError::Truncated => "truncated",
            PersistError::ChecksumMissing => "checksum-missing",
            PersistError::ChecksumMismatch => "checksum-mismatch",
            PersistError::DuplicateLearner(_) => "duplicate-learner",
            PersistError::BadName { .. } => "bad-name",
            PersistError::BadHistory { .. } => "bad-history",
            PersistError::BadReference(_) => "bad-reference",
            PersistError::NothingToUndo => "nothing-to-undo",
            PersistError::UnknownLearner(_) => "unknown-learner",
        }
    }
}

impl From<StoreError> for PersistError {
    fn from(e: StoreError) -> Self {
        PersistError::Store(e)
    }
}

impl std::fmt::Display for PersistError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(120).collect();
    if s.chars().count() > 120 {
        out.push('…');
    }
    out
}

/// Bytes as "12.0 MB" or "840 KB".
fn size(bytes: usize) -> String {
    if bytes >= 1024 * 1024 { format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0)) } else { format!("{} KB", bytes.div_ceil(1024)) }
}

/// "202605" as "2026-05"; "daily" as the summary.
fn period(month: &str, lang: Lang) -> String {
    match (month, lang) {
        ("daily", Lang::En) => "daily summary".into(),
        ("daily", Lang::Es) => "resumen diario".into(),
        (m, _) if m.len() == 6 && m.bytes().all(|b| b.is_ascii_digit()) => format!("{}-{}", &m[..4], &m[4..]),
        (m, _) => clip(m),
    }
}

impl UserMessage for PersistError {
    fn message(&self, lang: Lang) -> String {
        use PersistError as P;
        match (self, lang) {
            (P::Store(e), _) => e.message(lang),
            // The parser's own words (kept in the error for tests and logs) would be English
            // jargon here ("expected value at line 1 column 1").
            (P::NotJson(_), Lang::En) => "The data could not be read: it is not a Waypoint file (Waypoint saves JSON text, and this is not JSON).".into(),
            (P::NotJson(_), Lang::Es) => "No se pudieron leer los datos: no es un archivo de Waypoint (Waypoint guarda texto JSON, y esto no es JSON).".into(),
            (P::WrongFormat, Lang::En) => "This is not Waypoint data.".into(),
            (P::WrongFormat, Lang::Es) => "Estos no son datos de Waypoint.".into(),
            (P::TooNew { found, newest }, Lang::En) => format!(
                "This data was saved by a newer version of Waypoint (format {found}; this one reads up to {newest}). Nothing was changed or overwritten: please update Waypoint."
            ),
            (P::TooNew { found, newest }, Lang::Es) => format!(
                "Estos datos los guardó una versión más nueva de Waypoint (formato {found}; esta lee hasta {newest}). No se cambió ni se sobrescribió nada: actualiza Waypoint."
            ),
            (P::TooOld { found, oldest }, Lang::En) => {
                format!("This data is from a very old version (format {found}; the oldest readable is {oldest}).")
            }
            (P::TooOld { found, oldest }, Lang::Es) => {
                format!("Estos datos son de una versión muy antigua (formato {found}; la más antigua legible es {oldest}).")
            }
            (P::Invalid(d), Lang::En) => format!("The data is not valid: {}.", clip(d)),
            (P::Invalid(d), Lang::Es) => format!("Los datos no son válidos (detalle técnico, en inglés: {}).", clip(d)),
            (P::ReadOnly, Lang::En) => "Saved data is open read-only, so nothing was changed.".into(),
            (P::ReadOnly, Lang::Es) => "Los datos guardados están abiertos solo para lectura, así que no se cambió nada.".into(),
            (P::Empty, Lang::En) => "The file is empty.".into(),
            (P::Empty, Lang::Es) => "El archivo está vacío.".into(),
            (P::TooLarge { bytes, max }, Lang::En) => format!("The file is too large ({}): Waypoint accepts files up to {}.", size(*bytes), size(*max)),
            (P::TooLarge { bytes, max }, Lang::Es) => format!("El archivo es demasiado grande ({}): Waypoint acepta archivos de hasta {}.", size(*bytes), size(*max)),
            (P::TooDeep { max }, Lang::En) => format!("The file is nested too deeply (more than {max} levels): it is not a Waypoint export."),
            (P::TooDeep { max }, Lang::Es) => format!("El archivo tiene demasiados niveles anidados (más de {max}): no es una exportación de Waypoint."),
            (P::Truncated, Lang::En) => "The file is cut short: it may not have finished downloading or copying.".into(),
            (P::Truncated, Lang::Es) => "El archivo está incompleto: quizá no terminó de descargarse o copiarse.".into(),
            (P::ChecksumMissing, Lang::En) => "The file has no checksum, so Waypoint cannot tell whether it is intact.".into(),
            (P::ChecksumMissing, Lang::Es) => "El archivo no tiene suma de verificación, así que Waypoint no puede saber si está intacto.".into(),
            (P::ChecksumMismatch, Lang::En) => "The file was changed or damaged after it was exported (its checksum does not match).".into(),
            (P::ChecksumMismatch, Lang::Es) => "El archivo se modificó o dañó después de exportarlo (su suma de verificación no coincide).".into(),
            (P::DuplicateLearner(id), Lang::En) => format!("The file lists the learner {} twice.", clip(id)),
            (P::DuplicateLearner(id), Lang::Es) => format!("El archivo incluye dos veces al estudiante {}.", clip(id)),
            (P::BadName { learner, reason }, Lang::En) => format!("Learner {} has a name Waypoint cannot accept: {}", clip(learner), reason.message(lang)),
            (P::BadName { learner, reason }, Lang::Es) => format!("El estudiante {} tiene un nombre que Waypoint no acepta: {}", clip(learner), reason.message(lang)),
            (P::BadHistory { learner, month, detail }, Lang::En) => format!("The practice history of learner {} ({}) is damaged: {}.", clip(learner), period(month, lang), clip(detail)),
            (P::BadHistory { learner, month, detail }, Lang::Es) => format!("El historial de práctica del estudiante {} ({}) está dañado (detalle técnico, en inglés: {}).", clip(learner), period(month, lang), clip(detail)),
            (P::BadReference(d), Lang::En) => format!("The file refers to something it does not contain: {}.", clip(d)),
            (P::BadReference(d), Lang::Es) => format!("El archivo hace referencia a algo que no contiene: {}.", clip(d)),
            (P::NothingToUndo, Lang::En) => "There is no import to undo.".into(),
            (P::NothingToUndo, Lang::Es) => "No hay ninguna importación que deshacer.".into(),
            (P::UnknownLearner(id), Lang::En) => format!("There is no learner {} on this device.", clip(id)),
            (P::UnknownLearner(id), Lang::Es) => format!("No hay ningún estudiante {} en este dispositivo.", clip(id)),
        }
    }
}

/// Damaged data found while reading, and what was done about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovery {
    /// What the damaged key held.
    pub what: SlotKind,
    /// Whether an older copy was found and used; when not, that part starts empty.
    pub restored: bool,
    /// When the copy used instead had been saved, if known.
    pub restored_from: Option<Timestamp>,
    /// Keys under which the damaged bytes were set aside (empty when the store refused).
    pub quarantined: Vec<String>,
}

/// A learner's name, when the one reading a message can tell it (`Notice::message_naming`).
pub type NameOf<'a> = &'a dyn Fn(&LearnerId) -> Option<String>;

impl Recovery {
    fn subject(&self, lang: Lang, name_of: NameOf<'_>) -> String {
        // "Ann" when the learner's name is known, otherwise "learner <id>".
        let who = |id: &LearnerId| match (name_of(id), lang) {
            (Some(name), _) => name,
            (None, Lang::En) => format!("learner {id}"),
            (None, Lang::Es) => format!("estudiante {id}"),
        };
        // Spanish contracts "de el estudiante" to "del estudiante", not before a name.
        let of = |id: &LearnerId| match (name_of(id).is_some(), lang) {
            (_, Lang::En) => format!("of {}", who(id)),
            (true, Lang::Es) => format!("de {}", who(id)),
            (false, Lang::Es) => format!("del {}", who(id)),
        };
        match (&self.what, lang) {
            (SlotKind::Device, Lang::En) => "the list of learners and settings".into(),
            (SlotKind::Device, Lang::Es) => "la lista de estudiantes y los ajustes".into(),
            (SlotKind::Learner(id), Lang::En) => format!("the progress {}", of(id)),
            (SlotKind::Learner(id), Lang::Es) => format!("el progreso {}", of(id)),
            (SlotKind::Patch(id), Lang::En) => format!("the latest progress {}", of(id)),
            (SlotKind::Patch(id), Lang::Es) => format!("el progreso más reciente {}", of(id)),
            (SlotKind::Tail(id), Lang::En) => format!("the latest answers {}", of(id)),
            (SlotKind::Tail(id), Lang::Es) => format!("las últimas respuestas {}", of(id)),
            (SlotKind::History(id, m), Lang::En) => format!("the history {} for {}-{:02}", of(id), m / 100, m % 100),
            (SlotKind::History(id, m), Lang::Es) => format!("el historial {} de {}-{:02}", of(id), m / 100, m % 100),
            (SlotKind::Daily(id), Lang::En) => format!("the summarised history {}", of(id)),
            (SlotKind::Daily(id), Lang::Es) => format!("el historial resumido {}", of(id)),
            (SlotKind::Undo, Lang::En) => "the copy kept to undo the last import".into(),
            (SlotKind::Undo, Lang::Es) => "la copia guardada para deshacer la última importación".into(),
            (_, Lang::En) => "some saved data".into(),
            (_, Lang::Es) => "algunos datos guardados".into(),
        }
    }

    /// The message, naming learners as `name_of` can, and dating the copy used on the
    /// reader's day (`utc_offset_minutes` east of UTC).
    pub fn message_naming(&self, lang: Lang, name_of: NameOf<'_>, utc_offset_minutes: i32) -> String {
        let what = self.subject(lang, name_of);
        let kept = match (self.quarantined.is_empty(), lang) {
            (false, Lang::En) => " The damaged copy was kept aside and can be exported.",
            (false, Lang::Es) => " La copia dañada se guardó aparte y se puede exportar.",
            (true, _) => "",
        };
        match (self.restored.then_some(self.restored_from.filter(|t| t.0 > 0)), lang) {
            (Some(None), Lang::En) => format!("Part of the saved data was damaged ({what}). It was restored from an earlier copy.{kept}"),
            (Some(None), Lang::Es) => format!("Una parte de los datos guardados estaba dañada ({what}). Se restauró desde una copia anterior.{kept}"),
            (Some(Some(t)), Lang::En) => format!("Part of the saved data was damaged ({what}). It was restored from the copy saved on {}.{kept}", t.local_day(utc_offset_minutes).iso()),
            (Some(Some(t)), Lang::Es) => format!("Una parte de los datos guardados estaba dañada ({what}). Se restauró desde la copia guardada el {}.{kept}", t.local_day(utc_offset_minutes).iso()),
            (None, Lang::En) => format!("Part of the saved data was damaged ({what}) and could not be restored.{kept}"),
            (None, Lang::Es) => format!("Una parte de los datos guardados estaba dañada ({what}) y no se pudo restaurar.{kept}"),
        }
    }
}

impl UserMessage for Recovery {
    fn message(&self, lang: Lang) -> String {
        self.message_naming(lang, &|_| None, 0)
    }
}

/// Something the UI should tell the person after opening or saving.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// Damaged data was found; see what was restored.
    Recovered(Recovery),
    /// Saved data is kept read-only and nothing will be written over it.
    ReadOnly(PersistError),
    /// Data from an older version was upgraded (a backup of the old record was kept).
    Migrated { from: u32, to: u32 },
    /// Storage is filling up (warn level or above).
    Quota(QuotaState),
    /// No export for 14 days.
    ExportDue,
}

impl Notice {
    /// The message, naming learners as `name_of` can (a damaged key of Ann's says "Ann",
    /// not her id), with dates on the reader's day (`utc_offset_minutes` east of UTC).
    pub fn message_naming(&self, lang: Lang, name_of: NameOf<'_>, utc_offset_minutes: i32) -> String {
        match self {
            Notice::Recovered(r) => r.message_naming(lang, name_of, utc_offset_minutes),
            other => other.message(lang),
        }
    }
}

impl UserMessage for Notice {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Notice::Recovered(r), _) => r.message(lang),
            (Notice::ReadOnly(e), _) => e.message(lang),
            (Notice::Migrated { from: 1, to }, Lang::En) => format!("Saved data was upgraded from format 1 to {to}; a copy of the old data was kept."),
            (Notice::Migrated { from: 1, to }, Lang::Es) => format!("Los datos guardados se actualizaron del formato 1 al {to}; se guardó una copia de los datos antiguos."),
            (Notice::Migrated { from, to }, Lang::En) => format!("Saved data now uses format {to} (it was {from}); nothing in it was lost."),
            (Notice::Migrated { from, to }, Lang::Es) => format!("Los datos guardados usan ahora el formato {to} (era el {from}); no se perdió nada."),
            (Notice::Quota(q), _) => q.message(lang),
            (Notice::ExportDue, Lang::En) => "It has been two weeks since the last backup. Export a copy to keep progress safe.".into(),
            (Notice::ExportDue, Lang::Es) => "Han pasado dos semanas desde la última copia. Exporta una copia para no perder el progreso.".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_error() -> Vec<PersistError> {
        vec![
            PersistError::Store(StoreError::QuotaExceeded),
            PersistError::Store(StoreError::Unavailable),
            PersistError::Store(StoreError::Other("x".into())),
            PersistError::NotJson("expected value".into()),
            PersistError::WrongFormat,
            PersistError::TooNew { found: 3, newest: 2 },
            PersistError::TooOld { found: 0, oldest: 1 },
            PersistError::Invalid("bad".into()),
            PersistError::ReadOnly,
            PersistError::Empty,
            PersistError::TooLarge { bytes: 20 << 20, max: 12 << 20 },
            PersistError::TooDeep { max: 48 },
            PersistError::Truncated,
            PersistError::ChecksumMissing,
            PersistError::ChecksumMismatch,
            PersistError::DuplicateLearner("a".into()),
            PersistError::BadName { learner: "a".into(), reason: LearnerError::NameHasMarkup },
            PersistError::BadHistory { learner: "a".into(), month: "202611".into(), detail: "cut".into() },
            PersistError::BadReference("x".into()),
            PersistError::NothingToUndo,
            PersistError::UnknownLearner("a".into()),
        ]
    }

    #[test]
    fn every_error_speaks_both_languages_and_has_a_kind() {
        let mut kinds = std::collections::BTreeSet::new();
        for e in every_error() {
            let (en, es) = (e.message(Lang::En), e.message(Lang::Es));
            assert!(!en.is_empty() && !es.is_empty() && en != es, "{e:?}");
            kinds.insert(e.kind());
        }
        assert_eq!(kinds.len(), every_error().len(), "kinds are distinct");
        assert!(PersistError::BadHistory { learner: "a".into(), month: "202611".into(), detail: "x".into() }.message(Lang::En).contains("2026-11"));
        let long = PersistError::Invalid("x".repeat(10_000));
        assert!(long.message(Lang::En).chars().count() < 200, "details are clipped");
    }

    #[test]
    fn a_file_that_is_not_json_is_named_plainly_not_in_the_parsers_words() {
        for junk in ["\u{89}PNG\r\n", "name,score\nAnn,3", "<html></html>"] {
            let Err(e) = transfer::preview_import(&MemoryStore::default(), junk) else { panic!("{junk:?} was accepted") };
            assert_eq!(e.kind(), "not-json", "{junk:?}");
            for lang in Lang::ALL {
                let m = e.message(lang);
                assert!(!m.contains("line") && !m.contains("column") && !m.contains("expected"), "{m}");
                assert!(m.contains("Waypoint") && m.contains("JSON"), "{m}");
            }
        }
    }

    #[test]
    fn notices_speak_both_languages() {
        let id = LearnerId::parse("ann").unwrap_or_else(|| LearnerId::from_random(0));
        let notices = [
            Notice::Recovered(Recovery { what: SlotKind::History(id.clone(), 202611), restored: true, restored_from: Some(Timestamp(1_795_392_000_000)), quarantined: vec!["q".into()] }),
            Notice::Recovered(Recovery { what: SlotKind::Device, restored: false, restored_from: None, quarantined: vec![] }),
            Notice::Recovered(Recovery { what: SlotKind::Tail(id), restored: true, restored_from: Some(Timestamp(0)), quarantined: vec![] }),
            Notice::ReadOnly(PersistError::TooNew { found: 3, newest: 2 }),
            Notice::Migrated { from: 1, to: 2 },
            Notice::Migrated { from: 2, to: 3 },
            Notice::Quota(QuotaState::of(4_000_000)),
            Notice::ExportDue,
        ];
        for n in &notices {
            assert_ne!(n.message(Lang::En), n.message(Lang::Es), "{n:?}");
        }
        assert!(notices[0].message(Lang::En).contains("2026-11-23"));
        assert!(notices[0].message(Lang::En).contains("kept aside"));
        assert!(notices[2].message(Lang::En).contains("earlier copy"));
        // Named when the reader knows the learner; by id otherwise.
        let ann = |i: &LearnerId| (i.as_str() == "ann").then(|| "Ann".to_string());
        assert!(notices[0].message_naming(Lang::En, &ann, 0).contains("(the history of Ann for 2026-11)"), "{}", notices[0].message_naming(Lang::En, &ann, 0));
        assert!(notices[0].message_naming(Lang::Es, &ann, 0).contains("(el historial de Ann de 2026-11)"));
        assert!(notices[2].message_naming(Lang::En, &ann, 0).contains("(the latest answers of Ann)"));
        // Dated on the reader's day: 00:00 UTC on the 23rd is the 22nd eight hours west.
        assert!(notices[0].message_naming(Lang::En, &ann, -480).contains("saved on 2026-11-22"));
        assert!(notices[2].message(Lang::En).contains("(the latest answers of learner ann)"));
        assert!(notices[2].message(Lang::Es).contains("(las últimas respuestas del estudiante ann)"));
        assert_eq!(notices[6].message_naming(Lang::En, &ann, 0), notices[6].message(Lang::En));
    }
}
