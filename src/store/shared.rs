//! The files of a workspace that a team shares: every `.toml` file outside
//! the folders that stay on one machine (`.drafts/`, `.trash/`, `.cache/`,
//! `.git/`: every folder whose name starts with a dot). What `persona
//! privacy` searches before a push.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// How many files [`read_in_batches`] holds at once.
pub const BATCH: usize = 512;

/// Reads `files` ([`shared_files`]) [`BATCH`] at a time and hands each
/// batch to `each`: every file's relative path and its text (invalid UTF-8
/// replaced), or why it could not be read. A batch's texts are dropped
/// before the next is read, so a workspace of 300 MB is never all in
/// memory. Stops early when `each` returns `false`.
pub fn read_in_batches(
    files: &[(String, PathBuf)],
    mut each: impl FnMut(Vec<(&str, io::Result<String>)>) -> bool,
) {
    for batch in files.chunks(BATCH) {
        let texts = batch
            .iter()
            .map(|(relative, path)| {
                let text = fs::read(path).map(|b| String::from_utf8_lossy(&b).into_owned());
                (relative.as_str(), text)
            })
            .collect();
        if !each(texts) {
            return;
        }
    }
}

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
