//! Plain text or markdown call notes → an interview.
//!
//! The title comes from the front matter, else the first markdown heading,
//! else the file name; the date from the front matter or a `YYYY-MM-DD` at
//! the start of the file name (`2026-09-12-dana.md`). Simple YAML front
//! matter (`key: value` lines between `---` lines) may also give
//! `interviewee`, `role`, `company`, `source` and `icp`.

use crate::domain::{Interview, Source};
use jiff::civil::Date;

/// What a notes file says, before it gets an id in a workspace.
#[derive(Clone, Debug, PartialEq)]
pub struct ParsedNotes {
    pub title: String,
    pub date: Option<Date>,
    pub interviewee: String,
    pub role: String,
    pub company: String,
    pub source: Source,
    pub icp: Option<String>,
    pub notes: String,
}

impl ParsedNotes {
    pub fn into_interview(self, id: String) -> Interview {
        let mut i = Interview::new(id, self.title);
        i.date = self.date;
        i.interviewee = self.interviewee;
        i.role = self.role;
        i.company = self.company;
        i.source = self.source;
        i.icp = self.icp;
        i.notes = self.notes;
        i
    }
}

/// Reads a source as people write it: `sales call`, `Sales-Call`, `CRM note`.
pub fn parse_source(text: &str) -> Option<Source> {
    let key: String = text
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '_' { '-' } else { c })
        .collect();
    Source::ALL.into_iter().find(|s| {
        let label: String = s.label().to_lowercase().replace(' ', "-");
        label == key
            || match s {
                Source::SupportTicket => key == "ticket" || key == "support",
                Source::SalesCall => key == "call",
                Source::CrmNote => key == "crm",
                _ => false,
            }
    })
}

fn parse_date(text: &str) -> Option<Date> {
    let t = text.trim().trim_matches(['"', '\'']);
    t.get(..10).and_then(|d| d.parse::<Date>().ok())
}

/// Splits off `---` front matter; returns its `key: value` pairs and the rest.
fn front_matter(text: &str) -> (Vec<(String, String)>, &str) {
    let Some(rest) = text.strip_prefix("---\n") else {
        return (Vec::new(), text);
    };
    let Some(end) = rest
        .find("\n---\n")
        .map(|i| (i, i + 5))
        .or_else(|| rest.strip_suffix("\n---").map(|r| (r.len(), rest.len())))
    else {
        return (Vec::new(), text);
    };
    let pairs = rest[..end.0]
        .lines()
        .filter_map(|line| {
            let (k, v) = line.split_once(':')?;
            let v = v.trim().trim_matches(['"', '\'']).trim();
            Some((k.trim().to_lowercase(), v.to_string()))
        })
        .collect();
    (pairs, &rest[end.1..])
}

/// The first markdown heading (`#` to `######`), without its marks.
fn first_heading(text: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let t = line.trim_start();
        let hashes = t.chars().take_while(|&c| c == '#').count();
        let rest = t[hashes..].strip_prefix(' ')?;
        (hashes > 0 && hashes <= 6)
            .then(|| rest.trim().trim_end_matches('#').trim().to_string())
            .filter(|h| !h.is_empty())
    })
}

