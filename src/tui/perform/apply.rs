//! Changes made through the store for the app: saves, deletes, renames,
//! moves, restores, imports; each says what it did in one sentence, or why
//! it did nothing.

use crate::domain::wizard::Entity;
use crate::domain::{EntityRef, Kind, Profile, Workspace};
use crate::store::{Store, StoreError};
use crate::tui::conflict::Conflict;
use crate::tui::effect::{Effect, Outcome};
use crate::tui::exporting;
use crate::tui::text::{clean, count, sentence};
use std::path::PathBuf;

/// A store error as text; a conflict is also noted in the outcome, with
/// the user's version, so the app can ask what to do.
fn refused(outcome: &mut Outcome, e: StoreError, mine: Entity) -> String {
    outcome.conflict = Conflict::from_error(&e, mine).map(Box::new);
    e.to_string()
}

fn describe(workspace: &Workspace, entity: &EntityRef) -> String {
    let name = match entity.kind {
        Kind::Icp => workspace.icp(&entity.id).map(|i| i.name.clone()),
        Kind::Persona => workspace.persona(&entity.id).map(|p| p.name.clone()),
        Kind::Interview => workspace.interview(&entity.id).map(|i| i.title.clone()),
        _ => None,
    };
    match name {
        Some(name) => format!("{} “{}”", entity.kind.label(), clean(&name)),
        None => entity.to_string(),
    }
}

pub(super) fn apply<S: Store>(
    store: &mut S,
    effect: Effect,
    workspace: &Workspace,
    outcome: &mut Outcome,
) -> Result<String, String> {
    let err = |e: StoreError| e.to_string();
    match effect {
        Effect::SavePersona(persona) => {
            store
                .save_persona(&persona)
                .map_err(|e| refused(outcome, e, Entity::Persona(persona.clone())))?;
            outcome.select = Some(EntityRef::new(Kind::Persona, &persona.id));
            Ok(format!("Saved persona “{}”.", clean(&persona.name)))
        }
        Effect::Delete(entity) => {
            let what = describe(workspace, &entity);
            let trashed = store.delete(&entity).map_err(err)?;
            let place = trashed.location.clone();
            outcome.trashed = Some(trashed);
            Ok(format!("Deleted {what} (kept in {place})."))
        }
        Effect::Restore(trashed) => {
            store.restore(&trashed).map_err(err)?;
            outcome.select = Some(trashed.entity.clone());
            Ok(format!("Brought back {}.", trashed.entity))
        }
        Effect::Rename {
            entity,
            name,
            new_id,
        } => {
            if new_id != entity.id {
                store.rename(workspace, &entity, &new_id).map_err(|e| {
                    // Its file changed or went: nothing moved, and the person
                    // decides as with any save (theirs, mine, or a copy),
                    // mine being the persona under its id with the new name.
                    match workspace.persona(&entity.id) {
                        Some(held) if entity.kind == Kind::Persona && e.is_conflict() => {
                            let mut mine = held.clone();
                            mine.name = name.clone();
                            refused(outcome, e, Entity::Persona(mine))
                        }
                        _ => e.to_string(),
                    }
                })?;
            }
            // The files moved as they were: the item under its new id is
            // the one held here (the save still checks the file).
            match entity.kind {
                Kind::Icp => {
                    let mut icp = workspace
                        .icp(&entity.id)
                        .cloned()
                        .ok_or_else(|| format!("the ICP `{new_id}` vanished while renaming"))?;
                    icp.id = new_id.clone();
                    icp.name = name.clone();
                    icp.updated = Some(crate::domain::now());
                    store.save_icp(&icp).map_err(err)?;
                }
                Kind::Persona => {
                    let mut persona = workspace
                        .persona(&entity.id)
                        .cloned()
                        .ok_or_else(|| format!("the persona `{new_id}` vanished while renaming"))?;
                    persona.id = new_id.clone();
                    persona.name = name.clone();
                    persona.updated = Some(crate::domain::now());
                    store
                        .save_persona(&persona)
                        .map_err(|e| refused(outcome, e, Entity::Persona(persona.clone())))?;
                }
                _ => {}
            }
            outcome.select = Some(EntityRef::new(entity.kind, &new_id));
            Ok(format!("Renamed to “{}” (id `{new_id}`).", clean(&name)))
        }
        Effect::Move { persona, icp } => {
            store.move_persona(workspace, &persona, &icp).map_err(err)?;
            outcome.select = Some(EntityRef::new(Kind::Persona, &persona));
            let target = workspace.icp(&icp).map(|i| i.name()).unwrap_or(&icp);
            Ok(format!("Moved to “{}”.", clean(target)))
        }
        Effect::Export {
            path,
            items,
            redact,
            from_files,
        } => match (from_files, store.folder()) {
            (true, Some(root)) => exporting::write_from_files(root, &items, &path, redact),
            _ => exporting::write(workspace, &items, &path, redact),
        },
        Effect::SaveInterview(interview) => {
            // No `select`: browse keeps its own selection of ICPs and personas.
            store
                .save_interview(&interview)
                .map_err(|e| refused(outcome, e, Entity::Interview(interview.clone())))?;
            Ok(format!(
                "Saved the interview “{}”.",
                clean(&interview.title)
            ))
        }
        Effect::ImportNotes { paths, icp } => import(store, &paths, icp),
        Effect::SaveIcp {
            icp,
            message,
            removed,
        } => {
            let kept = match (removed, store.folder()) {
                (Some(gone), Some(root)) => Some(
                    crate::store::discard::keep_customer(root, &icp.id, &gone)
                        .map_err(|e| e.to_string())?,
                ),
                _ => None,
            };
            store
                .save_icp(&icp)
                .map_err(|e| refused(outcome, e, Entity::Icp(icp.clone())))?;
            Ok(match kept {
                Some(location) => format!("{message} A copy is in {}.", clean(&location)),
                None => message,
            })
        }
        Effect::CreateWorkspace { .. }
        | Effect::EditNotes { .. }
        | Effect::WriteDraft(_)
        | Effect::RemoveDraft(_)
        | Effect::SaveWizard { .. }
        | Effect::SaveOver { .. }
        | Effect::Reload { .. }
        | Effect::ReadAll
        | Effect::ReadQuotes
        | Effect::AsRead { .. }
        | Effect::LoadOutreach { .. }
        | Effect::SaveOutreach { .. }
        | Effect::EditOutreach { .. }
        | Effect::Scan
        | Effect::Settle { .. }
        | Effect::History(_)
        | Effect::PreviewCustomers { .. }
        | Effect::ImportCustomers { .. } => unreachable!("handled by perform"),
        Effect::OpenScoring { .. } | Effect::SaveScoring { .. } | Effect::ReadLeads { .. } => {
            unreachable!("handled by perform")
        }
    }
}

/// Imports notes for the app: the import `persona import-notes` runs
/// (every file checked first, all or none, ids free on disk).
pub(super) fn import<S: Store>(
    store: &mut S,
    paths: &[PathBuf],
    icp: Option<String>,
) -> Result<String, String> {
    let files =
        crate::import::interviews::import(store, paths, icp.as_deref(), jiff::Timestamp::now())
            .map_err(|e| sentence(&e.to_string()))?;
    Ok(format!(
        "Imported {}.",
        count(files.len(), "interview", "interviews")
    ))
}
