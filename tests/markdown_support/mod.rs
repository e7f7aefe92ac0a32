//! The markdown checks every export must pass: parsed with every GitHub
//! extension that could turn user text into markup.

#![allow(dead_code)]

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::collections::BTreeSet;

pub fn parse(md: &str) -> Vec<Event<'_>> {
    use pulldown_cmark::Options as O;
    // Every GitHub extension that could turn user text into markup.
    let options = O::ENABLE_TABLES
        | O::ENABLE_FOOTNOTES
        | O::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | O::ENABLE_STRIKETHROUGH
        | O::ENABLE_TASKLISTS
        | O::ENABLE_MATH
        | O::ENABLE_GFM;
    Parser::new_ext(md, options).collect()
}

/// Each table as rows of cell counts (the head row first).
pub fn tables(events: &[Event]) -> Vec<Vec<usize>> {
    let mut tables = Vec::new();
    for event in events {
        match event {
            Event::Start(Tag::Table(_)) => tables.push(Vec::new()),
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => {
                tables.last_mut().unwrap().push(0)
            }
            Event::Start(Tag::TableCell) => *tables.last_mut().unwrap().last_mut().unwrap() += 1,
            _ => {}
        }
    }
    tables
}

/// Checks that hold for every exported document: tables are rectangular,
/// footnote references and definitions match, no HTML but our own `<br>` in
/// cells, no maths or strikethrough, no raw control bytes.
pub fn assert_well_formed(md: &str) {
    assert!(!md.contains('\u{1b}'), "raw ESC in output:\n{md}");
    let events = parse(md);
    for table in tables(&events) {
        assert!(
            table.iter().all(|cells| *cells == table[0]),
            "ragged table {table:?} in:\n{md}"
        );
    }
    let refs: BTreeSet<String> = events
        .iter()
        .filter_map(|e| match e {
            Event::FootnoteReference(l) => Some(l.to_string()),
            _ => None,
        })
        .collect();
    let defs: Vec<String> = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::FootnoteDefinition(l)) => Some(l.to_string()),
            _ => None,
        })
        .collect();
    let unique: BTreeSet<String> = defs.iter().cloned().collect();
    assert_eq!(unique.len(), defs.len(), "footnote defined twice:\n{md}");
    assert_eq!(refs, unique, "footnote references and definitions differ");

    let mut in_cell = false;
    for event in &events {
        match event {
            Event::Start(Tag::TableCell) => in_cell = true,
            Event::End(TagEnd::TableCell) => in_cell = false,
            Event::InlineHtml(html) => {
                assert!(in_cell && &**html == "<br>", "raw HTML {html:?} in:\n{md}")
            }
            Event::Html(html) => panic!("raw HTML block {html:?} in:\n{md}"),
            Event::InlineMath(m) | Event::DisplayMath(m) => panic!("maths {m:?} in:\n{md}"),
            Event::Start(Tag::Strikethrough) => panic!("strikethrough in:\n{md}"),
            Event::Start(Tag::BlockQuote(_)) => panic!("block quote in:\n{md}"),
            Event::Start(Tag::CodeBlock(_)) | Event::Code(_) => panic!("code in:\n{md}"),
            Event::TaskListMarker(_) => panic!("task list in:\n{md}"),
            _ => {}
        }
    }
}
