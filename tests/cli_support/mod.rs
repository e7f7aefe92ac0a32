//! Running the built `persona` binary on a workspace, for the CLI tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// What one run printed, and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// `persona --workspace WS ARGS...`, with no terminal and no
/// `PERSONA_WORKSPACE` from the environment.
pub fn persona(ws: &Path, args: &[&str]) -> Run {
    let output: Output = Command::new(env!("CARGO_BIN_EXE_persona"))
        .arg("--workspace")
        .arg(ws)
        .args(args)
        .env_remove("PERSONA_WORKSPACE")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

/// A fresh copy of the demo workspace in a temporary folder.
pub fn demo() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    let run = persona(&ws, &["init", "--demo"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    (dir, ws)
}

/// Every file under `dir`, as paths relative to it, sorted.
pub fn files_under(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            if entry.path().is_dir() {
                stack.push(entry.path());
            } else {
                let rel = entry.path().strip_prefix(dir).unwrap().to_path_buf();
                found.push(rel.to_string_lossy().into_owned());
            }
        }
    }
    found.sort();
    found
}

/// Every path under `dir`, folders too (ending in `/`) and hidden files
/// too, sorted: to show that nothing was left behind.
pub fn everything_under(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .display()
                .to_string();
            if entry.path().is_dir() {
                found.push(format!("{rel}/"));
                stack.push(entry.path());
            } else {
                found.push(rel);
            }
        }
    }
    found.sort();
    found
}
