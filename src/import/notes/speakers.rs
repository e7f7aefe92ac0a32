//! Who speaks in a transcript or in call notes, so the interviewee can be
//! found when nobody wrote it down.
//!
//! Recognised turns (a timestamp such as `[00:01:23]`, `(12:04)` or
//! `00:01:23.450` may come first, and is ignored):
//! - `Name: what they said` and `**Name:** …` / `**Name**: …` (notes,
//!   Descript, Teams, most hand-written transcripts)
//! - `Name  0:04` or `Name (00:05):` alone on a line, the words below
//!   (Otter, Rev)
//! - `[Name] 10:02:33` (Zoom's saved chat and transcript text)
//! - `<v Name>` (WebVTT captions)
//!
//! The interviewer is whoever is labelled so (`Interviewer`, `Q`, `Host`,
//! `Me`, ... or the name given as `interviewer:` in the front matter); the
//! interviewee is the other speaker who said the most (in words: people
//! being interviewed talk more than the one asking). Generic labels
//! (`Speaker 1`, `Customer`, `A`) name nobody.

use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// A leading timestamp: `[00:01:23]`, `(1:23)`, `00:01:23.450`, `12:04 -`.
static TIMESTAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?[\])]?\s*(?:-|–|—)?\s*")
        .expect("valid pattern")
});

/// `Name: words`, with optional bold marks around the name or the colon.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\*\*|__)?([^\W\d_][\w.'’ -]{0,40}?)(?:\*\*|__)?\s*(?:\(\d{1,2}:\d{2}(?::\d{2})?\))?\s*:(?:\*\*|__)?(?:\s+\S|\s*$)")
        .expect("valid pattern")
});

/// `Name  0:04` (Otter) or `Name (00:05):` (Rev) alone on a line.
static HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([^\W\d_][\w.'’ -]{0,40}?)(?:\s{2,}|\s+\()\d{1,2}:\d{2}(?::\d{2})?\)?:?\s*$")
        .expect("valid pattern")
});

/// `[Name] 10:02:33`.
static BRACKETED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\[([^\]\d][^\]]{0,40})\]\s+\d{1,2}:\d{2}").expect("valid pattern")
});

/// `<v Name>` in WebVTT.
static VOICE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<v(?:\.[\w.-]+)?\s+([^>]{1,40})>").expect("valid pattern"));

/// Labels that start a line with a colon but are not people.
const NOT_SPEAKERS: &[&str] = &[
    "action items",
    "agenda",
    "answer",
    "attendees",
    "background",
    "budget",
    "company",
    "context",
    "date",
    "decision",
    "duration",
    "email",
    "follow up",
    "follow-up",
    "goal",
    "goals",
    "http",
    "https",
    "key takeaways",
    "location",
    "next steps",
    "note",
    "notes",
    "objection",
    "objections",
    "observation",
    "observations",
    "pain",
    "pains",
    "participants",
    "phone",
    "question",
    "quote",
    "re",
    "recording",
    "role",
    "source",
    "subject",
    "summary",
    "tags",
    "takeaways",
    "time",
    "timeline",
    "title",
    "todo",
    "topic",
    "why",
];

/// Labels that mark the interviewer's side.
const INTERVIEWER: &[&str] = &[
    "interviewer",
    "moderator",
    "host",
    "researcher",
    "facilitator",
    "me",
    "i",
    "us",
    "q",
    "ux researcher",
];

/// Labels that stand for a speaker without naming them.
const GENERIC: &[&str] = &[
    "a",
    "customer",
    "interviewee",
    "participant",
    "respondent",
    "user",
    "guest",
    "unknown",
    "unknown speaker",
    "speaker",
    "client",
    "prospect",
];

fn is_generic(label: &str) -> bool {
    let lower = label.to_lowercase();
    GENERIC.contains(&lower.as_str())
        || lower.strip_prefix("speaker").is_some_and(|rest| {
            let rest = rest.trim();
            !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric())
        })
        || lower
            .strip_prefix("participant")
            .is_some_and(|rest| rest.trim().chars().all(|c| c.is_ascii_digit()))
}

/// The speaker label a line opens with, if it opens with one.
pub fn label(line: &str) -> Option<String> {
    if let Some(caps) = VOICE.captures(line) {
        return clean(&caps[1]);
    }
    if let Some(caps) = BRACKETED.captures(line.trim_start()) {
        return clean(&caps[1]);
    }
    let rest = match TIMESTAMP.find(line) {
        Some(m) => &line[m.end()..],
        None => line.trim_start(),
    };
    let caps = HEADER
        .captures(rest.trim_end())
        .or_else(|| LABEL.captures(rest))?;
    clean(&caps[1])
}

/// Whether a line is only a timestamp or opens with one.
pub fn starts_with_timestamp(line: &str) -> bool {
    TIMESTAMP
        .find(line)
        .is_some_and(|m| m.end() > 0 && m.as_str().contains(':'))
}

