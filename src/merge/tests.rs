//! The merge of whole workspace files, on files shaped like the demo's.

use super::*;
use crate::domain::conflict::{self as marks, Choice};

const BASE: &str = r#"schema = 1
name = "Operations Olivia"
template = "b2b-decision-maker"
created = "2026-03-04T11:00:00Z"
updated = "2026-10-01T16:45:00Z"
last_validated = "2026-10-01"

[[fields.job_title]]
text = "Head of Operations"
cites = ["dana#h4"]

[[fields.pain_points]]
text = "Reconciling stock across three sales channels by hand"
cites = ["dana#h2"]

[[fields.pain_points]]
text = "Month-end reports take two days"
"#;

fn builtin(id: &str) -> Option<Template> {
    let mut problems = Vec::new();
    crate::store::fs::builtin_templates(&mut problems)
        .into_iter()
        .find(|t| t.id == id)
}

fn merge(base: &str, ours: &str, theirs: &str) -> Outcome {
    merge_files(
        base,
        ours,
        theirs,
        Some("icps/outdoor/personas/operations-olivia.toml"),
        &builtin,
    )
}

fn persona(text: &str) -> Persona {
    toml::from_str(text).unwrap_or_else(|e| panic!("does not load: {e}\n{text}"))
}

#[test]
fn additions_on_both_sides_are_kept_and_citations_combined() {
    let ours = BASE.replace(
        "cites = [\"dana#h2\"]",
        "cites = [\"dana#h2\", \"sam#hq3k7zm\"]",
    ) + "\n[[fields.goals]]\ntext = \"One stock figure everyone trusts\"\ncites = [\"dana#h5\"]\n";
    let theirs =
        BASE.replace(
            "cites = [\"dana#h2\"]",
            "cites = [\"dana#h2\", \"lee#hx7m2pa\"]",
        )
        .replace(
            "updated = \"2026-10-01T16:45:00Z\"",
            "updated = \"2026-11-02T09:00:00Z\"",
        ) + "\n[[fields.pain_points]]\ntext = \"Returns are booked twice\"\n";
    let out = merge(BASE, &ours, &theirs);
    assert_eq!(out.conflicts, 0, "{}", out.text);
    let p = persona(&out.text);
    let pains: Vec<String> = p.fields["pain_points"]
        .iter()
        .map(|i| i.value.to_string())
        .collect();
    assert_eq!(
        pains,
        [
            "Reconciling stock across three sales channels by hand",
            "Month-end reports take two days",
            "Returns are booked twice"
        ]
    );
    let cites: Vec<String> = p.fields["pain_points"][0]
        .cites
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(cites, ["dana#h2", "sam#hq3k7zm", "lee#hx7m2pa"]);
    assert_eq!(p.fields["goals"].len(), 1);
    assert_eq!(p.updated.unwrap().to_string(), "2026-11-02T09:00:00Z");
    // Written as persona writes it: saving again changes no byte.
    assert_eq!(crate::store::codec::encode(&p).unwrap(), out.text);
}

#[test]
fn a_removal_on_one_side_is_honoured() {
    let ours = BASE.replace(
        "\n[[fields.pain_points]]\ntext = \"Month-end reports take two days\"\n",
        "",
    );
    let theirs = BASE.replace("name = \"Operations Olivia\"", "name = \"Olivia Ops\"");
    let out = merge(BASE, &ours, &theirs);
    assert_eq!(out.conflicts, 0);
    let p = persona(&out.text);
    assert_eq!(p.name, "Olivia Ops");
    assert_eq!(p.fields["pain_points"].len(), 1);
}

