//! A deals file read row by row for the back-test: which deals were won,
//! lost or are still open (left out), the counts, and the warnings a reader
//! should see. What `persona backtest` and the app's back-test table share.

use super::backtest::{Backtest, Decided, Report, Verdict, after_the_outcome, looks_closed};
use super::bind::find_columns;
use super::eval::{Row, Scored, Scorer};
use super::fields::header_key;
use std::collections::BTreeMap;

/// Decided deals counted one row at a time (flat memory).
pub struct Deals<'s> {
    scorer: &'s Scorer,
    decided: Decided,
    /// The columns holding the outcome, best first.
    columns: Vec<usize>,
    /// The outcome column's header as the file writes it.
    pub outcome_header: String,
    backtest: Backtest,
    scored: Scored,
    /// Rows with a blank or still-open outcome, left out.
    pub left_out: u64,
    /// Each value counted as lost, with how many deals had it.
    lost_values: BTreeMap<String, u64>,
}

impl<'s> Deals<'s> {
    /// `Err` names the column `decided` asks for that the file lacks (the
    /// caller adds the file's name and columns).
    pub fn new(
        scorer: &'s Scorer,
        decided: Decided,
        recognise: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Deals<'s>, String> {
        let columns = find_columns(&decided.column, &scorer.header, recognise)
            .ok_or_else(|| decided.column.clone())?;
        let outcome_header = scorer.header.columns[columns[0]].header.clone();
        Ok(Deals {
            scorer,
            decided,
            columns,
            outcome_header,
            backtest: Backtest::new(scorer),
            scored: scorer.blank(),
            left_out: 0,
            lost_values: BTreeMap::new(),
        })
    }

    /// Counts one row: won, lost, or left out.
    pub fn add(&mut self, row: &(impl Row + ?Sized)) {
        let cell = self
            .columns
            .iter()
            .filter_map(|c| row.cell(*c))
            .find(|v| !v.trim().is_empty())
            .unwrap_or("");
        let won = match self.decided.verdict(cell) {
            Verdict::Won => true,
            Verdict::Lost => {
                *self.lost_values.entry(cell.trim().to_string()).or_default() += 1;
                false
            }
            Verdict::Open | Verdict::Blank => {
                self.left_out += 1;
                return;
            }
        };
        self.scorer.score(row, &mut self.scored);
        self.backtest.add(&self.scored, won);
    }

    pub fn report(&self) -> Report {
        self.backtest.report(self.scorer)
    }

    /// What a reader of the figures should know, one sentence each
    /// (without the final period; values as the file writes them, for the
    /// caller to make safe): rules reading columns known only after the
    /// outcome, no win at all, open-looking values counted as lost
    /// (`lost_how` says how to name the values that mean lost).
    pub fn warnings(&self, report: &Report, won_values: &str, lost_how: &str) -> Vec<String> {
        let mut warnings = Vec::new();
        for (owner, column) in after_the_outcome(self.scorer) {
            warnings.push(format!(
                "{owner} reads `{column}`, which is only known once a deal is decided, so its figures here are better than it will do on new leads"
            ));
        }
        if report.won == 0 {
            warnings.push(format!(
                "no deal has `{}` = {won_values}; check the outcome value against the column's values",
                self.outcome_header
            ));
        }
        if !self.decided.names_lost() {
            let mut open: Vec<(&String, &u64)> = self
                .lost_values
                .iter()
                .filter(|(v, _)| !looks_closed(v))
                .collect();
            let open_n: u64 = open.iter().map(|(_, n)| **n).sum();
            if open_n > 0 {
                open.sort_by(|a, b| b.1.cmp(a.1));
                let named: Vec<String> = open
                    .iter()
                    .take(3)
                    .map(|(v, n)| format!("{v} {n}"))
                    .collect();
                warnings.push(format!(
                    "{open_n} {} a {} that looks still open ({}) and counted as lost; {lost_how} to leave open deals out",
                    if open_n == 1 { "deal has" } else { "deals have" },
                    self.outcome_header,
                    named.join(", ")
                ));
            }
        }
        warnings
    }
}

/// A guess at the outcome of a deals file, as `COLUMN=VALUE`: a column
/// named like a stage, status, outcome or "won", and among `rows` a value
/// that reads as won (`closedwon`, `Closed Won`, `Won`, or `true` in a
/// "won" column). `None` when the file does not look like decided deals.
pub fn guess_outcome<'r, R: Row + ?Sized + 'r>(
    scorer: &Scorer,
    rows: impl Iterator<Item = &'r R> + Clone,
) -> Option<String> {
    let columns = &scorer.header.columns;
    let named = |words: &[&str]| {
        columns
            .iter()
            .position(|c| words.iter().any(|w| header_key(&c.header).contains(w)))
    };
    if let Some(at) = named(&["stage", "status", "outcome", "result"]) {
        let won = rows
            .clone()
            .filter_map(|r| r.cell(at))
            .find(|v| header_key(v).contains("won"))?;
        return Some(format!("{}={}", columns[at].header, won.trim()));
    }
    let at = columns.iter().position(|c| {
        matches!(
            header_key(&c.header).as_str(),
            "won" | "iswon" | "closedwon"
        )
    })?;
    let yes = rows
        .filter_map(|r| r.cell(at))
        .find(|v| matches!(header_key(v).as_str(), "true" | "yes" | "1"))?;
    Some(format!("{}={}", columns[at].header, yes.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::scoring::{Column, LeadHeader, Scoring};

    fn scorer(headers: &[&str]) -> Scorer {
        let scoring: Scoring = toml::from_str(
            "schema = 1\n[[rules]]\nid = \"big\"\nfield = \"Employees\"\nmin = 50\npoints = 40\n",
        )
        .unwrap();
        let header =
            LeadHeader::from_columns(headers.iter().map(|h| Column::new(*h, None)).collect());
        Scorer::new(scoring, header, &|_| None).unwrap()
    }

    #[test]
    fn won_lost_and_open_deals_are_told_apart() {
        let s = scorer(&["Employees", "Deal Stage"]);
        let decided = Decided::parse("Deal Stage=closedwon", None).unwrap();
        let mut deals = Deals::new(&s, decided, &|_| None).unwrap();
        for row in [
            ["80", "Closed Won"],
            ["10", "closedlost"],
            ["90", "appointmentscheduled"],
            ["", ""],
        ] {
            deals.add(&row[..]);
        }
        let report = deals.report();
        assert_eq!((report.deals, report.won, deals.left_out), (3, 1, 1));
        let warnings = deals.warnings(&report, "closedwon", "say");
        assert!(
            warnings[0].starts_with(
                "1 deal has a Deal Stage that looks still open (appointmentscheduled 1)"
            ),
            "{warnings:?}"
        );
    }

    #[test]
    fn the_outcome_is_guessed_from_a_stage_or_won_column() {
        let s = scorer(&["Employees", "Deal Stage"]);
        let rows = [vec!["3", "Closed Lost"], vec!["5", "Closed Won"]];
        assert_eq!(
            guess_outcome(&s, rows.iter()).as_deref(),
            Some("Deal Stage=Closed Won")
        );
        let s = scorer(&["Employees", "Won"]);
        let rows = [vec!["3", "false"], vec!["5", "true"]];
        assert_eq!(guess_outcome(&s, rows.iter()).as_deref(), Some("Won=true"));
        let s = scorer(&["Employees", "Email"]);
        assert_eq!(guess_outcome(&s, rows.iter()), None);
    }
}
