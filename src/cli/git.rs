//! `persona merge-file` (git's merge driver) and `persona git-setup`
//! (registers it in a clone).

use super::{Failure, Outcome, emit};
use crate::domain::Template;
use crate::git::{self, Repo};
use crate::merge;
use crate::store::{FsStore, StoreError, atomic::write_atomic, codec};
use crate::text;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// The common ancestor's version of the file (git's %O)
    base: PathBuf,
    /// Our version; the merged file is written here (git's %A)
    ours: PathBuf,
    /// Their version (git's %B)
    theirs: PathBuf,
    /// Where the file lives in the repository (git's %P), which tells its kind
    path: Option<String>,
}

/// Merges one workspace file. Exit 0 when clean, 1 when conflicts remain
/// (kept side by side inside the file, which still loads).
pub fn merge_file(
    MergeArgs {
        base,
        ours,
        theirs,
        path,
    }: MergeArgs,
) -> Outcome {
    let read = |file: &Path| {
        std::fs::read(file)
            .map_err(|e| {
                Failure(format!(
                    "could not read {}: {e}",
                    text::line(&file.display().to_string())
                ))
            })
            .and_then(|bytes| {
                String::from_utf8(bytes).map_err(|_| {
                    Failure(format!(
                        "{} is not UTF-8 text, so it was left for git to merge",
                        text::line(&file.display().to_string())
                    ))
                })
            })
    };
    let (b, o, t) = (read(&base)?, read(&ours)?, read(&theirs)?);
    let root = path.as_deref().and_then(workspace_of);
    let template = |id: &str| find_template(root.as_deref(), id);
    let merged = merge::merge_files(&b, &o, &t, path.as_deref(), &template);
    write_atomic(&ours, merged.text.as_bytes()).map_err(|e| {
        Failure(format!(
            "could not write the merged file {}: {e}",
            text::line(&ours.display().to_string())
        ))
    })?;
    let name = text::line(&path.unwrap_or_else(|| ours.display().to_string()));
    if let Some(why) = &merged.as_text {
        eprintln!(
            "{name}: merged line by line with git's conflict markers, because {}",
            text::line(why)
        );
    } else if merged.conflicts > 0 {
        let n = merged.conflicts;
        eprintln!(
            "{name}: {n} {} kept both versions, marked inside the file (which still loads); `persona validate` lists {}",
            if n == 1 { "conflict" } else { "conflicts" },
            if n == 1 { "it" } else { "them" },
        );
    }
    for note in &merged.notes {
        eprintln!("{name}: {}", text::line(note));
    }
    Ok(if merged.conflicts > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The workspace a file in the repository belongs to: the nearest folder
/// above it holding `workspace.toml`.
fn workspace_of(path: &str) -> Option<PathBuf> {
    Path::new(path)
        .ancestors()
        .skip(1)
        .map(|dir| {
            if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            }
        })
        .find(|dir| dir.join(crate::store::layout::META).is_file())
        .map(Path::to_path_buf)
}

/// A template by id: the workspace's own, else the built-in.
fn find_template(root: Option<&Path>, id: &str) -> Option<Template> {
    if let Some(root) = root
        && crate::domain::id::is_valid_id(id)
    {
        let relative = crate::store::layout::template_file(id);
        if let Ok(bytes) = std::fs::read(root.join(&relative))
            && let Ok(mut template) = codec::decode::<Template>(&relative, &bytes)
        {
            template.id = id.to_string();
            return Some(template);
        }
    }
    crate::store::fs::builtin_templates(&mut Vec::new())
        .into_iter()
        .find(|t| t.id == id)
}

#[derive(Debug, clap::Args)]
pub struct SetupArgs {}

/// Registers the merge driver in the repository's config and makes sure
/// the workspace's `.gitattributes` names it.
pub fn setup(root: &Path, _: SetupArgs) -> Outcome {
    if !FsStore::new(root).exists() {
        return Err(StoreError::NoWorkspace(root.to_path_buf()).into());
    }
    let repo = Repo::open(root)?;
    let exe = std::env::current_exe()
        .map_err(|e| Failure(format!("could not tell where the persona binary is: {e}")))?;
    let command = repo.register_driver(&exe)?;
    let wrote = git::sync::ensure_attributes(&repo).map_err(|e| Failure(e.to_string()))?;
    let mut out = format!(
        "Registered persona's merge driver in the repository at {}:\n  merge.persona.driver = {}\n",
        text::line(&repo.top.display().to_string()),
        text::line(&command)
    );
    if wrote {
        out.push_str(
            "Wrote .gitattributes in the workspace; commit it, so every clone merges workspace files this way.\n",
        );
    }
    out.push_str("ICPs, personas and interviews now merge item by item. Git does not copy this setting between clones: each teammate runs `persona git-setup` once in theirs.\n");
    emit(&out)?;
    Ok(ExitCode::SUCCESS)
}