fn clean(raw: &str) -> Option<String> {
    let name = raw.trim().trim_matches(['*', '_']).trim();
    let words = name.split_whitespace().count();
    if name.is_empty() || words > 4 || NOT_SPEAKERS.contains(&name.to_lowercase().as_str()) {
        return None;
    }
    Some(name.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Who was interviewed, from the turns of the notes: the speaker who said
/// the most words and is not the interviewer (nor `interviewer`, when the
/// front matter names them) and whose label names a person. `None` when
/// the notes are not a conversation (fewer than two turns by anyone, or
/// only one speaker and no interviewer label).
pub fn interviewee(notes: &str, interviewer: Option<&str>) -> Option<String> {
    // Per speaker: turns, words spoken, the line they first spoke on, and
    // the label as written.
    let mut spoke: HashMap<String, (usize, usize, usize, String)> = HashMap::new();
    let mut current: Option<String> = None;
    for (line_no, line) in notes.lines().enumerate() {
        match label(line) {
            Some(name) => {
                let key = name.to_lowercase();
                // The words after the label on the same line.
                let said = line
                    .find(name.as_str())
                    .map_or("", |at| &line[at + name.len()..])
                    .split_once(':')
                    .map_or("", |(_, rest)| rest);
                let entry = spoke.entry(key.clone()).or_insert((0, 0, line_no, name));
                entry.0 += 1;
                entry.1 += said.split_whitespace().count();
                current = Some(key);
            }
            None => {
                if let Some(entry) = current.as_ref().and_then(|k| spoke.get_mut(k)) {
                    entry.1 += line.split_whitespace().count();
                }
            }
        }
    }
    let interviewer = interviewer.map(|i| i.trim().to_lowercase());
    let is_interviewer =
        |key: &str| INTERVIEWER.contains(&key) || interviewer.as_deref().is_some_and(|i| i == key);
    let asked = spoke.keys().any(|k| is_interviewer(k));
    if !asked && spoke.len() < 2 {
        return None;
    }
    let mut candidates: Vec<&(usize, usize, usize, String)> = spoke
        .iter()
        .filter(|(key, _)| !is_interviewer(key))
        .map(|(_, v)| v)
        .collect();
    // The one who said most; on a tie, whoever spoke first.
    candidates.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    let (turns, _, _, name) = candidates.first()?;
    (*turns >= 2 && !is_generic(name)).then(|| name.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_in_the_shapes_transcripts_use() {
        assert_eq!(
            label("Interviewer: How do you restock?").as_deref(),
            Some("Interviewer")
        );
        assert_eq!(
            label("**Dana:** We count by hand.").as_deref(),
            Some("Dana")
        );
        assert_eq!(
            label("**Dana Whitfield**: every Monday").as_deref(),
            Some("Dana Whitfield")
        );
        assert_eq!(
            label("[00:01:23] Sam Okafor: yes").as_deref(),
            Some("Sam Okafor")
        );
        assert_eq!(label("00:01:23.450 --> 00:01:25.000").as_deref(), None);
        assert_eq!(label("Zoë Müller  0:04").as_deref(), Some("Zoë Müller"));
        assert_eq!(label("Priya Nair (00:05):").as_deref(), Some("Priya Nair"));
        assert_eq!(
            label("[Marcus Lee] 10:02:33").as_deref(),
            Some("Marcus Lee")
        );
        assert_eq!(
            label("<v Felix Grant>We roast weekly.").as_deref(),
            Some("Felix Grant")
        );
        assert_eq!(label("Next steps: send the deck").as_deref(), None);
        assert_eq!(label("https://example.com/page").as_deref(), None);
        assert_eq!(label("- a bullet: with a colon").as_deref(), None);
    }

    #[test]
    fn the_interviewee_is_the_other_speaker_with_most_turns() {
        let notes = "[00:00:05] Interviewer: Thanks for joining.\n\
                     [00:00:09] Dana Whitfield: Happy to.\n\
                     [00:00:15] Interviewer: How do you count stock?\n\
                     [00:00:20] Dana Whitfield: By hand, every Monday.\n\
                     [00:00:31] Interviewer: And then?\n\
                     [00:00:33] Dana Whitfield: Then we guess.\n";
        assert_eq!(interviewee(notes, None).as_deref(), Some("Dana Whitfield"));
    }

    #[test]
    fn the_front_matter_names_the_interviewer() {
        let notes = "Kim: Tell me about Mondays.\nSam: Chaos.\nKim: Why?\nSam: Stock counts.\n";
        assert_eq!(interviewee(notes, Some("Kim")).as_deref(), Some("Sam"));
    }

    #[test]
    fn without_an_interviewer_label_the_one_who_talks_most() {
        let otter = "Kim Lee  0:03\nHow do you reorder?\n\nSam Okafor  0:07\nHonestly a spreadsheet that Dave updates on Sundays, and we guess the rest.\n\nKim Lee  0:19\nAnd then?\n\nSam Okafor  0:21\nThen we overbuy jackets every single autumn.\n";
        assert_eq!(interviewee(otter, None).as_deref(), Some("Sam Okafor"));
    }

    #[test]
    fn generic_or_lonely_labels_name_nobody() {
        let otter = "Speaker 1  0:00\nhello\n\nSpeaker 2  0:04\nhi\n\nSpeaker 1  0:09\nso\n\nSpeaker 2  0:12\nyes\n";
        assert_eq!(interviewee(otter, None), None);
        let qa = "Q: What hurts?\nA: Stock.\nQ: Why?\nA: Counting.\n";
        assert_eq!(interviewee(qa, None), None);
        assert_eq!(interviewee("Summary: fine.\nNotes: none.\n", None), None);
        assert_eq!(interviewee("Dana: hi\nDana: again\n", None), None);
    }
}
