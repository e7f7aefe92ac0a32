//! Settling the conflicts of one file one at a time, as the app's conflict
//! screen does: [`open`] lists them with both versions in words, [`settle`]
//! keeps the chosen side and gives the file's new text (or says the file
//! goes). Both kinds of conflict are served: the ones persona's driver
//! marked inside a file that loads, and git's `<<<<<<<` markers left by a
//! merge made without the driver (each marked block is one conflict).
//! Pure: the caller reads and writes the file.

use super::{FileKind, write};
use crate::domain::conflict::{self, Choice, Conflict, Place};

/// Which conflict of a file.
#[derive(Clone, Debug, PartialEq)]
pub enum Which {
    /// One persona's driver kept and marked.
    Marked(Conflict),
    /// The n-th block of git's markers (from 0).
    Markers(usize),
}

/// One unsettled conflict, ready to show.
#[derive(Clone, Debug, PartialEq)]
pub struct Open {
    /// Where it is in the file, from 1.
    pub line: usize,
    /// The thing in conflict, in a few words.
    pub what: String,
    /// What happened and what each choice does, one sentence.
    pub describe: String,
    /// Our version as a person reads it.
    pub ours: String,
    /// Their version as a person reads it.
    pub theirs: String,
    /// Whether keeping both versions makes sense here.
    pub both: bool,
    pub which: Which,
}

/// What settling gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Settled {
    /// The file's new text.
    Text(String),
    /// The chosen side deleted the file.
    Delete,
}

/// A block of git's markers: where it starts and ends (bytes, whole
/// lines) and the two versions inside.
struct Block {
    line: usize,
    range: std::ops::Range<usize>,
    ours: String,
    theirs: String,
}

fn starts(line: &str, mark: &str) -> bool {
    let line = line.trim_end_matches(['\n', '\r']);
    line.strip_prefix(mark)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
}

/// The blocks of git's markers in `text`; `None` when they do not pair up.
fn blocks(text: &str) -> Option<Vec<Block>> {
    #[derive(PartialEq)]
    enum In {
        Outside,
        Ours,
        Base,
        Theirs,
    }
    let mut found = Vec::new();
    let mut state = In::Outside;
    let (mut at, mut start, mut start_line) = (0, 0, 0);
    let (mut ours, mut theirs) = (String::new(), String::new());
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let end = at + line.len();
        state = match state {
            In::Outside if starts(line, "<<<<<<<") => {
                start = at;
                start_line = n + 1;
                ours.clear();
                theirs.clear();
                In::Ours
            }
            In::Outside => In::Outside,
            In::Ours if starts(line, "|||||||") => In::Base,
            In::Ours | In::Base if starts(line, "=======") => In::Theirs,
            In::Theirs if starts(line, ">>>>>>>") => {
                found.push(Block {
                    line: start_line,
                    range: start..end,
                    ours: std::mem::take(&mut ours),
                    theirs: std::mem::take(&mut theirs),
                });
                In::Outside
            }
            In::Ours => {
                ours.push_str(line);
                In::Ours
            }
            In::Base => In::Base,
            In::Theirs => {
                theirs.push_str(line);
                In::Theirs
            }
        };
        at = end;
    }
    (state == In::Outside).then_some(found)
}

