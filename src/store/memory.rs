//! A workspace held in memory, for fast tests of the app without a disk.

use super::{Loaded, Problem, Store, StoreError, Trashed, check_new_id, layout};
use crate::domain::rename::retarget;
use crate::domain::wizard::Entity;
use crate::domain::{EntityRef, Icp, Interview, Kind, Persona, Workspace, WorkspaceMeta};
use std::collections::HashMap;

/// What happened to an item "on disk" behind the app's back, for tests of
/// how the app handles outside edits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outside {
    /// Someone else saved it: the next save reports `ChangedOnDisk`.
    Changed,
    /// Someone else deleted it: the next save reports `Vanished`.
    Vanished,
    /// It is there but could not be loaded: the next save reports `Unloaded`.
    Unloaded,
}

/// Holds a workspace and what was deleted; every save succeeds unless
/// `fail_saves` is set, which lets tests see how the app reports a failure,
/// or the item is in `outside`, which simulates another writer.
pub struct MemoryStore {
    pub workspace: Workspace,
    pub problems: Vec<Problem>,
    pub trash: Vec<(Trashed, Workspace)>,
    pub fail_saves: bool,
    /// Items changed behind the app's back since the last load: their saves
    /// are refused the way `FsStore` refuses them, until the next load (or
    /// a `save_over`). Put "their" version in `workspace` to go with it.
    pub outside: HashMap<EntityRef, Outside>,
    /// Every save, in order, as `kind id`, so tests can assert what was written.
    pub log: Vec<String>,
}

impl MemoryStore {
    pub fn new(workspace: Workspace) -> MemoryStore {
        MemoryStore {
            workspace,
            problems: Vec::new(),
            trash: Vec::new(),
            fail_saves: false,
            outside: HashMap::new(),
            log: Vec::new(),
        }
    }

    fn guard(&mut self, what: String) -> Result<(), StoreError> {
        if self.fail_saves {
            return Err(StoreError::Write {
                path: what,
                source: std::io::Error::other("the disk is full (simulated)"),
            });
        }
        self.log.push(what);
        Ok(())
    }

    /// Refuses a save of an item changed behind the app's back.
    fn check_outside(&self, entity: EntityRef, path: String) -> Result<(), StoreError> {
        match self.outside.get(&entity) {
            None => Ok(()),
            Some(Outside::Changed) => Err(StoreError::ChangedOnDisk { path }),
            Some(Outside::Vanished) => Err(StoreError::Vanished { path }),
            Some(Outside::Unloaded) => Err(StoreError::Unloaded { path }),
        }
    }

    /// Simulates another writer: `entity` changed (or vanished, or broke)
    /// on disk since the app loaded it.
    pub fn change_outside(&mut self, entity: EntityRef, how: Outside) {
        self.outside.insert(entity, how);
    }
}

fn upsert<T: Clone>(list: &mut Vec<T>, item: &T, same: impl Fn(&T) -> bool) {
    match list.iter_mut().find(|x| same(x)) {
        Some(slot) => *slot = item.clone(),
        None => list.push(item.clone()),
    }
}

impl Store for MemoryStore {
    fn load(&mut self) -> Result<Loaded, StoreError> {
        // Loading takes in whatever the other writer did.
        self.outside.clear();
        Ok(Loaded {
            workspace: self.workspace.clone(),
            problems: self.problems.clone(),
        })
    }

    fn save_meta(&mut self, meta: &WorkspaceMeta) -> Result<(), StoreError> {
        self.guard("workspace".into())?;
        self.workspace.meta = meta.clone();
        Ok(())
    }

    fn save_icp(&mut self, icp: &Icp) -> Result<(), StoreError> {
        check_new_id(Kind::Icp, &icp.id)?;
        self.check_outside(
            EntityRef::new(Kind::Icp, &icp.id),
            layout::icp_file(&icp.id),
        )?;
        self.guard(format!("icp {}", icp.id))?;
        upsert(&mut self.workspace.icps, icp, |x| x.id == icp.id);
        Ok(())
    }

    fn save_persona(&mut self, persona: &Persona) -> Result<(), StoreError> {
        check_new_id(Kind::Persona, &persona.id)?;
        self.check_outside(
            EntityRef::new(Kind::Persona, &persona.id),
            layout::persona_file(&persona.icp, &persona.id),
        )?;
        self.guard(format!("persona {}", persona.id))?;
        upsert(&mut self.workspace.personas, persona, |x| {
            x.id == persona.id
        });
        Ok(())
    }

    fn save_interview(&mut self, interview: &Interview) -> Result<(), StoreError> {
        check_new_id(Kind::Interview, &interview.id)?;
        self.check_outside(
            EntityRef::new(Kind::Interview, &interview.id),
            layout::interview_file(&interview.id),
        )?;
        self.guard(format!("interview {}", interview.id))?;
        upsert(&mut self.workspace.interviews, interview, |x| {
            x.id == interview.id
        });
        Ok(())
    }

    fn create_interviews(
        &mut self,
        interviews: Vec<Interview>,
    ) -> Result<Vec<Interview>, StoreError> {
        self.guard(format!("create {} interviews", interviews.len()))?;
        let mut saved = Vec::with_capacity(interviews.len());
        for mut interview in interviews {
            check_new_id(Kind::Interview, &interview.id)?;
            let base = interview.id.clone();
            interview.id = (1..)
                .map(|n| crate::domain::id::with_suffix(&base, n))
                .find(|id| {
                    !self.workspace.id_taken(Kind::Interview, id)
                        && !saved.iter().any(|s: &Interview| &s.id == id)
                })
                .expect("a free suffix exists");
            saved.push(interview);
        }
        self.workspace.interviews.extend(saved.iter().cloned());
        Ok(saved)
    }

