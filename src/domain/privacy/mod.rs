//! Personal data in what customers said: e-mail addresses, phone numbers,
//! street addresses, order and customer numbers, and people's names.
//!
//! Pure text rules, no file system: [`detect`] finds the personal details in
//! one piece of text (the app marks them on an interview's screen, the
//! redacted export masks them), and [`scan`] walks the text of one workspace
//! file and reports each detail by line (what `persona privacy` prints and
//! the app's problems panel shows).
//!
//! The detectors lean towards quiet: a phone number needs the shape of one
//! (a `+` or `00` country code, an area code in brackets, or three groups of
//! digits) and an order number needs a word such as "order" or "invoice"
//! before it, so dates, prices, version numbers and SKUs are left alone.
//! Names are found from the people the workspace already knows (its
//! interviewees), a list of common given names, titles such as "Dr." and
//! transcript speaker labels; a name that is none of these is missed.

mod address;
mod contact;
mod given_names;
mod known;
mod names;
mod numbers;
mod scan;
mod settings;

pub use known::{Context, Known, Person, looks_like_person};
pub use scan::{FileFinding, Scanner, scan};
pub use settings::Settings;

use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

/// What kind of personal detail was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DetailKind {
    Email,
    Phone,
    Address,
    /// An order, invoice, ticket, account or customer number.
    OrderNumber,
    /// A person's name where it does not belong (outside an interview's own
    /// `interviewee`, `title`, `role` and `company`).
    Name,
    /// A shopper record kept with names or e-mails (`import-customers
    /// --keep-names`).
    Customer,
}

impl DetailKind {
    pub const ALL: [DetailKind; 6] = [
        DetailKind::Email,
        DetailKind::Phone,
        DetailKind::Address,
        DetailKind::OrderNumber,
        DetailKind::Name,
        DetailKind::Customer,
    ];

    /// How a person reads the kind: "e-mail", "phone number", ...
    pub fn label(self) -> &'static str {
        match self {
            DetailKind::Email => "e-mail",
            DetailKind::Phone => "phone number",
            DetailKind::Address => "street address",
            DetailKind::OrderNumber => "order or customer number",
            DetailKind::Name => "person's name",
            DetailKind::Customer => "customer kept with personal data",
        }
    }

    /// What a redacted text shows in place of the detail.
    pub fn mask(self) -> &'static str {
        match self {
            DetailKind::Email => "[e-mail]",
            DetailKind::Phone => "[phone]",
            DetailKind::Address => "[address]",
            DetailKind::OrderNumber => "[number]",
            DetailKind::Name | DetailKind::Customer => "[name]",
        }
    }
}

impl fmt::Display for DetailKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One personal detail in a text: where it is (byte offsets) and what it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detection {
    pub range: Range<usize>,
    pub kind: DetailKind,
    /// For a name the workspace knows (an interviewee), which one: an index
    /// into [`Known::people`].
    pub person: Option<usize>,
}

/// Every personal detail in `text`, in order, none overlapping. `known`
/// brings the names the workspace knows (and the words that are not names
/// there: company names, and persona names on a card); `context` says
/// whether the text is what someone said or a card.
pub fn detect(text: &str, known: &Known, context: Context) -> Vec<Detection> {
    // Earlier detectors win where two overlap: an e-mail holds a name, an
    // order number may look like a phone number.
    let mut found = Found::default();
    contact::emails(text, &mut found);
    found.next_detector();
    numbers::order_numbers(text, &mut found);
    found.next_detector();
    contact::phones(text, &mut found);
    found.next_detector();
    address::addresses(text, &mut found);
    found.next_detector();
    names::names(text, known, context, &mut found);
    found.finish()
}

/// What the detectors found so far. A detection that overlaps one from an
/// earlier detector (or an earlier one of its own) is dropped; the check
/// is a lookup in ordered maps, so a 5 MB note with 200,000 details stays
/// fast.
#[derive(Default)]
struct Found {
    /// Accepted from earlier detectors: start → detection.
    accepted: BTreeMap<usize, Detection>,
    /// The running detector's own, merged into `accepted` when it is done.
    current: BTreeMap<usize, Detection>,
}

impl Found {
    /// Whether `range` overlaps a detection in `map` (which never holds
    /// two that overlap, so the one starting last before its end decides).
    fn overlaps(map: &BTreeMap<usize, Detection>, range: &Range<usize>) -> bool {
        map.range(..range.end)
            .next_back()
            .is_some_and(|(_, d)| d.range.end > range.start)
    }

    fn next_detector(&mut self) {
        let current = std::mem::take(&mut self.current);
        self.accepted.extend(current);
    }

    fn finish(mut self) -> Vec<Detection> {
        self.next_detector();
        self.accepted.into_values().collect()
    }
}

/// Adds a detection unless it overlaps something already found.
fn push(found: &mut Found, range: Range<usize>, kind: DetailKind, person: Option<usize>) {
    if range.is_empty()
        || Found::overlaps(&found.accepted, &range)
        || Found::overlaps(&found.current, &range)
    {
        return;
    }
    found.current.insert(
        range.start,
        Detection {
            range,
            kind,
            person,
        },
    );
}

/// `text` with every detection replaced by what `replace` returns for it.
pub fn replace_all(
    text: &str,
    detections: &[Detection],
    mut replace: impl FnMut(&Detection, &str) -> String,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for d in detections {
        if d.range.start < at || d.range.end > text.len() {
            continue;
        }
        out.push_str(&text[at..d.range.start]);
        out.push_str(&replace(d, &text[d.range.clone()]));
        at = d.range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The words before `at` on the same line, lowercased, nearest last: the
/// context that tells an order number or a phone number from a count.
fn words_before(text: &str, at: usize, count: usize) -> Vec<String> {
    // A few words back is all the context needed; never the whole line.
    let mut from = at.saturating_sub(80);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let line_start = text[from..at].rfind('\n').map_or(from, |i| from + i + 1);
    let mut words: Vec<String> = text[line_start..at]
        .split(|c: char| !(c.is_alphanumeric() || c == '#'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let keep = words.len().saturating_sub(count);
    words.drain(..keep);
    words
}

#[cfg(test)]
mod tests;
