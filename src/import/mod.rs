//! Bringing outside material in: call notes as interviews, customer
//! exports as best customers. Tabular files are read by [`table`] and their
//! headers recognised by [`columns`], the same for every import;
//! [`read_notes`] is the one place that reads notes files, shared by the
//! CLI and the app.

pub mod columns;
pub mod customers;
mod decode;
pub mod interviews;
pub mod leads;
pub mod notes;
pub mod outcomes;
pub mod salt;
pub mod scoring;
pub mod table;

use std::path::{Path, PathBuf};

/// A notes file read and checked, ready to become an interview.
#[derive(Clone, Debug, PartialEq)]
pub struct NoteFile {
    pub path: PathBuf,
    pub parsed: notes::ParsedNotes,
}

/// File extensions taken from a folder.
const NOTE_EXTENSIONS: [&str; 4] = ["md", "markdown", "txt", "text"];

/// Every problem of one batch of notes files, each one sentence naming
/// its file, so all of them can be fixed before the next try.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotesProblems(pub Vec<String>);

impl std::fmt::Display for NotesProblems {
    /// One problem is its own sentence; several are listed one per line
    /// under a sentence that says nothing was imported.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0.as_slice() {
            [one] => write!(f, "{one}"),
            many => {
                write!(
                    f,
                    "{} files could not be read, so nothing was imported:",
                    many.len()
                )?;
                for problem in many {
                    write!(f, "\n  {problem}")?;
                }
                Ok(())
            }
        }
    }
}

impl From<NotesProblems> for String {
    fn from(problems: NotesProblems) -> String {
        problems.to_string()
    }
}

/// Reads every file (a folder stands for the `.md`/`.txt` files in it,
/// sorted by name) and parses it. Every file is read and checked before
/// anything is returned, so one bad file means nothing is imported; every
/// bad file is reported, each in one sentence naming it.
pub fn read_notes(paths: &[PathBuf]) -> Result<Vec<NoteFile>, NotesProblems> {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        if path.is_dir() {
            let entries = match std::fs::read_dir(path) {
                Ok(entries) => entries,
                Err(e) => {
                    problems.push(format!("could not read the folder {}: {e}", path.display()));
                    continue;
                }
            };
            let mut found: Vec<PathBuf> = entries
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|p| {
                    p.is_file()
                        && p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                            NOTE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str())
                        })
                })
                .collect();
            if found.is_empty() {
                problems.push(format!(
                    "the folder {} holds no .md or .txt files",
                    path.display()
                ));
            }
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    let mut read = Vec::new();
    for path in files {
        let parsed = read_text(&path).and_then(|text| {
            notes::parse(&file_name(&path), &text).map_err(|e| format!("{}: {e}", path.display()))
        });
        match parsed {
            Ok(parsed) => read.push(NoteFile { path, parsed }),
            Err(problem) => problems.push(problem),
        }
    }
    if problems.is_empty() {
        Ok(read)
    } else {
        Err(NotesProblems(problems))
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A file's text, which must be UTF-8 (a byte-order mark is dropped).
pub fn read_text(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "there is no such file".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission was denied".to_string(),
            std::io::ErrorKind::IsADirectory => "it is a folder".to_string(),
            _ => e.to_string(),
        };
        format!("could not read {}: {why}", path.display())
    })?;
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(e) => Err(format!(
            "{} is not UTF-8 text (bad byte at offset {}); save it as UTF-8 and try again",
            path.display(),
            e.valid_up_to()
        )),
    }
}
