//! Open Badges 3.0 export of an earned badge: an unsigned `OpenBadgeCredential` issued by
//! this device (not verified by any organization), with base64 and RFC 3339 written here
//! to keep the core free of extra crates. Must not read a clock: times and seeds are given.

use super::badges::BadgeDef;
use crate::rng::SeededRng;
use crate::time::MS_PER_DAY;
use crate::{Lang, LocalDay, Timestamp};
use serde_json::{json, Value};

pub const VC_CONTEXT: &str = "https://www.w3.org/ns/credentials/v2";
pub const OB_CONTEXT: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
pub const CCSS_FRAMEWORK: &str = "Common Core State Standards for Mathematics";

/// The credential for `badge`, earned by `learner_name` at `earned_at`. `issuer_id` names
/// this device (e.g. "urn:uuid:..."); `seed` makes the credential id reproducible.
pub fn open_badge_credential(badge: &BadgeDef, learner_name: &str, earned_at: Timestamp, issuer_id: &str, lang: Lang, seed: u64) -> Value {
    let not_verified = lang.pick(
        "Issued by the Waypoint app on this device; not verified by any school or organization.",
        "Emitida por la app Waypoint en este dispositivo; no verificada por ninguna escuela u organización.",
    );
    let description = format!("{} {not_verified}", badge.description(lang));
    let image = format!("data:image/svg+xml;base64,{}", base64(badge.svg(lang).as_bytes()));
    let alignment: Vec<Value> = badge
        .alignment
        .map(|(code, name)| {
            json!({
                "type": ["Alignment"],
                "targetName": name,
                "targetCode": code,
                "targetFramework": CCSS_FRAMEWORK,
                "targetUrl": ccss_url(code),
            })
        })
        .into_iter()
        .collect();
    let mut achievement = json!({
        "id": format!("urn:waypoint:badge:{}", badge.id),
        "type": ["Achievement"],
        "achievementType": "Badge",
        "name": badge.name(lang),
        "description": description,
        "criteria": { "narrative": badge.criteria(lang) },
        "image": { "id": image, "type": "Image" },
        "inLanguage": lang.tag(),
    });
    if let (false, Some(obj)) = (alignment.is_empty(), achievement.as_object_mut()) {
        obj.insert("alignment".into(), Value::Array(alignment));
    }
    let id_seed = SeededRng::mix(&[seed, earned_at.0 as u64, fnv(badge.id.as_bytes()), fnv(learner_name.as_bytes())]);
    json!({
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": uuid_urn(id_seed),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {
            "id": issuer_id,
            "type": ["Profile"],
            "name": "Waypoint on this device",
            "description": not_verified,
        },
        "validFrom": rfc3339(earned_at),
        "name": badge.name(lang),
        "description": description,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "name": learner_name,
            "achievement": achievement,
        },
    })
}

/// The Common Core page for a code: "4.NF.B.3a" -> .../Math/Content/4/NF/B/3/a/; a bare
/// domain ("NF") -> the content standards index.
pub fn ccss_url(code: &str) -> String {
    let parts: Vec<&str> = code.split('.').collect();
    if parts.len() < 2 {
        return "https://www.thecorestandards.org/Math/Content/".into();
    }
    let mut path = String::new();
    for p in parts {
        // A sub-standard letter ("3a") is its own step in the address: .../B/3/a/.
        let (main, sub) = p.split_at(p.trim_end_matches(|c: char| c.is_ascii_lowercase()).len());
        path.push_str(main);
        path.push('/');
        if !sub.is_empty() {
            path.push_str(sub);
            path.push('/');
        }
    }
    format!("https://www.thecorestandards.org/Math/Content/{path}")
}

/// "urn:uuid:" and a version-4-shaped UUID from a seed.
pub fn uuid_urn(seed: u64) -> String {
    let mut rng = SeededRng::new(seed);
    let (a, b) = (rng.next_u64(), rng.next_u64());
    let a = (a & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000;
    let b = (b & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000;
    format!("urn:uuid:{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", a >> 32, (a >> 16) & 0xFFFF, a & 0xFFFF, b >> 48, b & 0xFFFF_FFFF_FFFF)
}

/// RFC 3339 in UTC with whole seconds: "2026-11-23T08:54:15Z".
pub fn rfc3339(t: Timestamp) -> String {
    let day = LocalDay(t.0.div_euclid(MS_PER_DAY) as i32);
    let secs = t.0.rem_euclid(MS_PER_DAY) / 1000;
    let (y, m, d) = day.ymd();
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", secs / 3600, secs / 60 % 60, secs % 60)
}

/// Standard base64 with padding (RFC 4648).
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk.first().copied().unwrap_or(0), chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648_vectors() {
        let table = [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")];
        for (raw, want) in table {
            assert_eq!(base64(raw.as_bytes()), want);
        }
        assert_eq!(base64(&[0xFF, 0xFE, 0xFD]), "//79");
    }

    #[test]
    fn rfc3339_table() {
        let table = [
            (0, "1970-01-01T00:00:00Z"),
            (1_795_424_055_000, "2026-11-23T08:54:15Z"),
            (951_782_399_999, "2000-02-28T23:59:59Z"),
            (951_782_400_000, "2000-02-29T00:00:00Z"),
            (-1_000, "1969-12-31T23:59:59Z"),
        ];
        for (ms, want) in table {
            assert_eq!(rfc3339(Timestamp(ms)), want);
        }
    }

    #[test]
    fn uuids_are_well_formed_and_seeded() {
        let u = uuid_urn(42);
        assert_eq!(u, uuid_urn(42));
        assert_ne!(u, uuid_urn(43));
        let hex = u.trim_start_matches("urn:uuid:");
        let groups: Vec<&str> = hex.split('-').collect();
        assert_eq!(groups.iter().map(|g| g.len()).collect::<Vec<_>>(), [8, 4, 4, 4, 12]);
        assert!(groups[2].starts_with('4'));
        assert!(matches!(groups[3].chars().next(), Some('8' | '9' | 'a' | 'b')));
    }

    #[test]
    fn ccss_urls() {
        assert_eq!(ccss_url("3.OA.C.7"), "https://www.thecorestandards.org/Math/Content/3/OA/C/7/");
        assert_eq!(ccss_url("4.NF.B.3a"), "https://www.thecorestandards.org/Math/Content/4/NF/B/3/a/");
        assert_eq!(ccss_url("NF"), "https://www.thecorestandards.org/Math/Content/");
    }
}
