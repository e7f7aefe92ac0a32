//! Reading a file with `--best-by`: every row checked (bad rows named by
//! line), turned into a record and counted into the baseline, and the
//! best kept, in one read.
//!
//! The best are kept in heaps, the weakest on top. With `--top N` or
//! `--min` the heap is exact. With `--top N%` the number to keep is known
//! only at the end, so the heap keeps twice the share of the rows read so
//! far (and a few more) and remembers the strongest candidate it let go:
//! when that one is weaker than the last one picked, the heap held all of
//! the best; otherwise ([`Best::exact`] says so) the file is read again
//! for them ([`Rules::pick`]), as a file sorted from the highest value
//! down needs.
//!
//! Rows are read on the calling thread and counted on two: batches go to
//! a helper thread while it keeps up and are counted here when it does
//! not, so a free second core takes half the work and a busy one costs
//! nothing. Each side keeps its own heap and counts, merged at the end;
//! the result is the one a single thread gets, since candidates are
//! ordered by value and then by line, counts add up, and errors and
//! currencies are put back in line order. Memory stays flat: a few
//! batches in flight, and the heaps (a few times the records picked).

use super::merge::Index;
use super::select::{Criterion, Cut};
use super::{ImportError, Plan, Progress, RowError, next_row, record};
use crate::domain::BestCustomer;
use crate::domain::tally::BaselineBuilder;
use crate::import::table::{Row, Table};
use std::collections::BinaryHeap;
use std::io::Read;
use std::sync::mpsc::{TrySendError, sync_channel};

/// Rows handed to the helper at a time.
const BATCH: usize = 256;

/// A candidate for the best, ordered so that a heap's top is the weakest
/// (lowest value; of equal values, the later row). The record is boxed:
/// the heap moves candidates around.
pub(super) struct Candidate {
    pub value: f64,
    pub line: u64,
    pub record: Box<BestCustomer>,
}

/// Whether a candidate `(value, line)` ranks above another.
fn stronger(a: (f64, u64), b: (f64, u64)) -> bool {
    a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)) == std::cmp::Ordering::Greater
}

impl Candidate {
    fn rank(&self) -> (f64, u64) {
        (self.value, self.line)
    }
}

impl PartialEq for Candidate {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == std::cmp::Ordering::Equal
    }
}
impl Eq for Candidate {}
impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        other
            .value
            .total_cmp(&self.value)
            .then(self.line.cmp(&other.line))
    }
}

/// The best candidates kept so far.
#[derive(Default)]
pub(super) struct Best {
    /// `--top`: the weakest on top.
    heap: BinaryHeap<Candidate>,
    /// `--min`: every one at or above it.
    above: Vec<Candidate>,
    /// The strongest candidate let go or turned away.
    dropped: Option<(f64, u64)>,
}

impl Best {
    fn drop_rank(&mut self, rank: (f64, u64)) {
        if self.dropped.is_none_or(|d| stronger(rank, d)) {
            self.dropped = Some(rank);
        }
    }

    /// Keeps a candidate if it is among the best `cap` so far; its record
    /// is made only then.
    fn offer(
        &mut self,
        (value, line): (f64, u64),
        record: impl FnOnce() -> Box<BestCustomer>,
        cut: &Cut,
        cap: usize,
    ) {
        let candidate = |record: Box<BestCustomer>| Candidate {
            value,
            line,
            record,
        };
        match cut {
            Cut::Min(min) if value >= *min => self.above.push(candidate(record())),
            Cut::Min(_) => {}
            _ if self.heap.len() < cap => self.heap.push(candidate(record())),
            _ => match self.heap.peek() {
                Some(weakest) if stronger((value, line), weakest.rank()) => {
                    let out = self.heap.pop().map(|c| c.rank());
                    self.heap.push(candidate(record()));
                    out.into_iter().for_each(|r| self.drop_rank(r));
                }
                _ => self.drop_rank((value, line)),
            },
        }
    }

    fn merge(&mut self, other: Best) {
        self.above.extend(other.above);
        self.heap.extend(other.heap);
        if let Some(rank) = other.dropped {
            self.drop_rank(rank);
        }
    }

