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

use super::batch::{self, BatchFile};
use super::sweep::sweep_folder;
use super::write::{Expect, Refusal};
use crate::domain::{EntityRef, Kind, Workspace};
use crate::export::markdown::{self, Chosen, ExportFile};
use std::fs;
use std::path::{Path, PathBuf};

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
pub fn write(
    ws: &Workspace,
    selection: &Selection,
    target: &Target,
) -> Result<Exported, ExportError> {
    let chosen = resolve(ws, selection);
    if chosen.is_empty() {
        return Err(ExportError::Nothing);
    }
    let (root, files, start) = match target {
        Target::Folder(dir) => {
            let files = markdown::folder_of(ws, &chosen);
            (dir.clone(), files, dir.join("index.md"))
        }
        Target::File(file) => {
            let root = file
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
            let files = vec![ExportFile {
                path: name.unwrap_or_default(),
                contents: markdown::document_file(ws, &chosen),
            }];
            (root, files, file.clone())
        }
    };
    let plan = check(&root, &files)?;
    if let Target::Folder(dir) = target {
        for sub in ["", "icps", "personas", "interviews"] {
            sweep_folder(&dir.join(sub));
        }
    }
    let unchanged = plan.iter().filter(|p| p.is_none()).count();
    write_files(&root, &files, &plan)?;
    Ok(Exported {
        target: target.clone(),
        icps: chosen.icps.len(),
        personas: chosen.personas.len(),
        interviews: chosen.interviews.len(),
        files: match target {
            Target::File(file) => vec![file.clone()],
            Target::Folder(dir) => files.iter().map(|f| dir.join(&f.path)).collect(),
        },
        unchanged,
        start,
    })
}

/// For each file, how it may be written (`None`: it already holds exactly
/// this), or the first file that is not ours.
fn check(root: &Path, files: &[ExportFile]) -> Result<Vec<Option<Expect>>, ExportError> {
    files
        .iter()
        .map(|file| {
            let path = root.join(&file.path);
            match fs::symlink_metadata(&path) {
                Err(_) => Ok(Some(Expect::Absent)),
                Ok(meta) if meta.is_dir() => Err(ExportError::Foreign(path)),
                Ok(_) => {
                    let existing = fs::read(&path).map_err(|source| ExportError::Write {
                        path: path.clone(),
                        source,
                    })?;
                    if existing == file.contents.as_bytes() {
                        Ok(None)
                    } else if markdown::is_ours(&String::from_utf8_lossy(&existing)) {
                        Ok(Some(Expect::content(&existing)))
                    } else {
                        Err(ExportError::Foreign(path))
                    }
                }
            }
        })
        .collect()
}

/// Writes the files that need it as one batch, made durable together
/// ([`batch::write_batch`]): flushing 60,000 files one by one waited on
/// the disk for each. The error is the first failing file's, in order.
fn write_files(
    root: &Path,
    files: &[ExportFile],
    plan: &[Option<Expect>],
) -> Result<(), ExportError> {
    let batch: Vec<BatchFile> = plan
        .iter()
        .zip(files)
        .filter_map(|(expect, file)| {
            expect.map(|expect| BatchFile {
                path: root.join(&file.path),
                bytes: file.contents.as_bytes(),
                expect,
            })
        })
        .collect();
    match batch::write_batch(root, &batch).into_iter().next() {
        None => Ok(()),
        Some((j, refusal)) => {
            let path = batch[j].path.clone();
            Err(match refusal {
                Refusal::Occupied | Refusal::Changed | Refusal::Vanished => {
                    ExportError::Changed(path)
                }
                Refusal::Io(source) => ExportError::Write { path, source },
            })
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
