//! Finding merge conflicts left in a workspace, for `persona validate`:
//! git's markers in a file (a merge done without persona's driver), and
//! the conflicts persona's driver kept and marked inside files.

use crate::domain::Severity;
use crate::domain::conflict::{self, Conflict, Place};
use crate::store::Problem;
use std::collections::HashSet;
use std::path::Path;

/// What to say about a file with git's conflict markers in it.
pub const MARKERS: &str = "has git conflict markers (`<<<<<<<`), left by a merge made without persona's merge driver: keep one side between the markers and delete the marker lines (then run `persona git-setup` so later merges go item by item)";

/// Every conflict in the workspace's TOML files (its hidden folders
/// aside). Files in `reported` already have their problems told, so git's
/// markers in them (which keep them from loading) are not told again.
pub fn problems(root: &Path, reported: &HashSet<String>) -> Vec<Problem> {
    let mut files = Vec::new();
    collect(root, "", &mut files);
    files.sort();
    // Read and searched on every core: a workspace of 50,000 personas is
    // 60,000 files.
    let found = crate::parallel::map_ordered(&files, 64, |relative| {
        let Ok(text) = std::fs::read_to_string(root.join(relative)) else {
            return Vec::new();
        };
        let found = in_file(relative, &text);
        let markers_only = found.iter().all(|p| p.message == MARKERS);
        if reported.contains(relative) && markers_only {
            return Vec::new();
        }
        found
    });
    found.into_iter().flatten().collect()
}

/// The conflicts in one file's text.
pub fn in_file(relative: &str, text: &str) -> Vec<Problem> {
    let problem = |line: usize, message: String| Problem {
        path: relative.to_string(),
        line,
        column: 1,
        severity: Severity::Error,
        message,
    };
    if !text.contains(conflict::MARK) && !text.contains("<<<<<<<") {
        return Vec::new();
    }
    let table: toml::Table = match toml::from_str(text) {
        Ok(table) => table,
        Err(_) => {
            return conflict::marker_line(text)
                .map(|line| problem(line, MARKERS.to_string()))
                .into_iter()
                .collect();
        }
    };
    let mut places = Places::new(text);
    conflict::list(&table)
        .iter()
        .map(|c| problem(places.line_of(c), c.describe()))
        .collect()
}

/// Lines of the marks in a file, taken in order.
struct Places<'t> {
    text: &'t str,
    marks: std::collections::HashMap<String, usize>,
}

impl<'t> Places<'t> {
    fn new(text: &'t str) -> Places<'t> {
        Places {
            text,
            marks: Default::default(),
        }
    }

    /// The line of the next not yet used occurrence of the conflict's mark.
    fn line_of(&mut self, c: &Conflict) -> usize {
        let needle = match &c.place {
            Place::Entry { mark, .. } => format!("{} = \"{}\"", conflict::MARK, mark.as_str()),
            Place::Value { .. } | Place::Deleted { .. } => format!("[[{}]]", conflict::ENTRIES),
        };
        let from = self.marks.get(&needle).copied().unwrap_or(0);
        match self.text[from..].find(&needle) {
            Some(at) => {
                let at = from + at;
                self.marks.insert(needle, at + 1);
                self.text[..at].matches('\n').count() + 1
            }
            None => 1,
        }
    }
}

fn collect(root: &Path, relative: &str, files: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(root.join(relative)) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = if relative.is_empty() {
            name.clone()
        } else {
            format!("{relative}/{name}")
        };
        // Never follow links out of the workspace.
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            collect(root, &path, files);
        } else if kind.is_file() && name.ends_with(".toml") {
            files.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_marked_entries_at_their_lines() {
        let text = "schema = 1\nname = \"Olivia\"\n\n[[fields.goals]]\ntext = \"a\"\nconflict = \"ours\"\n\n[[fields.goals]]\ntext = \"b\"\nconflict = \"theirs\"\n\n[[conflicts]]\npath = [\"name\"]\nours = \"Olivia\"\ntheirs = \"Liv\"\n";
        let found = in_file("icps/x/personas/olivia.toml", text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].line, 6);
        assert!(found[0].message.starts_with("an item of field `goals`"));
        assert_eq!(found[1].line, 12);
        assert!(
            found[1]
                .to_string()
                .starts_with("icps/x/personas/olivia.toml:12:1: `name` was changed")
        );
    }

    #[test]
    fn reports_git_markers() {
        let text = "schema = 1\n<<<<<<< HEAD\nname = \"a\"\n=======\nname = \"b\"\n>>>>>>> other\n";
        let found = in_file("workspace.toml", text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 2);
        assert_eq!(found[0].message, MARKERS);
        assert!(in_file("a.toml", "name = \"conflict\"\n").is_empty());
    }
}
