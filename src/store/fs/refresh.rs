//! After a save: the files this store wrote, moved or removed since it
//! last looked, read again as a [`Patch`], instead of loading the whole
//! workspace again.

use super::FsStore;
use super::parse::{Job, Parsed, parse_all};
use crate::domain::id::is_valid_id;
use crate::store::patch::{Gone, Patch};
use crate::store::{StoreError, layout};
use std::collections::HashSet;
use std::fs;

/// What a path inside the workspace holds, as far as a load is concerned.
#[derive(Debug, PartialEq, Eq)]
enum Place {
    /// `icps/<id>`: the ICP and every persona in its folder.
    Folder(String),
    Icp(String),
    Persona(String, String),
    Interview(String),
    /// Not something the app holds (the trash, drafts, the cache).
    Other,
}

fn place(relative: &str) -> Place {
    let parts: Vec<&str> = relative.split('/').collect();
    fn stem(name: &str) -> Option<&str> {
        name.strip_suffix(".toml").filter(|s| is_valid_id(s))
    }
    match parts.as_slice() {
        [layout::ICPS, icp] if is_valid_id(icp) => Place::Folder(icp.to_string()),
        [layout::ICPS, icp, "icp.toml"] if is_valid_id(icp) => Place::Icp(icp.to_string()),
        [layout::ICPS, icp, "personas", file] if is_valid_id(icp) => match stem(file) {
            Some(id) => Place::Persona(icp.to_string(), id.to_string()),
            None => Place::Other,
        },
        [layout::INTERVIEWS, file] => match stem(file) {
            Some(id) => Place::Interview(id.to_string()),
            None => Place::Other,
        },
        _ => Place::Other,
    }
}

impl FsStore {
    /// Remembers a folder's modification time, before listing it.
    pub(super) fn note_folder(&mut self, dir: &str) {
        let time = fs::metadata(self.abs(dir))
            .ok()
            .and_then(|m| m.modified().ok());
        self.folders.insert(dir.to_string(), time);
    }

    /// Finds what others changed since this store looked, without looking
    /// at every file: only in the folders whose modification time moved
    /// (a save by another window, a pull, a new or removed file all replace
    /// a folder entry), a file whose size or time differs from when it was
    /// read is noted as touched. An edit made in place, keeping the
    /// folder's time, is seen at the next load (or refused at a save).
    fn sweep_folders(&mut self) {
        let time = |store: &FsStore, dir: &str| {
            fs::metadata(store.abs(dir))
                .ok()
                .and_then(|m| m.modified().ok())
        };
        let moved: Vec<String> = self
            .folders
            .iter()
            .filter(|(dir, then)| time(self, dir) != **then)
            .map(|(dir, _)| dir.clone())
            .collect();
        for dir in moved {
            self.note_folder(&dir);
            let parts: Vec<&str> = dir.split('/').collect();
            match parts.as_slice() {
                [layout::ICPS] => {
                    let listed: HashSet<String> = fs::read_dir(self.abs(&dir))
                        .into_iter()
                        .flatten()
                        .flatten()
                        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                        .map(|e| e.file_name().to_string_lossy().into_owned())
                        .filter(|name| is_valid_id(name))
                        .collect();
                    let known: Vec<String> = self
                        .folders
                        .keys()
                        .filter_map(|k| k.strip_prefix("icps/"))
                        .filter(|rest| !rest.contains('/'))
                        .map(str::to_string)
                        .collect();
                    for icp in &listed {
                        if !known.contains(icp) {
                            self.touch(&layout::icp_dir(icp));
                        }
                    }
                    for icp in known {
                        if !listed.contains(&icp) {
                            self.touch(&layout::icp_dir(&icp));
                            self.folders.retain(|k, _| {
                                k != &layout::icp_dir(&icp)
                                    && !k.starts_with(&format!("icps/{icp}/"))
                            });
                        }
                    }
                }
                [layout::ICPS, icp] => {
                    let file = layout::icp_file(icp);
                    if self.changed(&file) {
                        self.touch(&file);
                    }
                }
                [layout::ICPS, _, "personas"] | [layout::INTERVIEWS] => {
                    let mut listed = HashSet::new();
                    for entry in fs::read_dir(self.abs(&dir)).into_iter().flatten().flatten() {
                        let name = entry.file_name().to_string_lossy().into_owned();
                        if !name.ends_with(".toml") || name.starts_with('.') {
                            continue;
                        }
                        let relative = format!("{dir}/{name}");
                        let same = match (self.seen.get(&relative), entry.metadata()) {
                            (Some(print), Ok(meta)) => print.same_stamp(&meta),
                            _ => false,
                        };
                        if !same {
                            self.touch(&relative);
                        }
                        listed.insert(relative);
                    }
                    let inside = format!("{dir}/");
                    let vanished: Vec<String> = self
                        .seen
                        .keys()
                        .filter(|k| {
                            k.strip_prefix(&inside)
                                .is_some_and(|rest| !rest.contains('/'))
                                && !listed.contains(*k)
                        })
                        .cloned()
                        .collect();
                    for relative in vanished {
                        self.touch(&relative);
                    }
                }
                _ => {}
            }
        }
    }

