//! `.cache/index.json`: what `persona list` shows of each file, so a listing
//! of 10,000 personas need not parse 10,000 TOML files every time.
//!
//! The files stay the truth. The folders are always listed afresh, so an
//! added or deleted file is always seen; an entry is used only while its
//! file has the same size, modification and change times and inode as when
//! it was parsed, otherwise the file is parsed again. Only files that parsed
//! without a problem are kept, so a broken file is reported every time. A
//! file changed within [`SETTLE`] of a listing is not kept either: its
//! times might not change again on a second write in the same clock tick
//! (git's "racy clean" problem). A missing, unreadable or foreign cache is
//! ignored and rebuilt; one that cannot be written (a read-only workspace)
//! only costs speed. `init` lists `.cache/` in the workspace's `.gitignore`.

use crate::domain::{Icp, Interview, Kind, Persona};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::path::Path;
use std::time::{Duration, SystemTime};

/// Where the cache lives, relative to the workspace.
pub const PATH: &str = ".cache/index.json";

/// Bumped whenever what is cached changes meaning.
const VERSION: u32 = 1;

/// How long a file must have been left alone before its entry is kept.
pub const SETTLE: Duration = Duration::from_secs(2);

/// One line of `persona list`: an item's kind and id (from where its file
/// is) and what its file says.
#[derive(Clone, Debug, PartialEq)]
pub struct Listed {
    pub kind: Kind,
    pub id: String,
    pub summary: Summary,
}

/// What `list` shows of a file's contents.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// An ICP's name, a persona's name, an interview's title.
    pub name: String,
    /// A persona's ICP (its folder), the ICP an interview is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icp: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_validated: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub highlights: Option<usize>,
}

impl Listed {
    pub fn icp(icp: &Icp) -> Listed {
        Listed {
            kind: Kind::Icp,
            id: icp.id.clone(),
            summary: Summary {
                name: icp.name.clone(),
                icp: None,
                template: Some(icp.template.clone()),
                updated: icp.updated,
                last_validated: icp.last_validated,
                date: None,
                highlights: None,
            },
        }
    }

    pub fn persona(persona: &Persona) -> Listed {
        Listed {
            kind: Kind::Persona,
            id: persona.id.clone(),
            summary: Summary {
                name: persona.name.clone(),
                icp: Some(persona.icp.clone()),
                template: Some(persona.template.clone()),
                updated: persona.updated,
                last_validated: persona.last_validated,
                date: None,
                highlights: None,
            },
        }
    }

    pub fn interview(interview: &Interview) -> Listed {
        Listed {
            kind: Kind::Interview,
            id: interview.id.clone(),
            summary: Summary {
                name: interview.title.clone(),
                icp: interview.icp.clone(),
                template: None,
                updated: interview.updated,
                last_validated: None,
                date: interview.date,
                highlights: Some(interview.highlights.len()),
            },
        }
    }
}

/// What identifies one version of a file without reading it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    len: u64,
    modified: (i64, u32),
    changed: (i64, u32),
    inode: u64,
}

impl Stamp {
    #[cfg(unix)]
    pub fn of(meta: &fs::Metadata) -> Stamp {
        use std::os::unix::fs::MetadataExt;
        Stamp {
            len: meta.len(),
            modified: (meta.mtime(), meta.mtime_nsec() as u32),
            changed: (meta.ctime(), meta.ctime_nsec() as u32),
            inode: meta.ino(),
        }
    }

    #[cfg(not(unix))]
    pub fn of(meta: &fs::Metadata) -> Stamp {
        let since = |t: std::io::Result<SystemTime>| {
            t.ok()
                .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
                .map_or((0, 0), |d| (d.as_secs() as i64, d.subsec_nanos()))
        };
        Stamp {
            len: meta.len(),
            modified: since(meta.modified()),
            changed: since(meta.created()),
            inode: 0,
        }
    }

