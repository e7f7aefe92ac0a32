//! Markdown for the selection: the text shown in the preview and the files
//! an export writes. The markdown itself comes from `crate::export`; this
//! only picks what to include and writes it atomically.

use crate::domain::{EntityRef, Icp, Kind, Persona, Workspace};
use crate::export::markdown::{self, Links, Options};
use crate::store::atomic::write_atomic;
use std::path::Path;

/// The ICPs and personas named, plus every persona of a named ICP (an ICP
/// is exported with its personas).
fn selection<'a>(ws: &'a Workspace, items: &[EntityRef]) -> (Vec<&'a Icp>, Vec<&'a Persona>) {
    let mut icps: Vec<&Icp> = Vec::new();
    let mut personas: Vec<&Persona> = Vec::new();
    for item in items {
        match item.kind {
            Kind::Icp => {
                if let Some(icp) = ws.icp(&item.id) {
                    icps.push(icp);
                    personas.extend(ws.personas_of(&icp.id));
                }
            }
            Kind::Persona => personas.extend(ws.persona(&item.id)),
            _ => {}
        }
    }
    personas.dedup_by(|a, b| a.id == b.id);
    (icps, personas)
}

/// The markdown for some ICPs and personas, as one document: a persona on
/// its own, or an ICP followed by its personas.
pub fn document(ws: &Workspace, items: &[EntityRef]) -> Result<String, String> {
    let (icps, personas) = selection(ws, items);
    match (icps.as_slice(), personas.as_slice()) {
        ([], []) => Err("There is nothing to export.".into()),
        ([], [one]) => Ok(markdown::persona(
            ws,
            one,
            &Options {
                front_matter: false,
                links: Links::None,
            },
        )),
        _ => Ok(markdown::document(ws, &icps, &personas)),
    }
}

/// Writes the items to `path`: one `.md` file, or (for a path that is a
/// folder, ends with `/`, or has no extension) a folder with an `index.md`
/// and one file per item. Returns the sentence to show.
pub fn write(ws: &Workspace, items: &[EntityRef], path: &Path) -> Result<String, String> {
    let text = path.to_string_lossy();
    let as_folder = path.is_dir() || text.ends_with('/') || path.extension().is_none();
    let fail = |p: &Path, e: std::io::Error| format!("could not write {}: {e}", p.display());
    if as_folder {
        let (icps, personas) = selection(ws, items);
        if icps.is_empty() && personas.is_empty() {
            return Err("There is nothing to export.".into());
        }
        let files = markdown::folder(ws, &icps, &personas);
        for file in &files {
            let target = path.join(&file.path);
            write_atomic(&target, file.contents.as_bytes()).map_err(|e| fail(&target, e))?;
        }
        Ok(format!(
            "Exported {} files to {} (open index.md).",
            files.len(),
            super::text::clean(&path.display().to_string())
        ))
    } else {
        let markdown = document(ws, items)?;
        write_atomic(path, markdown.as_bytes()).map_err(|e| fail(path, e))?;
        Ok(format!(
            "Exported to {}.",
            super::text::clean(&path.display().to_string())
        ))
    }
}
