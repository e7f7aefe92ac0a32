//! What the outreach screen reads from the disk: the workspace's outreach
//! templates and the first rows of a lead file. The performer runs these
//! (a screen never touches the disk); the outcome comes back as a message.

use crate::domain::outreach::Lead;
use crate::import::leads::LeadFile;
use crate::store::Problem;
use crate::store::outreach::{self, TemplateFile};
use std::path::Path;

/// The most leads the screen reads from one file: enough to page through
/// and to count what would be skipped, never a whole CRM in memory.
pub const MOST_LEADS: usize = 2000;

/// The first rows of a lead file.
#[derive(Clone, Debug)]
pub struct Leads {
    /// The file as the user typed it.
    pub name: String,
    /// Its columns as token names (`Favourite Trail` → `favourite_trail`).
    pub columns: Vec<String>,
    pub rows: Vec<Lead>,
    /// The file has more rows than were read.
    pub more: bool,
}

/// The templates, the files among them that could not be read, and the
/// lead file asked for (if any), or why it could not be read.
#[derive(Clone, Debug)]
pub struct OutreachFiles {
    pub templates: Vec<TemplateFile>,
    pub problems: Vec<Problem>,
    pub leads: Option<Result<Leads, String>>,
}

/// Reads the templates of the workspace at `root`, and the lead file.
pub fn load(root: &Path, leads: Option<&Path>) -> OutreachFiles {
    let (templates, problems) = outreach::list(root);
    OutreachFiles {
        templates,
        problems,
        leads: leads.map(read_leads),
    }
}

/// Up to [`MOST_LEADS`] rows of a lead file; the error is one sentence
/// naming the file (and line).
pub fn read_leads(path: &Path) -> Result<Leads, String> {
    let mut file = LeadFile::open(path, &[])?;
    let columns = file.column_names();
    let name = file.name.clone();
    let mut rows = Vec::new();
    let mut more = false;
    for item in file.by_ref() {
        if rows.len() == MOST_LEADS {
            more = true;
            break;
        }
        rows.push(item?.0);
    }
    Ok(Leads {
        name,
        columns,
        rows,
        more,
    })
}

/// Saves a template atomically (never over a change made meanwhile) and
/// reads it back as now on disk.
pub fn save(
    root: &Path,
    template: &crate::domain::outreach::OutreachTemplate,
    expected: Option<&str>,
) -> Result<TemplateFile, String> {
    outreach::save(root, template, expected).map_err(|e| match e {
        crate::store::StoreError::ChangedOnDisk { path } => format!(
            "{path} changed on disk since it was opened; nothing was saved (o reloads it, losing these edits)"
        ),
        other => other.to_string(),
    })?;
    outreach::open(root, &template.id)
}
