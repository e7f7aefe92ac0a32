//! The built-in templates and the demo workspace under `assets/` parse into
//! the domain types and pass every workspace check without a single finding.

use persona::domain::{Icp, Interview, Persona, Template, Workspace, WorkspaceMeta, check};
use std::fs;
use std::path::{Path, PathBuf};

const BUILT_INS: [&str; 4] = [
    "icp",
    "ecommerce-icp",
    "b2b-decision-maker",
    "ecommerce-shopper",
];

/// The tags templates feed on and highlights carry, kept to one vocabulary so
/// the wizard's suggestions find the quotes.
const TAGS: [&str; 17] = [
    "pain-point",
    "goal",
    "motivation",
    "objection",
    "fear",
    "channel",
    "trigger",
    "demographic",
    "role",
    "firmographic",
    "tools",
    "buying-process",
    "budget",
    "decision-criteria",
    "content",
    "fit-signal",
    "disqualifier",
];

fn assets() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets")
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn parse<T: serde::de::DeserializeOwned>(path: &Path) -> T {
    toml::from_str(&read(path))
        .unwrap_or_else(|e| panic!("{} does not parse:\n{e}", path.display()))
}

fn stem(path: &Path) -> String {
    path.file_stem().unwrap().to_str().unwrap().to_string()
}

/// The `.toml` files directly inside `dir`, sorted.
fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn templates() -> Vec<Template> {
    let files = toml_files(&assets().join("templates"));
    let ids: Vec<String> = files.iter().map(|p| stem(p)).collect();
    let mut expected: Vec<String> = BUILT_INS.iter().map(|s| s.to_string()).collect();
    expected.sort();
    assert_eq!(
        ids, expected,
        "assets/templates holds exactly the built-ins"
    );
    files
        .iter()
        .map(|path| {
            let mut template: Template = parse(path);
            template.id = stem(path);
            template
        })
        .collect()
}

fn demo() -> Workspace {
    let root = assets().join("demo");
    let meta: WorkspaceMeta = parse(&root.join("workspace.toml"));
    let mut workspace = Workspace::new(meta);
    workspace.templates = templates();

    let mut icp_dirs: Vec<PathBuf> = fs::read_dir(root.join("icps"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    icp_dirs.sort();
    for dir in icp_dirs {
        let icp_id = dir.file_name().unwrap().to_str().unwrap().to_string();
        let mut icp: Icp = parse(&dir.join("icp.toml"));
        icp.id = icp_id.clone();
        workspace.icps.push(icp);
        let personas = dir.join("personas");
        if personas.is_dir() {
            for path in toml_files(&personas) {
                let mut persona: Persona = parse(&path);
                persona.id = stem(&path);
                persona.icp = icp_id.clone();
                workspace.personas.push(persona);
            }
        }
    }
    for path in toml_files(&root.join("interviews")) {
        let mut interview: Interview = parse(&path);
        interview.id = stem(&path);
        workspace.interviews.push(interview);
    }
    workspace
}

#[test]
fn built_in_templates_are_sound() {
    for template in templates() {
        let errors = template.check();
        assert!(errors.is_empty(), "template `{}`: {errors:?}", template.id);
        for field in template.fields() {
            assert!(
                !field.help.trim().is_empty(),
                "{}.{} has no help",
                template.id,
                field.id
            );
            for tag in &field.feeds {
                assert!(
                    TAGS.contains(&tag.as_str()),
                    "{}.{} feeds unknown tag `{tag}`",
                    template.id,
                    field.id
                );
            }
            assert!(
                !field.feeds.is_empty()
                    || matches!(
                        field.id.as_str(),
                        "best_customer_criterion" | "best_customer_note"
                    ),
                "{}.{} feeds no tags",
                template.id,
                field.id
            );
        }
        assert!(
            template.fields().any(|f| f.required),
            "template `{}` marks no field as required",
            template.id
        );
    }
}

#[test]
fn demo_workspace_has_no_findings() {
    let workspace = demo();
    let findings = check::check(&workspace);
    assert!(findings.is_empty(), "findings:\n{findings:#?}");
}

#[test]
fn demo_ids_are_slugs() {
    let workspace = demo();
    let ids = workspace
        .icps
        .iter()
        .map(|i| &i.id)
        .chain(workspace.personas.iter().map(|p| &p.id))
        .chain(workspace.interviews.iter().map(|i| &i.id));
    for id in ids {
        assert!(is_slug(id), "`{id}` is not a slug");
    }
}

#[test]
fn highlights_quote_their_notes() {
    for interview in demo().interviews {
        assert!(
            (3..=6).contains(&interview.highlights.len()),
            "interview `{}` has {} highlights",
            interview.id,
            interview.highlights.len()
        );
        assert!(
            interview.icp.is_some(),
            "interview `{}` names no ICP",
            interview.id
        );
        assert!(
            interview.date.is_some(),
            "interview `{}` has no date",
            interview.id
        );
        for highlight in &interview.highlights {
            assert!(
                interview.notes.contains(&highlight.text),
                "{}#{}: `{}` is not in the notes",
                interview.id,
                highlight.id,
                highlight.text
            );
            assert!(
                !highlight.tags.is_empty(),
                "{}#{} has no tags",
                interview.id,
                highlight.id
            );
            for tag in &highlight.tags {
                assert!(
                    TAGS.contains(&tag.as_str()),
                    "{}#{} has unknown tag `{tag}`",
                    interview.id,
                    highlight.id
                );
            }
        }
    }
}

#[test]
fn demo_is_big_enough_to_show_patterns() {
    let workspace = demo();
    assert_eq!(workspace.icps.len(), 3);
    assert!(workspace.personas.len() >= 4);
    assert!(workspace.interviews.len() >= 7);
    for icp in &workspace.icps {
        assert!(icp.best_customers.len() >= 4, "ICP `{}`", icp.id);
        assert!(
            workspace.personas_of(&icp.id).count() >= 1,
            "ICP `{}` has no persona",
            icp.id
        );
    }
    let stale_before = jiff::civil::date(2026, 11, 23) - jiff::Span::new().days(90);
    assert!(
        workspace
            .personas
            .iter()
            .any(|p| p.last_validated.is_some_and(|d| d < stale_before)),
        "one persona should be stale"
    );
    assert!(
        workspace
            .personas
            .iter()
            .any(|p| p.template == "ecommerce-shopper"),
        "one persona should use the shopper template"
    );
}
