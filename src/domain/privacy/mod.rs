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
pub use scan::{FileFinding, scan, scan_files};
pub use settings::Settings;

use serde::Serialize;
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
    let mut found: Vec<Detection> = Vec::new();
    // Earlier detectors win where two overlap: an e-mail holds a name, an
    // order number may look like a phone number.
    contact::emails(text, &mut found);
    numbers::order_numbers(text, &mut found);
    contact::phones(text, &mut found);
    address::addresses(text, &mut found);
    names::names(text, known, context, &mut found);
    found.sort_by_key(|d| d.range.start);
    found
}

/// Adds `candidate` unless it overlaps something already found.
fn push(found: &mut Vec<Detection>, range: Range<usize>, kind: DetailKind, person: Option<usize>) {
    if range.is_empty()
        || found
            .iter()
            .any(|d| d.range.start < range.end && range.start < d.range.end)
    {
        return;
    }
    found.push(Detection {
        range,
        kind,
        person,
    });
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
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
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