/// Every unsettled conflict in the file at `path` (relative to the
/// workspace) whose text is `text`, in file order. An `Err` is one
/// sentence naming the file.
pub fn open(path: &str, text: &str) -> Result<Vec<Open>, String> {
    if conflict::marker_line(text).is_some() {
        let blocks = blocks(text).ok_or_else(|| {
            format!("the conflict markers in {path} do not pair up; settle it in a text editor")
        })?;
        return Ok(blocks
            .into_iter()
            .enumerate()
            .map(|(n, b)| Open {
                line: b.line,
                what: format!("lines {}-{} (git's markers)", b.line, b.line + b.ours.lines().count() + b.theirs.lines().count() + 2),
                describe: "A merge without persona's merge driver left both versions of these lines; keep one side (or both, ours first).".into(),
                ours: b.ours.trim_end().to_string(),
                theirs: b.theirs.trim_end().to_string(),
                both: true,
                which: Which::Markers(n),
            })
            .collect());
    }
    let table: toml::Table = toml::from_str(text).map_err(|e| {
        format!(
            "{path} is not TOML persona can read: {}",
            e.message().trim()
        )
    })?;
    let found = conflict::list(&table);
    let lines = super::scan::in_file(path, text);
    Ok(found
        .into_iter()
        .enumerate()
        .map(|(n, c)| {
            let line = lines.get(n).map_or(1, |p| p.line);
            let (ours, theirs, both) = match &c.place {
                Place::Deleted { by_theirs, .. } => {
                    let here = "(the file as it is now)".to_string();
                    let gone = "(the file deleted)".to_string();
                    if *by_theirs {
                        (here, gone, false)
                    } else {
                        (gone, here, false)
                    }
                }
                Place::Value { lines, .. } => {
                    (show(c.ours.as_ref()), show(c.theirs.as_ref()), *lines)
                }
                Place::Entry { .. } => (
                    show(c.ours.as_ref()),
                    show(c.theirs.as_ref()),
                    c.ours.is_some() && c.theirs.is_some(),
                ),
            };
            let what = match &c.place {
                Place::Deleted { .. } => "the whole file".to_string(),
                Place::Value { .. } if c.path.is_empty() => "the whole file".to_string(),
                Place::Value { .. } => format!("`{}`", c.path.join(".")),
                Place::Entry { .. } => c.what(),
            };
            Open {
                line,
                what,
                describe: crate::text::line(&c.describe()),
                ours,
                theirs,
                both,
                which: Which::Marked(c),
            }
        })
        .collect())
}

