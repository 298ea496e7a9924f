//! The save-file schema and how it is stored: versioned envelopes, the migration ladder,
//! crash-safe generations over a key-value store, export and import. Pure: the browser's
//! localStorage is one implementation of `KeyValueStore`, in the app's platform layer.

pub mod device;
pub mod schema;
pub mod store;

pub use store::{KeyValueStore, MemoryStore, StoreError};

use crate::Lang;
use crate::error::UserMessage;

/// Why stored or imported data could not be read or written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PersistError {
    Store(StoreError),
    NotJson(String),
    WrongFormat,
    TooNew { found: u32, newest: u32 },
    TooOld { found: u32, oldest: u32 },
    Invalid(String),
}

impl From<StoreError> for PersistError {
    fn from(e: StoreError) -> Self {
        PersistError::Store(e)
    }
}

impl UserMessage for PersistError {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (PersistError::Store(e), _) => e.message(lang),
            (PersistError::NotJson(d), Lang::En) => format!("The saved data could not be read ({d})."),
            (PersistError::NotJson(d), Lang::Es) => format!("No se pudieron leer los datos guardados ({d})."),
            (PersistError::WrongFormat, Lang::En) => "This is not Waypoint data.".into(),
            (PersistError::WrongFormat, Lang::Es) => "Estos no son datos de Waypoint.".into(),
            (PersistError::TooNew { found, newest }, Lang::En) => format!(
                "This data was saved by a newer version of Waypoint (format {found}; this one reads up to {newest}). It is kept as it is, untouched: please update Waypoint."
            ),
            (PersistError::TooNew { found, newest }, Lang::Es) => format!(
                "Estos datos los guardó una versión más nueva de Waypoint (formato {found}; esta lee hasta {newest}). Se conservan intactos: actualiza Waypoint."
            ),
            (PersistError::TooOld { found, oldest }, Lang::En) => {
                format!("This data is from a very old version (format {found}; the oldest readable is {oldest}).")
            }
            (PersistError::TooOld { found, oldest }, Lang::Es) => {
                format!("Estos datos son de una versión muy antigua (formato {found}; la más antigua legible es {oldest}).")
            }
            (PersistError::Invalid(d), Lang::En) => format!("The saved data is not valid: {d}."),
            (PersistError::Invalid(d), Lang::Es) => format!("Los datos guardados no son válidos: {d}."),
        }
    }
}
