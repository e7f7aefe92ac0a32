//! Git as the team's engine: the repository a workspace lives in, read and
//! driven through the `git` command (what people have installed, with
//! their credentials and settings), never by writing into `.git` ourselves.

pub mod changes;
pub mod history;
pub mod sync;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The merge driver's name in `.gitattributes` and in git's config.
pub const DRIVER: &str = "persona";

/// What `persona init` and `persona git-setup` write to `.gitattributes`:
/// every TOML file of the workspace merges through persona's driver.
pub use crate::store::layout::GITATTRIBUTES;

/// The line of [`GITATTRIBUTES`] that matters.
pub const ATTRIBUTE: &str = "*.toml merge=persona";

#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("git is not installed (or not on the PATH); install it to share the workspace")]
    NotInstalled,
    #[error(
        "{} is not in a git repository; run `git init` there, or clone your team's repository and use the workspace inside it",
        .0.display()
    )]
    NotARepo(PathBuf),
    #[error("`git {command}` failed: {message}")]
    Failed { command: String, message: String },
}

/// The git repository a workspace lives in (the workspace may be the whole
/// repository or a folder inside it).
#[derive(Clone, Debug)]
pub struct Repo {
    /// The workspace folder; git runs here, and paths given to and taken
    /// from these methods are relative to it.
    pub workspace: PathBuf,
    /// The repository's top folder.
    pub top: PathBuf,
}

impl Repo {
    /// The repository holding the workspace at `workspace`.
    pub fn open(workspace: &Path) -> Result<Repo, GitError> {
        let output = run_git(workspace, &["rev-parse", "--show-toplevel"])?;
        if !output.status.success() {
            return Err(GitError::NotARepo(workspace.to_path_buf()));
        }
        let top = String::from_utf8_lossy(&output.stdout).trim().to_string();
        Ok(Repo {
            workspace: workspace.to_path_buf(),
            top: PathBuf::from(top),
        })
    }

    /// Runs git in the workspace; its output, or its complaint as an error.
    pub fn git(&self, args: &[&str]) -> Result<String, GitError> {
        let output = run_git(&self.workspace, args)?;
        if output.status.success() {
            Ok(String::from_utf8_lossy(&output.stdout).into_owned())
        } else {
            Err(failed(args, &output))
        }
    }

    /// Runs git and says only whether it succeeded.
    pub fn check(&self, args: &[&str]) -> bool {
        run_git(&self.workspace, args).is_ok_and(|o| o.status.success())
    }

    /// A file as it was at `rev` (`HEAD`, a commit, or `""` for the index),
    /// by its path relative to the workspace; `None` when it did not exist.
    pub fn show(&self, rev: &str, path: &str) -> Option<String> {
        let spec = format!("{rev}:./{path}");
        let output = run_git(&self.workspace, &["show", &spec]).ok()?;
        output
            .status
            .success()
            .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
    }

    /// The names of the repository's remotes.
    pub fn remotes(&self) -> Vec<String> {
        self.git(&["remote"])
            .map(|out| out.lines().map(str::to_string).collect())
            .unwrap_or_default()
    }

    /// The current branch, or `None` on a detached head.
    pub fn branch(&self) -> Option<String> {
        self.git(&["symbolic-ref", "--quiet", "--short", "HEAD"])
            .ok()
            .map(|b| b.trim().to_string())
    }

    /// Whether a merge was started and not yet committed or aborted.
    pub fn merging(&self) -> bool {
        self.check(&["rev-parse", "--quiet", "--verify", "MERGE_HEAD"])
    }

    /// Registers persona's merge driver in this repository's config (git
    /// never carries config from one clone to the next). `exe` is the
    /// persona binary git should run. Returns the driver command set.
    pub fn register_driver(&self, exe: &Path) -> Result<String, GitError> {
        let command = format!(
            "{} merge-file %O %A %B %P",
            shell_word(&exe.display().to_string())
        );
        self.git(&[
            "config",
            &format!("merge.{DRIVER}.name"),
            "persona: merges ICPs, personas and interviews item by item",
        ])?;
        self.git(&["config", &format!("merge.{DRIVER}.driver"), &command])?;
        Ok(command)
    }

    /// The driver command registered now, if any.
    pub fn driver(&self) -> Option<String> {
        self.git(&["config", "--get", &format!("merge.{DRIVER}.driver")])
            .ok()
            .map(|d| d.trim().to_string())
            .filter(|d| !d.is_empty())
    }

    /// Who changed the file at `path` (relative to the workspace) and when,
    /// newest first, following it through renames.
    pub fn history(&self, path: &str) -> Result<Vec<Revision>, GitError> {
        const FORMAT: &str = "--format=%x1e%H%x1f%h%x1f%an%x1f%ae%x1f%aI%x1f%P%x1f%s";
        let out = self.git(&[
            "log",
            "--follow",
            "--name-status",
            "--no-color",
            FORMAT,
            "--",
            path,
        ])?;
        let prefix = self.prefix();
        Ok(out
            .split('\x1e')
            .filter_map(|record| Revision::parse(record, &prefix))
            .collect())
    }

