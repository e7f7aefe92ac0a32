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

/// One file of a batch.
pub struct BatchFile<'a> {
    /// Absolute, inside the folder `root` given to [`write_batch`].
    pub path: PathBuf,
    pub bytes: &'a [u8],
    pub expect: Expect,
}

/// Writes every file of `files` (see the module documentation); `root`'s
/// lock guards the replacements. A file that cannot be staged writes
/// nothing at all and is the only one reported; a target that changed
/// meanwhile is left alone and the others are still written. The refusals
/// come back in `files` order, with each file's index.
pub fn write_batch(root: &Path, files: &[BatchFile]) -> Vec<(usize, Refusal)> {
    let folders: BTreeSet<&Path> = files.iter().filter_map(|f| f.path.parent()).collect();
    for folder in &folders {
        if let Err(error) = fs::create_dir_all(folder) {
            let first = files.iter().position(|f| f.path.parent() == Some(*folder));
            return vec![(first.unwrap_or(0), Refusal::Io(error))];
        }
    }
    let mut staged: Vec<PathBuf> = Vec::with_capacity(files.len());
    for (i, file) in files.iter().enumerate() {
        match stage_file(&file.path, file.bytes, false) {
            Ok(temp) => staged.push(temp),
            Err(error) => {
                remove_all(&staged);
                return vec![(i, Refusal::Io(error))];
            }
        }
    }
    if let Err(error) = make_durable(&folders, &staged) {
        remove_all(&staged);
        return vec![(0, Refusal::Io(error))];
    }
    let mut refusals = Vec::new();
    for (i, (file, temp)) in files.iter().zip(&staged).enumerate() {
        let result = match file.expect {
            Expect::Absent => link_new(root, temp, &file.path),
            Expect::Content(_) | Expect::Any => replace(root, temp, &file.path, file.expect),
        };
        if let Err(refusal) = result {
            let _ = fs::remove_file(temp);
            refusals.push((i, refusal));
        }
    }
    for folder in &folders {
        sync_dir(folder);
    }
    refusals
}

fn remove_all(temps: &[PathBuf]) {
    for temp in temps {
        let _ = fs::remove_file(temp);
    }
}

/// Flushes every staged file to disk: one `syncfs` for each file system
/// the folders are on, where the platform has it; otherwise each file.
fn make_durable(folders: &BTreeSet<&Path>, staged: &[PathBuf]) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    if sync_file_systems(folders).is_ok() {
        return Ok(());
    }
    let _ = folders;
    for temp in staged {
        fs::File::open(temp)?.sync_all()?;
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
        let files = [
            BatchFile {
                path: root.join("a/new.md"),
                bytes: b"new",
                expect: Expect::Absent,
            },
            BatchFile {
                path: root.join("old.md"),
                bytes: b"replaced",
                expect: Expect::content(b"old"),
            },
        ];
        assert!(write_batch(root, &files).is_empty());
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
        let files = [
            BatchFile {
                path: root.join("theirs.md"),
                bytes: b"ours",
                expect: Expect::Absent,
            },
            BatchFile {
                path: root.join("edited.md"),
                bytes: b"ours",
                expect: Expect::content(b"as read"),
            },
            BatchFile {
                path: root.join("fine.md"),
                bytes: b"ours",
                expect: Expect::Absent,
            },
        ];
        let refused: Vec<(usize, bool, bool)> = write_batch(root, &files)
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
    fn a_file_that_cannot_be_staged_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(root.join("blocked"), "").unwrap();
        let files = [
            BatchFile {
                path: root.join("first.md"),
                bytes: b"x",
                expect: Expect::Absent,
            },
            BatchFile {
                path: root.join("blocked/x.md"),
                bytes: b"x",
                expect: Expect::Absent,
            },
        ];
        let refused = write_batch(root, &files);
        assert_eq!(refused.len(), 1);
        assert_eq!(refused[0].0, 1);
        assert_eq!(names(root), ["blocked"]);
    }
}
