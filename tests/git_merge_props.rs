//! Properties of the merge over random parallel edits of one persona:
//! the result always loads, nothing either side added is lost, and which
//! side is "ours" changes nothing but the order.

use persona::domain::conflict;
use persona::domain::{Citation, Item, Persona, Template, Value, identity};
use persona::merge::merge_files;
use persona::store::codec;
use proptest::prelude::*;
use std::collections::BTreeSet;

const WORDS: [&str; 6] = [
    "Stock by hand",
    "Slow month-end",
    "Returns booked twice",
    "No one number",
    "Peak season oversells",
    "Spreadsheets everywhere",
];
const CITES: [&str; 5] = ["dana#h1", "dana#h2", "sam#hq3k7zm", "lee#h4", "ana#hx2m9pa"];

#[derive(Clone, Debug)]
enum Edit {
    Add {
        field: bool,
        word: usize,
        cite: usize,
    },
    Remove {
        field: bool,
        at: usize,
    },
    Reword {
        field: bool,
        at: usize,
        word: usize,
    },
    Cite {
        field: bool,
        at: usize,
        cite: usize,
    },
    Uncite {
        field: bool,
        at: usize,
    },
    Rename(usize),
    /// What an editor does when it opens the persona.
    Identify,
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<bool>(), 0..6usize, 0..5usize).prop_map(|(field, word, cite)| Edit::Add {
            field,
            word,
            cite
        }),
        (any::<bool>(), 0..8usize).prop_map(|(field, at)| Edit::Remove { field, at }),
        (any::<bool>(), 0..8usize, 0..6usize).prop_map(|(field, at, word)| Edit::Reword {
            field,
            at,
            word
        }),
        (any::<bool>(), 0..8usize, 0..5usize).prop_map(|(field, at, cite)| Edit::Cite {
            field,
            at,
            cite
        }),
        (any::<bool>(), 0..8usize).prop_map(|(field, at)| Edit::Uncite { field, at }),
        (0..3usize).prop_map(Edit::Rename),
        Just(Edit::Identify),
    ]
}

fn base() -> impl Strategy<Value = Persona> {
    (
        prop::collection::vec((0..6usize, prop::collection::vec(0..5usize, 0..3)), 0..5),
        prop::option::of(0..6usize),
    )
        .prop_map(|(goals, title)| {
            let mut p = Persona::new(
                "olivia",
                "outdoor",
                "Operations Olivia",
                "b2b-decision-maker",
            );
            let item = |word: usize, cites: &[usize]| {
                let mut cited: Vec<Citation> = Vec::new();
                for &c in cites {
                    let c = Citation::parse(CITES[c]).unwrap();
                    if !cited.contains(&c) {
                        cited.push(c);
                    }
                }
                Item::text(WORDS[word]).citing(cited)
            };
            p.fields.insert(
                "goals".into(),
                goals.iter().map(|(w, c)| item(*w, c)).collect(),
            );
            if let Some(t) = title {
                p.fields.insert("job_title".into(), vec![item(t, &[])]);
            }
            p
        })
}

fn apply(base: &Persona, edits: &[Edit]) -> Persona {
    let mut p = base.clone();
    let key = |field: bool| if field { "goals" } else { "job_title" };
    for e in edits {
        match e {
            Edit::Add { field, word, cite } => {
                let items = p.fields.entry(key(*field).into()).or_default();
                if *field || items.is_empty() {
                    items.push(
                        Item::text(WORDS[*word]).citing([Citation::parse(CITES[*cite]).unwrap()]),
                    );
                }
            }
            Edit::Remove { field, at } => {
                if let Some(items) = p.fields.get_mut(key(*field))
                    && *at < items.len()
                {
                    items.remove(*at);
                }
            }
            Edit::Reword { field, at, word } => {
                if let Some(item) = p.fields.get_mut(key(*field)).and_then(|i| i.get_mut(*at)) {
                    item.value = Value::Text(WORDS[*word].into());
                }
            }
            Edit::Cite { field, at, cite } => {
                if let Some(item) = p.fields.get_mut(key(*field)).and_then(|i| i.get_mut(*at)) {
                    let c = Citation::parse(CITES[*cite]).unwrap();
                    if !item.cites.contains(&c) {
                        item.cites.push(c);
                    }
                }
            }
            Edit::Uncite { field, at } => {
                if let Some(item) = p.fields.get_mut(key(*field)).and_then(|i| i.get_mut(*at)) {
                    item.cites.pop();
                }
            }
            Edit::Rename(n) => p.name = ["Olivia", "Ops Olivia", "Operations Olivia"][*n].into(),
            Edit::Identify => identity::identify(&mut p.fields),
        }
    }
    p
}

fn template(id: &str) -> Option<Template> {
    persona::store::fs::builtin_templates(&mut Vec::new())
        .into_iter()
        .find(|t| t.id == id)
}

