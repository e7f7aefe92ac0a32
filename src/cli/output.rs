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
/// Every character that could drive the terminal is made visible first
/// ([`text::visible`]; newlines are kept), so a name or a path read from a
/// file can never reach the terminal raw.
pub(crate) fn emit(text: &str) -> Result<(), Failure> {
    let text = text::visible(text, true);
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(Failure(format!("could not write the output: {e}")))
        }
        _ => Ok(()),
    }
}

/// Every `--json` prints through this: pretty JSON with C1, DEL, bidi and
/// line-separator characters escaped as `\uXXXX` ([`text::json_safe`]),
/// which serde_json alone leaves raw.
pub(crate) fn emit_json<T: Serialize + ?Sized>(value: &T) -> Result<(), Failure> {
    let mut json = text::json_safe(&serde_json::to_string_pretty(value)?);
    json.push('\n');
    emit(&json)
}

/// One line to stderr (a note, a warning, a count), made safe like
/// [`emit`]'s output. Commands never `eprintln!` user text directly.
pub(crate) fn note(message: &str) {
    eprintln!("{}", text::line(message));
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
        note(&problem.to_string());
    }
    let n = problems.len();
    note(&format!(
        "warning: {n} {} could not be loaded and {} left out; see `persona validate`",
        plural(n, "file", "files"),
        if n == 1 { "is" } else { "are" }
    ));
    ExitCode::from(1)
}

pub(crate) fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// The widest a column is padded to: a longer cell (a 10 MB name) is
/// written whole but does not widen every other row.
const MAX_COLUMN: usize = 40;

/// Rows of cells as aligned columns (by terminal width, so CJK lines up).
pub(crate) fn columns(rows: &[Vec<String>]) -> String {
    let count = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..count)
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|c| text::width(c))
                .filter(|w| *w <= MAX_COLUMN)
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

    #[test]
    fn one_long_cell_does_not_pad_every_row() {
        let long = "n".repeat(10_000);
        let rows = vec![
            vec!["a".to_string(), long.clone(), "x".to_string()],
            vec!["b".to_string(), "short".to_string(), "y".to_string()],
        ];
        assert_eq!(
            columns(&rows),
            format!("a  {long}  x\nb  short  y\n"),
            "the long cell is whole, the others padded to the widest short one"
        );
    }
}
