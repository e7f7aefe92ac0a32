//! References read from the text of files that did not load (a newer
//! schema, a value of the wrong type, git's conflict markers): the ICP an
//! interview names (`icp = "acme"`) and the interviews a card cites
//! (`"dana#h1"`). A rename refuses while such a file names what it renames,
//! since it could not be updated, and `validate` reports those that name
//! ids which no longer exist.

use super::FsStore;
use crate::domain::{Kind, Severity, Workspace};
use crate::store::{Problem, StoreError, layout};
use regex::Regex;
use std::collections::HashSet;
use std::fs;
use std::sync::OnceLock;

/// One id a file refers to, where it stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Reference {
    pub kind: Kind,
    pub id: String,
    pub line: usize,
    pub column: usize,
}

/// Every ICP named by an `icp = "…"` line and every interview cited by a
/// `"interview#highlight"` string, in the order they stand, without
/// parsing the TOML (the file may not parse).
pub(super) fn scan(text: &str) -> Vec<Reference> {
    static ICP: OnceLock<Regex> = OnceLock::new();
    static CITE: OnceLock<Regex> = OnceLock::new();
    let icp = ICP.get_or_init(|| {
        Regex::new(r#"(?m)^[ \t]*icp[ \t]*=[ \t]*["']([^"'\r\n]+)["']"#).expect("valid")
    });
    let cite = CITE
        .get_or_init(|| Regex::new(r#"["']([a-z0-9][a-z0-9-]*)#[^"'#\s]+["']"#).expect("valid"));
    let mut found: Vec<(usize, Kind, String)> = Vec::new();
    for caps in icp.captures_iter(text) {
        let id = caps.get(1).expect("group");
        found.push((id.start(), Kind::Icp, id.as_str().to_string()));
    }
    for caps in cite.captures_iter(text) {
        let id = caps.get(1).expect("group");
        found.push((id.start(), Kind::Interview, id.as_str().to_string()));
    }
    found.sort_by_key(|(at, _, _)| *at);
    found
        .into_iter()
        .map(|(at, kind, id)| {
            let before = &text[..at];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            Reference {
                kind,
                id,
                line,
                column,
            }
        })
        .collect()
}

impl FsStore {
    /// The ICP, persona and interview files on disk that are not in
    /// `workspace` (they failed to load, or appeared since), relative to
    /// the workspace, sorted.
    pub(super) fn unloaded_files(&self, workspace: &Workspace) -> Vec<String> {
        let mut ignored = Vec::new();
        let mut files = Vec::new();
        let loaded_icps: HashSet<&str> = workspace.icps.iter().map(|i| i.id.as_str()).collect();
        let loaded_personas: HashSet<(&str, &str)> = workspace
            .personas
            .iter()
            .map(|p| (p.icp.as_str(), p.id.as_str()))
            .collect();
        for icp in self.ids_in(layout::ICPS, &mut ignored, true) {
            if !loaded_icps.contains(icp.as_str()) && self.abs(&layout::icp_file(&icp)).is_file() {
                files.push(layout::icp_file(&icp));
            }
            let personas = format!("{}/personas", layout::icp_dir(&icp));
            for persona in self.ids_in(&personas, &mut ignored, false) {
                if !loaded_personas.contains(&(icp.as_str(), persona.as_str())) {
                    files.push(layout::persona_file(&icp, &persona));
                }
            }
        }
        for interview in self.ids_in(layout::INTERVIEWS, &mut ignored, false) {
            if workspace.interview(&interview).is_none() {
                files.push(layout::interview_file(&interview));
            }
        }
        files.sort();
        files
    }

    /// Refuses a rename of `kind` `id` while a file that did not load
    /// refers to it: the rename could not update that file.
    pub(super) fn check_unloaded_references(
        &self,
        workspace: &Workspace,
        kind: Kind,
        id: &str,
    ) -> Result<(), StoreError> {
        for path in self.unloaded_files(workspace) {
            let Ok(text) = fs::read_to_string(self.abs(&path)) else {
                continue;
            };
            if scan(&text).iter().any(|r| r.kind == kind && r.id == id) {
                return Err(StoreError::NotUpdatable {
                    path,
                    what: format!("{} `{id}`", kind.label()),
                });
            }
        }
        Ok(())
    }

    /// Points the citations of `from`'s highlights in every ICP's scoring
    /// rules at `to`, editing the text (so the file's own layout and
    /// comments stay), each file replaced only if it still holds what was
    /// read.
    pub(super) fn retarget_scoring(&self, from: &str, to: &str) -> Result<(), StoreError> {
        let mut ignored = Vec::new();
        for icp in self.ids_in(layout::ICPS, &mut ignored, true) {
            let relative = crate::store::scoring::scoring_file(&icp);
            let Ok(text) = fs::read_to_string(self.abs(&relative)) else {
                continue;
            };
            let mut changed = text.clone();
            for quote in ['"', '\''] {
                changed = changed.replace(&format!("{quote}{from}#"), &format!("{quote}{to}#"));
            }
            if changed != text {
                crate::store::write::write_file(
                    self.root(),
                    &relative,
                    changed.as_bytes(),
                    crate::store::write::Expect::content(text.as_bytes()),
                )?;
            }
        }
        Ok(())
    }

    /// After a persona's rename: outreach templates written for it name the
    /// new id. The id is replaced in the file's text (its comments and
    /// layout kept), and only if the file then reads as the same template
    /// with that one persona renamed; otherwise the template is written
    /// afresh. A file that does not load is left for `validate` to name.
    pub(super) fn retarget_outreach(&self, from: &str, to: &str) -> Result<(), StoreError> {
        let (files, _unloaded) = crate::store::outreach::list(self.root());
        for file in files {
            if !file.template.personas.iter().any(|p| p == from) {
                continue;
            }
            let mut wanted = file.template.clone();
            for p in &mut wanted.personas {
                if p == from {
                    *p = to.to_string();
                }
            }
            let mut edited = file.text.clone();
            for quote in ['"', '\''] {
                edited = edited.replace(
                    &format!("{quote}{from}{quote}"),
                    &format!("{quote}{to}{quote}"),
                );
            }
            let relative = crate::store::outreach::outreach_file(&wanted.id);
            let same = toml::from_str::<crate::domain::outreach::OutreachTemplate>(&edited)
                .is_ok_and(|mut t| {
                    t.id.clone_from(&wanted.id);
                    t == wanted
                });
            let text = if same {
                edited
            } else {
                crate::store::codec::encode(&wanted).map_err(|message| StoreError::Encode {
                    path: relative.clone(),
                    message,
                })?
            };
            crate::store::write::write_file(
                self.root(),
                &relative,
                text.as_bytes(),
                crate::store::write::Expect::content(file.text.as_bytes()),
            )?;
        }
        Ok(())
    }

    /// For `validate`: references to ICPs and interviews that do not exist,
    /// read from the text of each file that did not load (a loaded file's
    /// references are checked by the domain checks).
    pub(super) fn unloaded_dangling(&self, workspace: &Workspace) -> Vec<Problem> {
        let mut problems = Vec::new();
        for path in self.unloaded_files(workspace) {
            let Ok(text) = fs::read_to_string(self.abs(&path)) else {
                continue;
            };
            let mut reported = HashSet::new();
            for reference in scan(&text) {
                let exists = match reference.kind {
                    Kind::Icp => self.abs(&layout::icp_file(&reference.id)).is_file(),
                    _ => self.abs(&layout::interview_file(&reference.id)).is_file(),
                };
                if exists || !reported.insert((reference.kind, reference.id.clone())) {
                    continue;
                }
                let what = match reference.kind {
                    Kind::Icp => "names ICP",
                    _ => "cites interview",
                };
                problems.push(Problem {
                    path: path.clone(),
                    line: reference.line,
                    column: reference.column,
                    severity: Severity::Error,
                    message: format!(
                        "{what} `{}`, which does not exist (read from the text, as the file does not load)",
                        reference.id
                    ),
                });
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_icps_and_cited_interviews_in_text_that_does_not_parse() {
        let text = "schema = 9\nicp = \"acme-old\"\n<<<<<<< ours\n[[fields.goals]]\ncites = [\"dana#h1\", 'sam-2#h3']\n=======\n";
        let found: Vec<(Kind, String, usize, usize)> = scan(text)
            .into_iter()
            .map(|r| (r.kind, r.id, r.line, r.column))
            .collect();
        assert_eq!(
            found,
            vec![
                (Kind::Icp, "acme-old".to_string(), 2, 8),
                (Kind::Interview, "dana".to_string(), 5, 11),
                (Kind::Interview, "sam-2".to_string(), 5, 22),
            ]
        );
        assert!(scan("title = \"a#b is not a slug#x\"\nicpx = \"no\"\n").is_empty());
    }
}
