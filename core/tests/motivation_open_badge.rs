//! Shape of the Open Badges 3.0 export, checked against the OB 3.0 required fields
//! (AchievementCredential, Profile, AchievementSubject, Achievement, Criteria, Image,
//! Alignment) and the VC 2.0 + OB 3.0.3 contexts.

use serde_json::Value;
use waypoint_core::motivation::badges::BadgeDef;
use waypoint_core::motivation::{open_badge_credential, BADGES};
use waypoint_core::{Lang, Timestamp};

const ISSUER: &str = "urn:uuid:2f1d7a3e-0c4b-4e8a-9d6f-3b2a1c0e9f88";

fn types(v: &Value) -> Vec<&str> {
    v["type"].as_array().map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default()
}

fn is_uri(s: &str) -> bool {
    s.split_once(':').is_some_and(|(scheme, rest)| !scheme.is_empty() && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'+') && !rest.is_empty())
}

fn is_rfc3339_utc(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 20
        && b.iter().enumerate().all(|(i, &c)| match i {
            4 | 7 => c == b'-',
            10 => c == b'T',
            13 | 16 => c == b':',
            19 => c == b'Z',
            _ => c.is_ascii_digit(),
        })
}

fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("bad base64 {c}"),
    } as u32;
    let mut out = Vec::new();
    for chunk in s.as_bytes().chunks(4) {
        let pad = chunk.iter().filter(|&&c| c == b'=').count();
        let n = chunk.iter().take(4 - pad).enumerate().fold(0u32, |n, (i, &c)| n | val(c) << (18 - 6 * i));
        out.extend_from_slice(&[(n >> 16) as u8, (n >> 8) as u8, n as u8][..3 - pad]);
    }
    out
}

/// Every OB 3.0 required field, with its expected shape.
fn assert_ob3_shape(c: &Value, badge: &BadgeDef, lang: Lang) {
    let ctx: Vec<&str> = c["@context"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert_eq!(ctx, ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]);
    assert!(c["id"].as_str().unwrap().starts_with("urn:uuid:"));
    assert_eq!(types(c), ["VerifiableCredential", "OpenBadgeCredential"]);
    assert!(c["name"].as_str().is_some_and(|n| !n.is_empty()));
    assert!(is_rfc3339_utc(c["validFrom"].as_str().unwrap()), "{}", c["validFrom"]);

    let issuer = &c["issuer"];
    assert_eq!(issuer["id"], ISSUER);
    assert!(is_uri(issuer["id"].as_str().unwrap()));
    assert_eq!(types(issuer), ["Profile"]);
    assert_eq!(issuer["name"], "Waypoint on this device");
    let not_verified = lang.pick("not verified by any school or organization", "no verificada por ninguna escuela u organización");
    assert!(issuer["description"].as_str().unwrap().contains(not_verified));

    let subject = &c["credentialSubject"];
    assert_eq!(types(subject), ["AchievementSubject"]);
    let a = &subject["achievement"];
    assert!(is_uri(a["id"].as_str().unwrap()));
    assert_eq!(a["id"], format!("urn:waypoint:badge:{}", badge.id));
    assert_eq!(types(a), ["Achievement"]);
    assert_eq!(a["achievementType"], "Badge");
    assert_eq!(a["name"], badge.name(lang));
    let description = a["description"].as_str().unwrap();
    assert!(description.starts_with(badge.description(lang)) && description.contains(not_verified));
    assert_eq!(a["criteria"]["narrative"], badge.criteria(lang));
    assert_eq!(a["image"]["type"], "Image");
    let data = a["image"]["id"].as_str().unwrap().strip_prefix("data:image/svg+xml;base64,").unwrap();
    assert_eq!(String::from_utf8(base64_decode(data)).unwrap(), badge.svg(lang));
    match badge.alignment {
        Some((code, name)) => {
            let al = &a["alignment"][0];
            assert_eq!(types(al), ["Alignment"]);
            assert_eq!((al["targetCode"].as_str(), al["targetName"].as_str()), (Some(code), Some(name)));
            assert_eq!(al["targetFramework"], "Common Core State Standards for Mathematics");
            assert!(al["targetUrl"].as_str().unwrap().starts_with("https://www.thecorestandards.org/Math/Content/"));
        }
        None => assert!(a.get("alignment").is_none()),
    }
}

#[test]
fn every_badge_exports_a_valid_ob3_credential_in_both_languages() {
    for badge in BADGES {
        for lang in Lang::ALL {
            let c = open_badge_credential(badge, "Ana", Timestamp(1_795_424_055_000), ISSUER, lang, 7);
            assert_ob3_shape(&c, badge, lang);
            assert_eq!(c["validFrom"], "2026-11-23T08:54:15Z");
            assert_eq!(c["credentialSubject"]["name"], "Ana");
        }
    }
}

#[test]
fn alignment_carries_the_common_core_code() {
    let tt = BadgeDef::by_id("times-tables").unwrap();
    let c = open_badge_credential(tt, "Ana", Timestamp(0), ISSUER, Lang::En, 1);
    let al = &c["credentialSubject"]["achievement"]["alignment"][0];
    assert_eq!(al["targetCode"], "3.OA.C.7");
    assert_eq!(al["targetUrl"], "https://www.thecorestandards.org/Math/Content/3/OA/C/7/");
}

#[test]
fn credential_ids_are_reproducible_and_distinct() {
    let b = BadgeDef::by_id("first-skill").unwrap();
    let id = |name: &str, at: i64, seed: u64| open_badge_credential(b, name, Timestamp(at), ISSUER, Lang::En, seed)["id"].clone();
    assert_eq!(id("Ana", 5, 1), id("Ana", 5, 1));
    assert_ne!(id("Ana", 5, 1), id("Ana", 5, 2));
    assert_ne!(id("Ana", 5, 1), id("Luis", 5, 1));
    assert_ne!(id("Ana", 5, 1), id("Ana", 6, 1));
}

#[test]
fn learner_names_are_json_safe() {
    let b = BadgeDef::by_id("first-skill").unwrap();
    let c = open_badge_credential(b, "Zoë \"Z\" <o'neil>", Timestamp(0), ISSUER, Lang::Es, 1);
    let text = serde_json::to_string(&c).unwrap();
    let back: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(back["credentialSubject"]["name"], "Zoë \"Z\" <o'neil>");
}
