//! Writing many files at once, made durable together, the way a database
//! commits a batch: flushing each of 60,000 exported files on its own
//! waits on the disk 60,000 times.
//!
//! 1. every temporary file is written beside its target, not flushed; a
//!    folder that does not exist yet is written whole under a temporary
//!    name beside it instead ([`NewFolder`]), its files under their own
//!    names;
//! 2. all of them are made durable together: one `syncfs` per file system
//!    on Linux (elsewhere, or if that fails, each temporary is flushed);
//! 3. each is renamed over its target, re-checking at that moment that the
//!    target is still what [`Expect`] says (as [`super::write::write`]
//!    does, under the same lock); each new folder is renamed into place
//!    only if nothing has taken its name meanwhile;
//! 4. each folder is flushed once, so the renames are durable too.
//!
//! Each file still appears whole or not at all: a crash before its rename
//! leaves the old file (or none) and a temporary the next run sweeps, and
//! no rename happens before every temporary is on disk. A new folder
//! appears with all of its files or not at all.

use super::atomic::{sync_dir, temp_path};
use super::write::{Expect, Refusal, link_new, replace, stage_file};
use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// One file of a batch, written to its temporary file beside `path` and
/// waiting for [`commit`].
pub struct Staged {
    /// Absolute, inside the folder `root` given to [`commit`].
    pub path: PathBuf,
    pub temp: PathBuf,
    pub expect: Expect,
}

/// Step 1 for one file: writes `bytes` to a temporary file beside `path`
/// (whose folder must exist), not flushed. Safe to call from many threads
/// at once; a failure leaves no temporary behind.
pub fn stage(path: &Path, bytes: &[u8], expect: Expect) -> io::Result<Staged> {
    let temp = stage_file(path, bytes, false, expect != Expect::Absent)?;
    Ok(Staged {
        path: path.to_path_buf(),
        temp,
        expect,
    })
}

/// A folder that does not exist yet, filled under a temporary name beside
/// where it goes (`.personas.tmp-<pid>-<n>`) and renamed into place by
/// [`commit`]: one rename instead of one for each of its files, and no
/// temporary name beside each file while it fills.
pub struct NewFolder {
    /// Where the folder goes; its parent must exist.
    pub path: PathBuf,
    pub temp: PathBuf,
}

impl NewFolder {
    /// Step 1 for a folder: makes its temporary folder.
    pub fn make(path: &Path) -> io::Result<NewFolder> {
        let temp = temp_path(path);
        fs::create_dir(&temp)?;
        Ok(NewFolder {
            path: path.to_path_buf(),
            temp,
        })
    }

    /// Writes the file `name` into the folder, not flushed ([`commit`]
    /// makes it durable). Safe to call from many threads at once; a
    /// failure leaves no partial file behind.
    pub fn write(&self, name: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.temp.join(name);
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)?;
        file.write_all(bytes).inspect_err(|_| {
            let _ = fs::remove_file(&path);
        })
    }

    /// The files written into the temporary folder so far.
    fn files(&self) -> io::Result<Vec<PathBuf>> {
        fs::read_dir(&self.temp)?
            .map(|entry| entry.map(|e| e.path()))
            .collect()
    }
}

