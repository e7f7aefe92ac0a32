//! What the problems panel lists besides files that did not load: merge
//! conflicts left in files (persona's marks, git's markers) and personal
//! details in what the team shares. Reading the files is the runtime's
//! part ([`scan`], called by the performer); the panel only shows the
//! result.

use crate::domain::Workspace;
use crate::domain::privacy::{FileFinding, Scanner};
use crate::store::Problem;
use crate::store::fs::Progress;
use crate::store::shared::{read_in_batches, shared_files};
use std::collections::BTreeMap;
use std::path::Path;

/// Conflicts and personal details found in the workspace's files.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Findings {
    /// One per conflict, at its line, with the sentence `validate` prints.
    pub conflicts: Vec<Problem>,
    /// The text of each file with conflicts, as read, for the conflict
    /// screen (a save checks the file still holds it).
    pub texts: BTreeMap<String, String>,
    pub privacy: Vec<FileFinding>,
    /// Why the files could not be read, if they could not.
    pub error: Option<String>,
}

impl Findings {
    /// Whether anything was found.
    pub fn is_empty(&self) -> bool {
        self.conflicts.is_empty() && self.privacy.is_empty()
    }
}

/// Reads every shared file of the workspace at `root` and finds the
/// conflicts and personal details in them, a batch of files at a time;
/// `progress`, if given, counts the files done.
pub fn scan(root: &Path, ws: &Workspace, progress: Option<&Progress>) -> Findings {
    use std::sync::atomic::Ordering::Relaxed;
    let mut found = Findings::default();
    let files = match shared_files(root) {
        Ok(files) => files,
        Err(e) => {
            found.error = Some(format!(
                "Could not list the files of the workspace at {}: {e}.",
                root.display()
            ));
            return found;
        }
    };
    if let Some(progress) = progress {
        progress.done.store(0, Relaxed);
        progress.total.store(files.len(), Relaxed);
    }
    let scanner = Scanner::new(ws);
    read_in_batches(&files, |batch| {
        let read = batch.len();
        let mut texts = Vec::with_capacity(read);
        for (relative, text) in batch {
            match text {
                Ok(text) => texts.push((relative, text)),
                Err(e) => found.error = Some(format!("Could not read {relative}: {e}.")),
            }
        }
        for (relative, text) in &texts {
            let conflicts = crate::merge::scan::in_file(relative, text);
            if !conflicts.is_empty() {
                found.texts.insert(relative.to_string(), text.clone());
                found.conflicts.extend(conflicts);
            }
        }
        let texts: Vec<(&str, &str)> = texts.iter().map(|(p, t)| (*p, t.as_str())).collect();
        found.privacy.extend(scanner.files(&texts));
        if let Some(progress) = progress {
            progress.done.fetch_add(read, Relaxed);
        }
        true
    });
    found
}

/// What settling a conflict did: a sentence, and the file's text as it now
/// is (`None`: the file is gone).
pub struct SettledFile {
    pub message: Result<String, String>,
    pub text: Option<String>,
}

/// Settles one conflict of the file at `path` (relative to `root`) whose
/// text was `before` when shown: the new text is written atomically, and
/// only if the file still holds `before` (a teammate's pull or an editor
/// meanwhile is never overwritten).
pub fn settle_file(
    root: &Path,
    path: &str,
    before: &str,
    which: &crate::merge::settle::Which,
    choice: crate::domain::conflict::Choice,
) -> SettledFile {
    use crate::domain::conflict::Choice;
    use crate::merge::settle::{Settled, settle};
    use crate::store::write::{Expect, write_file};
    let now = |root: &Path| std::fs::read_to_string(root.join(path)).ok();
    let side = match choice {
        Choice::Ours => "ours",
        Choice::Theirs => "theirs",
        Choice::Both => "both versions",
    };
    let clean = crate::text::clean(path);
    let result = match settle(path, before, which, choice) {
        Err(e) => Err(e),
        Ok(Settled::Text(text)) => write_file(
            root,
            path,
            text.as_bytes(),
            Expect::content(before.as_bytes()),
        )
        .map(|()| format!("Kept {side} in {clean}."))
        .map_err(|e| e.to_string()),
        Ok(Settled::Delete) => {
            match crate::store::discard::trash_file(root, path, Expect::content(before.as_bytes()))
            {
                Ok(location) => Ok(format!(
                    "Moved {clean} to {}, as the side you kept deleted it.",
                    crate::text::clean(&location)
                )),
                Err(crate::store::StoreError::Vanished { .. }) => {
                    Ok(format!("{clean} is already gone."))
                }
                Err(crate::store::StoreError::ChangedOnDisk { .. }) => Err(format!(
                    "{clean} was changed on disk since you opened it, so it was not deleted"
                )),
                Err(e) => Err(e.to_string()),
            }
        }
    };
    SettledFile {
        message: result.map_err(|e| {
            crate::tui::text::sentence(&format!("{e}; the file is shown as it is now"))
        }),
        text: now(root),
    }
}

