//! Writing a markdown export to disk: the one writer the command line and
//! the app share, so both keep the same promise: **a file persona did not
//! write is never replaced.** Ours are the files whose leading front matter
//! holds `exported_by: persona` ([`markdown::is_ours`]); every file an
//! export writes carries it. Every target is checked before anything is
//! written, and each file is replaced atomically, re-checked at the moment
//! of the rename (another program may write there meanwhile).
//!
//! ```no_run
//! # use persona::store::export::{Selection, Target, write};
//! # let ws = persona::domain::Workspace::new(persona::domain::WorkspaceMeta::new("w"));
//! let done = write(&ws, &Selection::All, &Target::pick("persona-export".as_ref()))?;
//! println!("{}", done.summary());
//! # Ok::<(), persona::store::export::ExportError>(())
//! ```

use super::batch::{self, NewFolder, Staged};
use super::sweep::{sweep_folder, sweep_new_folders};
use super::write::{Expect, Refusal};
use crate::domain::{EntityRef, Kind, Workspace};
use crate::export::markdown::{self, Chosen, ExportFile};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// What to export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selection {
    /// Every ICP, persona and interview.
    All,
    /// These ICPs (each with all its personas), personas and interviews;
    /// templates are left out.
    Items(Vec<EntityRef>),
}

/// Where an export goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A folder: `index.md`, `icps/<id>.md`, `personas/<id>.md`,
    /// `interviews/<id>.md`.
    Folder(PathBuf),
    /// One markdown document.
    File(PathBuf),
}

impl Target {
    /// A folder for a path that is one already, ends with `/`, or has no
    /// extension (`persona-export`); else a file (`team-wiki.md`).
    pub fn pick(path: &Path) -> Target {
        let text = path.to_string_lossy();
        let folder = path.is_dir()
            || text.ends_with('/')
            || text.ends_with(std::path::MAIN_SEPARATOR)
            || path.extension().is_none();
        if folder {
            Target::Folder(path.to_path_buf())
        } else {
            Target::File(path.to_path_buf())
        }
    }

    pub fn path(&self) -> &Path {
        match self {
            Target::Folder(path) | Target::File(path) => path,
        }
    }
}

/// What an export wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exported {
    pub target: Target,
    pub icps: usize,
    pub personas: usize,
    pub interviews: usize,
    /// Every file of the export, written or already up to date.
    pub files: Vec<PathBuf>,
    /// How many of them already held exactly this and were left untouched.
    pub unchanged: usize,
    /// The file to open first: `index.md` of a folder, or the document.
    pub start: PathBuf,
}

impl Exported {
    /// "Exported 2 ICPs, 5 personas and 9 interviews to DIR (start with
    /// DIR/index.md)." (Paths are shown as they are; clean them before a
    /// terminal.)
    pub fn summary(&self) -> String {
        let count =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        // Only the kinds written: "1 persona", not "0 ICPs and 1 persona".
        let kinds: Vec<String> = [
            (self.icps, "ICP", "ICPs"),
            (self.personas, "persona", "personas"),
            (self.interviews, "interview", "interviews"),
        ]
        .into_iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| count(n, one, many))
        .collect();
        let counted = match kinds.as_slice() {
            [] => "nothing".to_string(),
            [one] => one.clone(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        };
        match &self.target {
            Target::Folder(dir) => format!(
                "Exported {counted} to {} (start with {}).",
                dir.display(),
                self.start.display()
            ),
            Target::File(file) => format!("Exported {counted} to {}.", file.display()),
        }
    }
}

/// Why an export wrote nothing (or, for [`ExportError::Write`], stopped).
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("there is nothing to export: no ICPs, personas or interviews were chosen")]
    Nothing,
    #[error(
        "{} already exists and was not written by persona, so it was left alone (nothing was exported); choose another place to export to",
        .0.display()
    )]
    Foreign(PathBuf),
    #[error(
        "{} changed while the export was written, so it was left alone; export again",
        .0.display()
    )]
    Changed(PathBuf),
    #[error("could not write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// The ICPs, personas and interviews a selection stands for, each once, in
