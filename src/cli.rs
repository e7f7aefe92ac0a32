//! The non-interactive commands: `init`, `list`, `show`, `export`,
//! `validate`, `templates`, `import-notes`, `import-customers`, `tally`.

use crate::domain::{Icp, Kind, Persona, Severity, Template, TemplateOrigin, Workspace};
use crate::export::markdown::{self, Links, Options};
use crate::store::{FsStore, Loaded, Store, atomic::write_atomic};
use crate::text;
use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "persona",
    version,
    about = "Ideal Customer Profiles and buyer personas, grounded in interview evidence.",
    long_about = "Ideal Customer Profiles and buyer personas, grounded in interview evidence.\n\nWith no command, opens the interactive app on the workspace."
)]
pub struct Cli {
    /// The workspace folder [default: the data folder, e.g. ~/.local/share/persona/workspace]
    #[arg(long, global = true, env = "PERSONA_WORKSPACE", value_name = "DIR")]
    pub workspace: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the workspace (refuses to overwrite an existing one)
    Init {
        /// Fill it with the demo ICPs, personas and interviews
        #[arg(long)]
        demo: bool,
        /// The workspace's name [default: the folder's name]
        #[arg(long)]
        name: Option<String>,
    },
    /// One line per item: id, name, and for personas their ICP
    List {
        /// What to list [default: everything]
        #[arg(value_enum)]
        what: Option<ListKind>,
        /// Only what belongs to this ICP
        #[arg(long, value_name = "ID")]
        icp: Option<String>,
        /// Print a JSON array
        #[arg(long)]
        json: bool,
    },
    /// An ICP, persona or interview as markdown (or JSON)
    Show {
        /// The id; prefix with `icp:`, `persona:` or `interview:` when several kinds share it
        id: String,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Markdown: one persona, one ICP with all its personas, or everything
    #[command(group = clap::ArgGroup::new("what").required(true).args(["ids", "all"]))]
    Export {
        /// ICP or persona ids
        ids: Vec<String>,
        /// Export every ICP and persona
        #[arg(long)]
        all: bool,
        /// A folder (one file per item plus index.md), a `.md` file, or `-` for stdout
        #[arg(long, value_name = "PATH", default_value = "persona-export")]
        out: PathBuf,
    },
    /// Check every file; prints `path:line:col: message` per problem
    Validate,
    /// Open the app straight in the wizard for a new ICP, persona or interview
    New {
        /// What to make
        #[arg(value_enum)]
        what: NewWhat,
        /// The ICP a persona (or interview) belongs to
        #[arg(long)]
        icp: Option<String>,
        /// The template to fill (see `persona templates`)
        #[arg(long)]
        template: Option<String>,
    },
    /// List the built-in and workspace templates
    Templates {
        /// Print a JSON array
        #[arg(long)]
        json: bool,
    },
    /// Turn plain text or markdown notes into interviews (a folder means its .md and .txt files)
    ImportNotes {
        /// Notes files or folders
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// The ICP the interviews are about
        #[arg(long, value_name = "ID")]
        icp: Option<String>,
    },
    /// Add best customers to an ICP from a CRM export (CSV with a header row)
    ImportCustomers {
        /// The CSV file
        csv: PathBuf,
        /// The ICP to add them to
        #[arg(long, value_name = "ID", required = true)]
        icp: String,
    },
    /// How often each tag was heard (once per interviewee) and each best-customer value occurs
    Tally {
        /// Only the interviews and best customers of this ICP
        #[arg(long, value_name = "ID")]
        icp: Option<String>,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListKind {
    Icps,
    Personas,
    Interviews,
}

/// A command's failure: one sentence for stderr, and the exit code.
pub struct Failure(pub String);

type Outcome = Result<ExitCode, Failure>;

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(error: E) -> Failure {
        Failure(error.to_string())
    }
}

/// Parses the arguments and runs the command; the binary's whole body.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(Failure(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(1)
        }
    }
}

