//! Markdown for the selection: the text shown in the preview, and the
//! export, which goes through the one export writer the command line uses
//! ([`crate::store::export`]): the same files, the same front matter, the
//! same refusal to replace a file persona did not write, and the same
//! redaction when `workspace.toml` asks for it.

use crate::domain::privacy::Settings;
use crate::domain::{EntityRef, Workspace};
use crate::export::markdown::{self, Links, Options};
use crate::export::redact;
use crate::store::export::{self, ExportError, Selection, Target};
use crate::store::fs::Personas;
use crate::store::{FsStore, Store};
use std::path::Path;

/// The markdown for some ICPs and personas, as one document: a persona on
/// its own, or an ICP followed by its personas (the preview).
pub fn document(ws: &Workspace, items: &[EntityRef]) -> Result<String, String> {
    let chosen = export::resolve(ws, &Selection::Items(items.to_vec()));
    match (chosen.icps.as_slice(), chosen.personas.as_slice()) {
        _ if chosen.is_empty() => Err("There is nothing to export.".into()),
        ([], [one]) if chosen.interviews.is_empty() => Ok(markdown::persona(
            ws,
            one,
            &Options {
                front_matter: false,
                links: Links::None,
            },
        )),
        _ => Ok(markdown::document_of(ws, &chosen)),
    }
}

/// [`write`] from the workspace's files instead of the app's memory, for
/// when the app holds only some cards: the one item with what it cites, or
/// (for a redacted export, which numbers the people of every interview, or
/// an item not found alone) the whole workspace, let go again afterwards.
pub fn write_from_files(
    root: &Path,
    items: &[EntityRef],
    path: &Path,
    redact: bool,
) -> Result<String, String> {
    let mut store = FsStore::new(root);
    let one = match items {
        [one] if !redact => store.load_one(Some(one.kind), &one.id, Personas::Quoted),
        _ => None,
    };
    let loaded = match one {
        Some(loaded) => loaded,
        None => store
            .load()
            .map_err(|e| super::text::sentence(&super::text::clean(&e.to_string())))?,
    };
    let message = write(&loaded.workspace, items, path, redact);
    drop(loaded);
    crate::memory::give_back();
    message
}

/// Writes the items to `path`: one `.md` file, or (for a path that is a
/// folder, ends with `/`, or has no extension) a folder with an `index.md`
/// and one file per item; `redact`: people and companies described, not
/// named (the export prompt asks, the workspace's `redact_exports` setting
/// picks the default answer). Returns the sentence to show.
pub fn write(
    ws: &Workspace,
    items: &[EntityRef],
    path: &Path,
    redact: bool,
) -> Result<String, String> {
    let settings = Settings::of(&ws.meta).map_err(|e| super::text::sentence(&e))?;
    let redacted = redact.then(|| redact::workspace(ws, &settings));
    let shown = redacted.as_ref().unwrap_or(ws);
    let selection = Selection::Items(items.to_vec());
    match export::write(shown, &selection, &Target::pick(path)) {
        Ok(done) => {
            let mut message = super::text::clean(&done.summary()).into_owned();
            if redacted.is_some() {
                message.push_str(" Redacted: interviewees and companies are described, not named.");
            }
            Ok(message)
        }
        Err(ExportError::Nothing) => Err("There is nothing to export.".into()),
        Err(e) => Err(super::text::sentence(&super::text::clean(&e.to_string()))),
    }
}
