//! What can be done to the selected ICP or persona, from browse or a card:
//! delete, duplicate, move, rename, export, preview, undo. Each asks first
//! (a confirmation, prompt or picker) and then returns an effect.

use super::action::Action;
use super::app::{App, Screen};
use super::effect::Effect;
use super::exporting;
use super::modal::{Confirm, Modal, Pending, Picker, Prompt};
use super::screens::preview::PreviewState;
use super::text::clean;
use super::widgets::input::LineInput;
use crate::domain::{EntityRef, Kind, Profile};

fn name_of(app: &App, entity: &EntityRef) -> String {
    let name = match entity.kind {
        Kind::Icp => app.workspace.icp(&entity.id).map(|i| i.name()),
        Kind::Persona => app.workspace.persona(&entity.id).map(|p| p.name()),
        _ => None,
    };
    clean(name.unwrap_or(&entity.id)).into_owned()
}

/// Handles an item action on `entity` (the selection); `None` when nothing
/// is selected.
pub fn on_item(app: &mut App, action: Action, entity: Option<EntityRef>) -> Vec<Effect> {
    if action == Action::Undo {
        return match app.undo.take() {
            Some(trashed) => vec![Effect::Restore(trashed)],
            None => {
                app.say("Nothing to undo.");
                Vec::new()
            }
        };
    }
    let Some(entity) = entity else {
        app.say("Select an ICP or a persona first.");
        return Vec::new();
    };
    let name = name_of(app, &entity);
    let kind = entity.kind.label();
    match action {
        Action::Delete => {
            let message = match entity.kind {
                Kind::Icp => {
                    let n = app.workspace.personas_of(&entity.id).count();
                    format!(
                        "Delete the ICP “{name}” and its {n} persona{}? It goes to the trash and can be brought back.",
                        if n == 1 { "" } else { "s" }
                    )
                }
                _ => format!(
                    "Delete the {kind} “{name}”? It goes to the trash and can be brought back."
                ),
            };
            app.modal = Some(Modal::Confirm(Confirm {
                title: "Delete".into(),
                message,
                pending: Pending::Delete(entity),
            }));
        }
        Action::Rename => {
            let current = match entity.kind {
                Kind::Icp => app.workspace.icp(&entity.id).map(|i| i.name.clone()),
                _ => app.workspace.persona(&entity.id).map(|p| p.name.clone()),
            };
            app.modal = Some(Modal::Prompt(Prompt {
                title: format!("Rename {kind}"),
                label: format!("New name (the id `{}` and its file follow):", entity.id),
                input: LineInput::new(&current.unwrap_or_default()),
                pending: Pending::Rename(entity),
            }));
        }
        Action::Export => {
            let default = app.export_dir.join(format!("{}.md", entity.id));
            app.modal = Some(Modal::Prompt(Prompt {
                title: format!("Export “{name}”"),
                label: "Write markdown to (a .md file, or a folder for one file per item):".into(),
                input: LineInput::new(&default.display().to_string()),
                pending: Pending::Export(vec![entity]),
            }));
        }
        Action::Preview => match exporting::document(&app.workspace, std::slice::from_ref(&entity))
        {
            Ok(markdown) => {
                let back = std::mem::replace(&mut app.screen, Screen::Browse);
                app.screen = Screen::Preview(PreviewState::new(
                    format!("{name}: markdown preview"),
                    &markdown,
                    entity,
                    back,
                ));
            }
            Err(message) => app.warn(message),
        },
        Action::Duplicate => {
            let Some(original) = app.workspace.persona(&entity.id) else {
                app.say("Only personas can be duplicated; select a persona.");
                return Vec::new();
            };
            let mut copy = original.clone();
            copy.name = format!("{} (copy)", original.name);
            copy.id = app.workspace.new_id(Kind::Persona, &copy.name);
            let now = crate::domain::now();
            copy.created = Some(now);
            copy.updated = Some(now);
            app.changed();
            return vec![Effect::SavePersona(copy)];
        }
        Action::Move => {
            let Some(persona) = app.workspace.persona(&entity.id) else {
                app.say("Only personas can be moved; select a persona.");
                return Vec::new();
            };
            let options: Vec<(String, String)> = app
                .workspace
                .icps
                .iter()
                .filter(|i| i.id != persona.icp)
                .map(|i| (i.id.clone(), clean(&i.name).into_owned()))
                .collect();
            if options.is_empty() {
                app.say("There is no other ICP to move this persona to.");
                return Vec::new();
            }
            app.modal = Some(Modal::Picker(Picker {
                title: format!("Move “{name}” to which ICP?"),
                options,
                selected: 0,
                pending: Pending::Move {
                    persona: entity.id.clone(),
                },
            }));
        }
        _ => {}
    }
    Vec::new()
}

/// Called when a confirmation, prompt or picker is accepted with `input`
/// (what was typed or chosen).
pub fn finish(app: &mut App, pending: Pending, input: String) -> Vec<Effect> {
    match pending {
        Pending::Delete(entity) => {
            app.changed();
            vec![Effect::Delete(entity)]
        }
        Pending::Rename(entity) => {
            if input.is_empty() {
                app.warn("A name cannot be empty; nothing was renamed.");
                return Vec::new();
            }
            let slug = crate::domain::id::slugify(&input, entity.kind.fallback_id());
            let new_id = if slug == entity.id {
                slug
            } else {
                app.workspace.new_id(entity.kind, &input)
            };
            app.changed();
            vec![Effect::Rename {
                entity,
                name: input,
                new_id,
            }]
        }
        Pending::Export(items) => {
            if input.is_empty() {
                app.warn("Type where the markdown should go; nothing was exported.");
                return Vec::new();
            }
            let path = expand_home(&input);
            vec![Effect::Export { path, items }]
        }
        Pending::Move { persona } => {
            app.changed();
            vec![Effect::Move {
                persona,
                icp: input,
            }]
        }
        Pending::Interviews(pending) => super::screens::interviews::finish(app, pending, input),
    }
}

pub fn expand_home(input: &str) -> std::path::PathBuf {
    if let Some(rest) = input.strip_prefix("~/")
        && let Some(dirs) = directories::BaseDirs::new()
    {
        return dirs.home_dir().join(rest);
    }
    std::path::PathBuf::from(input)
}