    /// Whether the file was last touched at least [`SETTLE`] before `start`.
    pub fn settled(&self, start: SystemTime) -> bool {
        let Ok(start) = start.duration_since(SystemTime::UNIX_EPOCH) else {
            return false;
        };
        let limit = start.saturating_sub(SETTLE);
        let before = |(secs, nanos): (i64, u32)| {
            secs >= 0 && Duration::new(secs as u64, nanos.min(999_999_999)) < limit
        };
        before(self.modified) && before(self.changed)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Entry {
    stamp: Stamp,
    summary: Summary,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct File {
    version: u32,
    files: HashMap<String, Entry>,
}

/// The cache as read at the start of a listing, and what it will hold.
#[derive(Debug, Default)]
pub struct Index {
    old: HashMap<String, Entry>,
    new: HashMap<String, Entry>,
    /// Every file the listing saw, cached or not (for the homes hint: where
    /// a file is does not need it to have settled).
    seen: Vec<String>,
}

impl Index {
    /// Reads the cache of the workspace at `root`; anything unusable counts
    /// as empty.
    pub fn open(root: &Path) -> Index {
        let old = cache_folder(root, false)
            .filter(|_| {
                fs::symlink_metadata(root.join(PATH)).is_ok_and(|m| m.file_type().is_file())
            })
            .and_then(|_| fs::read(root.join(PATH)).ok())
            .and_then(|bytes| serde_json::from_slice::<File>(&bytes).ok())
            .filter(|file| file.version == VERSION)
            .map(|file| file.files)
            .unwrap_or_default();
        Index {
            old,
            new: HashMap::new(),
            seen: Vec::new(),
        }
    }

    /// Notes a file the listing found, whether or not it is cached.
    pub fn saw(&mut self, relative: String) {
        self.seen.push(relative);
    }

    /// The cached line for the file at `relative`, if the file is still the
    /// one it was made from.
    pub fn get(&mut self, relative: &str, stamp: Stamp) -> Option<Summary> {
        let entry = self.old.get(relative).filter(|e| e.stamp == stamp)?;
        let summary = entry.summary.clone();
        self.new.insert(relative.to_string(), entry.clone());
        Some(summary)
    }

    /// Remembers the line of a file that just parsed without a problem.
    pub fn put(&mut self, relative: &str, stamp: Stamp, summary: Summary) {
        self.new
            .insert(relative.to_string(), Entry { stamp, summary });
    }

    /// Writes the cache, and the homes hint of the files seen, when they
    /// changed (quietly: it is only a cache).
    pub fn save(self, root: &Path) {
        let Some(dir) = cache_folder(root, true) else {
            return;
        };
        let homes = root.join(super::homes::PATH);
        let homes_text = super::homes::text(self.seen.iter().map(String::as_str));
        if fs::read(&homes).ok().as_deref() != Some(homes_text.as_bytes()) {
            replace(&dir, "homes.txt", &homes, |out| {
                out.write_all(homes_text.as_bytes())
            });
        }
        if self.new == self.old {
            return;
        }
        let file = File {
            version: VERSION,
            files: self.new,
        };
        // Straight to the file: at 50,000 personas the text is 18 MB, which
        // the app would otherwise hold twice over while it holds the index.
        replace(&dir, "index.json", &root.join(PATH), |out| {
            serde_json::to_writer(out, &file).map_err(std::io::Error::other)
        });
    }
}

/// Puts what `write` writes in the cache file at `path` (named `name` in
/// `dir`): written beside and renamed over, so a reader never sees half; no
/// flush to disk, as a cache lost in a crash is simply rebuilt. The
/// temporary file is created afresh (never opened through a link someone
/// left under its name), and the rename replaces a link rather than writing
/// where it points. Quietly: it is only a cache.
fn replace(
    dir: &Path,
    name: &str,
    path: &Path,
    write: impl FnOnce(&mut std::io::BufWriter<fs::File>) -> std::io::Result<()>,
) {
    let temp = dir.join(format!(".{name}-{}", std::process::id()));
    let _ = fs::remove_file(&temp);
    let written = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)
        .and_then(|file| {
            let mut out = std::io::BufWriter::new(file);
            write(&mut out)?;
            out.flush()
        });
    if written.is_err() || fs::rename(&temp, path).is_err() {
        let _ = fs::remove_file(&temp);
    }
}

/// A listing's cache as it should now be, not written yet: a caller in a
/// hurry (the app's first frame) writes it afterwards.
#[derive(Debug)]
pub struct Unsaved {
    index: Index,
    root: std::path::PathBuf,
}

impl Unsaved {
    pub fn new(index: Index, root: &Path) -> Unsaved {
        Unsaved {
            index,
            root: root.to_path_buf(),
        }
    }

    /// Writes it when it changed (see [`Index::save`]).
    pub fn save(self) {
        self.index.save(&self.root);
    }
}

/// The workspace's `.cache` folder when it is a real folder inside the
/// workspace (made if `create` and it is missing), never a symbolic link:
/// a listing, read-only as far as the user knows, must not write into some
/// other folder a link points to.
fn cache_folder(root: &Path, create: bool) -> Option<std::path::PathBuf> {
    let dir = root.join(PATH).parent()?.to_path_buf();
    match fs::symlink_metadata(&dir) {
        Ok(meta) if meta.file_type().is_dir() => Some(dir),
        Ok(_) => None,
        Err(_) if create => fs::create_dir(&dir).ok().map(|()| dir),
        Err(_) => None,
    }
}