pub fn run(cli: Cli) -> Outcome {
    let root = match cli.workspace {
        Some(dir) => dir,
        None => default_workspace()?,
    };
    let Some(command) = cli.command else {
        return open_app(&root);
    };
    match command {
        Command::Init { demo, name } => init(&root, demo, name),
        Command::List { what, icp, json } => list(&root, what, icp.as_deref(), json),
        Command::Show { id, json } => show(&root, &id, json),
        Command::Export { ids, all, out } => export(&root, &ids, all, &out),
        Command::Validate => validate(&root),
        Command::New {
            what,
            icp,
            template,
        } => new_in_wizard(&root, what, icp, template),
        Command::Templates { json } => templates(&root, json),
        Command::ImportNotes { files, icp } => import_notes(&root, &files, icp.as_deref()),
        Command::ImportCustomers { csv, icp } => import_customers(&root, &csv, &icp),
        Command::Tally { icp, json } => tally(&root, icp.as_deref(), json),
    }
}

/// `~/.local/share/persona/workspace` on Linux, and the like elsewhere.
pub fn default_workspace() -> Result<PathBuf, Failure> {
    directories::ProjectDirs::from("", "", "persona")
        .map(|dirs| dirs.data_dir().join("workspace"))
        .ok_or_else(|| {
            Failure(
                "no home folder was found for the default workspace; pass --workspace DIR".into(),
            )
        })
}

fn open_app(root: &Path) -> Outcome {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        return Err(Failure(
            "the interactive app needs a terminal; run a command instead (see `persona --help`)"
                .into(),
        ));
    }
    crate::tui::run(root).map_err(Failure)?;
    Ok(ExitCode::SUCCESS)
}

/// What `new` makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum NewWhat {
    Icp,
    Persona,
    Interview,
}

fn new_in_wizard(
    root: &Path,
    what: NewWhat,
    icp: Option<String>,
    template: Option<String>,
) -> Outcome {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        return Err(Failure(
            "the wizard needs a terminal; run `persona new` in one".into(),
        ));
    }
    let what = match what {
        NewWhat::Icp => crate::domain::Kind::Icp,
        NewWhat::Persona => crate::domain::Kind::Persona,
        NewWhat::Interview => crate::domain::Kind::Interview,
    };
    crate::tui::run_with(
        root,
        crate::tui::Start::Wizard {
            what,
            icp,
            template,
        },
    )
    .map_err(Failure)?;
    Ok(ExitCode::SUCCESS)
}

/// Writes to stdout, treating a closed pipe (`persona list | head`) as done.
fn emit(text: &str) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(Failure(format!("could not write the output: {e}")))
        }
        _ => Ok(()),
    }
}

fn emit_json<T: Serialize + ?Sized>(value: &T) -> Result<(), Failure> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    emit(&text)
}

fn load(root: &Path) -> Result<(FsStore, Loaded), Failure> {
    let mut store = FsStore::new(root);
    let loaded = store.load()?;
    Ok((store, loaded))
}

/// Tells stderr about files that could not be loaded; the exit code
/// becomes 1 so scripts notice.
fn report_unloaded(loaded: &Loaded) -> ExitCode {
    report_problems(&loaded.problems)
}

