//! Putting one workspace file in the trash, for a person who chose to let
//! it go (keeping the side of a merge that deleted it): the file is moved to
//! `.trash/<time>/<its path>`, where it can be fetched back, and only if it
//! still holds what was shown; the check and the move happen under the
//! workspace lock, so a write by another window in between is never lost.

use super::StoreError;
use super::fingerprint::Fingerprint;
use super::layout;
use super::write::{Expect, Lock};
use std::fs;
use std::path::Path;

/// A name for a new folder of the trash: the time, to the second, with
/// `-2`, `-3` when the folder exists.
pub fn trash_stamp(root: &Path) -> String {
    let base = jiff::Timestamp::now().strftime("%Y%m%d-%H%M%S").to_string();
    let mut stamp = base.clone();
    let mut n = 2;
    while root.join(layout::TRASH).join(&stamp).exists() {
        stamp = format!("{base}-{n}");
        n += 1;
    }
    stamp
}

/// Moves `relative` to the trash if it is as `expect` says. Returns where
/// it went, relative to the workspace. [`StoreError::Vanished`] when it is
/// gone already, [`StoreError::ChangedOnDisk`] when it changed.
pub fn trash_file(root: &Path, relative: &str, expect: Expect) -> Result<String, StoreError> {
    let write_error = |source| StoreError::Write {
        path: relative.to_string(),
        source,
    };
    let path = root.join(relative);
    let _lock = Lock::take(root).map_err(write_error)?;
    let bytes = match fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(StoreError::Vanished {
                path: relative.to_string(),
            });
        }
        Err(e) => return Err(write_error(e)),
    };
    if let Expect::Content(then) = expect
        && !then.same_content(&Fingerprint::of_content(&bytes))
    {
        return Err(StoreError::ChangedOnDisk {
            path: relative.to_string(),
        });
    }
    let location = format!("{}/{}/{relative}", layout::TRASH, trash_stamp(root));
    let target = root.join(&location);
    if let Some(parent) = target.parent() {
        fs::create_dir_all(parent).map_err(write_error)?;
    }
    fs::rename(&path, &target).map_err(write_error)?;
    for dir in [path.parent(), target.parent()].into_iter().flatten() {
        super::atomic::sync_dir(dir);
    }
    Ok(location)
}

/// Keeps a copy of something removed from inside a file (a best customer
/// taken out of `icp.toml`) as a file of its own in the trash, at
/// `.trash/<time>/<relative>`, so it can be fetched back after the app is
/// closed. Returns where it went, relative to the workspace.
pub fn keep_in_trash(root: &Path, relative: &str, bytes: &[u8]) -> Result<String, StoreError> {
    let location = format!("{}/{}/{relative}", layout::TRASH, trash_stamp(root));
    let path = root.join(&location);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|source| StoreError::Write {
            path: location.clone(),
            source,
        })?;
    }
    super::write::write_file(root, &location, bytes, Expect::Absent)?;
    Ok(location)
}

/// Keeps a best customer removed from ICP `icp`'s list in the trash, as a
/// `[[best_customers]]` entry that can be pasted back into its `icp.toml`.
pub fn keep_customer(
    root: &Path,
    icp: &str,
    customer: &crate::domain::BestCustomer,
) -> Result<String, StoreError> {
    #[derive(serde::Serialize)]
    struct Entry<'a> {
        best_customers: [&'a crate::domain::BestCustomer; 1],
    }
    let file = format!("{}/icp.toml", layout::icp_dir(icp));
    let relative = format!(
        "{}/best-customers/{}.toml",
        layout::icp_dir(icp),
        crate::domain::id::slugify(customer.label(), "customer")
    );
    let entry = toml::to_string(&Entry {
        best_customers: [customer],
    })
    .map_err(|e| StoreError::Encode {
        path: relative.clone(),
        message: e.to_string(),
    })?;
    let text = format!(
        "# Removed from the best customers in {file} on {}.\n# To bring it back, paste the entry below at the end of that file.\n\n{entry}",
        jiff::ZonedDateTime::now().date()
    );
    keep_in_trash(root, &relative, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_goes_to_the_trash_only_while_it_is_as_shown() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("interviews")).unwrap();
        fs::write(root.join("interviews/dana.toml"), "title = \"Dana\"\n").unwrap();
        let changed = trash_file(
            root,
            "interviews/dana.toml",
            Expect::content(b"title = \"Someone else\"\n"),
        );
        assert!(matches!(changed, Err(StoreError::ChangedOnDisk { .. })));
        assert!(root.join("interviews/dana.toml").is_file());

        let went = trash_file(
            root,
            "interviews/dana.toml",
            Expect::content(b"title = \"Dana\"\n"),
        )
        .unwrap();
        assert!(went.starts_with(".trash/") && went.ends_with("/interviews/dana.toml"));
        assert!(!root.join("interviews/dana.toml").exists());
        assert_eq!(
            fs::read_to_string(root.join(&went)).unwrap(),
            "title = \"Dana\"\n"
        );
        let gone = trash_file(root, "interviews/dana.toml", Expect::Any);
        assert!(matches!(gone, Err(StoreError::Vanished { .. })));
    }

    #[test]
    fn a_part_of_a_file_is_kept_in_the_trash_as_a_file_of_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let first =
            keep_in_trash(root, "icps/acme/acme-outdoor.toml", b"company = \"Acme\"\n").unwrap();
        let second = keep_in_trash(
            root,
            "icps/acme/acme-outdoor.toml",
            b"company = \"Acme 2\"\n",
        )
        .unwrap();
        assert_ne!(
            first, second,
            "a second removal in the same second gets its own folder"
        );
        assert_eq!(
            fs::read_to_string(root.join(&first)).unwrap(),
            "company = \"Acme\"\n"
        );
        assert_eq!(
            fs::read_to_string(root.join(&second)).unwrap(),
            "company = \"Acme 2\"\n"
        );
    }
}
