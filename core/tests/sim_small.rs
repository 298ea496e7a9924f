//! A small-scale run of the simulation harness on the real skill graph: the direction of
//! the results (the full run is `cargo run --release -p waypoint-core --bin simulate -- --json`).

use waypoint_core::content::Catalog;
use waypoint_core::engine::sim::{self, Policy, SimConfig};

fn small() -> SimConfig {
    SimConfig { learners: 24, seed: 7, budget_items: 1_200, keep_responses: true, ..SimConfig::default() }
}

#[test]
fn the_engine_beats_the_baselines_where_it_should() {
    let catalog = Catalog::builtin().unwrap();
    let (reports, responses) = sim::run(catalog.graph(), &small());
    let get = |p: Policy| reports.iter().find(|r| r.policy == p).unwrap().clone();
    let (engine, fixed, random) = (get(Policy::Engine), get(Policy::Fixed), get(Policy::Random));
    // Fewer items than random practice, and not more than the fixed sequence.
    assert!(engine.items_to_mastery < random.items_to_mastery, "{engine:?} vs {random:?}");
    assert!(engine.items_to_mastery <= fixed.items_to_mastery * 1.1, "{engine:?} vs {fixed:?}");
    // Reviews keep what was mastered: far better retention than the fixed sequence.
    assert!(engine.retention_30d > fixed.retention_30d + 0.3, "{engine:?} vs {fixed:?}");
    // Mastery is rarely declared on a skill the learner does not know.
    assert!(engine.false_mastery_rate <= 0.05, "{engine:?}");
    // Placement asks at most 20 items and knows more than assuming nothing.
    assert!(engine.placement_items <= 20.0 && engine.placement_error < fixed.placement_error);
    // Predictions carry information.
    assert!(engine.auc > 0.55 && engine.log_loss < 0.8, "{engine:?}");
    assert_eq!(responses.len() as u64, engine.answers);
}

#[test]
fn the_simulation_is_deterministic() {
    let catalog = Catalog::builtin().unwrap();
    let cfg = SimConfig { learners: 4, budget_items: 400, ..SimConfig::default() };
    let a = sim::run_policy(catalog.graph(), &cfg, Policy::Engine, &mut Vec::new());
    let b = sim::run_policy(catalog.graph(), &cfg, Policy::Engine, &mut Vec::new());
    assert_eq!(format!("{a:?}"), format!("{b:?}"));
    let other = sim::run_policy(catalog.graph(), &SimConfig { seed: 99, ..cfg }, Policy::Engine, &mut Vec::new());
    assert_ne!(format!("{a:?}"), format!("{other:?}"), "the seed matters");
}