fn report_problems(problems: &[crate::store::Problem]) -> ExitCode {
    if problems.is_empty() {
        return ExitCode::SUCCESS;
    }
    for problem in problems {
        eprintln!("{}", text::line(&problem.to_string()));
    }
    let n = problems.len();
    eprintln!(
        "warning: {n} {} could not be loaded and {} left out; see `persona validate`",
        plural(n, "file", "files"),
        if n == 1 { "is" } else { "are" }
    );
    ExitCode::from(1)
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

fn init(root: &Path, demo: bool, name: Option<String>) -> Outcome {
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

#[derive(Serialize)]
struct Row<'a> {
    kind: Kind,
    id: &'a str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    icp: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    template: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_validated: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    highlights: Option<usize>,
}

fn list(root: &Path, what: Option<ListKind>, icp: Option<&str>, json: bool) -> Outcome {
    // Only the lines are needed, not whole cards: the store summarises each
    // file (from its index cache when the file is unchanged).
    let listing = FsStore::new(root).list()?;
    if let Some(icp) = icp
        && !listing.icps.iter().any(|i| i.id == icp)
    {
        let ids = listing.icps.iter().map(|i| i.id.as_str());
        return Err(Failure(unknown_among(ids, icp, Some(Kind::Icp))));
    }
    let wanted = |kind: ListKind| what.is_none_or(|w| w == kind);
    let mut rows = Vec::new();
    for (kind, items) in [
        (ListKind::Icps, &listing.icps),
        (ListKind::Personas, &listing.personas),
        (ListKind::Interviews, &listing.interviews),
    ] {
        if !wanted(kind) {
            continue;
        }
        let mine = |item: &&crate::store::index::Listed| match (kind, icp) {
            (_, None) => true,
            (ListKind::Icps, Some(id)) => item.id == id,
            (_, Some(id)) => item.summary.icp.as_deref() == Some(id),
        };
        for item in items.iter().filter(mine) {
            let line = &item.summary;
            rows.push(Row {
                kind: item.kind,
                id: &item.id,
                name: &line.name,
                icp: line.icp.as_deref(),
                template: line.template.as_deref(),
                updated: line.updated.map(|t| t.to_string()),
                last_validated: line.last_validated.map(|d| d.to_string()),
                date: line.date.map(|d| d.to_string()),
                highlights: line.highlights,
            });
        }
    }
    if json {
        emit_json(&rows)?;
    } else {
        let show_kind = what.is_none();
        let cells: Vec<Vec<String>> = rows
            .iter()
            .map(|row| {
                let mut cells = Vec::new();
                if show_kind {
                    cells.push(row.kind.label().to_string());
                }
                cells.push(row.id.to_string());
                cells.push(text::line(row.name));
                if row.kind == Kind::Persona || (show_kind && row.icp.is_some()) {
                    cells.push(row.icp.map(|i| format!("icp: {i}")).unwrap_or_default());
                }
                cells
            })
            .collect();
        emit(&columns(&cells))?;
        if rows.is_empty() && listing.problems.is_empty() {
            eprintln!("Nothing to list yet.");
        }
    }
    Ok(report_problems(&listing.problems))
}

/// Rows of cells as aligned columns (by terminal width, so CJK lines up).
fn columns(rows: &[Vec<String>]) -> String {
    let count = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..count)
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|c| text::width(c))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            if i + 1 == row.len() {
                line.push_str(cell);
            } else {
                line.push_str(&text::pad(cell, widths[i]));
                line.push_str("  ");
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// "no persona `x`" with a nudge towards what exists.
fn unknown(ws: &Workspace, id: &str, kind: Option<Kind>) -> String {
    let mut candidates: Vec<&str> = Vec::new();
    if kind.is_none_or(|k| k == Kind::Icp) {
        candidates.extend(ws.icps.iter().map(|i| i.id.as_str()));
    }
    if kind.is_none_or(|k| k == Kind::Persona) {
        candidates.extend(ws.personas.iter().map(|p| p.id.as_str()));
    }
    if kind.is_none_or(|k| k == Kind::Interview) {
        candidates.extend(ws.interviews.iter().map(|i| i.id.as_str()));
    }
    unknown_among(candidates.into_iter(), id, kind)
}

/// "no ICP `x`", suggesting the closest of `candidates`.
fn unknown_among<'a>(
    candidates: impl Iterator<Item = &'a str>,
    id: &str,
    kind: Option<Kind>,
) -> String {
    let what = kind.map_or("ICP, persona or interview", |k| k.label());
    let close = candidates
        .map(|c| (distance(c, id), c))
        .filter(|(d, c)| *d <= 3.max(id.len() / 3) || c.contains(id))
        .min();
    let id = text::line(id);
    match close {
        Some((_, c)) => format!("there is no {what} with the id `{id}`; did you mean `{c}`?"),
        None => format!("there is no {what} with the id `{id}` (see `persona list`)"),
    }
}

