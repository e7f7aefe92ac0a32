//! What can be done to the selected ICP or persona, from browse, a card or
//! the preview: delete, duplicate, move, rename, export, preview, undo.
//! Each asks first (a confirmation, prompt or picker); the answer comes
//! back through [`finish`] and becomes an effect.

use super::action::Action;
use super::ctx::Ctx;
use super::effect::Effect;
use super::exporting;
use super::modal::{Choose, Confirm, Modal, Pending, Prompt};
use super::out::{Nav, Out};
use super::text::{count, fit};
use super::widgets::input::LineInput;
use super::widgets::picker::{Choice, Look, Picker};
use crate::domain::{EntityRef, Kind, Profile};

fn name_of(ctx: &Ctx, entity: &EntityRef) -> String {
    let name = match entity.kind {
        Kind::Icp => ctx.workspace.icp(&entity.id).map(|i| i.name()),
        Kind::Persona => ctx.workspace.persona(&entity.id).map(|p| p.name()),
        _ => None,
    };
    fit(name.unwrap_or(&entity.id), 60)
}

/// The last delete, brought back.
pub fn undo(ctx: &Ctx) -> Vec<Out> {
    match ctx.undo {
        Some(trashed) => vec![Out::Do(Effect::Restore(trashed.clone()))],
        None => vec![Out::say("Nothing to undo.")],
    }
}

/// Handles an item action on `entity` (the selection); `None` when nothing
/// is selected.
pub fn on_item(ctx: &Ctx, action: Action, entity: Option<EntityRef>) -> Vec<Out> {
    if action == Action::Undo {
        return undo(ctx);
    }
    if action == Action::Outreach {
        return match entity {
            Some(e) if e.kind == Kind::Persona => vec![Out::Push(Nav::Outreach { persona: e.id })],
            _ => vec![Out::say(
                "Select a persona first: outreach is written for one persona at a time.",
            )],
        };
    }
    if action == Action::Scoring {
        // The ICP's scoring, or the persona's ICP's.
        let icp = entity.and_then(|e| match e.kind {
            Kind::Icp => Some(e.id),
            _ => ctx.workspace.persona(&e.id).map(|p| p.icp.clone()),
        });
        return match icp {
            Some(icp) => vec![Out::Do(Effect::OpenScoring { icp })],
            None => vec![Out::say(
                "Select an ICP (or one of its personas) to see its fit scoring.",
            )],
        };
    }
    if !matches!(
        action,
        Action::Delete
            | Action::Rename
            | Action::Export
            | Action::Preview
            | Action::Duplicate
            | Action::Move
    ) {
        return Vec::new();
    }
    let Some(entity) = entity else {
        return vec![Out::say("Select an ICP or a persona first.")];
    };
    let ws = ctx.workspace;
    let name = name_of(ctx, &entity);
    let kind = entity.kind.label();
    let modal = match action {
        Action::Delete => {
            let message = match entity.kind {
                Kind::Icp => format!(
                    "Delete the ICP “{name}” and its {}? It goes to the trash and can be brought back.",
                    count(ws.personas_of(&entity.id).count(), "persona", "personas")
                ),
                _ => format!(
                    "Delete the {kind} “{name}”? It goes to the trash and can be brought back."
                ),
            };
            Modal::Confirm(Confirm {
                title: "Delete".into(),
                message,
                pending: Pending::Delete(entity),
            })
        }
        Action::Rename => {
            let current = match entity.kind {
                Kind::Icp => ws.icp(&entity.id).map(|i| i.name.clone()),
                _ => ws.persona(&entity.id).map(|p| p.name.clone()),
            };
            Modal::Prompt(Prompt {
                title: format!("Rename {kind}"),
                label: format!("New name (the id `{}` and its file follow):", entity.id),
                input: LineInput::new(&current.unwrap_or_default()),
                pending: Pending::Rename(entity),
            })
        }
        Action::Export => {
            let default = ctx.export_dir.join(format!("{}.md", entity.id));
            Modal::Prompt(Prompt {
                title: format!("Export “{name}”"),
                label: "Write markdown to (a .md file, or a folder for one file per item):".into(),
                input: LineInput::new(&default.display().to_string()),
                pending: Pending::Export(vec![entity]),
            })
        }
        Action::Preview => {
            return match exporting::document(ws, std::slice::from_ref(&entity)) {
                Ok(markdown) => vec![Out::Push(Nav::Preview {
                    title: format!("{name}: markdown preview"),
                    markdown,
                    entity,
                })],
                Err(message) => vec![Out::Warn(message)],
            };
        }
        Action::Duplicate => {
            let Some(original) = ws.persona(&entity.id) else {
                return vec![Out::say(
                    "Only personas can be duplicated; select a persona.",
                )];
            };
            let mut copy = original.clone();
            copy.name = format!("{} (copy)", original.name);
            copy.id = ws.new_id(Kind::Persona, &copy.name);
            let now = crate::domain::now();
            copy.created = Some(now);
            copy.updated = Some(now);
            return vec![Out::Do(Effect::SavePersona(copy))];
        }
        _ => {
            let Some(persona) = ws.persona(&entity.id) else {
                return vec![Out::say("Only personas can be moved; select a persona.")];
            };
            let choices: Vec<Choice> = ws
                .icps
                .iter()
                .filter(|i| i.id != persona.icp)
                .map(|i| Choice::new(&i.id, &i.name))
                .collect();
            if choices.is_empty() {
                return vec![Out::say("There is no other ICP to move this persona to.")];
            }
            Modal::Picker(Choose {
                title: format!("Move “{name}” to which ICP?"),
                picker: Picker::new(choices, Look::Plain),
                pending: Pending::Move {
                    persona: entity.id.clone(),
                },
            })
        }
    };
    vec![Out::Open(modal)]
}

