//! The workspace's secret salt for shopper keys.
//!
//! A shopper exported without a customer id is keyed by a salted hash of
//! their e-mail ([`super::customers::email_key`]). The salt is 32 random
//! bytes in `.local/shopper-salt` inside the workspace; `.local/` is listed
//! in the workspace's `.gitignore`, so the salt stays on this machine and
//! the keys in the shared files cannot be checked against a list of
//! e-mails. A teammate who re-imports the same shop on another machine
//! gets other keys unless they copy the file (exports with a customer id,
//! as Shopify's and Stripe's have, do not need it).

use crate::store::StoreError;
use crate::store::fingerprint::Fingerprint;
use crate::store::write::{Expect, write_file};
use std::fs;
use std::io;
use std::path::Path;

/// Where the salt lives, relative to the workspace.
pub const SALT_FILE: &str = ".local/shopper-salt";

/// The line `.gitignore` needs so the salt is never committed.
const IGNORE_LINE: &str = ".local/";

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    let text = text.trim();
    if text.len() < 32 || !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

fn random() -> Result<[u8; 32], String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| format!("could not get random bytes for the shopper key salt: {e}"))?;
    Ok(bytes)
}

/// The workspace's salt, if it has one.
pub fn read_salt(root: &Path) -> Result<Option<Vec<u8>>, String> {
    let path = root.join(SALT_FILE);
    match fs::read_to_string(&path) {
        Ok(text) => unhex(&text).map(Some).ok_or_else(|| {
            format!(
                "{} is damaged (it should hold 64 hex digits); restore it from a backup, or delete it to start new keys",
                path.display()
            )
        }),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("could not read {}: {e}", path.display())),
    }
}

/// A new salt, not written anywhere yet.
pub fn new_salt() -> Result<Vec<u8>, String> {
    random().map(|bytes| bytes.to_vec())
}

/// Writes `salt` as the workspace's salt unless it has one already (made
/// by another import meanwhile), lists `.local/` in `.gitignore`, and
/// returns the salt the workspace now has: when it is not `salt`, keys
/// made with `salt` must be made again.
pub fn keep_salt(root: &Path, salt: &[u8]) -> Result<Vec<u8>, String> {
    if let Some(existing) = read_salt(root)? {
        return Ok(existing);
    }
    ignore_local(root)?;
    let text = format!("{}\n", hex(salt));
    match write_file(root, SALT_FILE, text.as_bytes(), Expect::Absent) {
        Ok(()) => Ok(salt.to_vec()),
        // Another import made one meanwhile: theirs it is.
        Err(StoreError::Occupied { .. }) => read_salt(root)?
            .ok_or_else(|| format!("could not read {}", root.join(SALT_FILE).display())),
        Err(e) => Err(e.to_string()),
    }
}

/// Adds `.local/` to the workspace's `.gitignore` when it is not there.
fn ignore_local(root: &Path) -> Result<(), String> {
    let path = root.join(".gitignore");
    // Re-read and retry when someone else changed the file meanwhile.
    for _ in 0..5 {
        let (old, expect) = match fs::read(&path) {
            Ok(bytes) => (
                String::from_utf8_lossy(&bytes).into_owned(),
                Expect::Content(Fingerprint::of_content(&bytes)),
            ),
            Err(e) if e.kind() == io::ErrorKind::NotFound => (String::new(), Expect::Absent),
            Err(e) => return Err(format!("could not read {}: {e}", path.display())),
        };
        if old
            .lines()
            .any(|l| l.trim() == IGNORE_LINE || l.trim() == ".local")
        {
            return Ok(());
        }
        let mut new = old;
        if !new.is_empty() && !new.ends_with('\n') {
            new.push('\n');
        }
        new.push_str(
            "# Local to this machine: the salt that keys shoppers without a customer id.\n",
        );
        new.push_str(IGNORE_LINE);
        new.push('\n');
        match write_file(root, ".gitignore", new.as_bytes(), expect) {
            Err(e) if e.is_conflict() || matches!(e, StoreError::Occupied { .. }) => continue,
            other => return other.map_err(|e| e.to_string()),
        }
    }
    Err(format!(
        "{} kept changing while `.local/` was being added to it; add that line by hand",
        path.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn made_once_kept_local_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".gitignore"), ".drafts/\n").unwrap();
        assert_eq!(read_salt(dir.path()).unwrap(), None);
        let salt = new_salt().unwrap();
        assert_eq!(salt.len(), 32);
        assert!(!dir.path().join(SALT_FILE).exists(), "nothing written yet");
        assert_eq!(keep_salt(dir.path(), &salt).unwrap(), salt);
        let other = new_salt().unwrap();
        assert_eq!(
            keep_salt(dir.path(), &other).unwrap(),
            salt,
            "the first one stays"
        );
        assert_eq!(read_salt(dir.path()).unwrap(), Some(salt));
        let ignore = std::fs::read_to_string(dir.path().join(".gitignore")).unwrap();
        assert!(ignore.starts_with(".drafts/\n"));
        assert_eq!(ignore.matches(".local/").count(), 1);
        std::fs::write(dir.path().join(SALT_FILE), "zz").unwrap();
        assert!(read_salt(dir.path()).unwrap_err().contains("damaged"));
    }
}
