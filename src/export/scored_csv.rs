//! The scored lead file: every column of the lead file, then `fit_score`,
//! `fit_tier`, `fit_reasons`, `fit_unknown` and `segment`. Written row by
//! row (a million leads never sit in memory), every cell made safe for a
//! spreadsheet by [`super::csv_safe`], to a temporary file that replaces
//! the target only once it is complete.

use super::csv_safe;
use crate::domain::scoring::{Row, Scored, Scorer};
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// The columns scoring adds, in order.
pub const COLUMNS: [&str; 5] = [
    "fit_score",
    "fit_tier",
    "fit_reasons",
    "fit_unknown",
    "segment",
];

/// Which input columns are passed through: all but earlier scoring columns
/// (scoring a scored file replaces them instead of adding a second set).
pub fn kept_columns(headers: &[String]) -> Vec<usize> {
    (0..headers.len())
        .filter(|i| !COLUMNS.contains(&headers[*i].trim().to_lowercase().as_str()))
        .collect()
}

/// Writes scored rows as CSV.
pub struct ScoredWriter<W: Write> {
    writer: csv::Writer<W>,
    kept: Vec<usize>,
    /// Reused from row to row.
    reasons: String,
    unknown: String,
    number: String,
    record: csv::StringRecord,
}

impl<W: Write> ScoredWriter<W> {
    /// Starts the file with the header row.
    pub fn new(out: W, headers: &[String]) -> csv::Result<ScoredWriter<W>> {
        let mut writer = csv::WriterBuilder::new().flexible(false).from_writer(out);
        let kept = kept_columns(headers);
        let mut header: Vec<String> = kept
            .iter()
            .map(|i| csv_safe::cell(&headers[*i]).into_owned())
            .collect();
        header.extend(COLUMNS.iter().map(|c| c.to_string()));
        writer.write_record(&header)?;
        Ok(ScoredWriter {
            writer,
            kept,
            reasons: String::new(),
            unknown: String::new(),
            number: String::new(),
            record: csv::StringRecord::new(),
        })
    }

    /// Writes one row with its score. A row shorter than the header gets
    /// empty cells, so the scoring columns always line up.
    pub fn write(
        &mut self,
        scorer: &Scorer,
        row: &(impl Row + ?Sized),
        scored: &Scored,
    ) -> csv::Result<()> {
        self.record.clear();
        for &i in &self.kept {
            self.record
                .push_field(&csv_safe::cell(row.cell(i).unwrap_or("")));
        }
        self.number.clear();
        use std::fmt::Write as _;
        let _ = write!(self.number, "{}", scored.points);
        self.record.push_field(&self.number);
        self.record
            .push_field(&csv_safe::cell(scorer.verdict(scored)));
        scorer.reasons_into(scored, row, &mut self.reasons);
        self.record.push_field(&csv_safe::cell(&self.reasons));
        scorer.unknown_into(scored, &mut self.unknown);
        self.record.push_field(&csv_safe::cell(&self.unknown));
        self.record
            .push_field(&csv_safe::cell(scorer.segment_id(scored)));
        self.writer.write_record(&self.record)
    }

    /// Flushes and hands back the output.
    pub fn finish(self) -> io::Result<W> {
        self.writer
            .into_inner()
            .map_err(|e| io::Error::other(e.to_string()))
    }
}

/// Whether a file is a scored lead file (its header ends with the scoring
/// columns), so writing over it loses nothing the user wrote by hand.
pub fn is_scored_file(path: &Path) -> bool {
    let Ok(file) = File::open(path) else {
        return false;
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(io::BufReader::new(file));
    let mut record = csv::StringRecord::new();
    if !matches!(reader.read_record(&mut record), Ok(true)) {
        return false;
    }
    let cells: Vec<&str> = record.iter().map(str::trim).collect();
    cells.len() >= COLUMNS.len() && cells[cells.len() - COLUMNS.len()..] == COLUMNS
}

/// A file being written beside its target, which replaces the target only
/// when [`Staged::commit`] is called (flushed to disk first); dropped
/// without a commit, it is removed and the target is untouched.
pub struct Staged {
    temp: PathBuf,
    target: PathBuf,
    file: Option<BufWriter<File>>,
}

impl Staged {
    pub fn create(target: &Path) -> io::Result<Staged> {
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temp = dir.join(format!(
            ".{name}{}{}",
            crate::store::atomic::TEMP_MARK,
            std::process::id()
        ));
        let file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
            .or_else(|e| {
                // A temporary file of ours left by a killed run: replace it.
                if e.kind() == io::ErrorKind::AlreadyExists {
                    fs::remove_file(&temp)?;
                    fs::OpenOptions::new()
                        .write(true)
                        .create_new(true)
                        .open(&temp)
                } else {
                    Err(e)
                }
            })?;
        Ok(Staged {
            temp,
            target: target.to_path_buf(),
            file: Some(BufWriter::with_capacity(1 << 16, file)),
        })
    }

    pub fn writer(&mut self) -> &mut BufWriter<File> {
        self.file.as_mut().expect("not committed yet")
    }

    /// Flushes the file to disk and renames it over the target.
    pub fn commit(mut self) -> io::Result<()> {
        let file = self.file.take().expect("committed once");
        let file = file.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        drop(file);
        if let Ok(meta) = fs::metadata(&self.target) {
            let _ = fs::set_permissions(&self.temp, meta.permissions());
        }
        fs::rename(&self.temp, &self.target)?;
        if let Some(dir) = self.temp.parent() {
            crate::store::atomic::sync_dir(dir);
        }
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = fs::remove_file(&self.temp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_staged_file_replaces_its_target_only_when_committed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.csv");
        fs::write(&target, "old").unwrap();
        {
            let mut staged = Staged::create(&target).unwrap();
            staged.writer().write_all(b"half").unwrap();
        }
        assert_eq!(fs::read_to_string(&target).unwrap(), "old");
        let mut staged = Staged::create(&target).unwrap();
        staged.writer().write_all(b"new").unwrap();
        staged.commit().unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["out.csv"]);
    }

    #[test]
    fn earlier_scoring_columns_are_replaced() {
        let headers: Vec<String> = ["Company", "fit_score", "Fit_Tier", "Industry"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(kept_columns(&headers), [0, 3]);
    }
}
