//! The `---` block some notes start with: simple YAML, `key: value` lines
//! and `key:` followed by `- item` lines. Keys are matched loosely
//! (`Interview Date`, `interview_date` and `interviewDate` are one) and
//! with the names note-takers use (`participant`, `organisation`,
//! `job title`, `channel`...). Keys persona has no place for are kept.

/// One value as written: a line, or a list of `- item` lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Text(String),
    List(Vec<String>),
}

impl Value {
    /// The value as one line of text (a list joined with commas).
    pub fn text(&self) -> String {
        match self {
            Value::Text(t) => t.clone(),
            Value::List(items) => items.join(", "),
        }
    }
}

/// What persona does with a front-matter key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Title,
    Date,
    Interviewee,
    Interviewer,
    Role,
    Company,
    Source,
    Icp,
}

/// Known keys, compared without case, spaces, `-` or `_`.
const KEYS: &[(Key, &[&str])] = &[
    (Key::Title, &["title", "subject", "meeting", "meetingtitle"]),
    (
        Key::Date,
        &[
            "date",
            "interviewdate",
            "calldate",
            "meetingdate",
            "when",
            "held",
        ],
    ),
    (
        Key::Interviewee,
        &[
            "interviewee",
            "participant",
            "customer",
            "contact",
            "person",
            "respondent",
            "who",
            "speaker",
        ],
    ),
    (
        Key::Interviewer,
        &[
            "interviewer",
            "moderator",
            "host",
            "researcher",
            "by",
            "author",
        ],
    ),
    (Key::Role, &["role", "jobtitle", "position", "job"]),
    (
        Key::Company,
        &[
            "company",
            "organisation",
            "organization",
            "org",
            "account",
            "employer",
            "business",
        ],
    ),
    (
        Key::Source,
        &["source", "channel", "medium", "via", "format"],
    ),
    (Key::Icp, &["icp", "segment", "profile"]),
];

fn squash(key: &str) -> String {
    key.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// What a key means to persona, if anything.
pub fn key(name: &str) -> Option<Key> {
    let k = squash(name);
    KEYS.iter()
        .find(|(_, names)| names.iter().any(|n| squash(n) == k))
        .map(|(key, _)| *key)
}

fn unquote(value: &str) -> String {
    let v = value.trim();
    let stripped = v
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .or_else(|| v.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')));
    stripped.unwrap_or(v).trim().to_string()
}

/// Splits off a leading `---` block: its entries in order, and the text
/// after it. Text without a closed block is all body.
pub fn split(text: &str) -> (Vec<(String, Value)>, &str) {
    let Some(rest) = text.strip_prefix("---\n") else {
        return (Vec::new(), text);
    };
    let mut offset = 0;
    let mut end = None;
    for line in rest.split_inclusive('\n') {
        let bare = line.trim_end_matches('\n').trim_end();
        if bare == "---" || bare == "..." {
            end = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((block_end, body_start)) = end else {
        return (Vec::new(), text);
    };
    let mut entries: Vec<(String, Value)> = Vec::new();
    for line in rest[..block_end].lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if let Some(item) = trimmed
            .strip_prefix("- ")
            .or(trimmed.strip_prefix('-').filter(|r| r.is_empty()))
        {
            // An item of the list under the last key.
            if let Some((_, value)) = entries.last_mut() {
                let item = unquote(item);
                match value {
                    Value::List(items) => items.push(item),
                    Value::Text(t) if t.is_empty() => *value = Value::List(vec![item]),
                    Value::Text(_) => {}
                }
            }
            continue;
        }
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let k = k.trim();
        if k.is_empty() {
            continue;
        }
        let v = v.trim();
        let value = match v.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            Some(inner) => Value::List(
                inner
                    .split(',')
                    .map(unquote)
                    .filter(|s| !s.is_empty())
                    .collect(),
            ),
            None => Value::Text(unquote(v)),
        };
        entries.push((k.to_string(), value));
    }
    (entries, &rest[body_start..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_match_loosely() {
        assert_eq!(key("Interview Date"), Some(Key::Date));
        assert_eq!(key("interview_date"), Some(Key::Date));
        assert_eq!(key("Participant"), Some(Key::Interviewee));
        assert_eq!(key("Organisation"), Some(Key::Company));
        assert_eq!(key("Job Title"), Some(Key::Role));
        assert_eq!(key("channel"), Some(Key::Source));
        assert_eq!(key("recording_url"), None);
    }

    #[test]
    fn lists_and_quotes() {
        let text = "---\ntitle: \"Dana: Acme\"\ntags:\n  - pricing\n  - 'stock counts'\nattendees: [Kim, Dana]\nduration: 45 min\n---\nBody\n";
        let (entries, body) = split(text);
        assert_eq!(body, "Body\n");
        assert_eq!(
            entries[0],
            ("title".into(), Value::Text("Dana: Acme".into()))
        );
        assert_eq!(
            entries[1],
            (
                "tags".into(),
                Value::List(vec!["pricing".into(), "stock counts".into()])
            )
        );
        assert_eq!(
            entries[2],
            (
                "attendees".into(),
                Value::List(vec!["Kim".into(), "Dana".into()])
            )
        );
        assert_eq!(entries[3].1.text(), "45 min");
    }

    #[test]
    fn an_unclosed_block_is_body() {
        let (entries, body) = split("---\ntitle: x\nno end");
        assert!(entries.is_empty());
        assert_eq!(body, "---\ntitle: x\nno end");
    }
}