/// Steps 2 to 4 for files [`stage`]d and folders made with
/// [`NewFolder::make`]: made durable together, each file renamed over its
/// target if the target is still as expected (`root`'s lock guards the
/// replacements), each new folder renamed into place, then each folder
/// flushed once. A target that changed meanwhile is left alone and the
/// others are still written; so is each file of a new folder whose name
/// was taken meanwhile (its files then go in one by one, none replacing
/// anything). The refusals come back with the path refused, files first.
/// If the files cannot be made durable, nothing is renamed and every
/// temporary is removed.
pub fn commit(root: &Path, files: &[Staged], folders: &[NewFolder]) -> Vec<(PathBuf, Refusal)> {
    let mut parents: BTreeSet<&Path> = files.iter().filter_map(|f| f.path.parent()).collect();
    parents.extend(folders.iter().filter_map(|f| f.path.parent()));
    if let Err(error) = make_durable(&parents, files, folders) {
        discard(files, folders);
        let path = files
            .first()
            .map(|f| f.path.clone())
            .or_else(|| folders.first().map(|f| f.path.clone()))
            .unwrap_or_else(|| root.to_path_buf());
        return vec![(path, Refusal::Io(error))];
    }
    let mut refusals = Vec::new();
    for file in files {
        let result = match file.expect {
            Expect::Absent => link_new(root, &file.temp, &file.path),
            Expect::Content(_) | Expect::Any => replace(root, &file.temp, &file.path, file.expect),
        };
        if let Err(refusal) = result {
            let _ = fs::remove_file(&file.temp);
            refusals.push((file.path.clone(), refusal));
        }
    }
    for folder in folders {
        match link_new(root, &folder.temp, &folder.path) {
            Ok(()) => {}
            // Someone made the folder meanwhile: each file goes in on its
            // own, never over one already there.
            Err(Refusal::Occupied) => {
                refusals.extend(move_each(root, folder));
                sync_dir(&folder.path);
            }
            Err(refusal) => {
                let _ = fs::remove_dir_all(&folder.temp);
                refusals.push((folder.path.clone(), refusal));
            }
        }
    }
    for parent in &parents {
        sync_dir(parent);
    }
    refusals
}

/// Moves each file of `folder`'s temporary folder into its target folder
/// under the same name unless that name is taken, then removes what is
/// left of the temporary folder.
fn move_each(root: &Path, folder: &NewFolder) -> Vec<(PathBuf, Refusal)> {
    let mut refusals = Vec::new();
    match folder.files() {
        Ok(mut temps) => {
            temps.sort();
            for temp in temps {
                let Some(name) = temp.file_name() else {
                    continue;
                };
                let path = folder.path.join(name);
                if let Err(refusal) = link_new(root, &temp, &path) {
                    refusals.push((path, refusal));
                }
            }
        }
        Err(error) => refusals.push((folder.path.clone(), Refusal::Io(error))),
    }
    let _ = fs::remove_dir_all(&folder.temp);
    refusals
}

/// Removes the temporary files and folders of a batch that will not be
/// committed.
pub fn discard(files: &[Staged], folders: &[NewFolder]) {
    for file in files {
        let _ = fs::remove_file(&file.temp);
    }
    for folder in folders {
        let _ = fs::remove_dir_all(&folder.temp);
    }
}

/// Flushes every staged file and new folder to disk: one `syncfs` for
/// each file system the folders are on, where the platform has it;
/// otherwise each file, and each new folder's entries.
fn make_durable(
    parents: &BTreeSet<&Path>,
    staged: &[Staged],
    folders: &[NewFolder],
) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    if sync_file_systems(parents).is_ok() {
        return Ok(());
    }
    let _ = parents;
    for file in staged {
        fs::File::open(&file.temp)?.sync_all()?;
    }
    for folder in folders {
        for file in folder.files()? {
            fs::File::open(file)?.sync_all()?;
        }
        sync_dir(&folder.temp);
    }
    Ok(())
}

