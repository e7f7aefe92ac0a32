//! Outcome snapshots on disk: `metrics/<date>-<source>-<fingerprint>.toml`,
//! one file per import, aggregates only (see [`crate::domain::metrics`]).
//!
//! Snapshots are written once and never replaced: a new import makes a new
//! file (created only if no file has that name, so two imports of the same
//! file at once make one snapshot), and an import whose file fingerprint is
//! already in a snapshot writes nothing.

use super::codec::{self, Versioned};
use super::write::Expect;
use super::{Problem, StoreError, atomic};
use crate::domain::metrics::Snapshot;
use std::fs;
use std::io;
use std::path::Path;

/// The folder, relative to the workspace.
pub const METRICS: &str = "metrics";

impl Versioned for Snapshot {
    fn schema(&self) -> u32 {
        self.schema
    }
    fn set_schema(&mut self, schema: u32) {
        self.schema = schema;
    }
}

/// Every snapshot that loads, oldest first, and the files that do not.
#[derive(Clone, Debug, Default)]
pub struct Snapshots {
    pub snapshots: Vec<Snapshot>,
    pub problems: Vec<Problem>,
}

impl Snapshots {
    /// The snapshot made from a file with this fingerprint, if any.
    pub fn with_fingerprint(&self, fingerprint: &str) -> Option<&Snapshot> {
        self.snapshots.iter().find(|s| s.fingerprint == fingerprint)
    }
}

/// Reads `metrics/` (an absent folder is no snapshots). A file that does
/// not parse is reported with its line and column, and the rest load.
pub fn load(root: &Path) -> Snapshots {
    let mut out = Snapshots::default();
    let dir = root.join(METRICS);
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return out,
        Err(e) => {
            out.problems
                .push(problem(METRICS, format!("could not read the folder: {e}")));
            return out;
        }
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml") && !n.starts_with('.') && !atomic::is_temp_name(n))
        .collect();
    names.sort();
    for name in names {
        let relative = format!("{METRICS}/{name}");
        let bytes = match fs::read(dir.join(&name)) {
            Ok(bytes) => bytes,
            Err(e) => {
                out.problems
                    .push(problem(&relative, format!("could not be read: {e}")));
                continue;
            }
        };
        match codec::decode::<Snapshot>(&relative, &bytes) {
            Ok(mut snapshot) => {
                snapshot.id = name.trim_end_matches(".toml").to_string();
                out.snapshots.push(snapshot);
            }
            Err(problem) => out.problems.push(problem),
        }
    }
    out.snapshots
        .sort_by(|a, b| (a.date, a.imported, &a.id).cmp(&(b.date, b.imported, &b.id)));
    out
}

/// The file name a snapshot gets: its date, source and the start of its
/// fingerprint, so the same file imported the same day has one name.
pub fn id_for(snapshot: &Snapshot) -> String {
    let hex = snapshot.fingerprint.rsplit(':').next().unwrap_or_default();
    let short: String = hex
        .chars()
        .filter(char::is_ascii_hexdigit)
        .take(12)
        .collect();
    format!("{}-{}-{short}", snapshot.date, snapshot.source.key())
}

/// Writes a new snapshot with the store's write (created by a hard link,
/// so a file of that name that exists or appears meanwhile is never
/// replaced: [`StoreError::Occupied`]). Sets its id and returns its path
/// relative to the workspace.
pub fn save_new(root: &Path, snapshot: &mut Snapshot) -> Result<String, StoreError> {
    snapshot.id = id_for(snapshot);
    let relative = format!("{METRICS}/{}.toml", snapshot.id);
    let text = codec::encode(snapshot).map_err(|message| StoreError::Encode {
        path: relative.clone(),
        message,
    })?;
    super::write::write_file(root, &relative, text.as_bytes(), Expect::Absent)?;
    Ok(relative)
}

fn problem(path: &str, message: String) -> Problem {
    Problem {
        path: path.to_string(),
        line: 1,
        column: 1,
        severity: crate::domain::Severity::Error,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::metrics::{Cell, Counts, Source, fingerprint};

    fn snapshot(file: &[u8]) -> Snapshot {
        Snapshot {
            id: String::new(),
            schema: 1,
            date: jiff::civil::date(2026, 11, 24),
            imported: "2026-11-24T10:00:00Z".parse().unwrap(),
            source: Source::Lemlist,
            stream: "lemlist".into(),
            file: "leads.csv".into(),
            fingerprint: fingerprint(file),
            rows: 2,
            unassigned: 0,
            cells: vec![Cell {
                persona: Some("olivia".into()),
                counts: Counts {
                    sent: 2,
                    delivered: 2,
                    ..Counts::default()
                },
                ..Cell::default()
            }],
            extra: Default::default(),
        }
    }

    #[test]
    fn saves_once_loads_back_and_reports_broken_files() {
        let dir = tempfile::tempdir().unwrap();
        assert!(load(dir.path()).snapshots.is_empty());
        let mut first = snapshot(b"a");
        let path = save_new(dir.path(), &mut first).unwrap();
        assert_eq!(path, "metrics/2026-11-24-lemlist-ca978112ca1b.toml");
        // The same name again is refused, never replaced.
        let mut again = snapshot(b"a");
        assert!(matches!(
            save_new(dir.path(), &mut again),
            Err(StoreError::Occupied { .. })
        ));
        fs::write(
            dir.path().join("metrics/broken.toml"),
            "schema = 1\ndate = [",
        )
        .unwrap();
        fs::write(dir.path().join("metrics/newer.toml"), "schema = 9\n").unwrap();
        fs::write(dir.path().join("metrics/notes.txt"), "ignored").unwrap();
        let loaded = load(dir.path());
        assert_eq!(loaded.snapshots.len(), 1);
        assert_eq!(loaded.snapshots[0], first);
        assert!(loaded.with_fingerprint(&fingerprint(b"a")).is_some());
        let problems: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems[0].starts_with("metrics/broken.toml:2:"),
            "{problems:?}"
        );
        assert!(problems[1].contains("newer persona"), "{problems:?}");
        // No temporary file is left behind.
        let names: Vec<String> = fs::read_dir(dir.path().join(METRICS))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.starts_with('.')), "{names:?}");
    }
}