/// Every (field, text) an item holds, and every citation, in a persona.
fn contents(p: &Persona) -> (BTreeSet<(String, String)>, BTreeSet<String>) {
    let mut items = BTreeSet::new();
    let mut cites = BTreeSet::new();
    for (field, list) in &p.fields {
        for item in list {
            items.insert((field.clone(), item.value.to_string()));
            cites.extend(item.cites.iter().map(Citation::to_string));
        }
    }
    (items, cites)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn merges_load_and_lose_nothing_either_side_added(
        base in base(),
        ours in prop::collection::vec(edit(), 0..6),
        theirs in prop::collection::vec(edit(), 0..6),
    ) {
        let (o, t) = (apply(&base, &ours), apply(&base, &theirs));
        let text = |p: &Persona| codec::encode(p).unwrap();
        let path = Some("icps/outdoor/personas/olivia.toml");
        let merged = merge_files(&text(&base), &text(&o), &text(&t), path, &template);
        prop_assert!(merged.as_text.is_none());
        let result: Persona = toml::from_str(&merged.text)
            .map_err(|e| TestCaseError::fail(format!("does not load: {e}\n{}", merged.text)))?;
        let table: toml::Table = toml::from_str(&merged.text).unwrap();
        prop_assert_eq!(conflict::list(&table).len(), merged.conflicts, "{}", merged.text);

        let (base_items, base_cites) = contents(&base);
        let (got_items, got_cites) = contents(&result);
        for side in [&o, &t] {
            let (items, cites) = contents(side);
            for item in items.difference(&base_items) {
                prop_assert!(got_items.contains(item), "lost {:?}\n{}", item, merged.text);
            }
            for cite in cites.difference(&base_cites) {
                prop_assert!(got_cites.contains(cite), "lost {}\n{}", cite, merged.text);
            }
        }

        let swapped = merge_files(&text(&base), &text(&t), &text(&o), path, &template);
        prop_assert_eq!(swapped.conflicts, merged.conflicts);
        let swapped: Persona = toml::from_str(&swapped.text).unwrap();
        prop_assert_eq!(contents(&swapped), contents(&result));
    }
}

const LINES: [&str; 8] = [
    "Dana runs operations for four stores.",
    "Every Monday she matches stock by hand.",
    "Returns made in store are not put back online.",
    "They sold the same jacket twice.",
    "She trusts other shop owners more than review sites.",
    "The owner signs off on anything over $500 a month.",
    "She wants one stock number.",
    "A fifth store opens in 2027.",
];

#[derive(Clone, Debug)]
enum NoteEdit {
    Insert { at: usize, line: usize },
    Delete { at: usize },
    Change { at: usize, line: usize },
    Highlight { at: usize, tag: usize },
    Retag { at: usize, tag: usize },
}

fn note_edit() -> impl Strategy<Value = NoteEdit> {
    prop_oneof![
        (0..10usize, 0..8usize).prop_map(|(at, line)| NoteEdit::Insert { at, line }),
        (0..10usize).prop_map(|at| NoteEdit::Delete { at }),
        (0..10usize, 0..8usize).prop_map(|(at, line)| NoteEdit::Change { at, line }),
        (0..10usize, 0..3usize).prop_map(|(at, tag)| NoteEdit::Highlight { at, tag }),
        (0..4usize, 0..3usize).prop_map(|(at, tag)| NoteEdit::Retag { at, tag }),
    ]
}

fn interview_after(base: &[usize], edits: &[NoteEdit]) -> persona::domain::Interview {
    let tags = ["pain-point", "goal", "trigger"];
    let mut i = persona::domain::Interview::new("dana", "Dana Whitfield");
    let mut lines: Vec<String> = base.iter().map(|&l| LINES[l].to_string()).collect();
    i.add_highlight(LINES[0], vec!["role".into()]);
    for e in edits {
        match *e {
            NoteEdit::Insert { at, line } => lines.insert(at.min(lines.len()), LINES[line].into()),
            NoteEdit::Delete { at } if at < lines.len() => {
                lines.remove(at);
            }
            NoteEdit::Change { at, line } if at < lines.len() => {
                lines[at] = format!("{} (edited)", LINES[line]);
            }
            NoteEdit::Highlight { at, tag } if at < lines.len() => {
                let words = lines[at].clone();
                if !i.highlights.iter().any(|h| h.text == words) {
                    i.add_highlight(words, vec![tags[tag].into()]);
                }
            }
            NoteEdit::Retag { at, tag } => {
                if let Some(h) = i.highlights.get_mut(at)
                    && !h.tags.contains(&tags[tag].to_string())
                {
                    h.tags.push(tags[tag].into());
                }
            }
            _ => {}
        }
    }
    i.notes = lines.iter().map(|l| format!("{l}\n")).collect();
    i
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn notes_and_highlights_from_both_sides_all_land(
        base in prop::collection::vec(0..8usize, 0..7),
        ours in prop::collection::vec(note_edit(), 0..6),
        theirs in prop::collection::vec(note_edit(), 0..6),
    ) {
        let b = interview_after(&base, &[]);
        let (o, t) = (interview_after(&base, &ours), interview_after(&base, &theirs));
        let text = |i: &persona::domain::Interview| codec::encode(i).unwrap();
        let merged = merge_files(&text(&b), &text(&o), &text(&t), Some("interviews/dana.toml"), &template);
        let result: persona::domain::Interview = toml::from_str(&merged.text)
            .map_err(|e| TestCaseError::fail(format!("does not load: {e}\n{}", merged.text)))?;
        let lines = |i: &persona::domain::Interview| -> BTreeSet<String> {
            i.notes.lines().map(str::to_string).collect()
        };
        let tagged = |i: &persona::domain::Interview| -> BTreeSet<(String, String)> {
            i.highlights
                .iter()
                .flat_map(|h| h.tags.iter().map(|t| (h.id.clone(), t.clone())))
                .collect()
        };
        for side in [&o, &t] {
            for line in lines(side).difference(&lines(&b)) {
                prop_assert!(lines(&result).contains(line), "lost line {line}\n{}", merged.text);
            }
            for pair in tagged(side).difference(&tagged(&b)) {
                prop_assert!(tagged(&result).contains(pair), "lost {:?}\n{}", pair, merged.text);
            }
        }
    }
}
