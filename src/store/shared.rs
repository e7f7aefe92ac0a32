//! The files of a workspace that a team shares: every `.toml` file outside
//! the folders that stay on one machine (`.drafts/`, `.trash/`, `.cache/`,
//! `.git/`: every folder whose name starts with a dot). What `persona
//! privacy` searches before a push.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// How deep folders are followed (the layout is three deep).
const MAX_DEPTH: usize = 8;

/// Every shared `.toml` file under `root`: its path relative to `root`
/// (`/` separated) and its full path, sorted by relative path. Symbolic
/// links are not followed, so nothing outside the workspace is read.
pub fn shared_files(root: &Path) -> io::Result<Vec<(String, PathBuf)>> {
    let mut files = Vec::new();
    walk(root, "", 0, &mut files)?;
    files.sort();
    Ok(files)
}

fn walk(
    dir: &Path,
    prefix: &str,
    depth: usize,
    out: &mut Vec<(String, PathBuf)>,
) -> io::Result<()> {
    if depth > MAX_DEPTH {
        return Ok(());
    }
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let relative = format!("{prefix}{name}");
        let kind = entry.file_type()?;
        if kind.is_dir() {
            walk(&entry.path(), &format!("{relative}/"), depth + 1, out)?;
        } else if kind.is_file() && name.ends_with(".toml") {
            out.push((relative, entry.path()));
        }
    }
    Ok(())
}
