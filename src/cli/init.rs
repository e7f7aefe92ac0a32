//! `persona init`: create a workspace.

use super::{Outcome, default_workspace, emit};
use crate::store::FsStore;
use std::path::Path;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Fill it with the demo ICPs, personas and interviews
    #[arg(long)]
    demo: bool,
    /// The workspace's name [default: the folder's name]
    #[arg(long)]
    name: Option<String>,
}

pub fn run(root: &Path, Args { demo, name }: Args) -> Outcome {
    let name = name.unwrap_or_else(|| {
        root.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| "Workspace".into())
    });
    FsStore::init(root, &name, demo)?;
    let what = if demo { " with the demo content" } else { "" };
    // Say the command that opens this workspace, not some other one.
    let open = if default_workspace().is_ok_and(|d| d == root) {
        "persona".to_string()
    } else {
        format!(
            "persona --workspace {}",
            shell_word(&root.display().to_string())
        )
    };
    emit(&format!(
        "Created the workspace at {}{what}. Run `{open}` to open it.\n",
        root.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// A path as one shell word (quoted when it holds spaces or quotes).
fn shell_word(text: &str) -> String {
    if text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-~+".contains(c))
    {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}
