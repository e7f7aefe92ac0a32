//! Writing a workspace file so that nothing is lost when two processes
//! (two app windows, the app and a script, two imports from cron) write at
//! once, and nothing is torn when one of them is killed.
//!
//! Every write goes the same way: the bytes go to a temporary file beside
//! the target (`.<name>.tmp-<pid>-<n>`, flushed to disk), then
//! - a **new file** gets its name by a rename that refuses to replace
//!   (`RENAME_NOREPLACE` on Linux; elsewhere a hard link from the temporary
//!   file), which fails if the name exists: a file that appeared meanwhile is never
//!   replaced ([`Expect::Absent`]); [`create_all`] then tries the next
//!   name (`dana-2`, `dana-3`), so ids come from the disk, not from memory;
//! - a **replaced file** is renamed over under the workspace lock, after
//!   re-checking, under that same lock, that the file still holds what was
//!   read ([`Expect::Content`]); the lock is held only for that check and
//!   the rename, never while encoding or flushing.
//!
//! The workspace lock is an advisory `flock` on the workspace folder
//! itself, so there is no lock file to leave behind: the kernel releases
//! the lock of a process that dies, whatever killed it, and the next writer
//! simply takes it. Where the file system has no hard links the creation
//! falls back to check-and-rename under the same lock.
//!
//! # Writing a file of your own
//!
//! New kinds of workspace files (`icps/<id>/scoring.toml`,
//! `templates/outreach/<id>.toml`, `metrics/...`) use [`write_file`] with
//! the text they read (or `None` for a new file):
//!
//! ```no_run
//! # use persona::store::write::{Expect, write_file};
//! # let root = std::path::Path::new("ws");
//! # let read: Option<String> = None;
//! let expect = match &read {
//!     Some(text) => Expect::content(text.as_bytes()),
//!     None => Expect::Absent,
//! };
//! write_file(root, "icps/acme/scoring.toml", b"schema = 1\n", expect)?;
//! # Ok::<(), persona::store::StoreError>(())
//! ```
//!
//! It refuses with [`StoreError::Occupied`], [`StoreError::ChangedOnDisk`]
//! or [`StoreError::Vanished`] (tell the user, or re-read and apply the
//! change again), and [`StoreError::Write`] for I/O failures. Never write
//! workspace files with `fs::write`: a kill mid-write tears them.

use super::StoreError;
use super::atomic::{self, sync_dir};
use super::fingerprint::Fingerprint;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// What a write expects to find where it writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// Nothing: the file is created, and a file that exists (or appears
    /// before the write lands) is left alone.
    Absent,
    /// The file as it was read: if it changed or vanished since, nothing is
    /// written.
    Content(Fingerprint),
    /// Whatever is there is replaced (the user chose to overwrite).
    Any,
}

impl Expect {
    /// The file must still hold exactly `bytes` (what was read).
    pub fn content(bytes: &[u8]) -> Expect {
        Expect::Content(Fingerprint::of_content(bytes))
    }
}

/// Why a write did not happen.
#[derive(Debug)]
pub enum Refusal {
    /// [`Expect::Absent`], but a file is there.
    Occupied,
    /// [`Expect::Content`], but the file holds something else.
    Changed,
    /// [`Expect::Content`], but the file is gone.
    Vanished,
    Io(io::Error),
}

impl From<io::Error> for Refusal {
    fn from(error: io::Error) -> Refusal {
        Refusal::Io(error)
    }
}

impl Refusal {
    /// The refusal as a store error about `relative` (a path in the
    /// workspace, as shown to the user).
    pub fn into_store_error(self, relative: &str) -> StoreError {
        let path = relative.to_string();
        match self {
            Refusal::Occupied => StoreError::Occupied { path },
            Refusal::Changed => StoreError::ChangedOnDisk { path },
            Refusal::Vanished => StoreError::Vanished { path },
            Refusal::Io(source) => StoreError::Write { path, source },
        }
    }
}

