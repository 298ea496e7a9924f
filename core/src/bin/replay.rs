//! Replay: `cargo run --release -p waypoint-core --bin replay -- responses.csv` (or `-` for
//! standard input). Reads a header and rows `learner,skill,correct[,seconds]` in time order;
//! writes a header `p` and, per row, the predicted chance it is correct made before the
//! model sees it. A bad row stops with its line number (exit code 2), never a panic.

use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use waypoint_core::Lang;
use waypoint_core::content::Catalog;
use waypoint_core::engine::replay::{ReplayError, Replayer, parse_row};
use waypoint_core::error::UserMessage;

fn main() {
    let Some(path) = std::env::args().nth(1) else { fail("usage: replay FILE.csv (or - for standard input)") };
    let input: Box<dyn Read> = if path == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        match std::fs::File::open(&path) {
            Ok(f) => Box::new(f),
            Err(e) => fail(&format!("could not open {path}: {e}")),
        }
    };
    let catalog = Catalog::builtin().ok();
    let graph = catalog.as_ref().map(|c| c.graph());
    let mut reader = BufReader::with_capacity(1 << 16, input);
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut model = Replayer::new();
    let mut line = String::new();
    let mut n = 0usize;
    let mut header = true;
    let _ = writeln!(out, "p");
    loop {
        line.clear();
        match reader.read_line(&mut line) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => fail(&format!("line {}: could not read: {e}", n + 1)),
        }
        n += 1;
        if header {
            header = false;
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        match parse_row(&line, n) {
            Ok(row) => {
                let p = model.step(&row, graph);
                if writeln!(out, "{p:.4}").is_err() {
                    std::process::exit(1);
                }
            }
            Err(e) => {
                let _ = out.flush();
                fail(&e.message(Lang::En))
            }
        }
    }
    if header {
        fail(&ReplayError::MissingHeader.message(Lang::En));
    }
    let _ = out.flush();
}

fn fail(msg: &str) -> ! {
    eprintln!("replay: {msg}");
    std::process::exit(2)
}
