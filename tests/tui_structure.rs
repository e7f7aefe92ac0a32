//! The shape of the app's code, checked: no file of one job grows past 600
//! lines, and no circle of imports between the app's parts (screens never
//! reach into the app; the app routes between them).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 600;

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without comments and its `#[cfg(test)]` part.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => &text[..],
    };
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `src/tui/screens/wizard/fill.rs` → `["screens", "wizard", "fill"]`.
fn module_of(root: &Path, path: &Path) -> Vec<String> {
    let rel = path.strip_prefix(root).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The part of the app a module belongs to: a screen (with all the files
/// of its folder), the app, the key tables, the popups, or a file of its
/// own.
fn part(module: &[String]) -> String {
    match module {
        [] => "tui".into(),
        [first, ..] if ["app", "keys", "modal"].contains(&first.as_str()) => first.clone(),
        [s, screen, ..] if s == "screens" => format!("screens::{screen}"),
        other => other.join("::"),
    }
}

/// Module paths named in `code`, resolved from `module` (`super::x`,
/// `crate::tui::x`, and `{a, b}` groups after them).
fn references(code: &str, module: &[String]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < code.len() {
        let rest = &code[i..];
        let (base, skip): (Vec<String>, usize) = if rest.starts_with("crate::tui::") {
            (Vec::new(), "crate::tui::".len())
        } else if rest.starts_with("super::")
            && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_'))
        {
            let mut base = module.to_vec();
            let mut at = i;
            while code[at..].starts_with("super::") {
                base.pop();
                at += "super::".len();
            }
            (base, at - i)
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let tail = &rest[skip..];
        let path: String = tail
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        let after = &tail[path.len()..];
        let mut segments: Vec<String> = path
            .split("::")
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect();
        if let Some(group) = after.strip_prefix('{') {
            let group: String = group.chars().take_while(|c| *c != '}').collect();
            for item in group.split(',') {
                let first = item.trim().split("::").next().unwrap_or("").trim();
                if !first.is_empty() && first != "self" {
                    let mut full = base.clone();
                    full.extend(segments.iter().cloned());
                    full.push(first.to_string());
                    out.push(full);
                }
            }
        }
        let mut full = base;
        full.append(&mut segments);
        out.push(full);
        i += skip + path.len().max(1);
    }
    out
}

#[test]
fn no_file_of_the_app_holds_more_than_one_job() {
    let mut all = Vec::new();
    for dir in ["src/tui", "src/domain/wizard"] {
        files(Path::new(dir), &mut all);
    }
    all.push(PathBuf::from("src/store/drafts.rs"));
    let long: Vec<String> = all
        .iter()
        .filter_map(|p| {
            let n = code(p).lines().count();
            (n > MAX_LINES).then(|| format!("{} ({n} lines)", p.display()))
        })
        .collect();
    assert!(long.is_empty(), "over {MAX_LINES} lines: {long:?}");
}

#[test]
fn the_app_has_no_import_circle_and_screens_never_see_the_app() {
    let root = Path::new("src/tui");
    let mut all = Vec::new();
    files(root, &mut all);
    let modules: BTreeSet<Vec<String>> = all.iter().map(|p| module_of(root, p)).collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in &all {
        let module = module_of(root, path);
        let from = part(&module);
        for reference in references(&code(path), &module) {
            let reference: Vec<String> = reference.into_iter().filter(|s| !s.is_empty()).collect();
            let Some(target) = (0..=reference.len())
                .rev()
                .map(|n| reference[..n].to_vec())
                .find(|m| modules.contains(m))
            else {
                continue;
            };
            let to = part(&target);
            if to != from {
                edges.entry(from.clone()).or_default().insert(to);
            }
        }
    }
    for (from, to) in &edges {
        if from.starts_with("screens::") {
            assert!(!to.contains("app"), "{from} uses the app: {to:?}");
        }
    }
    // Depth-first search for a circle.
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) {
        if let Some(at) = path.iter().position(|p| p == node) {
            panic!("import circle: {}", path[at..].join(" → ") + " → " + node);
        }
        if done.contains(node) {
            return;
        }
        path.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            visit(next, edges, path, done);
        }
        path.pop();
        done.insert(node.to_string());
    }
    let mut done = BTreeSet::new();
    for node in edges.keys() {
        visit(node, &edges, &mut Vec::new(), &mut done);
    }
    // The check sees the edges it should.
    assert!(edges["app"].contains("screens"), "{edges:?}");
    assert!(
        edges["screens::wizard"].contains("widgets::field"),
        "{edges:?}"
    );
}
