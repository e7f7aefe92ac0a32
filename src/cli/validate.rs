//! `persona validate`: every problem in every file.

use super::{Outcome, emit, load, note, plural};
use crate::domain::Severity;
use crate::text;
use std::path::Path;
use std::process::ExitCode;

pub fn run(root: &Path) -> Outcome {
    let (store, loaded) = load(root)?;
    let problems = store.validate(&loaded);
    let mut out = String::new();
    for problem in &problems {
        out.push_str(&text::line(&problem.to_string()));
        out.push('\n');
    }
    emit(&out)?;
    let ws = &loaded.workspace;
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let warnings = problems.len() - errors;
    let checked = format!(
        "{} {}, {} {}, {} {}",
        ws.icps.len(),
        plural(ws.icps.len(), "ICP", "ICPs"),
        ws.personas.len(),
        plural(ws.personas.len(), "persona", "personas"),
        ws.interviews.len(),
        plural(ws.interviews.len(), "interview", "interviews"),
    );
    if problems.is_empty() {
        note(&format!("No problems found ({checked} checked)."));
        leave(loaded);
        return Ok(ExitCode::SUCCESS);
    }
    note(&format!(
        "{errors} {} and {warnings} {} ({checked} loaded).",
        plural(errors, "error", "errors"),
        plural(warnings, "warning", "warnings")
    ));
    leave(loaded);
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The process ends right after: freeing 60,000 parsed files one by one
/// would take a twentieth of the command's time for nothing.
pub(crate) fn leave<T>(loaded: T) {
    std::mem::forget(loaded);
}
