//! Writes `core/data/ccss.json`: the Common Core standards the skill table cites, read from
//! the CASE package (`../shared/data/ccss-math.case.json` beside the repository).
//! `cargo run -p waypoint-core --bin extract_standards [CASE_FILE]`

use waypoint_core::content::skills::SKILLS;
use waypoint_core::content::standards::from_case;

fn main() {
    let manifest = env!("CARGO_MANIFEST_DIR");
    let case = std::env::args().nth(1).unwrap_or_else(|| format!("{manifest}/../../shared/data/ccss-math.case.json"));
    let text = match std::fs::read_to_string(&case) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("extract_standards: cannot read {case}: {e}");
            std::process::exit(1);
        }
    };
    let all = match from_case(&text) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("extract_standards: {e:?}");
            std::process::exit(1);
        }
    };
    let mut wanted: Vec<&str> = SKILLS.iter().flat_map(|s| s.codes.iter().copied()).collect();
    wanted.sort();
    wanted.dedup();
    let mut out = Vec::new();
    for code in wanted {
        match all.iter().find(|s| s.code == code) {
            Some(s) => out.push(s.clone()),
            None => {
                eprintln!("extract_standards: {code} is not in the CASE package");
                std::process::exit(1);
            }
        }
    }
    let json = serde_json::to_string_pretty(&out).unwrap_or_default();
    let path = format!("{manifest}/data/ccss.json");
    if let Err(e) = std::fs::write(&path, json + "\n") {
        eprintln!("extract_standards: cannot write {path}: {e}");
        std::process::exit(1);
    }
    println!("wrote {} standards to {path}", out.len());
}