/// Edit distance, for suggesting the id someone meant.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = if ca == *cb {
                previous
            } else {
                1 + previous.min(row[j]).min(row[j + 1])
            };
            previous = current;
        }
    }
    row[b.len()]
}

/// Resolves `id` or `kind:id` to exactly one thing.
fn resolve(ws: &Workspace, query: &str) -> Result<(Kind, String), Failure> {
    let (kind, id) = match query.split_once(':') {
        Some((kind, id)) => match Kind::parse(kind) {
            Some(kind) => (Some(kind), id),
            None => (None, query),
        },
        None => (None, query),
    };
    let found: Vec<_> = ws
        .find(id)
        .into_iter()
        .filter(|e| kind.is_none_or(|k| k == e.kind))
        .collect();
    match found.as_slice() {
        [one] => Ok((one.kind, one.id.clone())),
        [] => Err(Failure(unknown(ws, id, kind))),
        many => Err(Failure(format!(
            "`{}` names more than one thing ({}); add the kind, e.g. `{}:{}`",
            text::line(id),
            many.iter()
                .map(|e| e.kind.label())
                .collect::<Vec<_>>()
                .join(" and "),
            many[0].kind.fallback_id(),
            text::line(id)
        ))),
    }
}

#[derive(Serialize)]
struct Identified<'a, T: Serialize> {
    kind: Kind,
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    icp: Option<&'a str>,
    #[serde(flatten)]
    item: &'a T,
}

