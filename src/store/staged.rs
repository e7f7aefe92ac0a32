//! A file streamed to disk that appears whole or not at all: written to a
//! temporary file beside its target (named like the store's other
//! temporaries, so a killed run's leftover is recognised), flushed, then
//! renamed over the target. For outputs too big to build in memory first,
//! such as a scored lead file of a million rows; [`super::atomic`] does the
//! same for bytes already in memory.

use std::fs::{self, File};
use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};

/// A file being written beside its target, which replaces the target only
/// when [`Staged::commit`] is called (flushed to disk first); dropped
/// without a commit, it is removed and the target is untouched.
pub struct Staged {
    temp: PathBuf,
    target: PathBuf,
    file: Option<BufWriter<File>>,
}

impl Staged {
    pub fn create(target: &Path) -> io::Result<Staged> {
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temp = dir.join(format!(
            ".{name}{}{}",
            crate::store::atomic::TEMP_MARK,
            std::process::id()
        ));
        let file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
            .or_else(|e| {
                // A temporary file of ours left by a killed run: replace it.
                if e.kind() == io::ErrorKind::AlreadyExists {
                    fs::remove_file(&temp)?;
                    fs::OpenOptions::new()
                        .write(true)
                        .create_new(true)
                        .open(&temp)
                } else {
                    Err(e)
                }
            })?;
        Ok(Staged {
            temp,
            target: target.to_path_buf(),
            file: Some(BufWriter::with_capacity(1 << 16, file)),
        })
    }

    pub fn writer(&mut self) -> &mut BufWriter<File> {
        self.file.as_mut().expect("not committed yet")
    }

    /// Flushes the file to disk and renames it over the target.
    pub fn commit(mut self) -> io::Result<()> {
        let file = self.file.take().expect("committed once");
        let file = file.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        drop(file);
        if let Ok(meta) = fs::metadata(&self.target) {
            let _ = fs::set_permissions(&self.temp, meta.permissions());
        }
        fs::rename(&self.temp, &self.target)?;
        if let Some(dir) = self.temp.parent() {
            crate::store::atomic::sync_dir(dir);
        }
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = fs::remove_file(&self.temp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn a_staged_file_replaces_its_target_only_when_committed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.csv");
        fs::write(&target, "old").unwrap();
        {
            let mut staged = Staged::create(&target).unwrap();
            staged.writer().write_all(b"half").unwrap();
        }
        assert_eq!(fs::read_to_string(&target).unwrap(), "old");
        let mut staged = Staged::create(&target).unwrap();
        staged.writer().write_all(b"new").unwrap();
        staged.commit().unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["out.csv"]);
    }
}