/// workspace order within each kind of choice (an ICP brings all its
/// personas).
pub fn resolve<'a>(ws: &'a Workspace, selection: &Selection) -> Chosen<'a> {
    let items = match selection {
        Selection::All => {
            return Chosen {
                icps: ws.icps.iter().collect(),
                personas: ws.personas.iter().collect(),
                interviews: ws.interviews.iter().collect(),
            };
        }
        Selection::Items(items) => items,
    };
    let mut chosen = Chosen::default();
    for item in items {
        match item.kind {
            Kind::Icp => {
                if let Some(icp) = ws.icp(&item.id)
                    && !chosen.icps.iter().any(|i| i.id == icp.id)
                {
                    chosen.icps.push(icp);
                    for persona in ws.personas_of(&icp.id) {
                        if !chosen.personas.iter().any(|p| p.id == persona.id) {
                            chosen.personas.push(persona);
                        }
                    }
                }
            }
            Kind::Persona => {
                if let Some(persona) = ws.persona(&item.id)
                    && !chosen.personas.iter().any(|p| p.id == persona.id)
                {
                    chosen.personas.push(persona);
                }
            }
            Kind::Interview => {
                if let Some(interview) = ws.interview(&item.id)
                    && !chosen.interviews.iter().any(|i| i.id == interview.id)
                {
                    chosen.interviews.push(interview);
                }
            }
            Kind::Template => {}
        }
    }
    chosen
}

/// Exports `selection` of `ws` to `target` (see the module documentation).
///
/// Each page is checked and staged beside its target by the thread that
/// rendered it, so a large export never holds every page in memory; the
/// staged files are then committed as one batch ([`batch::commit`]). A page
/// whose target is not ours stops the export before anything is renamed,
/// and every temporary (and folder) it made is removed again.
pub fn write(
    ws: &Workspace,
    selection: &Selection,
    target: &Target,
) -> Result<Exported, ExportError> {
    let chosen = resolve(ws, selection);
    if chosen.is_empty() {
        return Err(ExportError::Nothing);
    }
    let stop = AtomicBool::new(false);
    let (root, made, fresh, prepared, start) = match target {
        Target::Folder(dir) => {
            let kinds = [
                ("icps", chosen.icps.len()),
                ("personas", chosen.personas.len()),
                ("interviews", chosen.interviews.len()),
            ];
            let subs: Vec<&str> = kinds
                .iter()
                .filter(|(_, n)| *n > 0)
                .map(|(sub, _)| *sub)
                .collect();
            sweep_folder(dir);
            sweep_new_folders(dir, &SUBFOLDERS);
            for sub in &subs {
                sweep_folder(&dir.join(sub));
            }
            let made = make_folders(std::slice::from_ref(dir))?;
            // A kind's folder that is not there yet is filled under a
            // temporary name and renamed into place whole.
            let mut fresh: Vec<(&str, NewFolder)> = Vec::new();
            for sub in subs {
                let path = dir.join(sub);
                if fs::symlink_metadata(&path).is_ok() {
                    continue;
                }
                match NewFolder::make(&path) {
                    Ok(folder) => fresh.push((sub, folder)),
                    Err(source) => {
                        let folders: Vec<NewFolder> = fresh.into_iter().map(|(_, f)| f).collect();
                        batch::discard(&[], &folders);
                        remove_folders(&made);
                        return Err(ExportError::Write { path, source });
                    }
                }
            }
            let prepared =
                markdown::folder_with(ws, &chosen, |file| prepare(dir, file, &fresh, &stop));
            let fresh = fresh.into_iter().map(|(_, f)| f).collect();
            (dir.clone(), made, fresh, prepared, dir.join("index.md"))
        }
        Target::File(file) => {
            let root = file
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
            let made = make_folders(std::slice::from_ref(&root))?;
            let page = ExportFile {
                path: name.unwrap_or_default(),
                contents: markdown::document_file(ws, &chosen),
            };
            (
                root.clone(),
                made,
                Vec::new(),
                vec![prepare(&root, page, &[], &stop)],
                file.clone(),
            )
        }
    };
    let mut files = Vec::with_capacity(prepared.len());
    let mut staged = Vec::with_capacity(prepared.len());
    let mut unchanged = 0;
    let mut failed = None;
    for page in prepared {
        match page.state {
            State::Staged(file) => staged.push(file),
            State::Failed(error) => {
                failed.get_or_insert(error);
            }
            State::Unchanged => unchanged += 1,
            State::Written | State::Skipped => {}
        }
        files.push(page.path);
    }
    if let Some(error) = failed {
        batch::discard(&staged, &fresh);
        remove_folders(&made);
        return Err(error);
    }
    if let Some((path, refusal)) = batch::commit(&root, &staged, &fresh).into_iter().next() {
        return Err(match refusal {
            Refusal::Occupied | Refusal::Changed | Refusal::Vanished => ExportError::Changed(path),
            Refusal::Io(source) => ExportError::Write { path, source },
        });
    }
    Ok(Exported {
        target: target.clone(),
        icps: chosen.icps.len(),
        personas: chosen.personas.len(),
        interviews: chosen.interviews.len(),
        files: match target {
            Target::File(file) => vec![file.clone()],
            Target::Folder(_) => files,
        },
        unchanged,
        start,
    })
}

