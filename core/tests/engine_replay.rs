//! The replay binary: predictions before updates, one per row, and bad rows named by line.

use std::io::Write;
use std::process::{Command, Stdio};

fn replay(input: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_replay"))
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

#[test]
fn one_prediction_per_row_made_before_the_answer() {
    let (code, out, _) = replay("learner,skill,correct,seconds\na,add.within-10,1,3.2\na,add.within-10,1,2.0\nb,unknown-skill,0\n");
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "p");
    assert_eq!(lines.len(), 4);
    let p: Vec<f64> = lines[1..].iter().map(|l| l.parse().unwrap()).collect();
    assert!(p.iter().all(|x| (0.0..=1.0).contains(x)));
    assert!(p[1] > p[0], "a right answer raises the next prediction");
}

#[test]
fn bad_rows_stop_with_their_line_number_and_no_panic() {
    for (input, needle) in [
        ("learner,skill,correct\na,s,1\na,s,maybe\n", "Line 3"),
        ("learner,skill,correct\na,s\n", "Line 2"),
        ("learner,skill,correct\na,s,1,-5\n", "Line 2"),
        ("", "empty"),
    ] {
        let (code, _, err) = replay(input);
        assert_eq!(code, 2, "{input:?}");
        assert!(err.contains(needle), "{input:?}: {err}");
        assert!(!err.contains("panicked"));
    }
}