#[test]
fn one_item_changed_on_both_sides_is_kept_twice_and_marked() {
    // The items carry ids, as the wizard writes them once it edits.
    let with_ids = BASE.replace(
        "[[fields.pain_points]]\ntext = \"Month",
        "[[fields.pain_points]]\nid = \"p2\"\ntext = \"Month",
    );
    let ours = with_ids.replace("take two days", "take three days");
    let theirs = with_ids.replace("take two days", "take a week") + "";
    let out = merge(&with_ids, &ours, &theirs);
    assert_eq!(out.conflicts, 1);
    assert!(out.as_text.is_none());
    assert!(!out.text.contains("<<<<<<<"));
    let p = persona(&out.text);
    let items = &p.fields["pain_points"];
    assert_eq!(items.len(), 3);
    assert_eq!(
        items[1].value.to_string(),
        "Month-end reports take three days"
    );
    assert_eq!(
        items[1].extra.get("conflict").and_then(|v| v.as_str()),
        Some("ours")
    );
    assert_eq!(items[2].value.to_string(), "Month-end reports take a week");
    let table: toml::Table = toml::from_str(&out.text).unwrap();
    let found = marks::list(&table);
    assert_eq!(found.len(), 1);
    // Choosing theirs leaves one clean item.
    let mut table = table;
    marks::resolve(&mut table, &found[0], Choice::Theirs).unwrap();
    let p = persona(&toml::to_string(&table).unwrap());
    assert_eq!(p.fields["pain_points"].len(), 2);
    assert_eq!(
        p.fields["pain_points"][1].value.to_string(),
        "Month-end reports take a week"
    );
}

#[test]
fn text_and_citations_changed_apart_merge_into_one_item() {
    let with_ids = BASE.replace(
        "[[fields.pain_points]]\ntext = \"Reconciling",
        "[[fields.pain_points]]\nid = \"p1\"\ntext = \"Reconciling",
    );
    let ours = with_ids.replace("three sales channels", "four sales channels");
    let theirs = with_ids.replace("cites = [\"dana#h2\"]", "cites = [\"dana#h2\", \"lee#h9\"]");
    let out = merge(&with_ids, &ours, &theirs);
    assert_eq!(out.conflicts, 0, "{}", out.text);
    let p = persona(&out.text);
    let item = &p.fields["pain_points"][0];
    assert_eq!(
        item.value.to_string(),
        "Reconciling stock across four sales channels by hand"
    );
    assert_eq!(item.cites.len(), 2);
}

#[test]
fn a_single_value_set_differently_on_both_sides_is_a_conflict() {
    // No ids: each side replaced the job title with its own.
    let ours = BASE.replace("Head of Operations", "COO");
    let theirs = BASE.replace("Head of Operations", "VP Operations");
    let out = merge(BASE, &ours, &theirs);
    assert_eq!(out.conflicts, 1, "{}", out.text);
    let table: toml::Table = toml::from_str(&out.text).unwrap();
    let found = marks::list(&table);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].what(), "an item of field `job_title`");
    assert_eq!(
        marks::Conflict::show(found[0].theirs.as_ref())
            .lines()
            .last(),
        Some("text: VP Operations")
    );
}

#[test]
fn a_changed_name_on_both_sides_is_recorded_and_ours_kept() {
    let ours = BASE.replace("name = \"Operations Olivia\"", "name = \"Olivia\"");
    let theirs = BASE.replace("name = \"Operations Olivia\"", "name = \"Ops Olivia\"");
    let out = merge(BASE, &ours, &theirs);
    assert_eq!(out.conflicts, 1);
    let p = persona(&out.text);
    assert_eq!(p.name, "Olivia");
    assert!(
        out.text.contains(
            "[[conflicts]]\nours = \"Olivia\"\npath = [\"name\"]\ntheirs = \"Ops Olivia\"\n"
        ),
        "{}",
        out.text
    );
}

#[test]
fn a_change_against_a_removal_keeps_the_change_marked() {
    let ours = BASE.replace(
        "\n[[fields.pain_points]]\ntext = \"Month-end reports take two days\"\n",
        "",
    );
    let theirs = BASE.replace(
        "text = \"Month-end reports take two days\"",
        "text = \"Month-end reports take two days\"\ncites = [\"lee#h1\"]",
    );
    let out = merge(BASE, &ours, &theirs);
    assert_eq!(out.conflicts, 1);
    let p = persona(&out.text);
    let kept = &p.fields["pain_points"][1];
    assert_eq!(kept.cites.len(), 1);
    assert_eq!(
        kept.extra.get("conflict").and_then(|v| v.as_str()),
        Some("removed-by-ours")
    );
}

