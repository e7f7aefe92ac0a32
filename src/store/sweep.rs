//! Cleaning up after a crash: temporary files that an interrupted save left
//! behind are removed on the next start (loading already ignores them).
//!
//! Only what persona itself writes is ever removed: a file whose whole name
//! is one of our temporaries (`.<name>.tmp-<pid>-<n>`, where `<name>` is a
//! kind of file persona writes and `<pid>` and `<n>` are numbers), in a
//! folder persona writes to (not `research/`, not `.git/`, not the trash),
//! and only once its writer is gone. A `.env.tmp-backup` or a
//! `notes.md.tmp-old` of someone's own is never touched.

use super::atomic::TEMP_MARK;
use super::layout;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// A temporary file older than this is stale even if its writer's process
/// id is in use again.
const STALE_AFTER: Duration = Duration::from_secs(60 * 60);

/// The kinds of file persona writes (by how the name ends), whose
/// temporaries it may sweep.
const WRITTEN: [&str; 5] = [".toml", ".md", ".json", ".gitignore", ".gitattributes"];

/// Removes leftover temporary files in the workspace's own folders (the
/// workspace itself, `icps/` with each ICP and its personas, `interviews/`,
/// `templates/` and its subfolders, `metrics/`, `.drafts/`, `.cache/`). A
/// file whose writer is still running (another `persona` saving right now)
/// is left alone. Returns how many were removed.
pub fn sweep_temp_files(root: &Path) -> usize {
    workspace_folders(root)
        .iter()
        .map(|dir| sweep_folder(dir))
        .sum()
}

/// The folders persona writes to in the workspace at `root`.
fn workspace_folders(root: &Path) -> Vec<PathBuf> {
    let mut dirs = vec![root.to_path_buf()];
    for top in [
        layout::ICPS,
        layout::INTERVIEWS,
        layout::TEMPLATES,
        layout::DRAFTS,
        ".cache",
        "metrics",
    ] {
        let dir = root.join(top);
        if !dir.is_dir() {
            continue;
        }
        let children = subfolders(&dir);
        if top == layout::ICPS {
            for icp in &children {
                dirs.push(icp.join("personas"));
            }
        }
        dirs.push(dir);
        dirs.extend(children);
    }
    dirs
}

fn subfolders(dir: &Path) -> Vec<PathBuf> {
    fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect()
}

/// Removes our abandoned temporary files from one folder (not its
/// subfolders); the export writer sweeps its folders with this too.
pub fn sweep_folder(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = our_temp(&name) else {
            continue;
        };
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && is_abandoned(&entry.path(), pid) && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Removes the temporary folders an interrupted export left in `dir`
/// (`.personas.tmp-<pid>-<n>` for a folder named in `names`, see
/// [`super::batch::NewFolder`]), once their writer is gone. Returns how
/// many were removed.
pub fn sweep_new_folders(dir: &Path, names: &[&str]) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = temp_of(&name, |target| names.contains(&target)) else {
            continue;
        };
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir && is_abandoned(&entry.path(), pid) && fs::remove_dir_all(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// The writer's process id, if `name` is exactly one of our temporary
/// files: `.` + a name persona writes + `.tmp-` + pid + `-` + counter.
pub fn our_temp(name: &str) -> Option<u32> {
    temp_of(name, |target| {
        WRITTEN
            .iter()
            .any(|end| target.ends_with(end) && target.len() >= end.len())
    })
}

/// The writer's process id, if `name` is `.` + a name `target` accepts +
/// `.tmp-` + pid + `-` + counter.
fn temp_of(name: &str, target: impl Fn(&str) -> bool) -> Option<u32> {
    let rest = name.strip_prefix('.')?;
    let (of, tail) = rest.rsplit_once(TEMP_MARK)?;
    let (pid, counter) = tail.split_once('-')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !(target(of) && digits(pid) && digits(counter)) || of.contains('/') {
        return None;
    }
    pid.parse().ok()
}

fn is_abandoned(path: &Path, pid: u32) -> bool {
    let old = fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| SystemTime::now().duration_since(t).ok())
        .is_some_and(|age| age > STALE_AFTER);
    old || !writer_alive(pid)
}

/// Whether the process that named a temporary file still runs. Where that
/// cannot be told, assume it does (only age then sweeps the file).
fn writer_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let proc = Path::new("/proc");
    if proc.join("self").exists() {
        proc.join(pid.to_string()).exists()
    } else {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_temp_files_of_dead_writers_only() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("icps/a/personas");
        fs::create_dir_all(&sub).unwrap();
        // No process has id 4294967; ours is alive.
        let dead = sub.join(format!(".p.toml{TEMP_MARK}4294967-0"));
        let live = sub.join(format!(".q.toml{TEMP_MARK}{}-0", std::process::id()));
        let keep = sub.join("p.toml");
        for path in [&dead, &live, &keep] {
            fs::write(path, "x").unwrap();
        }
        assert_eq!(sweep_temp_files(dir.path()), 1);
        assert!(!dead.exists());
        assert!(live.exists() && keep.exists());
    }

    #[test]
    fn only_our_own_names_in_our_own_folders() {
        assert_eq!(our_temp(".dana.toml.tmp-4294967-12"), Some(4294967));
        assert_eq!(our_temp("..gitignore.tmp-77-0"), Some(77));
        for name in [
            ".env.tmp-backup",
            ".q3-synthesis.md.tmp-old",
            ".notes.txt.tmp-1-2",
            ".dana.toml.tmp-12",
            ".dana.toml.tmp-12-x",
            "dana.toml.tmp-1-2",
            ".toml.tmp-1-2x",
        ] {
            assert_eq!(our_temp(name), None, "{name}");
        }
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let research = root.join("research");
        fs::create_dir_all(&research).unwrap();
        fs::create_dir_all(root.join("interviews")).unwrap();
        let theirs = [
            root.join(".env.tmp-backup"),
            research.join(".q3-synthesis.md.tmp-old"),
            research.join(".dana.toml.tmp-4294967-0"),
        ];
        let ours = root.join("interviews/.dana.toml.tmp-4294967-0");
        for path in theirs.iter().chain([&ours]) {
            fs::write(path, "x").unwrap();
        }
        assert_eq!(sweep_temp_files(root), 1);
        assert!(!ours.exists());
        assert!(theirs.iter().all(|p| p.exists()));
    }
}
