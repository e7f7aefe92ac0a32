//! Interviews in the export (issue 16.5): `export --all` and `export
//! INTERVIEW` write them; notes written in markdown come out as markdown,
//! their headings nested below the page's; the footnotes of ICPs and
//! personas link to the exported interview they quote.

mod cli_support;
mod markdown_support;

use cli_support::{demo, files_under, persona};
use markdown_support::{assert_well_formed, parse};
use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};
use std::fs;
use std::path::Path;

/// Call notes as a note-taking app exports them: front matter, headings,
/// bold, bullets with prices and a link, a table, numbered next steps.
const PRIYA: &str = "---
title: Call with Priya Nair (Summit Supply)
date: 2026-03-04
interviewee: Priya Nair
company: Summit Supply
source: Zoom customer call
---

# Summary

Priya runs purchasing for **Summit Supply**, six stores in Colorado.

## Pain points

- Counts stock by hand every Monday; loses about four hours
- Pays $95 to $120 a month for a tool she barely opens
- Tried [Lightspeed](https://www.lightspeedhq.com/) but gave up after the trial

## Tools today

| Tool | Used for | Cost |
| --- | --- | --- |
| Excel | stock counts | $0 |
| Shopify | web shop | $79/mo |

## Next steps

1. Send pricing
2. Follow up in two weeks
";

/// A plain-text transcript: its lines stay lines, nothing becomes markup.
const SAM: &str = "Call with Sam Okafor
[00:00:05] Interviewer: What slows you down?
[00:00:09] Sam: # of SKUs, honestly. *Every* week.
[00:00:15] Interviewer: - and the cost?
";

fn import(ws: &Path, dir: &Path, name: &str, text: &str) {
    let file = dir.join(name);
    fs::write(&file, text).unwrap();
    let run = persona(ws, &["import-notes", file.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

fn headings(events: &[Event], level: HeadingLevel) -> Vec<String> {
    let mut found = Vec::new();
    let mut current: Option<String> = None;
    for event in events {
        match event {
            Event::Start(Tag::Heading { level: l, .. }) if *l == level => {
                current = Some(String::new())
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = current.as_mut() {
                    c.push_str(t)
                }
            }
            Event::End(TagEnd::Heading(l)) if *l == level => {
                found.extend(current.take());
            }
            _ => {}
        }
    }
    found
}

#[test]
fn export_all_writes_interviews_with_markdown_notes_and_linked_footnotes() {
    let (dir, ws) = demo();
    import(&ws, dir.path(), "priya.md", PRIYA);
    import(&ws, dir.path(), "sam.txt", SAM);
    let out = dir.path().join("wiki");
    let run = persona(&ws, &["export", "--all", "--out", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("Exported 3 ICPs, 6 personas and 11 interviews"),
        "{}",
        run.stderr
    );
    let files = files_under(&out);
    let interviews: Vec<&String> = files
        .iter()
        .filter(|f| f.starts_with("interviews/"))
        .collect();
    assert_eq!(interviews.len(), 11, "{files:?}");

    // Every page is well formed and links only to pages of the export.
    for path in &files {
        let page = fs::read_to_string(out.join(path)).unwrap();
        assert_well_formed(&page);
        let folder = Path::new(path).parent().unwrap();
        for event in parse(&page) {
            if let Event::Start(Tag::Link { dest_url, .. }) = event {
                if dest_url.starts_with("http") {
                    continue;
                }
                let target = folder.join(&*dest_url);
                let target: std::path::PathBuf =
                    target
                        .components()
                        .fold(std::path::PathBuf::new(), |mut acc, c| {
                            match c {
                                std::path::Component::ParentDir => {
                                    acc.pop();
                                }
                                c => acc.push(c),
                            }
                            acc
                        });
                assert!(
                    files.contains(&target.to_string_lossy().into_owned()),
                    "{path} links to {dest_url}, which is not in the export"
                );
            }
        }
    }

    // The index lists the interviews.
    let index = fs::read_to_string(out.join("index.md")).unwrap();
    assert!(index.contains("\n## Interviews\n"), "{index}");
    assert!(
        index.contains(
            "- [Call with Priya Nair (Summit Supply)](interviews/call-with-priya-nair-summit-supply.md) — Priya Nair, Summit Supply, 2026-03-04"
        ),
        "{index}"
    );

    // Markdown notes stay markdown, nested below the page's headings.
    let priya =
        fs::read_to_string(out.join("interviews/call-with-priya-nair-summit-supply.md")).unwrap();
    let events = parse(&priya);
    assert_eq!(
        headings(&events, HeadingLevel::H1),
        ["Call with Priya Nair (Summit Supply)"]
    );
    assert_eq!(headings(&events, HeadingLevel::H2), ["Notes", "Highlights"]);
    assert_eq!(headings(&events, HeadingLevel::H3), ["Summary"]);
    assert_eq!(
        headings(&events, HeadingLevel::H4),
        ["Pain points", "Tools today", "Next steps"]
    );
    assert!(priya.contains("| Excel | stock counts | \\$0 |"), "{priya}");
    assert!(priya.contains("[Lightspeed](https://www.lightspeedhq.com/)"));
    assert!(priya.contains("**Summit Supply**"));
    assert!(!priya.contains("\\#") && !priya.contains("\\-"), "{priya}");
    assert!(
        priya.contains("| Source | interview (Zoom customer call) |"),
        "{priya}"
    );
    let items = events
        .iter()
        .filter(|e| matches!(e, Event::Start(Tag::Item)))
        .count();
    assert_eq!(items, 5, "three bullets and two next steps:\n{priya}");

    // A plain transcript keeps its lines, and nothing in it is markup.
    let sam = fs::read_to_string(out.join("interviews/call-with-sam-okafor.md")).unwrap();
    assert!(
        sam.contains("\\[00:00:09\\] Sam: # of SKUs, honestly. \\*Every\\* week.\\\n"),
        "{sam}"
    );
    let events = parse(&sam);
    assert_eq!(headings(&events, HeadingLevel::H2), ["Notes", "Highlights"]);
    assert!(headings(&events, HeadingLevel::H3).is_empty());

    // Footnotes of a persona link to the interview they quote.
    let olivia = fs::read_to_string(out.join("personas/operations-olivia.md")).unwrap();
    let footnote = olivia
        .lines()
        .find(|l| l.starts_with("[^operations-olivia-1]: "))
        .expect("a footnote");
    assert!(
        footnote.ends_with("](../interviews/dana-whitfield-acme-outdoor.md)"),
        "{footnote}"
    );
    // And the interview's page links back to who cites it.
    let dana = fs::read_to_string(out.join("interviews/dana-whitfield-acme-outdoor.md")).unwrap();
    assert!(dana.contains("[Operations Olivia](../personas/operations-olivia.md)"));
}

#[test]
fn one_interview_exports_alone_and_links_nowhere_else() {
    let (dir, ws) = demo();
    import(&ws, dir.path(), "priya.md", PRIYA);
    let out = dir.path().join("one");
    let run = persona(
        &ws,
        &[
            "export",
            "call-with-priya-nair-summit-supply",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("Exported 1 interview to"),
        "{}",
        run.stderr
    );
    assert_eq!(
        files_under(&out),
        [
            "index.md",
            "interviews/call-with-priya-nair-summit-supply.md"
        ]
    );
    let dana_alone = dir.path().join("dana");
    let run = persona(
        &ws,
        &[
            "export",
            "dana-whitfield-acme-outdoor",
            "--out",
            dana_alone.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let dana =
        fs::read_to_string(dana_alone.join("interviews/dana-whitfield-acme-outdoor.md")).unwrap();
    assert!(
        !dana.contains("](../"),
        "links only to pages in the export:\n{dana}"
    );
    assert!(dana.contains("Cited by: Operations Olivia ("), "{dana}");

    // To stdout and to one file, too.
    let run = persona(
        &ws,
        &["export", "call-with-priya-nair-summit-supply", "--out", "-"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("# Call with Priya Nair (Summit Supply)\n")
    );
    assert!(run.stdout.contains("\n#### Pain points\n"));
    let file = dir.path().join("priya.md.out.md");
    let run = persona(
        &ws,
        &[
            "export",
            "call-with-priya-nair-summit-supply",
            "--out",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_well_formed(&fs::read_to_string(&file).unwrap());
}