/// Writes `bytes` to `relative` inside the workspace at `root`, atomically,
/// if the file is as `expect` says (see the module documentation).
/// Replacing a file with the bytes it already holds touches nothing.
pub fn write_file(
    root: &Path,
    relative: &str,
    bytes: &[u8],
    expect: Expect,
) -> Result<(), StoreError> {
    write(root, &root.join(relative), bytes, expect).map_err(|r| r.into_store_error(relative))
}

/// [`write_file`] with an absolute `path` inside the folder `root` whose
/// lock guards it (a workspace, or an export folder).
pub fn write(root: &Path, path: &Path, bytes: &[u8], expect: Expect) -> Result<(), Refusal> {
    if expect != Expect::Absent
        && let Ok(existing) = fs::read(path)
        && existing == bytes
    {
        // Nothing to write; a file read from an older version is still a
        // conflict.
        return match expect {
            Expect::Content(then) if !then.same_content(&Fingerprint::of_content(&existing)) => {
                Err(Refusal::Changed)
            }
            _ => Ok(()),
        };
    }
    let dir = folder_of(path)?;
    fs::create_dir_all(dir)?;
    let temp = stage(path, bytes)?;
    let result = match expect {
        Expect::Absent => link_new(root, &temp, path),
        Expect::Content(_) | Expect::Any => replace(root, &temp, path, expect),
    };
    let _ = fs::remove_file(&temp);
    result?;
    sync_dir(dir);
    Ok(())
}

/// A new file for [`create_all`]: its bytes, and the name to try for each
/// attempt (`name(first)`, then `name(first + 1)`, ...), relative to the
/// workspace. Every name must be in the same folder.
pub struct NewFile<'a> {
    pub bytes: &'a [u8],
    pub first: u32,
    pub name: &'a dyn Fn(u32) -> String,
}

/// Creates every file or none, never replacing anything: all temporary
/// files are written and flushed first (a failure there writes nothing),
/// then each is linked to the first free name from its `first` attempt on
/// (a name taken on disk, even by a file that could not be loaded, is
/// skipped). If a link fails for another reason, the files already created
/// are removed again. Returns the names used, in order.
pub fn create_all(root: &Path, files: &[NewFile]) -> Result<Vec<String>, StoreError> {
    let mut staged: Vec<PathBuf> = Vec::with_capacity(files.len());
    let cleanup = |staged: &[PathBuf]| {
        for temp in staged {
            let _ = fs::remove_file(temp);
        }
    };
    for file in files {
        let relative = (file.name)(file.first);
        let path = root.join(&relative);
        let staging = folder_of(&path)
            .and_then(|dir| fs::create_dir_all(dir).map(|_| ()))
            .and_then(|_| stage(&path, file.bytes));
        match staging {
            Ok(temp) => staged.push(temp),
            Err(source) => {
                cleanup(&staged);
                return Err(StoreError::Write {
                    path: relative,
                    source,
                });
            }
        }
    }
    let mut created: Vec<String> = Vec::with_capacity(files.len());
    for (file, temp) in files.iter().zip(&staged) {
        let mut attempt = file.first;
        loop {
            let relative = (file.name)(attempt);
            match link_new(root, temp, &root.join(&relative)) {
                Ok(()) => {
                    created.push(relative);
                    break;
                }
                Err(Refusal::Occupied) if attempt < file.first.saturating_add(10_000) => {
                    attempt += 1;
                }
                Err(refusal) => {
                    for done in &created {
                        let _ = fs::remove_file(root.join(done));
                    }
                    cleanup(&staged);
                    return Err(refusal.into_store_error(&relative));
                }
            }
        }
    }
    cleanup(&staged);
    let mut dirs: Vec<&Path> = created
        .iter()
        .filter_map(|r| Path::new(r).parent())
        .collect();
    dirs.dedup();
    for dir in dirs {
        sync_dir(&root.join(dir));
    }
    Ok(created)
}

/// The workspace lock, held until dropped: an exclusive `flock` on the
/// folder. Released by the kernel when the process ends, however it ends.
pub struct Lock {
    _folder: Option<File>,
}

