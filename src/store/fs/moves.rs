//! Renaming an item (with what belongs to it and what points to it) and
//! moving a persona to another ICP: the store's side of [`Store::rename`]
//! and [`Store::move_persona`].

use super::FsStore;
use super::parse::{Job, Parsed, parse_all};
use crate::domain::{EntityRef, Icp, Interview, Kind, Workspace};
use crate::store::fingerprint::Fingerprint;
use crate::store::{Store, StoreError, check_new_id, layout};
use memchr::memmem;
use std::fs;

impl FsStore {
    /// See [`Store::rename`].
    pub(super) fn rename_item(
        &mut self,
        workspace: &Workspace,
        entity: &EntityRef,
        new_id: &str,
    ) -> Result<(), StoreError> {
        check_new_id(entity.kind, new_id)?;
        if new_id == entity.id {
            return Ok(());
        }
        let missing = || StoreError::NotFound {
            entity: entity.clone(),
        };
        match entity.kind {
            Kind::Icp => {
                workspace.icp(&entity.id).ok_or_else(missing)?;
                self.check_unloaded_references(workspace, Kind::Icp, &entity.id)?;
                // All or nothing, as for a persona: the ICP's file as read,
                // and each of its interviews read again from its file, all
                // before anything moves. An interview is rewritten from its
                // file, not from the copy held (which may lack its notes,
                // with cards on demand, or be older than the file), with
                // only its ICP changed.
                self.check_unchanged(&layout::icp_file(&entity.id))?;
                let interviews = self.interviews_of(workspace, &entity.id)?;
                self.move_path(&layout::icp_dir(&entity.id), &layout::icp_dir(new_id))?;
                for mut interview in interviews {
                    interview.icp = Some(new_id.to_string());
                    self.save_interview(&interview)?;
                }
            }
            Kind::Persona => {
                let persona = workspace.persona(&entity.id).ok_or_else(missing)?;
                if workspace.persona(new_id).is_some() {
                    return Err(StoreError::Occupied {
                        path: layout::persona_file(&persona.icp, new_id),
                    });
                }
                let from = layout::persona_file(&persona.icp, &persona.id);
                // All or nothing: the save under the new id would refuse a
                // file changed since it was read, after the move; refuse it
                // before, so it stays where it is.
                self.check_unchanged(&from)?;
                self.move_path(&from, &layout::persona_file(&persona.icp, new_id))?;
                self.retarget_outreach(&entity.id, new_id)?;
            }
            Kind::Interview => {
                workspace.interview(&entity.id).ok_or_else(missing)?;
                self.check_unloaded_references(workspace, Kind::Interview, &entity.id)?;
                self.move_path(
                    &layout::interview_file(&entity.id),
                    &layout::interview_file(new_id),
                )?;
                for icp in &workspace.icps {
                    if let Some(fields) =
                        crate::domain::rename::retarget(&icp.fields, &entity.id, new_id)
                    {
                        self.save_icp(&Icp {
                            fields,
                            ..icp.clone()
                        })?;
                    }
                }
                for persona in &workspace.personas {
                    if let Some(persona) =
                        crate::domain::rename::retarget_persona(persona, &entity.id, new_id)
                    {
                        self.save_persona(&persona)?;
                    }
                }
                self.retarget_scoring(&entity.id, new_id)?;
            }
            Kind::Template => {
                return Err(StoreError::BadId {
                    id: new_id.to_string(),
                    reason: "templates are renamed by renaming their file".into(),
                });
            }
        }
        Ok(())
    }

    /// The interviews of ICP `icp` as their files hold them now, found in
    /// the files rather than in `workspace` (another window may have put an
    /// interview in that ICP since it was read), each remembered so the
    /// save that follows is checked against it. Only files that name `icp`
    /// at all are parsed. One held as the ICP's whose file no longer loads
    /// is refused in one sentence (a file that never loaded was looked at
    /// by [`FsStore::check_unloaded_references`]).
    fn interviews_of(
        &mut self,
        workspace: &Workspace,
        icp: &str,
    ) -> Result<Vec<Interview>, StoreError> {
        let mut ignored = Vec::new();
        let named: Vec<Job> = (self.ids_in(layout::INTERVIEWS, &mut ignored, false))
            .into_iter()
            .filter(|id| {
                fs::read(self.abs(&layout::interview_file(id)))
                    .is_ok_and(|bytes| memmem::find(&bytes, icp.as_bytes()).is_some())
            })
            .map(Job::Interview)
            .collect();
        let refs: Vec<&Job> = named.iter().collect();
        let mut found = Vec::new();
        for (relative, decoded, print) in parse_all(&self.root, &refs, |outcome| outcome) {
            match decoded {
                Ok(Parsed::Interview(interview)) if interview.icp.as_deref() == Some(icp) => {
                    let mut problems = Vec::new();
                    let kept = self.remember(&relative, Ok(interview), print, &mut problems);
                    found.extend(kept);
                }
                Ok(_) => {}
                Err(_) => {
                    let id = (relative.strip_prefix("interviews/"))
                        .and_then(|rest| rest.strip_suffix(".toml"))
                        .unwrap_or_default();
                    let held = workspace.interview(id);
                    if held.is_some_and(|i| i.icp.as_deref() == Some(icp)) {
                        return Err(StoreError::NotUpdatable {
                            path: relative,
                            what: format!("{} `{icp}`", Kind::Icp.label()),
                        });
                    }
                }
            }
        }
        Ok(found)
    }

    /// Refuses a file that changed on disk since this store read or wrote
    /// it (one it never saw is left to the save that follows).
    fn check_unchanged(&self, relative: &str) -> Result<(), StoreError> {
        let Some(read) = self.seen.get(relative) else {
            return Ok(());
        };
        match Fingerprint::of(&self.abs(relative)) {
            Some(now) if !read.same_content(&now) => Err(StoreError::ChangedOnDisk {
                path: relative.to_string(),
            }),
            _ => Ok(()),
        }
    }

    /// See [`Store::move_persona`].
    pub(super) fn move_persona_to(
        &mut self,
        workspace: &Workspace,
        persona: &str,
        icp: &str,
    ) -> Result<(), StoreError> {
        let found = workspace
            .persona(persona)
            .ok_or_else(|| StoreError::NotFound {
                entity: EntityRef::new(Kind::Persona, persona),
            })?;
        if workspace.icp(icp).is_none() {
            return Err(StoreError::NotFound {
                entity: EntityRef::new(Kind::Icp, icp),
            });
        }
        if found.icp == icp {
            return Ok(());
        }
        self.move_path(
            &layout::persona_file(&found.icp, persona),
            &layout::persona_file(icp, persona),
        )
    }
}