/// The folders of a folder export, one for each kind of page.
const SUBFOLDERS: [&str; 3] = ["icps", "personas", "interviews"];

/// Removes the (empty) folders an export made before it was refused,
/// innermost first.
fn remove_folders(made: &[PathBuf]) {
    for folder in made.iter().rev() {
        let _ = fs::remove_dir(folder);
    }
}

/// Creates those of `folders` that do not exist yet (each inside the one
/// before or an existing folder), returning the ones it made, so a refused
/// export can take them away again.
fn make_folders(folders: &[PathBuf]) -> Result<Vec<PathBuf>, ExportError> {
    let mut made = Vec::new();
    for folder in folders {
        if folder.is_dir() {
            continue;
        }
        // Its missing parents too, outermost first.
        let mut missing: Vec<&Path> = folder
            .ancestors()
            .take_while(|a| !a.as_os_str().is_empty() && !a.is_dir())
            .collect();
        missing.reverse();
        for dir in missing {
            match fs::create_dir(dir) {
                Ok(()) => made.push(dir.to_path_buf()),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && dir.is_dir() => {}
                Err(source) => {
                    remove_folders(&made);
                    return Err(ExportError::Write {
                        path: dir.to_path_buf(),
                        source,
                    });
                }
            }
        }
    }
    Ok(made)
}

/// One page of an export, checked and staged.
struct Prepared {
    path: PathBuf,
    state: State,
}

enum State {
    /// The target already holds exactly this page.
    Unchanged,
    Staged(Staged),
    /// Written into a folder that is renamed into place whole.
    Written,
    /// Not ours, or it could not be read or staged.
    Failed(ExportError),
    /// Another page failed first, so this one was not staged.
    Skipped,
}

/// Checks `page`'s target under `root` and stages the page beside it
/// (see [`write`]): a target that exists must be ours (`None`: it already
/// holds exactly this). A page of a folder in `fresh` is written into it
/// instead, with nothing to check. After any page fails, `stop` is set and
/// the rest are only checked off.
fn prepare(
    root: &Path,
    page: ExportFile,
    fresh: &[(&str, NewFolder)],
    stop: &AtomicBool,
) -> Prepared {
    let path = root.join(&page.path);
    if stop.load(Ordering::Relaxed) {
        return Prepared {
            path,
            state: State::Skipped,
        };
    }
    let bytes = page.contents.as_bytes();
    let new_folder = page.path.split_once('/').and_then(|(top, name)| {
        let (_, folder) = fresh.iter().find(|(sub, _)| *sub == top)?;
        Some((folder, name))
    });
    let state = match new_folder {
        Some((folder, name)) => match folder.write(name, bytes) {
            Ok(()) => State::Written,
            Err(source) => State::Failed(ExportError::Write {
                path: path.clone(),
                source,
            }),
        },
        None => match expect_for(&path, bytes) {
            Ok(None) => State::Unchanged,
            Ok(Some(expect)) => match batch::stage(&path, bytes, expect) {
                Ok(staged) => State::Staged(staged),
                Err(source) => State::Failed(ExportError::Write {
                    path: path.clone(),
                    source,
                }),
            },
            Err(error) => State::Failed(error),
        },
    };
    if matches!(state, State::Failed(_)) {
        stop.store(true, Ordering::Relaxed);
    }
    Prepared { path, state }
}

/// How the file at `path` may be replaced by `bytes` (`None`: it already
/// holds exactly this), or why it may not be.
fn expect_for(path: &Path, bytes: &[u8]) -> Result<Option<Expect>, ExportError> {
    match fs::symlink_metadata(path) {
        Err(_) => Ok(Some(Expect::Absent)),
        Ok(meta) if meta.is_dir() => Err(ExportError::Foreign(path.to_path_buf())),
        Ok(_) => {
            let existing = fs::read(path).map_err(|source| ExportError::Write {
                path: path.to_path_buf(),
                source,
            })?;
            if existing == bytes {
                Ok(None)
            } else if markdown::is_ours(&String::from_utf8_lossy(&existing)) {
                Ok(Some(Expect::content(&existing)))
            } else {
                Err(ExportError::Foreign(path.to_path_buf()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_folders_unless_they_name_a_file() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(Target::pick(dir.path()), Target::Folder(_)));
        assert!(matches!(Target::pick("out".as_ref()), Target::Folder(_)));
        assert!(matches!(Target::pick("out/".as_ref()), Target::Folder(_)));
        assert!(matches!(Target::pick("wiki.md".as_ref()), Target::File(_)));
        assert!(matches!(
            Target::pick("a/b.markdown".as_ref()),
            Target::File(_)
        ));
    }
}