impl Lock {
    /// Waits for the lock of the folder `root`. Where the platform or file
    /// system cannot lock, the write goes ahead unlocked (as before locks).
    pub fn take(root: &Path) -> io::Result<Lock> {
        #[cfg(unix)]
        {
            let folder = File::open(root)?;
            match folder.lock() {
                Ok(()) => Ok(Lock {
                    _folder: Some(folder),
                }),
                Err(e) if e.kind() == io::ErrorKind::Unsupported => Ok(Lock { _folder: None }),
                Err(e) => Err(e),
            }
        }
        #[cfg(not(unix))]
        {
            let _ = root;
            Ok(Lock { _folder: None })
        }
    }
}

fn folder_of(path: &Path) -> io::Result<&Path> {
    path.parent()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "path has no folder"))
}

/// Writes and flushes the temporary file beside `path`, keeping the
/// permissions of the file it will replace.
fn stage(path: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
    stage_file(path, bytes, true, true)
}

/// Writes the temporary file beside `path`, flushed to disk when `flush` (a
/// batch flushes all of its temporaries together instead), with the
/// permissions of the file it will replace when `replacing` (a new file
/// needs no look). Nothing is left on failure.
pub(super) fn stage_file(
    path: &Path,
    bytes: &[u8],
    flush: bool,
    replacing: bool,
) -> io::Result<PathBuf> {
    let temp = atomic::temp_path(path);
    let written = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        if replacing && let Ok(meta) = fs::metadata(path) {
            let _ = file.set_permissions(meta.permissions());
        }
        file.write_all(bytes)?;
        if flush { file.sync_all() } else { Ok(()) }
    })();
    match written {
        Ok(()) => Ok(temp),
        Err(e) => {
            let _ = fs::remove_file(&temp);
            Err(e)
        }
    }
}

/// Gives the staged file its name, failing if the name is taken.
pub(super) fn link_new(root: &Path, temp: &Path, path: &Path) -> Result<(), Refusal> {
    #[cfg(target_os = "linux")]
    match rename_no_replace(temp, path) {
        Ok(()) => return Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Err(Refusal::Occupied),
        // Not on this file system (or kernel): link instead.
        Err(_) => {}
    }
    match fs::hard_link(temp, path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(Refusal::Occupied),
        Err(e) if no_links(&e) => {
            // No hard links here: check and rename under the lock instead.
            let _lock = Lock::take(root)?;
            if fs::symlink_metadata(path).is_ok() {
                return Err(Refusal::Occupied);
            }
            fs::rename(temp, path)?;
            Ok(())
        }
        Err(e) => Err(e.into()),
    }
}

/// Renames `temp` to `path` unless `path` exists, in one step (one
/// folder entry changed, where a link and an unlink change two).
#[cfg(target_os = "linux")]
fn rename_no_replace(temp: &Path, path: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        CString::new(p.as_os_str().as_bytes())
            .map_err(|_| io::Error::from(io::ErrorKind::InvalidInput))
    };
    let (from, to) = (c(temp)?, c(path)?);
    // SAFETY: both are NUL-terminated strings that outlive the call.
    let done = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            from.as_ptr(),
            libc::AT_FDCWD,
            to.as_ptr(),
            libc::RENAME_NOREPLACE,
        )
    };
    if done == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Whether a failed link means this file system has no (more) hard links,
/// rather than a real failure to write.
fn no_links(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::Unsupported
            | io::ErrorKind::PermissionDenied
            | io::ErrorKind::CrossesDevices
            | io::ErrorKind::TooManyLinks
    )
}

