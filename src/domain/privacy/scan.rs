//! One workspace file, searched for personal details, each reported with
//! its line: what `persona privacy` lists and the app's problems panel
//! shows. The caller reads the file; this only reads its text.

use super::known::{Context, Known, fold};
use super::{DetailKind, detect};
use serde::Serialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// A personal detail in a file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FileFinding {
    /// Relative to the workspace, `/` separated.
    pub file: String,
    /// Counted from 1.
    pub line: usize,
    pub kind: DetailKind,
    /// The key it was found under (`notes`, `highlights.text`,
    /// `best_customers.email`).
    pub key: String,
    /// The words found.
    pub text: String,
}

/// Keys of an interview that are about the interviewee: their name belongs
/// there.
const OWN_FIELDS: &[&str] = &["interviewee", "title", "role", "company"];

/// Keys that hold a person's name or contact in a customer record kept with
/// `import-customers --keep-names`.
const CUSTOMER_KEYS: &[&str] = &[
    "first_name",
    "last_name",
    "full_name",
    "customer_name",
    "contact_name",
    "contact",
    "email",
    "e_mail",
    "phone",
    "mobile",
];

/// Tables deeper than this are not searched (a hostile file can nest
/// 100,000 deep; real ones nest four).
const MAX_DEPTH: usize = 32;

/// Searches workspace files for personal details. It holds what every
/// file is searched with: the names the workspace knows (looked for in
/// all of them) and what `workspace.toml` allows (`privacy.allow`, left
/// out). Files can be given a batch at a time, so a large workspace's text
/// is never all in memory at once.
pub struct Scanner {
    known: Known,
    settings: super::Settings,
}

impl Scanner {
    pub fn new(ws: &crate::domain::Workspace) -> Scanner {
        Scanner {
            known: Known::new(ws),
            // A broken setting is reported by whoever reads it for a
            // decision (`persona privacy`, `persona export`); here it
            // allows nothing.
            settings: super::Settings::of(&ws.meta).unwrap_or_default(),
        }
    }

    /// Every personal detail in `files` (relative path and text), in
    /// their order.
    pub fn files(&self, files: &[(&str, &str)]) -> Vec<FileFinding> {
        // Files are independent: scanned on every core, in order.
        crate::parallel::map_ordered(files, 2, |(path, contents)| {
            scan(path, contents, &self.known)
        })
        .into_iter()
        .flatten()
        .filter(|f| !self.settings.allows(&f.text))
        .collect()
    }
}

/// Every personal detail in one workspace file. `path` is relative to the
/// workspace (`interviews/dana.toml`); a file that is not TOML, or does not
/// parse, gives nothing (`persona validate` reports it).
pub fn scan(path: &str, contents: &str, known: &Known) -> Vec<FileFinding> {
    let interview = path
        .strip_prefix("interviews/")
        .and_then(|p| p.strip_suffix(".toml"))
        .is_some_and(|id| !id.contains('/'));
    let document = DeTable::parse(contents).ok();
    let own_words: Vec<String> = document
        .as_ref()
        .filter(|_| interview)
        .and_then(|d| d.get_ref().get("interviewee"))
        .and_then(|v| v.get_ref().as_str().map(|s| s.to_string()))
        .map(|name| name.split_whitespace().map(fold).collect())
        .unwrap_or_default();
    let file = File {
        path,
        contents,
        known,
        lines: line_starts(contents),
        interview,
        own_words,
    };
    let mut findings = Vec::new();
    match &document {
        Some(document) => file.table(document.get_ref(), "", 0, &mut findings),
        // A file that does not parse (a merge conflict, a hand edit) is
        // still shared: search its text line by line.
        None => file.raw(&mut findings),
    }
    findings.sort_by(|a, b| (a.line, &a.key).cmp(&(b.line, &b.key)));
    findings.dedup();
    findings
}

struct File<'a> {
    path: &'a str,
    contents: &'a str,
    known: &'a Known,
    lines: Vec<usize>,
    interview: bool,
    own_words: Vec<String>,
}