    /// The best `keep`, strongest first, if no candidate let go could be
    /// among them.
    pub fn exact(self, keep: usize) -> Option<Vec<Candidate>> {
        let mut best = self.above;
        let mut kept = self.heap.into_sorted_vec();
        kept.truncate(keep);
        if let Some(dropped) = self.dropped
            && (kept.len() < keep || kept.last().is_some_and(|c| !stronger(c.rank(), dropped)))
        {
            return None;
        }
        best.extend(kept);
        Some(best)
    }
}

/// What counting a row needs.
pub(super) struct Rules<'a> {
    pub plan: &'a Plan,
    pub criterion: &'a Criterion,
    pub salt: Option<&'a [u8]>,
    pub index: &'a Index,
    /// The ICP's best customers before the import.
    pub existing: &'a [BestCustomer],
}

/// What the rows counted so far give.
pub(super) struct Counted {
    pub rows: usize,
    /// Rows that cannot be imported, in line order.
    pub errors: Vec<RowError>,
    /// Rows with a value to rank by, and without.
    pub with_value: usize,
    pub without_value: usize,
    /// The currencies of the values, in the order they first appear.
    pub currencies: Vec<String>,
    /// Where each currency first appears (the line).
    first_seen: Vec<u64>,
    pub best: Best,
    pub baseline: BaselineBuilder,
    /// Per best customer before the import: whether the file lists it.
    pub listed: Vec<bool>,
    /// The record of the row being counted (filled row after row).
    record: BestCustomer,
}

