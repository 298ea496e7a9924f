//! The simulation harness: `cargo run --release -p waypoint-core --bin simulate -- --json
//! [--learners N] [--seed S] [--csv FILE]`. Simulated learners with hidden ground truth
//! practise the real skill graph under the engine, a fixed sequence and random practice;
//! prints a table, then one JSON object on the last line. `--csv FILE` writes the engine's
//! answers as `learner,skill,correct,seconds` (the replay format) and reports the AUC the
//! replay model gets on them.

use std::io::Write;
use std::time::Instant;
use waypoint_core::content::Catalog;
use waypoint_core::engine::replay::{ReplayRow, Replayer, auc};
use waypoint_core::engine::sim::{self, SimConfig};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut cfg = SimConfig::default();
    let mut json = false;
    let mut csv: Option<String> = None;
    let mut i = 0;
    while i < args.len() {
        let next = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--json" => json = true,
            "--learners" => {
                cfg.learners = next.parse().unwrap_or_else(|_| fail(&format!("--learners needs a number, not {next:?}")));
                i += 1;
            }
            "--seed" => {
                cfg.seed = next.parse().unwrap_or_else(|_| fail(&format!("--seed needs a number, not {next:?}")));
                i += 1;
            }
            "--csv" => {
                csv = Some(next);
                i += 1;
            }
            other => fail(&format!("unknown argument {other:?}; use --json, --learners N, --seed S, --csv FILE")),
        }
        i += 1;
    }
    let catalog = Catalog::builtin().unwrap_or_else(|e| fail(&format!("the built-in catalog failed to load: {e:?}")));
    let graph = catalog.graph();
    cfg.keep_responses = csv.is_some();
    let started = Instant::now();
    let (reports, responses) = sim::run(graph, &cfg);
    let secs = started.elapsed().as_secs_f64();
    let goal = cfg.goal.or_else(|| sim::default_goal(graph)).and_then(|g| graph.node(g)).map(|n| n.id.to_string()).unwrap_or_default();
    println!("{} learners per policy on {} skills, goal {goal} ({:.1} s)", cfg.learners, graph.len(), secs);
    print!("{}", sim::table(&reports));
    let mut replay_auc = None;
    if let Some(path) = csv {
        let mut out = String::from("learner,skill,correct,seconds\n");
        let mut r = Replayer::new();
        let mut preds = Vec::with_capacity(responses.len());
        for resp in &responses {
            let skill = graph.node(resp.skill).map(|n| n.id.to_string()).unwrap_or_default();
            let learner = format!("L{}", resp.learner);
            out.push_str(&format!("{learner},{skill},{},{:.2}\n", resp.correct as u8, resp.seconds));
            let row = ReplayRow { learner: &learner, skill: &skill, correct: resp.correct, seconds: Some((resp.seconds * 100.0).round() / 100.0) };
            preds.push((r.step(&row, Some(graph)), resp.correct));
        }
        if let Err(e) = std::fs::File::create(&path).and_then(|mut f| f.write_all(out.as_bytes())) {
            fail(&format!("could not write {path}: {e}"));
        }
        let a = auc(&preds);
        println!("wrote {} rows to {path}; replay AUC on them: {a:.3}", responses.len());
        replay_auc = Some(a);
    }
    if json {
        let mut obj = serde_json::Map::new();
        for r in &reports {
            obj.insert(r.policy.key().to_string(), serde_json::to_value(r).unwrap_or_default());
        }
        obj.insert("learners".into(), cfg.learners.into());
        obj.insert("seconds".into(), serde_json::Value::from((secs * 10.0).round() / 10.0));
        if let Some(a) = replay_auc {
            obj.insert("replay_auc".into(), serde_json::Value::from(a));
        }
        println!("{}", serde_json::Value::Object(obj));
    }
}

fn fail(msg: &str) -> ! {
    eprintln!("simulate: {msg}");
    std::process::exit(2)
}
