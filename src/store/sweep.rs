//! Cleaning up after a crash: temporary files that an interrupted save left
//! behind are removed on the next start (loading already ignores them).

use super::atomic::{TEMP_MARK, is_temp_name};
use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

/// A temporary file older than this is stale even if its writer's process
/// id is in use again.
const STALE_AFTER: Duration = Duration::from_secs(60 * 60);

/// Removes leftover temporary files in the workspace's folders. A file whose
/// writer is still running (another `persona` saving right now) is left alone.
/// Returns how many were removed.
pub fn sweep_temp_files(root: &Path) -> usize {
    let mut removed = 0;
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                // The trash keeps whatever was deleted, exactly as it was.
                if name != super::layout::TRASH && name != ".git" {
                    dirs.push(entry.path());
                }
            } else if is_temp_name(&name)
                && is_abandoned(&entry.path(), &name)
                && fs::remove_file(entry.path()).is_ok()
            {
                removed += 1;
            }
        }
    }
    removed
}

fn is_abandoned(path: &Path, name: &str) -> bool {
    let old = fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| SystemTime::now().duration_since(t).ok())
        .is_some_and(|age| age > STALE_AFTER);
    old || !writer_alive(name)
}

/// Whether the process that named this temporary file still runs. Where
/// that cannot be told, assume it does (only age then sweeps the file).
fn writer_alive(name: &str) -> bool {
    let Some(pid) = name
        .rsplit_once(TEMP_MARK)
        .and_then(|(_, tail)| tail.split('-').next())
        .and_then(|pid| pid.parse::<u32>().ok())
    else {
        return false;
    };
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
}
