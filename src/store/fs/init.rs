//! Creating a workspace, and filling one with the demo.

use super::{FsStore, read_error, write_error};
use crate::domain::WorkspaceMeta;
use crate::store::write::Expect;
use crate::store::{Store, StoreError, layout};
use std::fs;
use std::path::PathBuf;

impl FsStore {
    /// Creates a new workspace, with the demo content when asked. Refuses a
    /// folder that already holds a workspace or anything else.
    pub fn init(root: impl Into<PathBuf>, name: &str, demo: bool) -> Result<FsStore, StoreError> {
        let mut store = FsStore::new(root);
        let root = store.root.clone();
        if store.exists() {
            return Err(StoreError::AlreadyExists(root.join(layout::META)));
        }
        if root.is_dir()
            && fs::read_dir(&root)
                .map_err(|source| read_error(&root, source))?
                .next()
                .is_some()
        {
            return Err(StoreError::NotEmpty(root));
        }
        for dir in [layout::ICPS, layout::INTERVIEWS, layout::TEMPLATES] {
            fs::create_dir_all(root.join(dir)).map_err(|source| write_error(&root, source))?;
        }
        store.write(".gitignore", layout::GITIGNORE, Expect::Absent)?;
        store.write(".gitattributes", layout::GITATTRIBUTES, Expect::Absent)?;
        if demo {
            store.install_demo()?;
        } else {
            store.save_meta(&WorkspaceMeta::new(name))?;
        }
        Ok(store)
    }

    /// Writes the demo content into this workspace, never replacing a file
    /// that is already there (the welcome screen offers it on a new, empty
    /// workspace).
    pub fn install_demo(&mut self) -> Result<(), StoreError> {
        // Check every place first, so a refusal leaves nothing half-written.
        if let Some((path, _)) = crate::assets::demo()
            .iter()
            .find(|(path, _)| *path != layout::META && self.abs(path).exists())
        {
            return Err(StoreError::Occupied {
                path: path.to_string(),
            });
        }
        for (path, text) in crate::assets::demo() {
            if *path == layout::META && self.exists() {
                let mut meta: WorkspaceMeta =
                    toml::from_str(text).map_err(|e| StoreError::Encode {
                        path: path.to_string(),
                        message: e.to_string(),
                    })?;
                meta.schema = crate::domain::SCHEMA;
                self.seen.remove(layout::META);
                self.adopt(layout::META);
                self.save_meta(&meta)?;
                continue;
            }
            self.write(path, text, Expect::Absent)?;
        }
        Ok(())
    }
}
