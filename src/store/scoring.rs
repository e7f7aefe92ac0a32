//! `icps/<id>/scoring.toml`: reading an ICP's scoring rules (with the line
//! each rule starts on, so every message can point at it), refusing a file
//! whose rules do not make sense, and saving it atomically.

use super::codec::{self, Versioned};
use super::write::{Expect, write_file};
use super::{Problem, locate};
use crate::domain::scoring::{self, Cite, Scoring, check};
use crate::domain::{Severity, Workspace};
use serde::Deserialize;
use std::path::Path;

impl Versioned for Scoring {
    fn schema(&self) -> u32 {
        self.schema
    }
    fn set_schema(&mut self, schema: u32) {
        self.schema = schema;
    }
}

/// Where an ICP's scoring rules live, relative to the workspace.
pub fn scoring_file(icp: &str) -> String {
    format!("{}/{}", super::layout::icp_dir(icp), scoring::FILE_NAME)
}

/// Where `score --suggest` writes candidate rules for review.
pub fn suggested_file(icp: &str) -> String {
    format!("{}/scoring.suggested.toml", super::layout::icp_dir(icp))
}

/// Only the positions of the tables (and of a rule's `field`), to put line
/// numbers on rules.
#[derive(Deserialize)]
struct Spans {
    #[serde(default)]
    rules: Vec<toml::Spanned<FieldSpan>>,
    #[serde(default)]
    segments: Vec<toml::Spanned<toml::Table>>,
}

#[derive(Deserialize)]
struct FieldSpan {
    field: Option<toml::Spanned<toml::Value>>,
}

fn problem(path: &str, line: usize, message: String) -> Problem {
    Problem {
        path: path.to_string(),
        line,
        column: 1,
        severity: Severity::Error,
        message,
    }
}

/// Parses a scoring file's text (`path` is only for messages) and checks
/// it. Any problem refuses the whole file: a half-read rule set would score
/// leads wrongly without saying so.
pub fn parse(path: &str, icp: &str, text: &str) -> Result<Scoring, Vec<Problem>> {
    let mut scoring: Scoring = codec::decode(path, text.as_bytes()).map_err(|p| vec![p])?;
    scoring.icp = icp.to_string();
    if let Ok(spans) = toml::from_str::<Spans>(text) {
        let line = |span: std::ops::Range<usize>| line_of_table(text, span.start);
        // A rule is placed at its `field` (what most messages are about),
        // else at its `[[rules]]` line.
        for (rule, span) in scoring.rules.iter_mut().zip(spans.rules) {
            rule.line = match &span.get_ref().field {
                Some(field) => locate::line_col(text, field.span().start).0,
                None => line(span.span()),
            };
        }
        for (segment, span) in scoring.segments.iter_mut().zip(spans.segments) {
            segment.line = line(span.span());
        }
    }
    let issues = check::check(&scoring);
    if issues.is_empty() {
        Ok(scoring)
    } else {
        Err(issues
            .into_iter()
            .map(|i| problem(path, i.line, i.message))
            .collect())
    }
}

/// The line of the `[[rules]]` header a table's span starts in (or just
/// after): the span of an array-of-tables entry may begin at its first key.
fn line_of_table(text: &str, offset: usize) -> usize {
    let (line, _) = locate::line_col(text, offset);
    let lines: Vec<&str> = text.lines().collect();
    (1..=line.min(lines.len()))
        .rev()
        .find(|&n| lines[n - 1].trim_start().starts_with("[["))
        .unwrap_or(line)
}

/// Reads an ICP's scoring file: `Ok(None)` when it has none.
pub fn load(root: &Path, icp: &str) -> Result<Option<Scoring>, Vec<Problem>> {
    let relative = scoring_file(icp);
    let bytes = match std::fs::read(root.join(&relative)) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(vec![problem(
                &relative,
                1,
                format!("could not be read: {e}"),
            )]);
        }
    };
    let text = match std::str::from_utf8(&bytes) {
        Ok(text) => text,
        // The codec reports where the bad byte is.
        Err(_) => {
            return codec::decode::<Scoring>(&relative, &bytes)
                .map(Some)
                .map_err(|p| vec![p]);
        }
    };
    parse(&relative, icp, text).map(Some)
}

/// The text `scoring` saves as, if it loads back (every rule well formed,
/// the whole file making sense); else the first problem, as one sentence
/// with its line. Every save goes through it, so a saved file always loads.
pub fn checked_text(scoring: &Scoring) -> Result<String, String> {
    let relative = scoring_file(&scoring.icp);
    let text = codec::encode(scoring).map_err(|message| format!("{relative}: {message}"))?;
    match parse(&relative, &scoring.icp, &text) {
        Ok(_) => Ok(text),
        Err(problems) => Err(problems[0].message.clone()),
    }
}

/// Saves an ICP's scoring file through the store's checked write:
/// `expect` is what was read ([`Expect::content`] of its bytes, or
/// [`Expect::Absent`] for a new file), so a file changed by someone else
/// meanwhile is never overwritten. Unchanged bytes are not rewritten.
pub fn save(root: &Path, scoring: &Scoring, expect: Expect) -> Result<(), super::StoreError> {
    let relative = scoring_file(&scoring.icp);
    let text = checked_text(scoring).map_err(|message| super::StoreError::Encode {
        path: relative.clone(),
        message,
    })?;
    if std::fs::read(root.join(&relative)).is_ok_and(|b| b == text.as_bytes()) {
        return Ok(());
    }
    write_file(root, &relative, text.as_bytes(), expect)
}

