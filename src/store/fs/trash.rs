//! Moving files and folders inside the workspace: to the trash and back,
//! and for renames.

use super::FsStore;
use super::write_error;
use crate::domain::{EntityRef, Kind};
use crate::store::fingerprint::Fingerprint;
use crate::store::{StoreError, Trashed, atomic, layout};
use std::fs;

impl FsStore {
    /// Moves an item to `.trash/<time>/`, keeping its place in the path.
    pub(super) fn trash(&mut self, entity: &EntityRef) -> Result<Trashed, StoreError> {
        let original = match entity.kind {
            Kind::Icp => layout::icp_dir(&entity.id),
            Kind::Persona => {
                // Find the persona's folder on disk rather than trusting a cache.
                let found = fs::read_dir(self.abs(layout::ICPS))
                    .into_iter()
                    .flatten()
                    .flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .map(|icp| layout::persona_file(&icp, &entity.id))
                    .find(|path| self.abs(path).is_file());
                found.ok_or_else(|| StoreError::NotFound {
                    entity: entity.clone(),
                })?
            }
            Kind::Interview => layout::interview_file(&entity.id),
            Kind::Template => layout::template_file(&entity.id),
        };
        if !self.abs(&original).exists() {
            return Err(StoreError::NotFound {
                entity: entity.clone(),
            });
        }
        let location = format!("{}/{}/{original}", layout::TRASH, self.trash_stamp());
        self.move_path(&original, &location)?;
        Ok(Trashed {
            entity: entity.clone(),
            original,
            location,
        })
    }

    pub(super) fn trash_stamp(&self) -> String {
        crate::store::discard::trash_stamp(self.root())
    }

    /// Moves a file or folder, refusing to replace anything.
    pub(super) fn move_path(&mut self, from: &str, to: &str) -> Result<(), StoreError> {
        if !self.abs(from).exists() {
            return Err(StoreError::Vanished {
                path: from.to_string(),
            });
        }
        let target = self.abs(to);
        if target.exists() {
            return Err(StoreError::Occupied {
                path: to.to_string(),
            });
        }
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|source| write_error(parent, source))?;
        }
        fs::rename(self.abs(from), &target).map_err(|source| StoreError::Write {
            path: to.to_string(),
            source,
        })?;
        for dir in [self.abs(from).parent(), target.parent()]
            .into_iter()
            .flatten()
        {
            atomic::sync_dir(dir);
        }
        // What this store knew about the old place now holds at the new one.
        let inside = format!("{from}/");
        let moved: Vec<(String, Fingerprint)> = self
            .seen
            .iter()
            .filter(|(path, _)| *path == from || path.starts_with(&inside))
            .map(|(path, print)| (path.clone(), *print))
            .collect();
        for (path, print) in moved {
            self.seen.remove(&path);
            if !to.starts_with(layout::TRASH) {
                self.seen
                    .insert(format!("{to}{}", &path[from.len()..]), print);
            }
        }
        self.touch(from);
        self.touch(to);
        Ok(())
    }

    /// Records the files under a path as this store's own (after a restore).
    pub(super) fn adopt(&mut self, relative: &str) {
        let path = self.abs(relative);
        if path.is_dir() {
            let mut stack = vec![relative.to_string()];
            while let Some(dir) = stack.pop() {
                for entry in fs::read_dir(self.abs(&dir)).into_iter().flatten().flatten() {
                    let child = format!("{dir}/{}", entry.file_name().to_string_lossy());
                    if entry.path().is_dir() {
                        stack.push(child);
                    } else if let Some(print) = Fingerprint::of(&entry.path()) {
                        self.seen.insert(child, print);
                    }
                }
            }
        } else if let Some(print) = Fingerprint::of(&path) {
            self.seen.insert(relative.to_string(), print);
        }
    }
}
