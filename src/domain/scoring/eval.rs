//! Scoring one row: which rules fire, the points (with group caps), the
//! tier or the disqualification, and the segment. A value the row lacks
//! makes its rules *unknown*, never a miss.
//!
//! Built to run over a million rows: every test's values are folded and
//! parsed once ([`super::bind`]), each cell at most once per row, and a
//! [`Scored`] is reused from row to row.

use super::bind::{self, BindError, Binding, Bound, Column, Compiled, LeadHeader};
use super::fields::ValueKind;
use super::model::{Scoring, Tier};
use super::normalise::{self, Span};

/// A row of a lead file, by column index.
pub trait Row {
    fn cell(&self, column: usize) -> Option<&str>;
}

impl<S: AsRef<str>> Row for [S] {
    fn cell(&self, column: usize) -> Option<&str> {
        self.get(column).map(AsRef::as_ref)
    }
}

impl<S: AsRef<str>> Row for Vec<S> {
    fn cell(&self, column: usize) -> Option<&str> {
        self.get(column).map(AsRef::as_ref)
    }
}

/// What one rule made of one row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The rule holds; the matching text is `start..end` of the cell in
    /// `column` (an entry of a list, or the whole trimmed value).
    Fired {
        column: usize,
        start: usize,
        end: usize,
    },
    /// The row has a value and the rule does not hold for it.
    Missed,
    /// The row has no usable value for the field (blank, unreadable, in
    /// another currency, or no such column): neither a hit nor a miss.
    Unknown,
}

/// A scoring file bound to the columns of one lead file.
#[derive(Clone, Debug)]
pub struct Scorer {
    pub scoring: Scoring,
    pub header: LeadHeader,
    binding: Binding,
    /// Highest `min` first; the tier without `min` last.
    tiers: Vec<Tier>,
    /// Per rule: the index of its group in `scoring.groups`.
    rule_groups: Vec<Option<usize>>,
    /// Every column a rule or segment reads.
    used: Vec<usize>,
    /// Per rule: how reasons name its field, and what a range asks
    /// (worked out once, not per row).
    pub(super) words: Vec<(String, String)>,
}

/// The score of one row. Reuse one per file ([`Scorer::blank`]).
#[derive(Clone, Debug, Default)]
pub struct Scored {
    /// The total after group caps.
    pub points: i64,
    /// Index into [`Scorer::tiers`] by points (also for a disqualified row).
    pub tier: usize,
    /// The first disqualifier that fired (index into the rules).
    pub disqualified_by: Option<usize>,
    /// One per rule, in file order.
    pub outcomes: Vec<Outcome>,
    /// Groups whose total went past their cap: (group index, points taken
    /// off, negative when a positive total was cut).
    pub capped: Vec<(usize, i64)>,
    /// Index into the segments of the first one the row fits.
    pub segment: Option<usize>,
    cells: Vec<CellCache>,
}

impl Scored {
    pub fn is_disqualified(&self) -> bool {
        self.disqualified_by.is_some()
    }
}

/// A cell read once per row, whatever number of rules look at it.
#[derive(Clone, Debug, Default)]
struct CellCache {
    ready: bool,
    missing: bool,
    folded: Option<String>,
    amount: Option<Option<(Span, Option<String>)>>,
    country: Option<String>,
    region: Option<String>,
    /// A list cell's entries: their byte range in the cell, and the range
    /// of their folded text in `entries_folded`.
    entries: Option<Vec<[usize; 4]>>,
    entries_folded: String,
}

impl CellCache {
    fn reset(&mut self, raw: Option<&str>) {
        self.ready = true;
        self.missing = raw.is_none_or(normalise::is_missing);
        if let Some(folded) = &mut self.folded {
            folded.clear();
        }
        self.amount = None;
        self.country = None;
        self.region = None;
        if let Some(entries) = &mut self.entries {
            entries.clear();
        }
        self.entries_folded.clear();
    }

    /// The entries of a list cell, folded once per row.
    fn entries(&mut self, raw: &str) -> (&[[usize; 4]], &str) {
        let entries = self.entries.get_or_insert_with(Vec::new);
        if entries.is_empty() {
            for (s, e) in entry_ranges(raw) {
                let from = self.entries_folded.len();
                normalise::fold_into(&raw[s..e], &mut self.entries_folded);
                entries.push([s, e, from, self.entries_folded.len()]);
            }
        }
        (entries.as_slice(), self.entries_folded.as_str())
    }

    fn folded(&mut self, raw: &str) -> &str {
        let folded = self.folded.get_or_insert_with(String::new);
        if folded.is_empty() {
            normalise::fold_into(raw, folded);
        }
        folded
    }
}

