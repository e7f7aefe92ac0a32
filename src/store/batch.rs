//! Writing many files at once, made durable together, the way a database
//! commits a batch: flushing each of 60,000 exported files on its own
//! waits on the disk 60,000 times.
//!
//! 1. every temporary file is written beside its target, not flushed;
//! 2. all of them are made durable together: one `syncfs` per file system
//!    on Linux (elsewhere, or if that fails, each temporary is flushed);
//! 3. each is renamed over its target, re-checking at that moment that the
//!    target is still what [`Expect`] says (as [`super::write::write`]
//!    does, under the same lock);
//! 4. each folder is flushed once, so the renames are durable too.
//!
//! Each file still appears whole or not at all: a crash before its rename
//! leaves the old file (or none) and a temporary the next run sweeps, and
//! no rename happens before every temporary is on disk.

use super::atomic::sync_dir;
use super::write::{Expect, Refusal, link_new, replace, stage_file};
use std::collections::BTreeSet;
use std::fs;
use std::io;
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

/// Steps 2 to 4 for files [`stage`]d: made durable together, each renamed
/// over its target if the target is still as expected (`root`'s lock
/// guards the replacements), then each folder flushed once. A target that
/// changed meanwhile is left alone and the others are still written; the
/// refusals come back in `files` order, with each file's index. If the
/// files cannot be made durable, nothing is renamed and every temporary is
/// removed.
pub fn commit(root: &Path, files: &[Staged]) -> Vec<(usize, Refusal)> {
    let folders: BTreeSet<&Path> = files.iter().filter_map(|f| f.path.parent()).collect();
    if let Err(error) = make_durable(&folders, files) {
        discard(files);
        return vec![(0, Refusal::Io(error))];
    }
    let mut refusals = Vec::new();
    for (i, file) in files.iter().enumerate() {
        let result = match file.expect {
            Expect::Absent => link_new(root, &file.temp, &file.path),
            Expect::Content(_) | Expect::Any => replace(root, &file.temp, &file.path, file.expect),
        };
        if let Err(refusal) = result {
            let _ = fs::remove_file(&file.temp);
            refusals.push((i, refusal));
        }
    }
    for folder in &folders {
        sync_dir(folder);
    }
    refusals
}

/// Removes the temporary files of a batch that will not be committed.
pub fn discard(files: &[Staged]) {
    for file in files {
        let _ = fs::remove_file(&file.temp);
    }
}

/// Flushes every staged file to disk: one `syncfs` for each file system
/// the folders are on, where the platform has it; otherwise each file.
fn make_durable(folders: &BTreeSet<&Path>, staged: &[Staged]) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    if sync_file_systems(folders).is_ok() {
        return Ok(());
    }
    let _ = folders;
    for file in staged {
        fs::File::open(&file.temp)?.sync_all()?;
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
    fn write_all(root: &Path, files: &[(&str, &[u8], Expect)]) -> Vec<(usize, Refusal)> {
        let staged: Vec<Staged> = files
            .iter()
            .map(|(path, bytes, expect)| {
                let path = root.join(path);
                fs::create_dir_all(path.parent().unwrap()).unwrap();
                stage(&path, bytes, *expect).unwrap()
            })
            .collect();
        commit(root, &staged)
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
        let refused: Vec<(usize, bool, bool)> = write_all(root, &files)
            .into_iter()
            .map(|(i, r)| {
                (
                    i,
                    matches!(r, Refusal::Occupied),
                    matches!(r, Refusal::Changed),
                )
            })
            .collect();
        assert_eq!(refused, [(0, true, false), (1, false, true)]);
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
    fn a_discarded_batch_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let staged = [
            stage(&root.join("one.md"), b"x", Expect::Absent).unwrap(),
            stage(&root.join("two.md"), b"y", Expect::Absent).unwrap(),
        ];
        assert_eq!(names(root).len(), 2, "two temporaries");
        discard(&staged);
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