const INTERVIEW: &str = r#"schema = 1
title = "Dana Whitfield, Acme Outdoor"
date = "2026-09-12"
interviewee = "Dana Whitfield"
source = "interview"
notes = """
Dana runs operations for four stores and the web shop.
"Every Monday I lose half a day matching stock between the tills and Shopify."
We talked about returns.
She wants one number for stock.
"""

[[highlights]]
id = "h1"
text = "Every Monday I lose half a day matching stock between the tills and Shopify."
tags = ["pain-point"]
"#;

fn interview(text: &str) -> Interview {
    toml::from_str(text).unwrap_or_else(|e| panic!("does not load: {e}\n{text}"))
}

fn add_highlight(text: &str, words: &str, tag: &str) -> String {
    let mut i = interview(text);
    i.add_highlight(words, vec![tag.into()]);
    crate::store::codec::encode(&i).unwrap()
}

#[test]
fn highlights_added_on_both_sides_and_notes_edited_apart_all_land() {
    let ours = add_highlight(
        &INTERVIEW.replace(
            "We talked about returns.",
            "We talked about returns: they double-count them.",
        ),
        "they double-count them",
        "pain-point",
    );
    let theirs = add_highlight(
        &INTERVIEW.replace(
            "She wants one number for stock.",
            "She wants one number for stock, live.",
        ),
        "one number for stock, live",
        "goal",
    );
    let theirs = theirs.replace(
        "tags = [\"pain-point\"]\n",
        "tags = [\"pain-point\", \"trigger\"]\n",
    );
    let out = merge_files(
        INTERVIEW,
        &ours,
        &theirs,
        Some("interviews/dana.toml"),
        &builtin,
    );
    assert_eq!(out.conflicts, 0, "{}", out.text);
    let i = interview(&out.text);
    assert!(i.notes.contains("they double-count them."));
    assert!(i.notes.contains("one number for stock, live."));
    assert_eq!(i.highlights.len(), 3);
    assert_eq!(i.highlights[0].tags, ["pain-point", "trigger"]);
    for h in &i.highlights {
        assert!(
            anchor::find(&i.notes, &h.text).is_some(),
            "{} anchors",
            h.id
        );
    }
    assert!(out.notes.is_empty());
}

#[test]
fn notes_changed_in_the_same_place_keep_both_and_say_so() {
    let ours = INTERVIEW.replace("We talked about returns.", "We talked about returns twice.");
    let theirs = INTERVIEW.replace("We talked about returns.", "Returns came up: a big cost.");
    let out = merge_files(
        INTERVIEW,
        &ours,
        &theirs,
        Some("interviews/dana.toml"),
        &builtin,
    );
    assert_eq!(out.conflicts, 1);
    let i = interview(&out.text);
    assert!(
        i.notes
            .contains("We talked about returns twice.\nReturns came up: a big cost.\n")
    );
    let mut table: toml::Table = toml::from_str(&out.text).unwrap();
    let found = marks::list(&table);
    assert!(
        found[0]
            .describe()
            .starts_with("`notes` was changed in the same place")
    );
    marks::resolve(&mut table, &found[0], Choice::Ours).unwrap();
    let i: Interview = toml::from_str(&toml::to_string(&table).unwrap()).unwrap();
    assert!(
        i.notes
            .contains("We talked about returns twice.\nShe wants")
    );
}

#[test]
fn old_counted_ids_picked_on_both_sides_are_a_conflict_not_a_loss() {
    let ours = INTERVIEW.to_string()
        + "\n[[highlights]]\nid = \"h2\"\ntext = \"operations for four stores\"\ntags = [\"role\"]\n";
    let theirs = INTERVIEW.to_string()
        + "\n[[highlights]]\nid = \"h2\"\ntext = \"We talked about returns.\"\ntags = [\"pain-point\"]\n";
    let out = merge_files(
        INTERVIEW,
        &ours,
        &theirs,
        Some("interviews/dana.toml"),
        &builtin,
    );
    assert_eq!(out.conflicts, 1);
    let i = interview(&out.text);
    assert_eq!(i.highlights.len(), 3);
    let table: toml::Table = toml::from_str(&out.text).unwrap();
    assert_eq!(marks::list(&table)[0].what(), "highlight `h2`");
}

