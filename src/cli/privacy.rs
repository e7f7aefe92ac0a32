//! `persona privacy`: the personal data in the workspace's shared files,
//! by `file:line` and kind, so a team can check before pushing; and the
//! redaction choice `persona export` makes.

use super::{Failure, Outcome, emit, emit_json, load, plural};
use crate::domain::Workspace;
use crate::domain::privacy::{DetailKind, FileFinding, Scanner, Settings};
use crate::export::redact;
use crate::store::shared::{read_in_batches, shared_files};
use crate::text;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print a JSON array of findings (file, line, kind, key, text)
    #[arg(long)]
    json: bool,
}

pub fn run(root: &Path, Args { json }: Args) -> Outcome {
    let (_, loaded) = load(root)?;
    Settings::of(&loaded.workspace.meta).map_err(Failure)?;
    let files = shared_files(root).map_err(|e| {
        Failure(format!(
            "could not list the files of the workspace at {}: {e}",
            root.display()
        ))
    })?;
    let scanner = Scanner::new(&loaded.workspace);
    let mut findings = Vec::new();
    let mut failed = None;
    read_in_batches(&files, |batch| {
        let mut texts = Vec::with_capacity(batch.len());
        for (relative, text) in batch {
            match text {
                Ok(text) => texts.push((relative, text)),
                Err(e) => {
                    failed = Some(Failure(format!(
                        "could not read {}: {e}",
                        root.join(relative).display()
                    )));
                    return false;
                }
            }
        }
        let texts: Vec<(&str, &str)> = texts.iter().map(|(p, t)| (*p, t.as_str())).collect();
        findings.extend(scanner.files(&texts));
        true
    });
    if let Some(failed) = failed {
        return Err(failed);
    }
    if json {
        emit_json(&findings)?;
    } else {
        let mut out = String::new();
        for f in &findings {
            out.push_str(&text::line(&format!(
                "{}:{}: {}: {}",
                f.file, f.line, f.kind, f.text
            )));
            out.push('\n');
        }
        emit(&out)?;
    }
    if findings.is_empty() {
        eprintln!(
            "No personal data found in {} {}.",
            files.len(),
            plural(files.len(), "file", "files")
        );
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!("{}", summary(&findings));
    Ok(ExitCode::from(1))
}

/// "Found 3 personal details in 2 files: 1 e-mail, 2 person's names. ..."
fn summary(findings: &[FileFinding]) -> String {
    let mut kinds: BTreeMap<DetailKind, usize> = BTreeMap::new();
    for f in findings {
        *kinds.entry(f.kind).or_default() += 1;
    }
    let files = findings
        .iter()
        .map(|f| f.file.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let counts: Vec<String> = kinds
        .iter()
        .map(|(kind, n)| format!("{n} × {kind}"))
        .collect();
    format!(
        "Found {} personal {} in {files} {} ({}). Remove them from the files, or share with `persona export --redact`.",
        findings.len(),
        plural(findings.len(), "detail", "details"),
        plural(files, "file", "files"),
        counts.join(", ")
    )
}

/// The workspace `export` should write: redacted when `--redact` is given,
/// or when `workspace.toml` asks for it and `--no-redact` is not given.
pub(crate) fn for_export(
    ws: &Workspace,
    redact: bool,
    no_redact: bool,
) -> Result<Option<Workspace>, Failure> {
    let settings = Settings::of(&ws.meta).map_err(Failure)?;
    if !(redact || settings.redact_exports && !no_redact) {
        return Ok(None);
    }
    eprintln!(
        "Redacting: interviewees and companies are described, not named; e-mails, phone numbers, addresses and order numbers are masked."
    );
    Ok(Some(redact::workspace(ws, &settings)))
}