/// `2026-09-12-dana-whitfield.md` → (2026-09-12, "dana whitfield").
fn from_file_name(name: &str) -> (Option<Date>, String) {
    let stem = match name.rfind('.') {
        Some(dot) if dot > 0 => &name[..dot],
        _ => name,
    };
    let date = stem.get(..10).and_then(|d| d.parse::<Date>().ok());
    let rest = if date.is_some() { &stem[10..] } else { stem };
    let words: Vec<&str> = rest
        .split(|c: char| c == '-' || c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    (date, words.join(" "))
}

/// Parses one file's text; `file_name` gives the fallback title and date.
pub fn parse(file_name: &str, text: &str) -> Result<ParsedNotes, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let normalized = text.replace("\r\n", "\n");
    let (pairs, body) = front_matter(&normalized);
    let get = |key: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .filter(|v| !v.is_empty())
    };
    let (name_date, name_title) = from_file_name(file_name);
    let date =
        match get("date") {
            Some(d) => Some(parse_date(&d).ok_or_else(|| {
                format!("the front matter date `{d}` is not a date like 2026-09-12")
            })?),
            None => name_date,
        };
    let source = match get("source") {
        Some(s) => parse_source(&s).ok_or_else(|| {
            format!(
                "the front matter source `{s}` is not one of interview, survey, support ticket, sales call, CRM note, other"
            )
        })?,
        None => Source::Interview,
    };
    let interviewee = get("interviewee").unwrap_or_default();
    let title = get("title")
        .or_else(|| first_heading(body))
        .or_else(|| (!name_title.is_empty()).then_some(name_title))
        .or_else(|| (!interviewee.is_empty()).then(|| interviewee.clone()))
        .unwrap_or_else(|| "Interview notes".to_string());
    let notes = body.trim_matches('\n').trim_end().to_string();
    Ok(ParsedNotes {
        title,
        date,
        interviewee,
        role: get("role").unwrap_or_default(),
        company: get("company").unwrap_or_default(),
        source,
        icp: get("icp"),
        notes: if notes.is_empty() {
            notes
        } else {
            notes + "\n"
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_from_heading_and_date_from_file_name() {
        let p = parse(
            "2026-09-12-dana.md",
            "# Call with Dana, Acme\n\nShe said stock is a mess.\n",
        )
        .unwrap();
        assert_eq!(p.title, "Call with Dana, Acme");
        assert_eq!(p.date, Some(jiff::civil::date(2026, 9, 12)));
        assert_eq!(
            p.notes,
            "# Call with Dana, Acme\n\nShe said stock is a mess.\n"
        );
        assert_eq!(p.source, Source::Interview);
    }

    #[test]
    fn plain_text_takes_the_file_name() {
        let p = parse("sam_okafor notes.txt", "just text\r\nmore\r\n").unwrap();
        assert_eq!(p.title, "sam okafor notes");
        assert_eq!(p.date, None);
        assert_eq!(p.notes, "just text\nmore\n");
        let empty = parse("2026-01-02.md", "").unwrap();
        assert_eq!(empty.title, "Interview notes");
        assert_eq!(empty.notes, "");
    }

    #[test]
    fn front_matter_fills_the_metadata() {
        let text = "\u{feff}---\ntitle: \"Dana, Acme\"\ndate: 2026-09-12\ninterviewee: Dana Whitfield\nrole: Head of Ops\ncompany: Acme Outdoor\nsource: Sales call\nicp: outdoor\n---\n\n# Ignored heading\nNotes.\n";
        let p = parse("whatever.md", text).unwrap();
        assert_eq!(p.title, "Dana, Acme");
        assert_eq!(p.date, Some(jiff::civil::date(2026, 9, 12)));
        assert_eq!(p.interviewee, "Dana Whitfield");
        assert_eq!(p.role, "Head of Ops");
        assert_eq!(p.company, "Acme Outdoor");
        assert_eq!(p.source, Source::SalesCall);
        assert_eq!(p.icp.as_deref(), Some("outdoor"));
        assert_eq!(p.notes, "# Ignored heading\nNotes.\n");
        let bad = parse("x.md", "---\ndate: soon\n---\n").unwrap_err();
        assert!(bad.contains("soon"), "{bad}");
        assert!(parse("x.md", "---\nsource: fax\n---\n").is_err());
    }

    #[test]
    fn sources_parse_loosely() {
        assert_eq!(parse_source("CRM note"), Some(Source::CrmNote));
        assert_eq!(parse_source("support-ticket"), Some(Source::SupportTicket));
        assert_eq!(parse_source("sales_call"), Some(Source::SalesCall));
        assert_eq!(parse_source("nope"), None);
    }
}
