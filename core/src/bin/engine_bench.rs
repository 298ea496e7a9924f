//! Engine figures for `make bench`: next-item decision time on a state with 200 skills and
//! ten years of daily practice (about 100,000 answers), and the stored size of the model.
//! `cargo run --release -p waypoint-core --bin engine_bench`. Prints one JSON object last.

use std::time::Instant;
use waypoint_core::attempt::Attempt;
use waypoint_core::engine::review::Scheduler;
use waypoint_core::engine::{Context, EngineParams, LearnerModel, next_item};
use waypoint_core::graph::{SkillGraph, SkillNode};
use waypoint_core::learner::GradeBand;
use waypoint_core::rng::SeededRng;
use waypoint_core::time::MS_PER_DAY;
use waypoint_core::{SkillId, Timestamp};

fn main() {
    // 200 skills, each needing one or two earlier ones, across grades 0..=8.
    let mut rng = SeededRng::new(5);
    let ids: Vec<SkillId> = (0..200).filter_map(|i| SkillId::parse(&format!("s{i:03}"))).collect();
    let nodes: Vec<SkillNode> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let mut prerequisites = Vec::new();
            if i > 0 {
                prerequisites.push(ids[rng.index(i)].clone());
            }
            if i > 10 && rng.chance(0.5) {
                let p = ids[rng.index(i)].clone();
                if !prerequisites.contains(&p) {
                    prerequisites.push(p);
                }
            }
            SkillNode { id: id.clone(), prerequisites, grade: (i * 9 / 200) as u8, fluency: i % 7 == 0, domain: "OA".into() }
        })
        .collect();
    let Ok(graph) = SkillGraph::new(nodes) else { std::process::exit(1) };
    let params = EngineParams::default();
    let scheduler = Scheduler::default();
    let mut model = LearnerModel::default();
    let start = 1_500_000_000_000i64;
    let days = 3_650;
    let per_day = 28;
    let mut focus: Option<SkillId> = None;
    for d in 0..days {
        for k in 0..per_day {
            let now = Timestamp(start + d * MS_PER_DAY + k * 30_000);
            let ctx = Context { now, seed: (d * 100 + k) as u64, params, band: GradeBand::G68, scheduler: scheduler.clone() };
            let Some(step) = next_item(&model, &graph, &ctx, focus.as_ref()) else { break };
            let correct = rng.chance(step.predicted.clamp(0.05, 0.97) + 0.05);
            let a = Attempt { at: now, skill: step.skill.clone(), level: step.level, correct, response_ms: 5_000, hints_used: 0, mode: step.mode };
            model.record(&graph, &a, &params, 0, &scheduler);
            focus = Some(step.skill);
        }
    }
    let now = Timestamp(start + days * MS_PER_DAY);
    let mut times = Vec::new();
    for seed in 0..2_000u64 {
        let ctx = Context { now, seed, params, band: GradeBand::G68, scheduler: scheduler.clone() };
        let t = Instant::now();
        let step = next_item(&model, &graph, &ctx, focus.as_ref());
        times.push(t.elapsed().as_secs_f64() * 1e6);
        std::hint::black_box(step);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    let json = serde_json::to_string(&model).unwrap_or_default();
    let mastered = model.skills.values().filter(|s| s.level == waypoint_core::engine::MasteryLevel::Mastered).count();
    println!("{} answers, {} skills touched, {mastered} mastered", model.answers, model.skills.len());
    println!(
        "{{\"answers\":{},\"decision_p50_us\":{:.1},\"decision_p95_us\":{:.1},\"model_bytes\":{},\"model_bytes_per_answer\":{:.3},\"model_bytes_per_attempt\":{:.3}}}",
        model.answers,
        times[times.len() / 2],
        times[times.len() * 95 / 100],
        json.len(),
        json.len() as f64 / model.answers.max(1) as f64,
        json.len() as f64 / model.answers.max(1) as f64
    );
}