/// For `persona validate`: every ICP's scoring file, parsed and checked,
/// and each rule's citations looked up (a highlight or best customer that
/// does not exist is an error), plus scoring files in folders with no ICP.
pub fn validate(root: &Path, workspace: &Workspace) -> Vec<Problem> {
    let mut problems = Vec::new();
    let Ok(entries) = std::fs::read_dir(root.join(super::layout::ICPS)) else {
        return problems;
    };
    let mut folders: Vec<String> = entries
        .flatten()
        .filter(|e| e.path().join(scoring::FILE_NAME).is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    for icp in folders {
        let relative = scoring_file(&icp);
        let scoring = match load(root, &icp) {
            Ok(Some(scoring)) => scoring,
            Ok(None) => continue,
            Err(found) => {
                problems.extend(found);
                continue;
            }
        };
        let Some(icp_entity) = workspace.icp(&icp) else {
            problems.push(problem(
                &relative,
                1,
                format!("belongs to ICP `{icp}`, which does not exist (icps/{icp}/icp.toml is missing or could not be loaded)"),
            ));
            continue;
        };
        let text = std::fs::read_to_string(root.join(&relative)).unwrap_or_default();
        for rule in &scoring.rules {
            for cite in &rule.cites {
                let missing = match cite {
                    Cite::Highlight(c) if workspace.interview(&c.interview).is_none() => {
                        Some(format!(
                            "rule `{}` cites `{c}`, but there is no interview `{}`",
                            rule.id, c.interview
                        ))
                    }
                    Cite::Highlight(c) if workspace.quote(c).is_none() => Some(format!(
                        "rule `{}` cites `{c}`, but interview `{}` has no highlight `{}`",
                        rule.id, c.interview, c.highlight
                    )),
                    Cite::Customer(name)
                        if scoring::evidence::find_customer(icp_entity, name).is_none() =>
                    {
                        Some(format!(
                            "rule `{}` cites best customer `{name}`, which ICP `{icp}` does not list",
                            rule.id
                        ))
                    }
                    _ => None,
                };
                if let Some(message) = missing {
                    let needle = format!("\"{cite}\"");
                    let (line, column) =
                        locate::find_nth(&text, &needle, 0).unwrap_or((rule.line.max(1), 1));
                    problems.push(Problem {
                        path: relative.clone(),
                        line,
                        column,
                        severity: Severity::Error,
                        message,
                    });
                }
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saving_never_overwrites_an_outside_change() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("icps/x")).unwrap();
        let text = "schema = 1\n\n[[rules]]\nid = \"a\"\nfield = \"industry\"\nequals = \"x\"\npoints = 5\n";
        std::fs::write(root.join("icps/x/scoring.toml"), text).unwrap();
        let mut scoring = load(root, "x").unwrap().unwrap();
        scoring.rules[0].points = 10;
        // Someone edits the file meanwhile: the save is refused.
        std::fs::write(root.join("icps/x/scoring.toml"), text.replace("5", "7")).unwrap();
        let refused = save(root, &scoring, Expect::content(text.as_bytes())).unwrap_err();
        assert!(refused.is_conflict(), "{refused}");
        // Against what is there now, it saves, and loads back the same.
        let now = std::fs::read(root.join("icps/x/scoring.toml")).unwrap();
        save(root, &scoring, Expect::content(&now)).unwrap();
        assert_eq!(load(root, "x").unwrap().unwrap().rules[0].points, 10);
        // A new file is created only where there is none.
        let mut other = scoring.clone();
        other.icp = "y".into();
        std::fs::create_dir_all(root.join("icps/y")).unwrap();
        save(root, &other, Expect::Absent).unwrap();
        assert!(
            save(root, &other, Expect::Absent).is_ok(),
            "unchanged bytes are not rewritten"
        );
        other.rules[0].points = 1;
        assert!(save(root, &other, Expect::Absent).is_err());
    }

    #[test]
    fn rules_know_their_lines_and_bad_files_say_where() {
        let text = "schema = 1\n\n[[rules]]\nid = \"a\"\nfield = \"industry\"\nequals = \"x\"\npoints = 5\n\n[[rules]]\nid = \"b\"\nfield = \"country\"\nmin = 3\npoints = 5\n";
        let errors = parse("icps/x/scoring.toml", "x", text).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 11);
        assert!(
            errors[0]
                .to_string()
                .starts_with("icps/x/scoring.toml:11:1: rule `b` uses `min/max`")
        );
        let ok = parse("p", "x", &text.replace("min = 3", "equals = \"US\"")).unwrap();
        assert_eq!(ok.icp, "x");
        assert_eq!((ok.rules[0].line, ok.rules[1].line), (5, 11));
    }

    #[test]
    fn a_serde_error_points_at_its_line() {
        let text = "schema = 1\n\n[[rules]]\nid = \"a\"\nfield = \"industry\"\npoints = 5\n";
        let errors = parse("p", "x", text).unwrap_err();
        assert!(errors[0].message.contains("exactly one test"), "{errors:?}");
        assert!(errors[0].line >= 3, "{errors:?}");
        let newer = parse("p", "x", "schema = 9\n").unwrap_err();
        assert!(newer[0].message.contains("newer persona"));
    }
}