fn show(root: &Path, query: &str, json: bool) -> Outcome {
    let (_, loaded) = load(root)?;
    let ws = &loaded.workspace;
    let (kind, id) = resolve(ws, query)?;
    let plain = Options {
        front_matter: false,
        links: Links::None,
    };
    let (text, value) = match kind {
        Kind::Icp => {
            let icp = ws.icp(&id).expect("resolved");
            (
                markdown::icp(ws, icp, &plain),
                serde_json::to_value(Identified {
                    kind,
                    id: &id,
                    icp: None,
                    item: icp,
                })?,
            )
        }
        Kind::Persona => {
            let persona = ws.persona(&id).expect("resolved");
            (
                markdown::persona(ws, persona, &plain),
                serde_json::to_value(Identified {
                    kind,
                    id: &id,
                    icp: Some(&persona.icp),
                    item: persona,
                })?,
            )
        }
        Kind::Interview | Kind::Template => {
            let interview = ws.interview(&id).expect("resolved");
            (
                markdown::interview(ws, interview, &plain),
                serde_json::to_value(Identified {
                    kind,
                    id: &id,
                    icp: None,
                    item: interview,
                })?,
            )
        }
    };
    if json {
        emit_json(&value)?;
    } else {
        emit(&text::visible(&text, true))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// What `export` writes: ICPs and personas, each once, in workspace order.
fn selection<'a>(
    ws: &'a Workspace,
    ids: &[String],
    all: bool,
) -> Result<(Vec<&'a Icp>, Vec<&'a Persona>), Failure> {
    if all {
        return Ok((ws.icps.iter().collect(), ws.personas.iter().collect()));
    }
    let mut icps: Vec<&Icp> = Vec::new();
    let mut personas: Vec<&Persona> = Vec::new();
    for query in ids {
        match resolve(ws, query)? {
            (Kind::Icp, id) => {
                let icp = ws.icp(&id).expect("resolved");
                if !icps.iter().any(|i| i.id == icp.id) {
                    icps.push(icp);
                }
                for persona in ws.personas_of(&icp.id) {
                    if !personas.iter().any(|p| p.id == persona.id) {
                        personas.push(persona);
                    }
                }
            }
            (Kind::Persona, id) => {
                let persona = ws.persona(&id).expect("resolved");
                if !personas.iter().any(|p| p.id == persona.id) {
                    personas.push(persona);
                }
            }
            (kind, id) => {
                return Err(Failure(format!(
                    "`{id}` is an {}; only ICPs and personas are exported (try `persona show {id}`)",
                    kind.label()
                )));
            }
        }
    }
    Ok((icps, personas))
}

/// The mark our exported files carry, so a re-export may replace them.
const EXPORT_MARK: &str = "exported_by: persona";

/// Refuses to replace a file persona did not write.
fn may_replace(path: &Path, contents: &str) -> Result<(), Failure> {
    match std::fs::read(path) {
        Err(_) => Ok(()),
        Ok(existing) => {
            let head = String::from_utf8_lossy(&existing[..existing.len().min(2048)]);
            if existing == contents.as_bytes() || head.contains(EXPORT_MARK) {
                Ok(())
            } else {
                Err(Failure(format!(
                    "{} already exists and was not written by persona, so it was left alone; choose another --out",
                    path.display()
                )))
            }
        }
    }
}

fn export(root: &Path, ids: &[String], all: bool, out: &Path) -> Outcome {
    let (_, loaded) = load(root)?;
    let ws = &loaded.workspace;
    let (icps, personas) = selection(ws, ids, all)?;
    if icps.is_empty() && personas.is_empty() {
        return Err(Failure(format!(
            "there is nothing to export: the workspace at {} has no ICPs or personas yet",
            root.display()
        )));
    }
    let counted = format!(
        "{} {} and {} {}",
        icps.len(),
        plural(icps.len(), "ICP", "ICPs"),
        personas.len(),
        plural(personas.len(), "persona", "personas")
    );
    if out == Path::new("-") {
        emit(&text::visible(
            &markdown::document(ws, &icps, &personas),
            true,
        ))?;
    } else if out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md"))
        && !out.is_dir()
    {
        let contents = markdown::document(ws, &icps, &personas);
        may_replace(out, &contents)?;
        write_atomic(out, contents.as_bytes())
            .map_err(|e| Failure(format!("could not write {}: {e}", out.display())))?;
        eprintln!("Exported {counted} to {}.", out.display());
    } else {
        let files = markdown::folder(ws, &icps, &personas);
        for file in &files {
            may_replace(&out.join(&file.path), &file.contents)?;
        }
        let writes: Vec<(PathBuf, &[u8])> = files
            .iter()
            .map(|file| (out.join(&file.path), file.contents.as_bytes()))
            .collect();
        crate::store::atomic::write_all_atomic(&writes)
            .map_err(|(path, e)| Failure(format!("could not write {}: {e}", path.display())))?;
        eprintln!(
            "Exported {counted} to {} (start with {}).",
            out.display(),
            out.join("index.md").display()
        );
    }
    Ok(report_unloaded(&loaded))
}

fn validate(root: &Path) -> Outcome {
    let (store, loaded) = load(root)?;
    let problems = store.validate(&loaded);
    let mut out = String::new();
    for problem in &problems {
        out.push_str(&text::line(&problem.to_string()));
        out.push('\n');
    }
    emit(&out)?;
    let ws = &loaded.workspace;
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let warnings = problems.len() - errors;
    let checked = format!(
        "{} {}, {} {}, {} {}",
        ws.icps.len(),
        plural(ws.icps.len(), "ICP", "ICPs"),
        ws.personas.len(),
        plural(ws.personas.len(), "persona", "personas"),
        ws.interviews.len(),
        plural(ws.interviews.len(), "interview", "interviews"),
    );
    if problems.is_empty() {
        eprintln!("No problems found ({checked} checked).");
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!(
        "{errors} {} and {warnings} {} ({checked} loaded).",
        plural(errors, "error", "errors"),
        plural(warnings, "warning", "warnings")
    );
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

#[derive(Serialize)]
struct TemplateRow<'a> {
    id: &'a str,
    origin: TemplateOrigin,
    #[serde(flatten)]
    template: &'a Template,
}

fn templates(root: &Path, json: bool) -> Outcome {
    // Templates can be listed without a workspace: then only built-ins show.
    let mut store = FsStore::new(root);
    let loaded = if store.exists() {
        store.load()?
    } else {
        let mut problems = Vec::new();
        let workspace = crate::store::fs::builtin_workspace(&mut problems);
        Loaded {
            workspace,
            problems,
        }
    };
    let ws = &loaded.workspace;
    if json {
        let rows: Vec<TemplateRow> = ws
            .templates
            .iter()
            .map(|t| TemplateRow {
                id: &t.id,
                origin: t.origin,
                template: t,
            })
            .collect();
        emit_json(&rows)?;
    } else {
        let rows: Vec<Vec<String>> = ws
            .templates
            .iter()
            .map(|t| {
                vec![
                    t.id.clone(),
                    t.kind.to_string(),
                    text::line(&t.name),
                    match t.origin {
                        TemplateOrigin::BuiltIn => "built-in".into(),
                        TemplateOrigin::Workspace => "workspace".into(),
                    },
                ]
            })
            .collect();
        emit(&columns(&rows))?;
    }
    Ok(report_unloaded(&loaded))
}

/// Imports notes files as interviews: every file is read and checked
/// first, and if any fails nothing is imported. Each interview is then
/// saved atomically.
fn import_notes(root: &Path, files: &[PathBuf], icp: Option<&str>) -> Outcome {
    let (mut store, loaded) = load(root)?;
    let mut ws = loaded.workspace;
    if let Some(icp) = icp
        && ws.icp(icp).is_none()
    {
        return Err(Failure(unknown(&ws, icp, Some(Kind::Icp))));
    }
    let parsed = crate::import::read_notes(files).map_err(Failure)?;
    let now = jiff::Timestamp::now();
    let mut rows = Vec::new();
    for file in parsed {
        let id = ws.new_id(Kind::Interview, &file.parsed.title);
        let mut interview = file.parsed.into_interview(id);
        if let Some(icp) = icp {
            interview.icp = Some(icp.to_string());
        }
        interview.created = Some(now);
        interview.updated = Some(now);
        store.save_interview(&interview).map_err(|e| {
            Failure(format!(
                "{e} (while importing {}; the files before it were imported)",
                file.path.display()
            ))
        })?;
        rows.push(vec![
            interview.id.clone(),
            text::line(&interview.title),
            format!("from {}", file.path.display()),
        ]);
        ws.interviews.push(interview);
    }
    emit(&columns(&rows))?;
    eprintln!(
        "Imported {} {}.",
        rows.len(),
        plural(rows.len(), "interview", "interviews")
    );
    Ok(ExitCode::SUCCESS)
}

/// Adds (or, by company name, updates) an ICP's best customers from a CSV;
/// any unreadable row means nothing is changed.
fn import_customers(root: &Path, csv: &Path, icp: &str) -> Outcome {
    let (mut store, loaded) = load(root)?;
    let ws = &loaded.workspace;
    let Some(found) = ws.icp(icp) else {
        return Err(Failure(unknown(ws, icp, Some(Kind::Icp))));
    };
    let mut icp = found.clone();
    let text = crate::import::read_text(csv).map_err(Failure)?;
    let parsed = match crate::import::customers::parse(&text) {
        Ok(parsed) => parsed,
        Err(errors) => {
            for e in errors.iter().skip(1) {
                eprintln!("{}:{}", csv.display(), text::line(&e.to_string()));
            }
            let first = &errors[0];
            let more = if errors.len() > 1 {
                format!(" (and {} more rows, listed above)", errors.len() - 1)
            } else {
                String::new()
            };
            return Err(Failure(format!(
                "{} line {}: {}{more}; nothing was imported",
                csv.display(),
                first.line,
                text::line(&first.message)
            )));
        }
    };
    if parsed.customers.is_empty() {
        return Err(Failure(format!(
            "{} has a header but no rows; nothing was imported",
            csv.display()
        )));
    }
    let (mut added, mut updated) = (0, 0);
    for customer in parsed.customers {
        let same = icp.best_customers.iter_mut().find(|c| {
            c.company
                .trim()
                .eq_ignore_ascii_case(customer.company.trim())
        });
        match same {
            Some(existing) => {
                let extra = std::mem::take(&mut existing.extra);
                *existing = customer;
                existing.extra = extra;
                updated += 1;
            }
            None => {
                icp.best_customers.push(customer);
                added += 1;
            }
        }
    }
    icp.updated = Some(jiff::Timestamp::now());
    store.save_icp(&icp)?;
    if !parsed.ignored.is_empty() {
        eprintln!(
            "Ignored {} {}: they match no best-customer attribute.",
            plural(parsed.ignored.len(), "column", "columns"),
            text::line(&parsed.ignored.join(", ")),
        );
    }
    eprintln!(
        "Added {added} and updated {updated} best {} of the ICP `{}` ({} in all).",
        plural(added + updated, "customer", "customers"),
        icp.id,
        icp.best_customers.len()
    );
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct TallyReport<'a> {
    icp: Option<&'a str>,
    #[serde(flatten)]
    tags: crate::domain::tally::TagTally,
    best_customers: Vec<crate::domain::tally::CustomerTally>,
}

fn tally(root: &Path, icp: Option<&str>, json: bool) -> Outcome {
    use crate::domain::tally;
    let (_, loaded) = load(root)?;
    let ws = &loaded.workspace;
    if let Some(id) = icp
        && ws.icp(id).is_none()
    {
        return Err(Failure(unknown(ws, id, Some(Kind::Icp))));
    }
    let report = TallyReport {
        icp,
        tags: tally::tags(&ws.interviews, icp),
        best_customers: ws
            .icps
            .iter()
            .filter(|i| icp.is_none_or(|id| i.id == id))
            .map(tally::best_customers)
            .collect(),
    };
    if json {
        emit_json(&report)?;
        return Ok(report_unloaded(&loaded));
    }
    let mut out = String::new();
    let t = &report.tags;
    out.push_str(&format!(
        "Tags across {} {} with {} {}{} (each interviewee counted once):\n",
        t.interviews,
        plural(t.interviews, "interview", "interviews"),
        t.interviewees,
        plural(t.interviewees, "interviewee", "interviewees"),
        icp.map(|i| format!(" about `{i}`")).unwrap_or_default()
    ));
    if t.tags.is_empty() {
        out.push_str("  no tagged highlights yet\n");
    }
    let rows: Vec<Vec<String>> = t
        .tags
        .iter()
        .map(|c| {
            vec![
                format!("  {}", text::line(&c.tag)),
                c.interviewees.to_string(),
                format!(
                    "({} {})",
                    c.highlights,
                    plural(c.highlights, "highlight", "highlights")
                ),
            ]
        })
        .collect();
    out.push_str(&columns(&rows));
    for customers in &report.best_customers {
        out.push_str(&format!(
            "\nBest customers of `{}` ({}):\n",
            customers.icp, customers.customers
        ));
        if customers.customers == 0 {
            out.push_str("  none yet (add them with `persona import-customers`)\n");
            continue;
        }
        for attribute in customers.attributes.iter().filter(|a| !a.values.is_empty()) {
            out.push_str(&format!("  {}:\n", attribute.attribute));
            let rows: Vec<Vec<String>> = attribute
                .values
                .iter()
                .map(|v| vec![format!("    {}", text::line(&v.value)), v.count.to_string()])
                .collect();
            out.push_str(&columns(&rows));
        }
    }
    emit(&out)?;
    Ok(report_unloaded(&loaded))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance() {
        assert_eq!(distance("olivia", "olivia"), 0);
        assert_eq!(distance("olivai", "olivia"), 2);
        assert_eq!(distance("", "abc"), 3);
    }

    #[test]
    fn columns_align_by_display_width() {
        let rows = vec![
            vec!["a".to_string(), "増田".to_string(), "x".to_string()],
            vec!["bb".to_string(), "n".to_string(), "y".to_string()],
        ];
        assert_eq!(columns(&rows), "a   増田  x\nbb  n     y\n");
    }
}