    /// The workspace's folder relative to the repository's top (`""` when
    /// they are the same), ending in `/` otherwise.
    pub fn prefix(&self) -> String {
        self.git(&["rev-parse", "--show-prefix"])
            .map(|p| p.trim().to_string())
            .unwrap_or_default()
    }
}

/// One commit that changed a file.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Revision {
    pub commit: String,
    #[serde(skip)]
    pub short: String,
    pub author: String,
    pub email: String,
    /// ISO 8601, in the author's time zone.
    pub date: String,
    pub subject: String,
    /// The file's path at this commit, relative to the workspace.
    pub path: String,
    /// Its path in the commit before (differs after a rename), relative
    /// to the workspace; `None` when the commit added it.
    #[serde(skip)]
    pub before: Option<String>,
    /// The commit before this one, if any.
    #[serde(skip)]
    pub parent: Option<String>,
}

impl Revision {
    fn parse(record: &str, prefix: &str) -> Option<Revision> {
        let (header, files) = record.split_once('\n').unwrap_or((record, ""));
        let fields: Vec<&str> = header.split('\x1f').collect();
        let [commit, short, author, email, date, parents, subject] = fields[..] else {
            return None;
        };
        let relative = |p: &str| p.strip_prefix(prefix).unwrap_or(p).to_string();
        let status = files.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        let parts: Vec<&str> = status.split('\t').collect();
        let (path, before) = match parts.as_slice() {
            [s, old, new] if s.starts_with('R') || s.starts_with('C') => {
                (relative(new), Some(relative(old)))
            }
            [s, path] if s.starts_with('A') => (relative(path), None),
            [_, path] => (relative(path), Some(relative(path))),
            _ => return None,
        };
        let parent = parents.split(' ').next().filter(|p| !p.is_empty());
        Some(Revision {
            commit: commit.into(),
            short: short.into(),
            author: author.into(),
            email: email.into(),
            date: date.into(),
            subject: subject.into(),
            path,
            before: before.filter(|_| parent.is_some()),
            parent: parent.map(str::to_string),
        })
    }
}

fn run_git(dir: &Path, args: &[&str]) -> Result<Output, GitError> {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        // Messages we pass on should read the same everywhere.
        .env("LC_ALL", "C")
        .env("GIT_TERMINAL_PROMPT", "0")
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => GitError::NotInstalled,
            _ => GitError::Failed {
                command: args.join(" "),
                message: e.to_string(),
            },
        })
}

/// Git's complaint in one line: its `fatal:`/`error:` line if it has one.
fn failed(args: &[&str], output: &Output) -> GitError {
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = stderr
        .lines()
        .chain(stdout.lines())
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let message = lines
        .iter()
        .find(|l| l.starts_with("fatal:") || l.starts_with("error:"))
        .or(lines.first())
        .map(|l| {
            l.trim_start_matches("fatal:")
                .trim_start_matches("error:")
                .trim()
                .to_string()
        })
        .unwrap_or_else(|| format!("it exited with {}", output.status));
    GitError::Failed {
        command: args.first().copied().unwrap_or_default().to_string(),
        message,
    }
}

/// A path as one word for the shell git runs the driver with.
fn shell_word(text: &str) -> String {
    if !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+:".contains(c))
    {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revisions_read_from_git_log() {
        let record = "abc123\x1fabc\x1fDana Whitfield\x1fdana@acme.test\x1f2026-11-20T14:03:00+01:00\x1fparent1 parent2\x1fAdd pains\n\nR087\tws/icps/a/personas/old.toml\tws/icps/a/personas/new.toml\n";
        let r = Revision::parse(record, "ws/").unwrap();
        assert_eq!(r.author, "Dana Whitfield");
        assert_eq!(r.path, "icps/a/personas/new.toml");
        assert_eq!(r.before.as_deref(), Some("icps/a/personas/old.toml"));
        assert_eq!(r.parent.as_deref(), Some("parent1"));
        let first =
            "d\x1fd\x1fSam\x1fs@x\x1f2026-01-01T00:00:00Z\x1f\x1fStart\n\nA\tinterviews/x.toml\n";
        let r = Revision::parse(first, "").unwrap();
        assert_eq!(r.before, None);
        assert_eq!(r.parent, None);
        assert!(Revision::parse("", "").is_none());
    }

    #[test]
    fn driver_paths_are_quoted_for_the_shell() {
        assert_eq!(shell_word("/usr/bin/persona"), "/usr/bin/persona");
        assert_eq!(shell_word("/home/a b/persona"), "'/home/a b/persona'");
        assert_eq!(shell_word("/it's/persona"), "'/it'\\''s/persona'");
    }
}