/// `syncfs` on one folder of each file system among `folders`.
#[cfg(target_os = "linux")]
fn sync_file_systems(folders: &BTreeSet<&Path>) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    use std::os::unix::fs::MetadataExt;
    let mut devices = BTreeSet::new();
    for folder in folders {
        let handle = fs::File::open(folder)?;
        if devices.insert(handle.metadata()?.dev()) {
            // SAFETY: `handle` is an open file descriptor for the call's
            // whole duration; syncfs only reads it.
            if unsafe { libc::syncfs(handle.as_raw_fd()) } != 0 {
                return Err(io::Error::last_os_error());
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Stages every file (their folders made first), then commits them.
    fn write_all(root: &Path, files: &[(&str, &[u8], Expect)]) -> Vec<(PathBuf, Refusal)> {
        let staged: Vec<Staged> = files
            .iter()
            .map(|(path, bytes, expect)| {
                let path = root.join(path);
                fs::create_dir_all(path.parent().unwrap()).unwrap();
                stage(&path, bytes, *expect).unwrap()
            })
            .collect();
        commit(root, &staged, &[])
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn writes_every_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(root.join("old.md"), "old").unwrap();
        let files: [(&str, &[u8], Expect); 2] = [
            ("a/new.md", b"new", Expect::Absent),
            ("old.md", b"replaced", Expect::content(b"old")),
        ];
        assert!(write_all(root, &files).is_empty());
        assert_eq!(fs::read(root.join("a/new.md")).unwrap(), b"new");
        assert_eq!(fs::read(root.join("old.md")).unwrap(), b"replaced");
        assert_eq!(names(root), ["a", "old.md"]);
        assert_eq!(names(&root.join("a")), ["new.md"]);
    }

    #[test]
    fn a_target_that_changed_meanwhile_is_left_alone_and_the_rest_written() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(root.join("theirs.md"), "someone else's").unwrap();
        fs::write(root.join("edited.md"), "edited since").unwrap();
        let files: [(&str, &[u8], Expect); 3] = [
            ("theirs.md", b"ours", Expect::Absent),
            ("edited.md", b"ours", Expect::content(b"as read")),
            ("fine.md", b"ours", Expect::Absent),
        ];
        let refused: Vec<(PathBuf, bool, bool)> = write_all(root, &files)
            .into_iter()
            .map(|(path, r)| {
                (
                    path,
                    matches!(r, Refusal::Occupied),
                    matches!(r, Refusal::Changed),
                )
            })
            .collect();
        assert_eq!(
            refused,
            [
                (root.join("theirs.md"), true, false),
                (root.join("edited.md"), false, true)
            ]
        );
        assert_eq!(
            fs::read_to_string(root.join("theirs.md")).unwrap(),
            "someone else's"
        );
        assert_eq!(
            fs::read_to_string(root.join("edited.md")).unwrap(),
            "edited since"
        );
        assert_eq!(fs::read(root.join("fine.md")).unwrap(), b"ours");
        assert_eq!(names(root), ["edited.md", "fine.md", "theirs.md"]);
    }

    #[test]
    fn a_new_folder_appears_with_all_its_files_beside_the_staged_ones() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let index = stage(&root.join("index.md"), b"index", Expect::Absent).unwrap();
        let folder = NewFolder::make(&root.join("personas")).unwrap();
        folder.write("dana.md", b"dana").unwrap();
        folder.write("ravi.md", b"ravi").unwrap();
        assert!(!root.join("personas").exists(), "not before the commit");
        assert!(commit(root, &[index], &[folder]).is_empty());
        assert_eq!(names(root), ["index.md", "personas"]);
        assert_eq!(names(&root.join("personas")), ["dana.md", "ravi.md"]);
        assert_eq!(fs::read(root.join("personas/ravi.md")).unwrap(), b"ravi");
    }

    #[test]
    fn a_new_folder_whose_name_was_taken_meanwhile_goes_in_file_by_file() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let folder = NewFolder::make(&root.join("personas")).unwrap();
        folder.write("dana.md", b"ours").unwrap();
        folder.write("ravi.md", b"ours").unwrap();
        // Another program makes the folder, with a file of the same name.
        fs::create_dir(root.join("personas")).unwrap();
        fs::write(root.join("personas/dana.md"), "theirs").unwrap();
        let refused: Vec<(PathBuf, bool)> = commit(root, &[], &[folder])
            .into_iter()
            .map(|(path, r)| (path, matches!(r, Refusal::Occupied)))
            .collect();
        assert_eq!(refused, [(root.join("personas/dana.md"), true)]);
        assert_eq!(
            fs::read_to_string(root.join("personas/dana.md")).unwrap(),
            "theirs"
        );
        assert_eq!(fs::read(root.join("personas/ravi.md")).unwrap(), b"ours");
        assert_eq!(names(root), ["personas"], "no temporary folder left");
    }

    #[test]
    fn a_discarded_batch_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let staged = [
            stage(&root.join("one.md"), b"x", Expect::Absent).unwrap(),
            stage(&root.join("two.md"), b"y", Expect::Absent).unwrap(),
        ];
        let folder = NewFolder::make(&root.join("personas")).unwrap();
        folder.write("dana.md", b"z").unwrap();
        assert_eq!(names(root).len(), 3, "two temporaries and a folder");
        discard(&staged, &[folder]);
        assert!(names(root).is_empty());
    }

    #[test]
    fn a_file_that_cannot_be_staged_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(root.join("blocked"), "").unwrap();
        assert!(stage(&root.join("blocked/x.md"), b"x", Expect::Absent).is_err());
        assert_eq!(names(root), ["blocked"]);
    }
}
