//! Properties the fuzz targets hold persona to, shared with the property
//! tests that run them on every `cargo test` (`tests/fuzz_checks.rs`
//! includes this file): one statement of each promise, two drivers.

use persona::domain::{
    Citation, Highlight, Icp, Interview, Item, Persona, Workspace, WorkspaceMeta,
};
use persona::export::markdown;
use persona::store::codec::{decode, encode};

/// Whether YAML reads `c` as it stands (its printable set, minus the
/// characters YAML 1.1 takes for line breaks and the byte-order mark).
fn yaml_printable(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\u{20}'..='\u{7e}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
        && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}')
}

/// A workspace whose every name, title and quote is `text`.
fn workspace_named(text: &str) -> Workspace {
    let mut ws = Workspace::new(WorkspaceMeta::new(text));
    let mut interview = Interview::new("call", text);
    interview.interviewee = text.to_string();
    interview.notes = text.to_string();
    interview.highlights.push(Highlight {
        id: "h1".into(),
        text: text.to_string(),
        tags: vec![text.to_string()],
        extra: Default::default(),
    });
    let mut icp = Icp::new("icp", text, "icp");
    icp.fields.insert(
        "industry".into(),
        vec![Item::text(text).citing([Citation::new("call", "h1")])],
    );
    let mut persona = Persona::new("persona", "icp", text, "b2b-decision-maker");
    persona.fields.insert(
        "goals".into(),
        vec![Item::text(text).citing([Citation::new("call", "h1")])],
    );
    ws.interviews.push(interview);
    ws.icps.push(icp);
    ws.personas.push(persona);
    ws
}

/// Any text as every name: each page of a folder export opens with front
/// matter that is valid YAML (printable characters only; each string a
/// double-quoted scalar that reads back, as JSON does, as the text) and
/// marks the page as persona's; a page with the mark only in its body
/// is never taken for one of persona's.
pub fn front_matter(text: &str) {
    let ws = workspace_named(text);
    let icps: Vec<&Icp> = ws.icps.iter().collect();
    let personas: Vec<&Persona> = ws.personas.iter().collect();
    for file in markdown::folder(&ws, &icps, &personas) {
        let page = &file.contents;
        assert!(markdown::is_ours(page), "{} is not marked", file.path);
        let front = page
            .strip_prefix("---\n")
            .and_then(|rest| rest.split_once("\n---\n"))
            .map(|(front, _)| front)
            .expect("front matter");
        if let Some(c) = front.chars().find(|c| !yaml_printable(*c)) {
            panic!("{} front matter holds U+{:04X}", file.path, c as u32);
        }
        for line in front.lines() {
            let (key, value) = line.split_once(": ").expect("key: value");
            assert!(!key.is_empty() && key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
            if value.starts_with('"') {
                let back: String = serde_json::from_str(value).expect("a quoted scalar");
                if key == "title" {
                    assert_eq!(back, ws.meta.name, "{}", file.path);
                }
            }
        }
        // The body alone, however it starts, is not ours.
        let body = page.split_once("\n---\n").map_or("", |(_, body)| body);
        assert!(!markdown::is_ours(&format!("# Notes\n\n{body}")));
    }
    let _ = markdown::is_ours(text);
}

/// Any text in `--json` output: the emitted JSON holds no character a
/// terminal obeys (C0 but whitespace, DEL, C1, bidi controls, line
/// separators) and means exactly what serde_json's own output means.
pub fn json_output(text: &str) {
    let value = serde_json::json!({ "name": text, "items": [text, { "quote": text }] });
    let safe = persona::text::json_safe(&serde_json::to_string_pretty(&value).unwrap());
    for c in safe.chars() {
        let control = matches!(c, '\u{0}'..='\u{8}' | '\u{b}'..='\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}');
        let bidi = persona::text::is_bidi_control(c);
        assert!(
            !control && !bidi && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}'),
            "U+{:04X} left raw",
            c as u32
        );
    }
    let back: serde_json::Value = serde_json::from_str(&safe).expect("still JSON");
    assert_eq!(back, value);
}

/// Any bytes as a notes file: an interview or a one-line reason, never a
/// panic; the interview saves and loads back equal, and exports.
pub fn notes(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for name in ["notes.md", "Call with Sam (ACME) 2026-03-04.txt"] {
        match persona::import::notes::parse(name, text) {
            Ok(parsed) => {
                let interview = parsed.into_interview("call".into());
                let saved = encode(&interview).expect("encodes");
                let mut again: Interview =
                    decode("call.toml", saved.as_bytes()).expect("loads back");
                again.id = interview.id.clone();
                assert_eq!(again, interview);
                let mut ws = Workspace::new(WorkspaceMeta::new("fuzz"));
                ws.interviews.push(interview);
                let opts = markdown::Options {
                    front_matter: true,
                    links: markdown::Links::Folder,
                };
                let _ = markdown::interview(&ws, &ws.interviews[0], &opts);
            }
            Err(reason) => assert!(!reason.is_empty() && !reason.contains('\n'), "{reason:?}"),
        }
    }
}