/// A confirmation, prompt or picker of an item action was answered with
/// `input` (what was typed or chosen).
pub fn finish(ctx: &Ctx, pending: Pending, input: String) -> Vec<Out> {
    let effect = match pending {
        Pending::Delete(entity) => Effect::Delete(entity),
        Pending::Rename(entity) => {
            if input.is_empty() {
                return vec![Out::warn("A name cannot be empty; nothing was renamed.")];
            }
            let slug = crate::domain::id::slugify(&input, entity.kind.fallback_id());
            let new_id = if slug == entity.id {
                slug
            } else {
                ctx.workspace.new_id(entity.kind, &input)
            };
            Effect::Rename {
                entity,
                name: input,
                new_id,
            }
        }
        Pending::Export(items) => {
            if input.is_empty() {
                return vec![Out::warn(
                    "Type where the markdown should go; nothing was exported.",
                )];
            }
            return redact_or_not(ctx, items, input);
        }
        Pending::ExportAs { items, path } => Effect::Export {
            path: expand_home(&path),
            items,
            redact: input == REDACTED,
            from_files: false,
        },
        Pending::Move { persona } => Effect::Move {
            persona,
            icp: input,
        },
        _ => return Vec::new(),
    };
    vec![Out::Do(effect)]
}

/// The export prompt's second question: names as written, or redacted
/// (the workspace's `[privacy] redact_exports` setting picks the default).
fn redact_or_not(ctx: &Ctx, items: Vec<EntityRef>, path: String) -> Vec<Out> {
    let settings = match crate::domain::privacy::Settings::of(&ctx.workspace.meta) {
        Ok(settings) => settings,
        Err(e) => {
            return vec![Out::warn(format!(
                "{}; nothing was exported.",
                super::text::sentence(&e).trim_end_matches('.')
            ))];
        }
    };
    let choices = vec![
        Choice::new(AS_WRITTEN, "As written: interviewees and companies by name"),
        Choice::new(
            REDACTED,
            "Redacted: people and companies described; e-mails, phones, addresses, order numbers masked",
        ),
    ];
    let default = usize::from(settings.redact_exports);
    vec![Out::Open(Modal::Picker(Choose {
        title: "Export with names, or redacted?".into(),
        picker: Picker::new(choices, Look::Plain).select(Some(default)),
        pending: Pending::ExportAs { items, path },
    }))]
}

/// The export choices' ids.
const AS_WRITTEN: &str = "as-written";
const REDACTED: &str = "redacted";

pub fn expand_home(input: &str) -> std::path::PathBuf {
    if let Some(rest) = input.strip_prefix("~/")
        && let Some(dirs) = directories::BaseDirs::new()
    {
        return dirs.home_dir().join(rest);
    }
    std::path::PathBuf::from(input)
}
