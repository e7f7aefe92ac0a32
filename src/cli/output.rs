//! What every command shares: the failure type, writing to stdout (text
//! and JSON), loading the workspace, reporting unloaded files, and
//! aligned columns.

use crate::store::{FsStore, Loaded, Store};
use crate::text;
use serde::Serialize;
use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

/// A command's failure: one sentence for stderr, and the exit code.
pub struct Failure(pub String);

pub type Outcome = Result<ExitCode, Failure>;

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(error: E) -> Failure {
        Failure(error.to_string())
    }
}

/// Writes to stdout, treating a closed pipe (`persona list | head`) as done.
pub(crate) fn emit(text: &str) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(Failure(format!("could not write the output: {e}")))
        }
        _ => Ok(()),
    }
}

pub(crate) fn emit_json<T: Serialize + ?Sized>(value: &T) -> Result<(), Failure> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    emit(&text)
}

pub(crate) fn load(root: &Path) -> Result<(FsStore, Loaded), Failure> {
    let mut store = FsStore::new(root);
    let loaded = store.load()?;
    Ok((store, loaded))
}

/// Tells stderr about files that could not be loaded; the exit code
/// becomes 1 so scripts notice.
pub(crate) fn report_unloaded(loaded: &Loaded) -> ExitCode {
    report_problems(&loaded.problems)
}

pub(crate) fn report_problems(problems: &[crate::store::Problem]) -> ExitCode {
    if problems.is_empty() {
        return ExitCode::SUCCESS;
    }
    for problem in problems {
        eprintln!("{}", text::line(&problem.to_string()));
    }
    let n = problems.len();
    eprintln!(
        "warning: {n} {} could not be loaded and {} left out; see `persona validate`",
        plural(n, "file", "files"),
        if n == 1 { "is" } else { "are" }
    );
    ExitCode::from(1)
}

pub(crate) fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// Rows of cells as aligned columns (by terminal width, so CJK lines up).
pub(crate) fn columns(rows: &[Vec<String>]) -> String {
    let count = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..count)
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|c| text::width(c))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            if i + 1 == row.len() {
                line.push_str(cell);
            } else {
                line.push_str(&text::pad(cell, widths[i]));
                line.push_str("  ");
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_by_display_width() {
        let rows = vec![
            vec!["a".to_string(), "増田".to_string(), "x".to_string()],
            vec!["bb".to_string(), "n".to_string(), "y".to_string()],
        ];
        assert_eq!(columns(&rows), "a   増田  x\nbb  n     y\n");
    }
}
