//! Plain text or markdown call notes → an interview.
//!
//! The title comes from the front matter, else the first markdown heading,
//! else a first line that stands alone as a title, else the file name; the
//! date from the front matter, else a date anywhere in the file name
//! (`2026-09-12-dana.md`, `Call with Sam (ACME) 2026-03-04.txt`,
//! `2022-9-12_onboarding.md`). Simple YAML front matter may also give the
//! interviewee, role, company, source and ICP; keys persona has no place
//! for are kept in the interview file under `[front_matter]`. When nobody
//! names the interviewee, the speaker labels of a transcript do
//! ([`speakers`]). A source written freely ("Zoom customer call") is kept
//! as written beside the kind it maps to.

mod dates;
mod front_matter;
pub mod speakers;

use crate::domain::{Extra, Interview, Source};
use front_matter::Key;
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
    /// The source as written, when it says more than the kind.
    pub source_detail: String,
    pub icp: Option<String>,
    pub notes: String,
    /// Front-matter keys persona has no place for, as written.
    pub front_matter: Extra,
}

impl ParsedNotes {
    pub fn into_interview(self, id: String) -> Interview {
        let mut i = Interview::new(id, self.title);
        i.date = self.date;
        i.interviewee = self.interviewee;
        i.role = self.role;
        i.company = self.company;
        i.source = self.source;
        i.source_detail = self.source_detail;
        i.icp = self.icp;
        i.notes = self.notes;
        if !self.front_matter.is_empty() {
            i.extra.insert(
                "front_matter".to_string(),
                toml::Value::Table(self.front_matter),
            );
        }
        i
    }
}

/// Reads a source as people write it: `sales call`, `Sales-Call`, `CRM
/// note` give that kind; free text gives the kind its words suggest.
pub fn parse_source(text: &str) -> Option<Source> {
    match Source::read(text) {
        (kind, None) => Some(kind),
        (_, Some(_)) => None,
    }
}