/// The history of a card's file from git, or why there is none (one
/// sentence).
pub fn history(
    root: &Path,
    ws: &Workspace,
    entity: &crate::domain::EntityRef,
) -> Result<crate::git::history::History, String> {
    let path = crate::store::layout::entity_path(ws, entity)
        .ok_or_else(|| format!("There is no {entity} in the workspace."))?;
    let repo =
        crate::git::Repo::open(root).map_err(|e| crate::tui::text::sentence(&e.to_string()))?;
    crate::git::history::of_file(&repo, &path, &ws.templates)
        .map_err(|e| crate::tui::text::sentence(&e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::conflict::{Choice, deleted_entry};

    #[test]
    fn files_are_looked_through_a_batch_at_a_time_with_every_one_counted() {
        use crate::store::shared::BATCH;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("interviews")).unwrap();
        let n = 2 * BATCH + 3;
        for i in 0..n {
            let notes = match i {
                // In the second batch: a merge left git's markers.
                i if i == BATCH + 1 => {
                    "<<<<<<< HEAD\nnotes = \"a\"\n=======\nnotes = \"b\"\n>>>>>>> theirs\n"
                        .to_string()
                }
                // In the last batch: an e-mail address in the notes.
                i if i == n - 1 => {
                    "notes = \"Send it to dana.whitfield@acme-outdoor.com.\"\n".into()
                }
                _ => "notes = \"We count the stock twice.\"\n".into(),
            };
            let text = format!("schema = 1\ntitle = \"Call {i}\"\n{notes}");
            std::fs::write(root.join(format!("interviews/call-{i:04}.toml")), text).unwrap();
        }
        let ws = Workspace::new(crate::domain::WorkspaceMeta::new("t"));
        let progress = Progress::default();
        let found = scan(root, &ws, Some(&progress));
        assert_eq!(progress.get(), (n, n));
        assert_eq!(found.error, None);
        let conflicted = format!("interviews/call-{:04}.toml", BATCH + 1);
        assert_eq!(found.conflicts.len(), 1, "{:?}", found.conflicts);
        assert_eq!(found.conflicts[0].path, conflicted);
        assert_eq!(found.texts.keys().collect::<Vec<_>>(), [&conflicted]);
        let emails: Vec<(&str, &str)> = found
            .privacy
            .iter()
            .map(|f| (f.file.as_str(), f.text.as_str()))
            .collect();
        let last = format!("interviews/call-{:04}.toml", n - 1);
        assert_eq!(emails, [(last.as_str(), "dana.whitfield@acme-outdoor.com")]);
    }

    #[test]
    fn keeping_the_side_that_deleted_a_file_puts_it_in_the_trash() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let path = "interviews/frank.toml";
        let text = format!("schema = 1\nname = \"Frank\"\n{}", deleted_entry(true));
        std::fs::create_dir_all(root.join("interviews")).unwrap();
        std::fs::write(root.join(path), &text).unwrap();
        let which = crate::merge::settle::open(path, &text).unwrap()[0]
            .which
            .clone();

        // Changed by someone else since it was shown: kept.
        let edited = text.replace("Frank", "Frank B.");
        std::fs::write(root.join(path), &edited).unwrap();
        let refused = settle_file(root, path, &text, &which, Choice::Theirs);
        assert!(
            refused
                .message
                .as_ref()
                .unwrap_err()
                .contains("changed on disk"),
            "{:?}",
            refused.message
        );
        assert_eq!(refused.text.as_deref(), Some(edited.as_str()));

        std::fs::write(root.join(path), &text).unwrap();
        let done = settle_file(root, path, &text, &which, Choice::Theirs);
        let said = done.message.unwrap();
        assert!(
            said.starts_with("Moved interviews/frank.toml to .trash/"),
            "{said}"
        );
        assert_eq!(done.text, None);
        let trashed: Vec<_> = std::fs::read_dir(root.join(".trash"))
            .unwrap()
            .flatten()
            .map(|e| e.path().join(path))
            .collect();
        assert_eq!(std::fs::read_to_string(&trashed[0]).unwrap(), text);
    }
}
