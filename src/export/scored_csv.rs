//! The scored lead file: every column of the lead file, then `fit_score`,
//! `fit_tier`, `fit_reasons`, `fit_unknown` and `segment`. Written row by
//! row to any writer (a million leads never sit in memory), every cell made
//! safe for a spreadsheet by [`super::csv_safe`]; the CLI streams it into a
//! [`crate::store::staged::Staged`] file so a failure never leaves half a
//! file behind.

use super::csv_safe;
use crate::domain::scoring::{Row, Scored, Scorer};
use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

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
        for &i in &self.kept {
            self.writer
                .write_field(csv_safe::cell(row.cell(i).unwrap_or("")).as_bytes())?;
        }
        self.number.clear();
        use std::fmt::Write as _;
        let _ = write!(self.number, "{}", scored.points);
        self.writer.write_field(self.number.as_bytes())?;
        self.writer
            .write_field(csv_safe::cell(scorer.verdict(scored)).as_bytes())?;
        scorer.reasons_into(scored, row, &mut self.reasons);
        self.writer
            .write_field(csv_safe::cell(&self.reasons).as_bytes())?;
        scorer.unknown_into(scored, &mut self.unknown);
        self.writer
            .write_field(csv_safe::cell(&self.unknown).as_bytes())?;
        self.writer
            .write_field(csv_safe::cell(scorer.segment_id(scored)).as_bytes())?;
        // Ends the record.
        self.writer.write_record(None::<&[u8]>)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn earlier_scoring_columns_are_replaced() {
        let headers: Vec<String> = ["Company", "fit_score", "Fit_Tier", "Industry"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(kept_columns(&headers), [0, 3]);
    }
}