/// `2026-09-12-dana-whitfield.md` → (2026-09-12, "dana whitfield").
fn from_file_name(name: &str) -> (Option<Date>, String) {
    let stem = match name.rfind('.') {
        Some(dot) if dot > 0 => &name[..dot],
        _ => name,
    };
    let (date, rest) = match dates::find(stem) {
        Some((date, range)) => {
            let mut rest = stem[..range.start].to_string();
            // Zoom's `GMT20260304-101500_Recording`: the prefix goes too.
            if rest.ends_with("GMT") {
                rest.truncate(rest.len() - 3);
            }
            rest.push(' ');
            rest.push_str(&stem[range.end..]);
            (Some(date), rest)
        }
        None => (None, stem.to_string()),
    };
    let words: Vec<&str> = rest
        .split(|c: char| c == '-' || c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    (date, words.join(" "))
}

fn is_markdown(file_name: &str) -> bool {
    let lower = file_name.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
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

/// The first line, when it reads as a title: short, not a sentence, not a
/// list item, quote, speaker turn or timestamp. In a markdown file it must
/// also stand alone (a blank line after it); in plain text the first line
/// is the title people gave it.
fn first_line_title(body: &str, plain_text: bool) -> Option<String> {
    let mut lines = body.lines().skip_while(|l| l.trim().is_empty());
    let first = lines.next()?.trim();
    let next_blank = lines.next().is_none_or(|l| l.trim().is_empty());
    let looks_like_title = first.chars().count() <= 100
        && !first.ends_with(['.', '?', '!', ',', ';', ':'])
        && !first.starts_with(['-', '*', '>', '+', '|', '[', '<', '`'])
        && !first.chars().any(char::is_control)
        && !first.chars().next().is_some_and(|c| c.is_ascii_digit())
        && !speakers::starts_with_timestamp(first);
    // `Discovery call: Acme` is a title; `Dana: we count by hand` is the
    // first turn of a conversation when Dana speaks again.
    let a_turn = speakers::label(first).is_some_and(|who| {
        body.lines()
            .skip_while(|l| l.trim() != first)
            .skip(1)
            .any(|l| speakers::label(l).as_deref() == Some(who.as_str()))
    });
    let looks_like_title = looks_like_title && !a_turn;
    (looks_like_title && (plain_text || next_blank)).then(|| first.to_string())
}

/// Parses one file's text; `file_name` gives the fallback title and date.
pub fn parse(file_name: &str, text: &str) -> Result<ParsedNotes, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let normalized = text.replace("\r\n", "\n");
    let (entries, body) = front_matter::split(&normalized);
    let mut known: Vec<(Key, String)> = Vec::new();
    let mut kept = Extra::new();
    for (name, value) in &entries {
        let key = front_matter::key(name).filter(|key| !known.iter().any(|(k, _)| k == key));
        if let Some(key) = key {
            known.push((key, value.text()));
        }
        // Persona has no interviewer field, and a repeated key has no
        // second place: both are kept as written.
        if key.is_none() || key == Some(Key::Interviewer) {
            let value = match value {
                front_matter::Value::Text(t) => toml::Value::String(t.clone()),
                front_matter::Value::List(items) => {
                    toml::Value::Array(items.iter().cloned().map(toml::Value::String).collect())
                }
            };
            kept.entry(name.clone()).or_insert(value);
        }
    }
    let get = |key: Key| {
        known
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let (name_date, name_title) = from_file_name(file_name);
    let date =
        match get(Key::Date) {
            Some(d) => Some(dates::parse_whole(&d).ok_or_else(|| {
                format!("the front matter date `{d}` is not a date like 2026-09-12")
            })?),
            None => name_date,
        };
    let (source, source_detail) = match get(Key::Source) {
        Some(s) => Source::read(&s),
        None => (Source::Interview, None),
    };
    let interviewer = get(Key::Interviewer);
    let interviewee = get(Key::Interviewee)
        .or_else(|| speakers::interviewee(body, interviewer.as_deref()))
        .unwrap_or_default();
    let title = get(Key::Title)
        .or_else(|| first_heading(body))
        .or_else(|| first_line_title(body, !is_markdown(file_name)))
        .or_else(|| (!name_title.is_empty()).then_some(name_title))
        .or_else(|| (!interviewee.is_empty()).then(|| interviewee.clone()))
        .unwrap_or_else(|| "Interview notes".to_string());
    let notes = body.trim_matches('\n').trim_end().to_string();
    Ok(ParsedNotes {
        title,
        date,
        interviewee,
        role: get(Key::Role).unwrap_or_default(),
        company: get(Key::Company).unwrap_or_default(),
        source,
        source_detail: source_detail.unwrap_or_default(),
        icp: get(Key::Icp),
        notes: if notes.is_empty() {
            notes
        } else {
            notes + "\n"
        },
        front_matter: kept,
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
        assert_eq!(p.source_detail, "");
        assert_eq!(p.source, Source::Interview);
    }

    #[test]
    fn plain_text_takes_the_file_name() {
        let p = parse("sam_okafor notes.txt", "just text.\r\nmore\r\n").unwrap();
        assert_eq!(p.title, "sam okafor notes");
        assert_eq!(p.date, None);
        assert_eq!(p.notes, "just text.\nmore\n");
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
        // A source written freely is kept, with the kind it maps to.
        let fax = parse("x.md", "---\nsource: fax\n---\n").unwrap();
        assert_eq!(
            (fax.source, fax.source_detail.as_str()),
            (Source::Other, "fax")
        );
        let zoom = parse("x.md", "---\nsource: Zoom customer call\n---\n").unwrap();
        assert_eq!(zoom.source, Source::Interview);
        assert_eq!(zoom.source_detail, "Zoom customer call");
        let meet = parse("x.md", "---\nChannel: Google Meet\n---\n").unwrap();
        assert_eq!(
            (meet.source, meet.source_detail.as_str()),
            (Source::Interview, "Google Meet")
        );
    }

    #[test]
    fn unknown_front_matter_keys_are_kept() {
        let text = "---\ntitle: Dana\nrecording_url: https://zoom.us/rec/abc\ninterviewer: Kim Lee\ntags:\n  - pricing\n  - stock\n---\nKim Lee: hi\nDana: hello\nKim Lee: so?\nDana: stock.\n";
        let p = parse("x.md", text).unwrap();
        assert_eq!(p.interviewee, "Dana");
        let i = p.into_interview("dana".into());
        let kept = i.extra["front_matter"].as_table().unwrap();
        assert_eq!(
            kept["recording_url"].as_str(),
            Some("https://zoom.us/rec/abc")
        );
        assert_eq!(kept["interviewer"].as_str(), Some("Kim Lee"));
        assert_eq!(kept["tags"].as_array().unwrap().len(), 2);
    }

    #[test]
    fn plain_text_is_titled_by_its_first_line() {
        let p = parse(
            "Call with Sam (ACME) 2026-03-04.txt",
            "Ridgeline Sports: replenishment call\nSam runs buying for 4 stores.\n",
        )
        .unwrap();
        assert_eq!(p.title, "Ridgeline Sports: replenishment call");
        assert_eq!(p.date, Some(jiff::civil::date(2026, 3, 4)));
        // A first line that is a sentence or a speaker turn is no title.
        let q = parse(
            "Call with Sam (ACME) 2026-03-04.txt",
            "Sam said stock counts take all Monday.\n",
        )
        .unwrap();
        assert_eq!(q.title, "Call with Sam (ACME)");
        let r = parse("2022-9-12_onboarding.txt", "[00:00:01] Interviewer: hi\n").unwrap();
        assert_eq!(r.title, "onboarding");
        assert_eq!(r.date, Some(jiff::civil::date(2022, 9, 12)));
    }

    #[test]
    fn sources_parse_loosely() {
        assert_eq!(parse_source("CRM note"), Some(Source::CrmNote));
        assert_eq!(parse_source("support-ticket"), Some(Source::SupportTicket));
        assert_eq!(parse_source("sales_call"), Some(Source::SalesCall));
        assert_eq!(parse_source("nope"), None);
    }
}