/// Renames the staged file over `path` under the lock, after checking
/// there that the file is still what `expect` says.
pub(super) fn replace(
    root: &Path,
    temp: &Path,
    path: &Path,
    expect: Expect,
) -> Result<(), Refusal> {
    let _lock = Lock::take(root)?;
    if let Expect::Content(then) = expect {
        match Fingerprint::of(path) {
            None => return Err(Refusal::Vanished),
            Some(now) if !then.same_content(&now) => return Err(Refusal::Changed),
            Some(_) => {}
        }
    }
    fs::rename(temp, path)?;
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
    fn a_new_file_never_replaces_one_that_exists() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write_file(root, "a/x.toml", b"one", Expect::Absent).unwrap();
        let again = write_file(root, "a/x.toml", b"two", Expect::Absent).unwrap_err();
        assert!(matches!(again, StoreError::Occupied { .. }), "{again}");
        assert_eq!(fs::read(root.join("a/x.toml")).unwrap(), b"one");
        assert_eq!(names(&root.join("a")), ["x.toml"], "no temporary left");
    }

    #[test]
    fn a_replace_checks_what_was_read() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write_file(root, "x.toml", b"one", Expect::Absent).unwrap();
        write_file(root, "x.toml", b"two", Expect::content(b"one")).unwrap();
        let stale = write_file(root, "x.toml", b"three", Expect::content(b"one")).unwrap_err();
        assert!(matches!(stale, StoreError::ChangedOnDisk { .. }), "{stale}");
        // The same bytes as on disk, but read from an older version: still
        // a conflict, not a silent success.
        let stale = write_file(root, "x.toml", b"two", Expect::content(b"one")).unwrap_err();
        assert!(matches!(stale, StoreError::ChangedOnDisk { .. }), "{stale}");
        assert_eq!(fs::read(root.join("x.toml")).unwrap(), b"two");
        fs::remove_file(root.join("x.toml")).unwrap();
        let gone = write_file(root, "x.toml", b"four", Expect::content(b"two")).unwrap_err();
        assert!(matches!(gone, StoreError::Vanished { .. }), "{gone}");
        assert!(!root.join("x.toml").exists());
        write_file(root, "x.toml", b"five", Expect::Any).unwrap();
        assert_eq!(names(root), ["x.toml"]);
    }

    #[test]
    fn create_all_takes_the_next_free_name_or_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir(root.join("interviews")).unwrap();
        // Taken on disk by a file nobody could load.
        fs::write(root.join("interviews/dana.toml"), "<<<<<<< ours").unwrap();
        let name = |n: u32| match n {
            1 => "interviews/dana.toml".to_string(),
            n => format!("interviews/dana-{n}.toml"),
        };
        let files = [
            NewFile {
                bytes: b"first",
                first: 1,
                name: &name,
            },
            NewFile {
                bytes: b"second",
                first: 1,
                name: &name,
            },
        ];
        let made = create_all(root, &files).unwrap();
        assert_eq!(made, ["interviews/dana-2.toml", "interviews/dana-3.toml"]);
        assert_eq!(
            fs::read_to_string(root.join("interviews/dana.toml")).unwrap(),
            "<<<<<<< ours"
        );
        assert_eq!(
            fs::read(root.join("interviews/dana-3.toml")).unwrap(),
            b"second"
        );

        // A file that cannot be staged (its folder is a file) writes none.
        fs::write(root.join("blocked"), "").unwrap();
        let blocked = |_: u32| "blocked/x.toml".to_string();
        let files = [
            NewFile {
                bytes: b"third",
                first: 1,
                name: &name,
            },
            NewFile {
                bytes: b"x",
                first: 1,
                name: &blocked,
            },
        ];
        assert!(create_all(root, &files).is_err());
        assert_eq!(
            names(&root.join("interviews")),
            ["dana-2.toml", "dana-3.toml", "dana.toml"]
        );
    }

    #[test]
    fn the_lock_is_exclusive_between_open_files() {
        let dir = tempfile::tempdir().unwrap();
        let held = Lock::take(dir.path()).unwrap();
        let other = File::open(dir.path()).unwrap();
        assert!(matches!(
            other.try_lock(),
            Err(fs::TryLockError::WouldBlock)
        ));
        drop(held);
        other.try_lock().unwrap();
    }
}