#[test]
fn a_highlight_whose_words_the_other_side_rewrote_is_noted() {
    let ours = add_highlight(INTERVIEW, "We talked about returns.", "pain-point");
    let theirs = INTERVIEW.replace("We talked about returns.", "Returns: not discussed.");
    let out = merge_files(
        INTERVIEW,
        &ours,
        &theirs,
        Some("interviews/dana.toml"),
        &builtin,
    );
    assert_eq!(out.conflicts, 0);
    assert_eq!(out.notes.len(), 1, "{:?}", out.notes);
    assert!(out.notes[0].contains("no longer hold"));
}

#[test]
fn unknown_files_merge_as_tables() {
    let base = "schema = 1\n[tiers]\na = 80\nb = 50\n\n[[rules]]\nid = \"r1\"\nweight = 10\n";
    let ours = base.replace("a = 80", "a = 85") + "\n[[rules]]\nid = \"r2\"\nweight = 5\n";
    let theirs = base
        .replace("b = 50", "b = 40")
        .replace("weight = 10", "weight = 12");
    let out = merge_files(base, &ours, &theirs, Some("icps/x/scoring.toml"), &builtin);
    assert_eq!(out.conflicts, 0);
    let t: toml::Table = toml::from_str(&out.text).unwrap();
    assert_eq!(t["tiers"]["a"].as_integer(), Some(85));
    assert_eq!(t["tiers"]["b"].as_integer(), Some(40));
    assert_eq!(t["rules"][0]["weight"].as_integer(), Some(12));
    assert_eq!(t["rules"][1]["id"].as_str(), Some("r2"));
}

#[test]
fn files_persona_cannot_read_merge_as_text_with_markers() {
    let base = "schema = 1\nname = \"A\"\n";
    let ours = "schema = 1\nname = \"B\"\n";
    let theirs = "schema = 2\nname = \"C\"\n";
    let out = merge_files(base, ours, theirs, Some("workspace.toml"), &builtin);
    assert_eq!(out.conflicts, 1);
    assert!(out.as_text.unwrap().contains("newer persona"));
    assert!(out.text.contains("<<<<<<< ours\n"));
}

#[test]
fn a_file_new_on_both_sides_merges_from_nothing() {
    let ours = "schema = 1\nname = \"Acme\"\ntemplate = \"icp\"\n\n[[best_customers]]\ncompany = \"Acme\"\n";
    let theirs = "schema = 1\nname = \"Acme\"\ntemplate = \"icp\"\n\n[[best_customers]]\ncompany = \"Trailhead\"\n";
    let out = merge_files("", ours, theirs, Some("icps/acme/icp.toml"), &builtin);
    assert_eq!(out.conflicts, 0);
    let icp: Icp = toml::from_str(&out.text).unwrap();
    assert_eq!(icp.best_customers.len(), 2);
}

#[test]
fn kinds_come_from_the_path_or_the_keys() {
    let empty = Table::new();
    assert_eq!(
        FileKind::of(Some("ws/icps/a/icp.toml"), &empty),
        FileKind::Icp
    );
    assert_eq!(
        FileKind::of(Some("icps/a/personas/b.toml"), &empty),
        FileKind::Persona
    );
    assert_eq!(
        FileKind::of(Some("interviews/x.toml"), &empty),
        FileKind::Interview
    );
    assert_eq!(
        FileKind::of(Some("icps/a/scoring.toml"), &empty),
        FileKind::Scoring
    );
    assert_eq!(
        FileKind::of(Some("ws/templates/outreach/first-touch.toml"), &empty),
        FileKind::Outreach
    );
    assert_eq!(
        FileKind::of(Some("metrics/2026-11.toml"), &empty),
        FileKind::Other
    );
    let sniffed: Table = toml::from_str("notes = \"x\"\ntitle = \"t\"").unwrap();
    assert_eq!(FileKind::of(None, &sniffed), FileKind::Interview);
}
