//! Where each thing lives inside the workspace folder.

use crate::domain::{EntityRef, Kind, Workspace};

pub const META: &str = "workspace.toml";
pub const ICPS: &str = "icps";
pub const INTERVIEWS: &str = "interviews";
pub const TEMPLATES: &str = "templates";
pub const DRAFTS: &str = ".drafts";
pub const TRASH: &str = ".trash";

/// What `init` writes to `.gitignore`: what belongs to one machine only.
pub const GITIGNORE: &str = "# Local to this machine: unsaved wizard work, deleted items, caches.\n.drafts/\n.trash/\n.cache/\n";

/// What `init` writes to `.gitattributes`: every TOML file of the
/// workspace merges through persona's merge driver (see `crate::git`).
pub const GITATTRIBUTES: &str = "# persona merges its files item by item; run `persona git-setup` once in each clone.\n*.toml merge=persona\n";

pub fn icp_dir(icp: &str) -> String {
    format!("{ICPS}/{icp}")
}

pub fn icp_file(icp: &str) -> String {
    format!("{ICPS}/{icp}/icp.toml")
}

pub fn persona_file(icp: &str, persona: &str) -> String {
    format!("{ICPS}/{icp}/personas/{persona}.toml")
}

pub fn interview_file(interview: &str) -> String {
    format!("{INTERVIEWS}/{interview}.toml")
}

pub fn template_file(template: &str) -> String {
    format!("{TEMPLATES}/{template}.toml")
}

/// The file that holds an entity, if the workspace knows it.
pub fn entity_path(workspace: &Workspace, entity: &EntityRef) -> Option<String> {
    match entity.kind {
        Kind::Icp => Some(icp_file(&entity.id)),
        Kind::Persona => workspace
            .persona(&entity.id)
            .map(|p| persona_file(&p.icp, &p.id)),
        Kind::Interview => Some(interview_file(&entity.id)),
        Kind::Template => Some(template_file(&entity.id)),
    }
}