    /// Whether a file differs from when this store read or wrote it (or
    /// appeared, or vanished).
    fn changed(&self, relative: &str) -> bool {
        match (self.seen.get(relative), fs::metadata(self.abs(relative))) {
            (Some(print), Ok(meta)) => !print.same_stamp(&meta),
            (None, Err(_)) => false,
            _ => true,
        }
    }

    /// Notes that a file or folder (relative) was written, moved or removed
    /// by this store, for the next [`FsStore::patch`].
    pub(super) fn touch(&mut self, relative: &str) {
        self.touched.push(relative.to_string());
    }

    /// The files this store wrote, moved or removed since its last load or
    /// refresh, read again (remembering their fingerprints, so a later save
    /// over them is checked against what is now there). Applied to the
    /// workspace of that load, the patch gives what a new load would.
    pub fn patch(&mut self) -> Result<Patch, StoreError> {
        if !self.exists() {
            return Err(StoreError::NoWorkspace(self.root.clone()));
        }
        self.sweep_folders();
        let touched = std::mem::take(&mut self.touched);
        let mut patch = Patch::default();
        let mut jobs: Vec<Job> = Vec::new();
        let mut queued: HashSet<String> = HashSet::new();
        let mut queue = |job: Job, jobs: &mut Vec<Job>| {
            if queued.insert(job.relative()) {
                jobs.push(job);
            }
        };
        let gone = |g: Gone, patch: &mut Patch| {
            if !patch.gone.contains(&g) {
                patch.gone.push(g);
            }
        };
        for relative in &touched {
            let exists = self.abs(relative).exists();
            if !exists {
                self.seen.remove(relative);
            }
            match place(relative) {
                Place::Folder(icp) => {
                    if patch.folders.contains(&icp) {
                        continue;
                    }
                    patch.folders.push(icp.clone());
                    self.note_folder(&layout::icp_dir(&icp));
                    patch.looked.push(format!("{}/", layout::icp_dir(&icp)));
                    if self.abs(&layout::icp_file(&icp)).exists() {
                        queue(Job::Icp(icp.clone()), &mut jobs);
                    } else {
                        gone(Gone::Icp(icp.clone()), &mut patch);
                    }
                    let personas = format!("{}/personas", layout::icp_dir(&icp));
                    for id in self.list_ids(&personas, &mut patch.problems, false) {
                        queue(Job::Persona(icp.clone(), id), &mut jobs);
                    }
                }
                Place::Icp(id) if exists => queue(Job::Icp(id), &mut jobs),
                Place::Icp(id) => gone(Gone::Icp(id), &mut patch),
                Place::Persona(icp, id) if exists => queue(Job::Persona(icp, id), &mut jobs),
                Place::Persona(icp, id) => gone(Gone::Persona { icp, id }, &mut patch),
                Place::Interview(id) if exists => queue(Job::Interview(id), &mut jobs),
                Place::Interview(id) => gone(Gone::Interview(id), &mut patch),
                Place::Other => continue,
            }
            if !relative.ends_with('/') && !patch.looked.contains(relative) {
                patch.looked.push(relative.clone());
            }
        }
        let refs: Vec<&Job> = jobs.iter().collect();
        let outcomes = parse_all(&self.root, &refs, |outcome| outcome);
        for (job, (relative, decoded, print)) in jobs.iter().zip(outcomes) {
            patch.looked.push(relative.clone());
            if let (Ok(_), Some(print)) = (&decoded, print) {
                patch.prints.push((relative.clone(), print));
            }
            match self.remember(&relative, decoded, print, &mut patch.problems) {
                Some(Parsed::Icp(icp)) => patch.icps.push(icp),
                Some(Parsed::Persona(persona)) => patch.personas.push(persona),
                Some(Parsed::Interview(interview)) => patch.interviews.push(interview),
                // A file that no longer loads is not shown, as after a load.
                None => gone(job.gone(), &mut patch),
            }
        }
        Ok(patch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_what_they_hold() {
        assert_eq!(place("icps/acme"), Place::Folder("acme".into()));
        assert_eq!(place("icps/acme/icp.toml"), Place::Icp("acme".into()));
        assert_eq!(
            place("icps/acme/personas/olivia.toml"),
            Place::Persona("acme".into(), "olivia".into())
        );
        assert_eq!(
            place("interviews/dana.toml"),
            Place::Interview("dana".into())
        );
        assert_eq!(place(".trash/2026/icps/acme"), Place::Other);
        assert_eq!(place("interviews/Bad Name.toml"), Place::Other);
        assert_eq!(place("icps/acme/scoring.toml"), Place::Other);
    }
}
