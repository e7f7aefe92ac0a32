//! `persona highlight INTERVIEW "exact words" --tag TAG...`: evidence from
//! the command line, for scripts and teammates without the app.

use super::lookup::missing;
use super::{Failure, Outcome, emit, emit_json, load};
use crate::domain::{Kind, anchor, id::normalize_tag};
use crate::store::Store;
use crate::text;
use serde::Serialize;
use std::path::Path;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The interview's id (see `persona list interviews`)
    interview: String,
    /// The words to highlight, as they are in the notes (spacing and line breaks aside)
    words: String,
    /// What the words tell: pain-point, goal, objection, ... (several: repeat, or separate with commas)
    #[arg(long = "tag", value_name = "TAG", num_args = 1..)]
    tags: Vec<String>,
    /// Print the highlight as JSON
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct Added<'a> {
    interview: &'a str,
    id: &'a str,
    text: &'a str,
    tags: &'a [String],
    /// Whether the words were highlighted already (tags were added to it).
    existing: bool,
}

pub fn run(root: &Path, args: Args) -> Outcome {
    let (mut store, loaded) = load(root)?;
    let id = args
        .interview
        .strip_prefix("interview:")
        .unwrap_or(&args.interview);
    let ws = &loaded.workspace;
    let Some(found) = ws.interview(id) else {
        return Err(Failure(missing(&loaded, id, Some(Kind::Interview))));
    };
    let mut interview = found.clone();
    let tags = tags(&args.tags)?;
    let words = anchor::quote_words(&args.words);
    if words.trim().is_empty() {
        return Err(Failure(
            "give the words to highlight, as they are in the notes".into(),
        ));
    }
    if anchor::find(&interview.notes, words).is_none() {
        return Err(Failure(format!(
            "the words “{}” are not in the notes of interview `{}` (spacing and line breaks aside); copy them as they are written there",
            text::line(&shorten(words)),
            text::line(id)
        )));
    }
    // The words as given (they are in the notes, spacing aside), on one
    // line: what the card and the export quote.
    let quoted = words.split_whitespace().collect::<Vec<_>>().join(" ");
    let same = |a: &str, b: &str| a.split_whitespace().eq(b.split_whitespace());
    let existing = interview
        .highlights
        .iter()
        .position(|h| same(&h.text, &quoted));
    let (highlight_id, changed) = match existing {
        Some(i) => {
            let h = &mut interview.highlights[i];
            let before = h.tags.len();
            for tag in &tags {
                if !h.tags.contains(tag) {
                    h.tags.push(tag.clone());
                }
            }
            (h.id.clone(), h.tags.len() != before)
        }
        None => (interview.add_highlight(quoted.clone(), tags.clone()), true),
    };
    if changed {
        interview.updated = Some(crate::domain::now());
        store.save_interview(&interview)?;
    }
    let h = interview
        .highlight(&highlight_id)
        .expect("the highlight was just found or added");
    if args.json {
        emit_json(&Added {
            interview: &interview.id,
            id: &h.id,
            text: &h.text,
            tags: &h.tags,
            existing: existing.is_some(),
        })?;
        return Ok(ExitCode::SUCCESS);
    }
    let tagged = if h.tags.is_empty() {
        "no tags".to_string()
    } else {
        format!("tagged {}", h.tags.join(", "))
    };
    let message = match (existing, changed) {
        (None, _) => format!(
            "Highlighted “{}” in interview `{}` as `{}` ({tagged}); cite it as `{}#{}`.\n",
            shorten(&h.text),
            interview.id,
            h.id,
            interview.id,
            h.id
        ),
        (Some(_), true) => format!(
            "Those words were already highlighted as `{}` in interview `{}`; it is now {tagged}.\n",
            h.id, interview.id
        ),
        (Some(_), false) => format!(
            "Those words are already highlighted as `{}` in interview `{}` ({tagged}); nothing changed.\n",
            h.id, interview.id
        ),
    };
    emit(&text::visible(&message, true))?;
    Ok(ExitCode::SUCCESS)
}

/// Tags as stored, from `--tag a --tag "b, c"`.
fn tags(given: &[String]) -> Result<Vec<String>, Failure> {
    let mut out: Vec<String> = Vec::new();
    for raw in given.iter().flat_map(|t| t.split(',')) {
        if raw.trim().is_empty() {
            continue;
        }
        let tag = normalize_tag(raw);
        if tag.is_empty() {
            return Err(Failure(format!(
                "the tag `{}` has no letters or digits; use words like `pain-point` or `goal`",
                text::line(raw.trim())
            )));
        }
        if !out.contains(&tag) {
            out.push(tag);
        }
    }
    Ok(out)
}

/// Long quotes cut for a one-line message.
fn shorten(words: &str) -> String {
    let one_line = words.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= 80 {
        one_line
    } else {
        format!("{}…", one_line.chars().take(79).collect::<String>())
    }
}
