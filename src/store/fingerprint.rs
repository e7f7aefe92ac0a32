//! Enough about a file to tell whether someone else changed it since it
//! was last read or written.

use std::fs;
use std::io::Read;
use std::path::Path;
use std::time::SystemTime;

/// Enough about a file to tell whether someone else changed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    len: u64,
    modified: Option<SystemTime>,
    /// A hash of the content, so an edit that keeps the size within one
    /// tick of the clock is still noticed.
    hash: u64,
}

impl Fingerprint {
    /// Reads the file to fingerprint it (used before a save and after a
    /// write, not while loading, which hashes the bytes it already has).
    pub fn of(path: &Path) -> Option<Fingerprint> {
        let mut file = fs::File::open(path).ok()?;
        let modified = file.metadata().ok().and_then(|m| m.modified().ok());
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).ok()?;
        Some(Fingerprint::of_bytes(&bytes, modified))
    }

    pub fn of_bytes(bytes: &[u8], modified: Option<SystemTime>) -> Fingerprint {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut hasher);
        Fingerprint {
            len: bytes.len() as u64,
            modified,
            hash: hasher.finish(),
        }
    }

    /// The fingerprint of bytes about to be written (or just read).
    pub fn of_content(bytes: &[u8]) -> Fingerprint {
        Fingerprint::of_bytes(bytes, None)
    }

    /// Whether a file's size and modification time are still those seen
    /// when it was read (a file this store wrote itself has no time yet,
    /// so it is never taken as unchanged).
    pub fn same_stamp(&self, meta: &fs::Metadata) -> bool {
        self.modified.is_some() && self.len == meta.len() && self.modified == meta.modified().ok()
    }

    /// Whether the file still holds what this store last saw. The content
    /// decides: a `touch` or a checkout of identical bytes is no conflict.
    pub fn same_content(&self, now: &Fingerprint) -> bool {
        self.len == now.len && self.hash == now.hash
    }
}