impl File<'_> {
    fn table(&self, table: &DeTable, path: &str, depth: usize, out: &mut Vec<FileFinding>) {
        if depth > MAX_DEPTH {
            return;
        }
        let shopper = table
            .get("kind")
            .or_else(|| table.get("type"))
            .and_then(|v| v.get_ref().as_str())
            .is_some_and(|k| k.eq_ignore_ascii_case("shopper"));
        let in_customers = ["best_customers", "customers", "shoppers"]
            .iter()
            .any(|list| path == *list || path.ends_with(&format!(".{list}")));
        for (key, value) in table.iter() {
            let key = key.get_ref().as_ref();
            let here = if path.is_empty() {
                key.to_string()
            } else {
                format!("{path}.{key}")
            };
            let customer_key = in_customers
                && (CUSTOMER_KEYS.contains(&key.to_ascii_lowercase().as_str())
                    || shopper && key.eq_ignore_ascii_case("name"));
            if customer_key {
                if let Some(text) = value.get_ref().as_str().filter(|t| !t.trim().is_empty()) {
                    out.push(FileFinding {
                        file: self.path.to_string(),
                        line: self.line(value.span().start),
                        kind: DetailKind::Customer,
                        key: here,
                        text: text.to_string(),
                    });
                }
                continue;
            }
            self.value(value, &here, depth + 1, out);
        }
    }

    fn value(
        &self,
        value: &Spanned<DeValue>,
        path: &str,
        depth: usize,
        out: &mut Vec<FileFinding>,
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        match value.get_ref() {
            DeValue::String(text) => self.string(text, value.span(), path, out),
            DeValue::Array(items) => {
                for item in items.iter() {
                    self.value(item, path, depth + 1, out);
                }
            }
            DeValue::Table(table) => self.table(table, path, depth + 1, out),
            _ => {}
        }
    }

    fn string(
        &self,
        text: &str,
        span: std::ops::Range<usize>,
        path: &str,
        out: &mut Vec<FileFinding>,
    ) {
        let context = if self.interview {
            Context::Notes
        } else {
            Context::Card
        };
        // Names belong in an interview's own fields, in the name of an ICP
        // or persona, and in a best customer's company.
        let names_allowed = self.interview && OWN_FIELDS.contains(&path)
            || !self.interview && path == "name"
            || path.ends_with("best_customers.company");
        // The decoded text starts a line later when the string opens with
        // `"""` and a line break.
        let raw = self.contents.get(span.clone()).unwrap_or_default();
        let skipped_break = (raw.starts_with("\"\"\"") || raw.starts_with("'''"))
            && raw[3..].starts_with(['\n', '\r']);
        let first_line = if span.is_empty() {
            0
        } else {
            self.line(span.start) + usize::from(skipped_break)
        };
        // Detections come in order: count line breaks from the last one.
        let (mut counted_to, mut breaks) = (0, 0);
        for detection in detect(text, self.known, context) {
            let found = &text[detection.range.clone()];
            if detection.kind == DetailKind::Name && (names_allowed || self.is_own(found)) {
                continue;
            }
            breaks += text[counted_to..detection.range.start]
                .matches('\n')
                .count();
            counted_to = detection.range.start;
            out.push(FileFinding {
                file: self.path.to_string(),
                line: first_line + breaks,
                kind: detection.kind,
                key: path.to_string(),
                text: found.to_string(),
            });
        }
    }

    fn raw(&self, out: &mut Vec<FileFinding>) {
        for (number, line) in self.contents.lines().enumerate() {
            let key = line
                .split_once('=')
                .map(|(k, _)| k.trim().trim_matches('"'))
                .filter(|k| !k.contains(' '))
                .unwrap_or("");
            let key = if key.is_empty() { "?" } else { key };
            let before = out.len();
            self.string(line, 0..0, key, out);
            for f in &mut out[before..] {
                f.line = number + 1;
            }
        }
    }

    /// Whether a name found in an interview is its own interviewee's.
    fn is_own(&self, found: &str) -> bool {
        !self.own_words.is_empty()
            && found
                .split_whitespace()
                .map(|w| fold(w.trim_end_matches("'s").trim_end_matches("’s")))
                .all(|w| self.own_words.contains(&w))
    }

    fn line(&self, byte: usize) -> usize {
        self.lines.partition_point(|&start| start <= byte)
    }
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}
