//! `.cache/homes.txt`: which ICP folder each persona's file is in, written
//! beside the listing's index so that `show ID` and `export ID` can go to a
//! persona's file without looking for it in every ICP folder (at 1,000
//! ICPs that search was a fifth of `show`'s time).
//!
//! It lists every persona file the listing saw, also those changed too
//! recently for the index to keep (where a file is does not need it to
//! have settled). Only a hint: the folder it names is checked to hold the
//! file before it is used, and a persona it does not know, or knows wrongly, is looked
//! for in every folder as before. An id found in two folders when the hint
//! was written is left out, so that search reports it. A copy made into a
//! second folder after the hint was written goes unnoticed by `show` until
//! the next listing; `validate` always reads every folder.
//!
//! One line per persona, `id`, a tab, the ICP folder; nothing else, so a
//! line is found by one substring search for `\nid\t`.

use memchr::memmem;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// Where the hint lives, relative to the workspace (beside the index).
pub const PATH: &str = ".cache/homes.txt";

/// The first line; a file without it is not a hint of this kind.
const HEADER: &str = "persona homes 1\n";

/// The hint's text for the files of a listing, by their relative paths
/// (paths other than personas' are skipped).
pub fn text<'a>(paths: impl Iterator<Item = &'a str>) -> String {
    // `None`: the id is in more than one folder.
    let mut homes: BTreeMap<&str, Option<&str>> = BTreeMap::new();
    for path in paths {
        let Some((icp, id)) = persona_place(path) else {
            continue;
        };
        homes
            .entry(id)
            .and_modify(|home| {
                if *home != Some(icp) {
                    *home = None;
                }
            })
            .or_insert(Some(icp));
    }
    let mut out = String::from(HEADER);
    for (id, icp) in homes {
        if let Some(icp) = icp {
            out.push_str(id);
            out.push('\t');
            out.push_str(icp);
            out.push('\n');
        }
    }
    out
}

/// `(icp, persona)` of a path `icps/ICP/personas/ID.toml`.
fn persona_place(path: &str) -> Option<(&str, &str)> {
    let rest = path.strip_prefix("icps/")?;
    let (icp, file) = rest.split_once("/personas/")?;
    let id = file.strip_suffix(".toml")?;
    (!icp.contains('/') && !id.contains('/') && !id.contains(['\t', '\n'])).then_some((icp, id))
}

/// The ICP folder the hint gives for persona `id`, unchecked.
pub fn find(root: &Path, id: &str) -> Option<String> {
    let path = root.join(PATH);
    // The cache folder may be a link someone left; a hint is read only
    // from a real file inside the workspace, as the index is.
    if !fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_file()) {
        return None;
    }
    let bytes = fs::read(&path).ok()?;
    if !bytes.starts_with(HEADER.as_bytes()) {
        return None;
    }
    // From the header's newline on, every line starts after a newline.
    let lines = &bytes[HEADER.len() - 1..];
    let needle = format!("\n{id}\t");
    let at = memmem::find(lines, needle.as_bytes())? + needle.len();
    let rest = &lines[at..];
    let end = memchr::memchr(b'\n', rest)?;
    let icp = std::str::from_utf8(&rest[..end]).ok()?;
    crate::domain::id::is_valid_id(icp).then(|| icp.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_persona_is_found_in_its_folder_and_a_twice_filed_one_not_at_all() {
        let paths = [
            "icps/retail/icp.toml",
            "icps/retail/personas/olivia.toml",
            "icps/retail/personas/sam.toml",
            "icps/wholesale/personas/sam.toml",
            "icps/wholesale/personas/oli.toml",
            "interviews/olivia.toml",
        ];
        let text = text(paths.into_iter());
        assert_eq!(
            text, "persona homes 1\noli\twholesale\nolivia\tretail\n",
            "sorted by id, the twice-filed `sam` left out"
        );
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join(".cache")).unwrap();
        fs::write(dir.path().join(PATH), &text).unwrap();
        assert_eq!(find(dir.path(), "olivia").as_deref(), Some("retail"));
        assert_eq!(find(dir.path(), "oli").as_deref(), Some("wholesale"));
        assert_eq!(find(dir.path(), "sam"), None);
        assert_eq!(find(dir.path(), "liv"), None, "whole ids only");
    }

    #[test]
    fn a_foreign_or_missing_file_is_no_hint() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(find(dir.path(), "olivia"), None);
        fs::create_dir(dir.path().join(".cache")).unwrap();
        fs::write(dir.path().join(PATH), "olivia\tretail\n").unwrap();
        assert_eq!(find(dir.path(), "olivia"), None);
    }
}
