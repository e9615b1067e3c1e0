//! Running the real `kizuna` binary against a community file, shared by the CLI tests.

// Each test file uses the helpers it needs.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// Runs `kizuna --db DB ARGS…` (ignoring any `KIZUNA_DB` of the caller).
pub fn kizuna(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kizuna"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("KIZUNA_DB")
        .output()
        .expect("run kizuna")
}

/// The standard output of a run that must have succeeded.
pub fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "kizuna failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

/// The error output of a run that must have failed.
pub fn stderr_of_failure(output: &Output) -> String {
    assert!(!output.status.success(), "kizuna should have failed");
    String::from_utf8_lossy(&output.stderr).into_owned()
}