    fn save_over(&mut self, entity: &Entity) -> Result<(), StoreError> {
        let kind = entity.kind();
        check_new_id(kind, entity.id())?;
        self.guard(format!("save-over {kind} {}", entity.id()))?;
        self.outside.remove(&EntityRef::new(kind, entity.id()));
        let ws = &mut self.workspace;
        match entity {
            Entity::Icp(x) => upsert(&mut ws.icps, x, |y| y.id == x.id),
            Entity::Persona(x) => upsert(&mut ws.personas, x, |y| y.id == x.id),
            Entity::Interview(x) => upsert(&mut ws.interviews, x, |y| y.id == x.id),
        }
        Ok(())
    }

    fn delete(&mut self, entity: &EntityRef) -> Result<Trashed, StoreError> {
        if !self.workspace.contains(entity) {
            return Err(StoreError::NotFound {
                entity: entity.clone(),
            });
        }
        self.guard(format!("delete {} {}", entity.kind, entity.id))?;
        let before = self.workspace.clone();
        let ws = &mut self.workspace;
        let original = layout::entity_path(ws, entity).unwrap_or_default();
        match entity.kind {
            Kind::Icp => {
                ws.icps.retain(|i| i.id != entity.id);
                ws.personas.retain(|p| p.icp != entity.id);
            }
            Kind::Persona => ws.personas.retain(|p| p.id != entity.id),
            Kind::Interview => ws.interviews.retain(|i| i.id != entity.id),
            Kind::Template => ws.templates.retain(|t| t.id != entity.id),
        }
        let trashed = Trashed {
            entity: entity.clone(),
            location: format!(".trash/{}/{original}", self.trash.len() + 1),
            original,
        };
        self.trash.push((trashed.clone(), before));
        Ok(trashed)
    }

    fn restore(&mut self, trashed: &Trashed) -> Result<(), StoreError> {
        let index = self
            .trash
            .iter()
            .position(|(t, _)| t == trashed)
            .ok_or_else(|| StoreError::NotFound {
                entity: trashed.entity.clone(),
            })?;
        let (_, before) = self.trash.remove(index);
        let entity = &trashed.entity;
        let ws = &mut self.workspace;
        match entity.kind {
            Kind::Icp => {
                ws.icps.extend(before.icp(&entity.id).cloned());
                ws.personas.extend(before.personas_of(&entity.id).cloned());
            }
            Kind::Persona => ws.personas.extend(before.persona(&entity.id).cloned()),
            Kind::Interview => ws.interviews.extend(before.interview(&entity.id).cloned()),
            Kind::Template => ws.templates.extend(before.template(&entity.id).cloned()),
        }
        Ok(())
    }

    fn rename(
        &mut self,
        _workspace: &Workspace,
        entity: &EntityRef,
        new_id: &str,
    ) -> Result<(), StoreError> {
        check_new_id(entity.kind, new_id)?;
        if !self.workspace.contains(entity) {
            return Err(StoreError::NotFound {
                entity: entity.clone(),
            });
        }
        if self.workspace.id_taken(entity.kind, new_id) {
            return Err(StoreError::Occupied {
                path: format!("{} {new_id}", entity.kind),
            });
        }
        self.guard(format!("rename {} {} {new_id}", entity.kind, entity.id))?;
        let ws = &mut self.workspace;
        let old = entity.id.as_str();
        match entity.kind {
            Kind::Icp => {
                ws.icps
                    .iter_mut()
                    .filter(|i| i.id == old)
                    .for_each(|i| i.id = new_id.into());
                ws.personas
                    .iter_mut()
                    .filter(|p| p.icp == old)
                    .for_each(|p| p.icp = new_id.into());
                for interview in ws.interviews.iter_mut() {
                    if interview.icp.as_deref() == Some(old) {
                        interview.icp = Some(new_id.into());
                    }
                }
            }
            Kind::Persona => ws
                .personas
                .iter_mut()
                .filter(|p| p.id == old)
                .for_each(|p| p.id = new_id.into()),
            Kind::Interview => {
                ws.interviews
                    .iter_mut()
                    .filter(|i| i.id == old)
                    .for_each(|i| i.id = new_id.into());
                for icp in ws.icps.iter_mut() {
                    if let Some(fields) = retarget(&icp.fields, old, new_id) {
                        icp.fields = fields;
                    }
                }
                for persona in ws.personas.iter_mut() {
                    if let Some(renamed) =
                        crate::domain::rename::retarget_persona(persona, old, new_id)
                    {
                        *persona = renamed;
                    }
                }
            }
            Kind::Template => {}
        }
        Ok(())
    }

    fn move_persona(
        &mut self,
        _workspace: &Workspace,
        persona: &str,
        icp: &str,
    ) -> Result<(), StoreError> {
        if self.workspace.icp(icp).is_none() {
            return Err(StoreError::NotFound {
                entity: EntityRef::new(Kind::Icp, icp),
            });
        }
        self.guard(format!("move persona {persona} {icp}"))?;
        let found = self
            .workspace
            .personas
            .iter_mut()
            .find(|p| p.id == persona)
            .ok_or_else(|| StoreError::NotFound {
                entity: EntityRef::new(Kind::Persona, persona),
            })?;
        found.icp = icp.to_string();
        Ok(())
    }
}