impl Rules<'_> {
    fn empty(&self) -> Counted {
        Counted {
            rows: 0,
            errors: Vec::new(),
            with_value: 0,
            without_value: 0,
            currencies: Vec::new(),
            first_seen: Vec::new(),
            best: Best::default(),
            baseline: BaselineBuilder::default(),
            listed: vec![false; self.existing.len()],
            record: BestCustomer::default(),
        }
    }

    /// How many candidates a side keeps: `--top N` exactly; `--top N%`
    /// twice that share of the values seen so far, and a few more.
    fn cap(&self, with_value: usize) -> usize {
        match self.criterion.cut {
            Cut::Top(n) => n,
            Cut::Share(p) => 2 * ((with_value as f64) * p / 100.0).ceil() as usize + 64,
            Cut::Min(_) => usize::MAX,
        }
    }

    fn value(&self, row: &Row) -> Option<(f64, Option<String>)> {
        let plan = self.plan;
        self.criterion
            .value(&plan.mapping, row, plan.currency.as_deref())
    }

    fn count(&self, row: &Row, into: &mut Counted) {
        into.rows += 1;
        if let Err(message) = record::fill(self.plan, row, self.salt, &mut into.record) {
            into.errors.push(RowError {
                line: row.line(),
                message,
            });
            return;
        }
        let record = &into.record;
        if !self.existing.is_empty()
            && let Some(i) = self.index.find(record, self.existing)
        {
            into.listed[i] = true;
        }
        into.baseline.add_covered(record, self.plan.covered_set);
        let Some((value, currency)) = self.value(row) else {
            into.without_value += 1;
            return;
        };
        into.with_value += 1;
        if let Some(code) = currency
            && !into.currencies.contains(&code)
        {
            into.currencies.push(code);
            into.first_seen.push(row.line());
        }
        let cap = self.cap(into.with_value);
        into.best.offer(
            (value, row.line()),
            || Box::new(record.clone()),
            &self.criterion.cut,
            cap,
        );
    }

    fn merge(&self, mut mine: Counted, theirs: Counted) -> Counted {
        mine.rows += theirs.rows;
        mine.errors.extend(theirs.errors);
        mine.errors.sort_by_key(|e| e.line);
        mine.with_value += theirs.with_value;
        mine.without_value += theirs.without_value;
        let mut seen: Vec<(u64, String)> = mine
            .first_seen
            .into_iter()
            .zip(mine.currencies)
            .chain(theirs.first_seen.into_iter().zip(theirs.currencies))
            .collect();
        seen.sort();
        mine.currencies = Vec::new();
        mine.first_seen = Vec::new();
        for (line, code) in seen {
            if !mine.currencies.contains(&code) {
                mine.currencies.push(code);
                mine.first_seen.push(line);
            }
        }
        mine.best.merge(theirs.best);
        mine.baseline.merge(theirs.baseline);
        for (mine, theirs) in mine.listed.iter_mut().zip(theirs.listed) {
            *mine |= theirs;
        }
        mine
    }

    /// Reads the rest of `table` and counts every row.
    pub fn run<R: Read>(
        &self,
        table: &mut Table<R>,
        total: u64,
        progress: Progress,
    ) -> Result<Counted, ImportError> {
        let (sender, receiver) = sync_channel::<Vec<Row>>(2);
        std::thread::scope(|scope| {
            let helper = scope.spawn(move || {
                let mut counted = self.empty();
                for batch in receiver {
                    for row in &batch {
                        self.count(row, &mut counted);
                    }
                }
                counted
            });
            let mut mine = self.empty();
            let mut batch = Vec::with_capacity(BATCH);
            let mut failed = None;
            let mut n = 0;
            while let Some(row) = next_row(table, &mut n, total, (1, 1), progress) {
                match row {
                    Ok(row) => batch.push(row),
                    Err(e) => {
                        failed = Some(e);
                        break;
                    }
                }
                if batch.len() == BATCH {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    if let Err(TrySendError::Full(full) | TrySendError::Disconnected(full)) =
                        sender.try_send(full)
                    {
                        for row in &full {
                            self.count(row, &mut mine);
                        }
                    }
                }
            }
            for row in &batch {
                self.count(row, &mut mine);
            }
            drop(sender);
            let theirs = helper
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            match failed {
                Some(e) => Err(e),
                None => Ok(self.merge(mine, theirs)),
            }
        })
    }

    /// Reads `table` again for the best `keep` alone: a record is built
    /// only for a row that ranks among the best so far.
    pub fn pick<R: Read>(
        &self,
        table: &mut Table<R>,
        keep: usize,
        total: u64,
        progress: Progress,
    ) -> Result<Vec<Candidate>, ImportError> {
        let mut heap: BinaryHeap<Candidate> = BinaryHeap::new();
        let mut n = 0;
        while let Some(row) = next_row(table, &mut n, total, (2, 2), progress) {
            let row = row?;
            let Some((value, _)) = self.value(&row) else {
                continue;
            };
            let rank = (value, row.line());
            if heap.len() >= keep && heap.peek().is_some_and(|w| !stronger(rank, w.rank())) {
                continue;
            }
            // A row that gives no record was named by the first read.
            let Ok(record) = record::record(self.plan, &row, self.salt) else {
                continue;
            };
            if heap.len() >= keep {
                heap.pop();
            }
            heap.push(Candidate {
                value,
                line: row.line(),
                record: Box::new(record),
            });
        }
        Ok(heap.into_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(best: Option<Vec<Candidate>>) -> Option<Vec<u64>> {
        best.map(|b| b.iter().map(|c| c.line).collect())
    }

    #[test]
    fn a_heap_that_let_a_best_one_go_says_so() {
        let share = Cut::Share(50.0);
        // Values rising: whatever was let go is weaker than the best.
        let mut rising = Best::default();
        for line in 1..=10 {
            rising.offer((line as f64, line), Box::default, &share, 3);
        }
        assert_eq!(lines(rising.exact(3)), Some(vec![10, 9, 8]));
        // Falling: the heap of 3 let go of the 4th best, which a keep of
        // 5 needs.
        let mut falling = Best::default();
        for line in 1..=10 {
            falling.offer((100.0 - line as f64, line), Box::default, &share, 3);
        }
        assert_eq!(lines(falling.exact(5)), None);
        let mut two = Best::default();
        two.offer((5.0, 2), Box::default, &share, 9);
        two.offer((5.0, 1), Box::default, &share, 9);
        assert_eq!(
            lines(two.exact(1)),
            Some(vec![1]),
            "equal values: the earlier row"
        );
    }
}