impl Scorer {
    /// Binds `scoring` to a lead file's columns; `recognise` is the header
    /// recognition of the customer import (header → canonical field).
    pub fn new(
        scoring: Scoring,
        header: LeadHeader,
        recognise: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Scorer, BindError> {
        let binding = bind::bind(&scoring, &header, recognise)?;
        let mut tiers = scoring.tiers_or_default();
        tiers.sort_by_key(|t| std::cmp::Reverse(t.min.unwrap_or(i64::MIN)));
        let rule_groups = scoring
            .rules
            .iter()
            .map(|r| {
                r.group
                    .as_deref()
                    .and_then(|g| scoring.groups.iter().position(|x| x.id == g))
            })
            .collect();
        let mut used: Vec<usize> = binding
            .rules
            .iter()
            .chain(binding.segments.iter().flatten())
            .flat_map(|b| b.columns.iter().copied())
            .collect();
        used.sort_unstable();
        used.dedup();
        let words = scoring
            .rules
            .iter()
            .map(super::reasons::rule_words)
            .collect();
        Ok(Scorer {
            scoring,
            header,
            binding,
            tiers,
            rule_groups,
            used,
            words,
        })
    }

    /// Known fields the rules read that the lead file has no column for.
    pub fn missing_fields(&self) -> &[String] {
        &self.binding.missing
    }

    /// The tiers, highest first.
    pub fn tiers(&self) -> &[Tier] {
        &self.tiers
    }

    /// The columns rule `i` reads, best first (empty when the file has
    /// none for its field).
    pub fn rule_columns(&self, i: usize) -> &[usize] {
        &self.binding.rules[i].columns
    }

    /// The value rule `i` reads in a row: the first of its columns that is
    /// filled.
    pub fn rule_value<'r>(&self, i: usize, row: &'r (impl Row + ?Sized)) -> Option<&'r str> {
        self.rule_columns(i)
            .iter()
            .filter_map(|c| row.cell(*c))
            .find(|v| !normalise::is_missing(v))
    }

    pub(super) fn rule_kind(&self, i: usize) -> ValueKind {
        self.binding.rules[i].kind
    }

    /// A [`Scored`] sized for this scorer, to pass to [`Scorer::score`].
    pub fn blank(&self) -> Scored {
        Scored {
            outcomes: vec![Outcome::Unknown; self.scoring.rules.len()],
            cells: vec![CellCache::default(); self.header.columns.len()],
            ..Scored::default()
        }
    }

    /// Scores one row into `out` (made by [`Scorer::blank`]).
    pub fn score(&self, row: &(impl Row + ?Sized), out: &mut Scored) {
        if out.cells.len() < self.header.columns.len() {
            *out = self.blank();
        }
        for &column in &self.used {
            out.cells[column].ready = false;
        }
        out.points = 0;
        out.disqualified_by = None;
        out.capped.clear();
        out.segment = None;
        let mut group_totals = [0i64; 16];
        let mut many_groups: Vec<i64> = Vec::new();
        if self.scoring.groups.len() > group_totals.len() {
            many_groups = vec![0; self.scoring.groups.len()];
        }
        for (i, bound) in self.binding.rules.iter().enumerate() {
            let outcome = apply(bound, &self.header, row, &mut out.cells);
            out.outcomes[i] = outcome;
            if !matches!(outcome, Outcome::Fired { .. }) {
                continue;
            }
            let rule = &self.scoring.rules[i];
            if rule.disqualify {
                out.disqualified_by.get_or_insert(i);
                continue;
            }
            match self.rule_groups[i] {
                Some(g) if many_groups.is_empty() => group_totals[g] += rule.points,
                Some(g) => many_groups[g] += rule.points,
                None => out.points += rule.points,
            }
        }
        for (g, group) in self.scoring.groups.iter().enumerate() {
            let total = if many_groups.is_empty() {
                group_totals[g]
            } else {
                many_groups[g]
            };
            let cap = group.cap.abs();
            let kept = total.clamp(-cap, cap);
            if kept != total {
                out.capped.push((g, kept - total));
            }
            out.points += kept;
        }
        out.tier = self
            .tiers
            .iter()
            .position(|t| t.min.is_none_or(|m| out.points >= m))
            .unwrap_or(self.tiers.len().saturating_sub(1));
        out.segment = self.binding.segments.iter().position(|conditions| {
            conditions.iter().all(|b| {
                matches!(
                    apply(b, &self.header, row, &mut out.cells),
                    Outcome::Fired { .. }
                )
            })
        });
    }

    /// The tier's name, or `disqualified`.
    pub fn verdict<'a>(&'a self, scored: &Scored) -> &'a str {
        if scored.is_disqualified() {
            DISQUALIFIED
        } else {
            &self.tiers[scored.tier].name
        }
    }

    /// The segment's id, or `""`.
    pub fn segment_id<'a>(&'a self, scored: &Scored) -> &'a str {
        scored
            .segment
            .map_or("", |s| self.scoring.segments[s].id.as_str())
    }
}

/// What `fit_tier` says of a lead a disqualifier ruled out.
pub const DISQUALIFIED: &str = "disqualified";

/// The trimmed value's byte range within `raw`.
fn trimmed_range(raw: &str) -> (usize, usize) {
    let start = raw.len() - raw.trim_start().len();
    (start, raw.trim_end().len().max(start))
}

