//! Markdown for the selection: the text shown in the preview and the files
//! an export writes. The markdown itself comes from `crate::export`.

use crate::domain::{EntityRef, Workspace};
use std::path::Path;

/// The markdown for some ICPs and personas, as one document.
pub fn document(workspace: &Workspace, items: &[EntityRef]) -> Result<String, String> {
    let _ = (workspace, items);
    Err("markdown export is not available in this build yet".into())
}

/// Writes the items to `path`: a `.md` file, or a folder of files.
pub fn write(workspace: &Workspace, items: &[EntityRef], path: &Path) -> Result<String, String> {
    let _ = (workspace, items, path);
    Err("markdown export is not available in this build yet".into())
}