/// A version as a person reads it: what it says first (its text, name or
/// company), then its other keys, one per line; the id persona gave it is
/// left out (both sides share it).
fn show(version: Option<&toml::Value>) -> String {
    let Some(toml::Value::Table(table)) = version else {
        return Conflict::show(version);
    };
    let first = ["text", "value", "name", "company", "title"];
    let mut parts = Vec::new();
    for key in first {
        if let Some(v) = table.get(key) {
            let mut one = toml::Table::new();
            one.insert(key.into(), v.clone());
            parts.push(Conflict::show(Some(&toml::Value::Table(one))));
        }
    }
    let rest: toml::Table = table
        .iter()
        .filter(|(k, _)| *k != "id" && !first.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    if !rest.is_empty() {
        parts.push(Conflict::show(Some(&toml::Value::Table(rest))));
    }
    parts.join("\n")
}

/// Settles `which` in the file at `path` whose text is `text` by keeping
/// `choice`. Fails, with one sentence, when the file no longer holds that
/// conflict or keeping both is not possible there.
pub fn settle(path: &str, text: &str, which: &Which, choice: Choice) -> Result<Settled, String> {
    let stale = || format!("{path} changed since its conflicts were shown; look again");
    match which {
        Which::Markers(n) => {
            let blocks = blocks(text).ok_or_else(stale)?;
            let block = blocks.get(*n).ok_or_else(stale)?;
            let mut kept = match choice {
                Choice::Ours => block.ours.clone(),
                Choice::Theirs => block.theirs.clone(),
                Choice::Both => format!("{}{}", block.ours, block.theirs),
            };
            if !kept.is_empty() && !kept.ends_with('\n') && block.range.end < text.len() {
                kept.push('\n');
            }
            let mut out = text.to_string();
            out.replace_range(block.range.clone(), &kept);
            Ok(Settled::Text(out))
        }
        Which::Marked(c) => {
            let mut table: toml::Table = toml::from_str(text).map_err(|_| stale())?;
            if c.deletes_file(choice) {
                return Ok(Settled::Delete);
            }
            let both_allowed = match &c.place {
                Place::Entry { ours, theirs, .. } => ours.is_some() && theirs.is_some(),
                Place::Value { lines, .. } => *lines,
                Place::Deleted { .. } => false,
            };
            if choice == Choice::Both && !both_allowed {
                return Err(format!(
                    "{} holds one value; keep ours or theirs",
                    crate::text::line(&c.what())
                ));
            }
            conflict::resolve(&mut table, c, choice).map_err(|_| stale())?;
            let kind = FileKind::of_path(path);
            write(kind, &table).map(Settled::Text).map_err(|why| {
                format!("keeping that side would leave {path} unreadable ({why}); settle it in a text editor")
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Persona;
    use crate::store::codec;

    const PERSONA: &str = r#"schema = 1
id = "olivia"
icp = "outdoor"
name = "Operations Olivia"
template = "b2b"

[[fields.pain_points]]
id = "k3q9x7"
text = "Stock by hand"
conflict = "ours"

[[fields.pain_points]]
id = "k3q9x7"
text = "Stock by hand, every Monday"
conflict = "theirs"

[[conflicts]]
path = ["name"]
ours = "Operations Olivia"
theirs = "Ops Olivia"
"#;

    const PATH: &str = "icps/outdoor/personas/olivia.toml";

    #[test]
    fn marked_conflicts_are_shown_and_settled_one_at_a_time() {
        let found = open(PATH, PERSONA).unwrap();
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].what, "an item of field `pain_points`");
        assert_eq!(found[0].line, 10);
        assert!(found[0].theirs.contains("every Monday"));
        assert!(found[0].both);
        assert_eq!(found[1].what, "`name`");
        assert!(!found[1].both);
        let Settled::Text(text) = settle(PATH, PERSONA, &found[0].which, Choice::Theirs).unwrap()
        else {
            panic!("not deleted")
        };
        let p: Persona = codec::decode(PATH, text.as_bytes()).unwrap();
        assert_eq!(p.fields["pain_points"].len(), 1);
        assert!(!text.contains("conflict = "));
        let left = open(PATH, &text).unwrap();
        assert_eq!(left.len(), 1);
        // A conflict already settled is refused, as is both for one value.
        assert!(settle(PATH, &text, &found[0].which, Choice::Ours).is_err());
        assert!(settle(PATH, &text, &left[0].which, Choice::Both).is_err());
        let Settled::Text(text) = settle(PATH, &text, &left[0].which, Choice::Theirs).unwrap()
        else {
            panic!("not deleted")
        };
        assert!(text.contains("name = \"Ops Olivia\""));
        assert!(open(PATH, &text).unwrap().is_empty());
    }

    #[test]
    fn git_markers_are_settled_block_by_block() {
        let text = "schema = 1\n<<<<<<< HEAD\nname = \"a\"\n=======\nname = \"b\"\n>>>>>>> other\nx = 1\n<<<<<<< HEAD\ny = 1\n||||||| base\ny = 0\n=======\nz = 2\n>>>>>>> other\n";
        let found = open("workspace.toml", text).unwrap();
        assert_eq!(found.len(), 2);
        assert_eq!((found[0].line, found[1].line), (2, 8));
        assert_eq!(
            (found[1].ours.as_str(), found[1].theirs.as_str()),
            ("y = 1", "z = 2")
        );
        let Settled::Text(after) =
            settle("workspace.toml", text, &found[1].which, Choice::Both).unwrap()
        else {
            panic!()
        };
        assert_eq!(
            after,
            "schema = 1\n<<<<<<< HEAD\nname = \"a\"\n=======\nname = \"b\"\n>>>>>>> other\nx = 1\ny = 1\nz = 2\n"
        );
        let left = open("workspace.toml", &after).unwrap();
        let Settled::Text(done) =
            settle("workspace.toml", &after, &left[0].which, Choice::Theirs).unwrap()
        else {
            panic!()
        };
        assert_eq!(done, "schema = 1\nname = \"b\"\nx = 1\ny = 1\nz = 2\n");
        assert!(open("workspace.toml", &done).unwrap().is_empty());
        assert!(open("a.toml", "<<<<<<< x\n=======\n>>>>>>> y\n<<<<<<< z\n").is_err());
    }

    #[test]
    fn a_file_deleted_on_one_side_goes_when_that_side_is_kept() {
        let text = format!(
            "schema = 1\nname = \"Frank\"\n{}",
            conflict::deleted_entry(true)
        );
        let found = open("interviews/frank.toml", &text).unwrap();
        assert_eq!(found[0].theirs, "(the file deleted)");
        assert_eq!(
            settle(
                "interviews/frank.toml",
                &text,
                &found[0].which,
                Choice::Theirs
            ),
            Ok(Settled::Delete)
        );
    }
}