/// Byte ranges of a list cell's entries (see [`normalise::entries`]).
fn entry_ranges(raw: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    raw.split([';', ',', '|', '\n']).filter_map(move |part| {
        let offset = part.as_ptr() as usize - raw.as_ptr() as usize;
        let (s, e) = trimmed_range(part);
        (e > s).then_some((offset + s, offset + e))
    })
}

fn apply(
    bound: &Bound,
    header: &LeadHeader,
    row: &(impl Row + ?Sized),
    cells: &mut [CellCache],
) -> Outcome {
    if bound.columns.is_empty() {
        return Outcome::Unknown;
    }
    // The first of the field's columns that is filled.
    let mut chosen = bound.columns[0];
    for &column in &bound.columns {
        let cell = &mut cells[column];
        if !cell.ready {
            cell.reset(row.cell(column));
        }
        if !cell.missing {
            chosen = column;
            break;
        }
    }
    let column = chosen;
    let raw = row.cell(column).unwrap_or("");
    let cell = &mut cells[column];
    let fired = |(start, end): (usize, usize)| Outcome::Fired { column, start, end };
    if let Compiled::Present(wanted) = bound.test {
        return if cell.missing != wanted {
            fired(trimmed_range(raw))
        } else {
            Outcome::Missed
        };
    }
    if cell.missing {
        return Outcome::Unknown;
    }
    let hit = |yes: bool, range: (usize, usize)| if yes { fired(range) } else { Outcome::Missed };
    match &bound.test {
        Compiled::Present(_) => unreachable!("handled above"),
        Compiled::Text(targets) if bound.kind == ValueKind::List => {
            let (entries, folded) = cell.entries(raw);
            for [s, e, fs, fe] in entries {
                if targets.iter().any(|t| t == &folded[*fs..*fe]) {
                    return fired((*s, *e));
                }
            }
            Outcome::Missed
        }
        Compiled::Text(targets) => {
            let folded = cell.folded(raw);
            hit(targets.iter().any(|t| t == folded), trimmed_range(raw))
        }
        Compiled::Contains(words) if bound.kind == ValueKind::List => {
            let (entries, folded) = cell.entries(raw);
            for [s, e, fs, fe] in entries {
                if words.iter().any(|w| folded[*fs..*fe].contains(w.as_str())) {
                    return fired((*s, *e));
                }
            }
            Outcome::Missed
        }
        Compiled::Contains(words) => {
            let folded = cell.folded(raw);
            hit(
                words.iter().any(|w| folded.contains(w.as_str())),
                trimmed_range(raw),
            )
        }
        Compiled::Numbers(spans) => match amount(cell, raw, bound, &header.columns[column]) {
            Some(value) => hit(
                spans.iter().any(|s| value.within(s.lo, s.hi)),
                trimmed_range(raw),
            ),
            None => Outcome::Unknown,
        },
        Compiled::Range { lo, hi } => match amount(cell, raw, bound, &header.columns[column]) {
            Some(value) => hit(value.within(*lo, *hi), trimmed_range(raw)),
            None => Outcome::Unknown,
        },
        Compiled::Countries(codes) => {
            let code = cell.country.get_or_insert_with(|| normalise::country(raw));
            hit(codes.iter().any(|c| c == code), trimmed_range(raw))
        }
        Compiled::Regions(names) => {
            let name = cell.region.get_or_insert_with(|| normalise::region(raw));
            hit(names.iter().any(|n| n == name), trimmed_range(raw))
        }
        Compiled::Flag(wanted) => match normalise::flag(raw) {
            Some(value) => hit(value == *wanted, trimmed_range(raw)),
            None => Outcome::Unknown,
        },
    }
}

/// Tests one condition against one value outside any lead file (a best
/// customer's trait, say). `Err` when the test does not fit the field.
pub fn test_value(
    condition: &super::model::Condition,
    value: Option<&str>,
) -> Result<Outcome, String> {
    let field = super::fields::kind_of(&condition.field).map(|_| condition.field.clone());
    let header = LeadHeader::from_columns(vec![Column::new(condition.field.clone(), field)]);
    let bound = bind::bind_condition(condition, &header, &|_| None)?
        .ok_or_else(|| format!("`{}` is not a known field", condition.field))?;
    let mut cells = vec![CellCache::default()];
    Ok(apply(
        &bound,
        &header,
        &[value.unwrap_or("")][..],
        &mut cells,
    ))
}

/// The cell as an amount in the column's unit, if it reads as one in the
/// test's currency (a cell naming none is in the header's, if any).
fn amount(cell: &mut CellCache, raw: &str, bound: &Bound, column: &Column) -> Option<Span> {
    let (span, currency) = cell
        .amount
        .get_or_insert_with(|| normalise::amount(raw))
        .as_ref()?;
    let span = *span;
    let written = currency.as_deref().or(column.currency.as_deref());
    if let (Some(wanted), Some(written)) = (&bound.currency, written)
        && !wanted.eq_ignore_ascii_case(written)
    {
        return None;
    }
    Some(Span {
        lo: span.lo * column.scale,
        hi: span.hi * column.scale,
    })
}

#[cfg(test)]
#[path = "eval_tests.rs"]
mod tests;
