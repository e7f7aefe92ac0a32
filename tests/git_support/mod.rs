//! A team in temporary folders: a bare "origin" repository and clones of
//! it, each with its own identity, driven through the real `git` and the
//! built `persona` binary. Nothing reads the user's own git config.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What one run printed, and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub struct Team {
    pub dir: tempfile::TempDir,
    /// `HOME` for every git and persona run: an empty global config.
    pub home: PathBuf,
    pub origin: PathBuf,
}

impl Team {
    /// A team with an empty bare origin; `None` (with a note) when git is
    /// not installed (`.ci/run` installs it).
    pub fn new() -> Option<Team> {
        if Command::new("git").arg("--version").output().is_err() {
            eprintln!("git is not installed: skipping a test that needs it");
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("home");
        std::fs::create_dir_all(&home).unwrap();
        let origin = dir.path().join("origin.git");
        let team = Team { dir, home, origin };
        team.git(
            team.dir.path(),
            &["init", "--quiet", "--bare", "-b", "main", "origin.git"],
        );
        Some(team)
    }

    fn command(&self, program: &str, dir: &Path) -> Command {
        let mut command = Command::new(program);
        command
            .current_dir(dir)
            .env("HOME", &self.home)
            .env("XDG_CONFIG_HOME", self.home.join(".config"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .env_remove("PERSONA_WORKSPACE")
            .stdin(Stdio::null());
        command
    }

    /// `git ARGS` in `dir`, whatever it exits with.
    pub fn try_git(&self, dir: &Path, args: &[&str]) -> Run {
        run(self.command("git", dir).args(args))
    }

    /// `git ARGS` in `dir`, which must succeed; its stdout.
    pub fn git(&self, dir: &Path, args: &[&str]) -> String {
        let run = self.try_git(dir, args);
        assert_eq!(
            run.code,
            0,
            "git {args:?} in {}: {}",
            dir.display(),
            run.stderr
        );
        run.stdout
    }

    /// `persona --workspace WS ARGS`, run from inside the workspace.
    pub fn persona(&self, ws: &Path, args: &[&str]) -> Run {
        let dir = if ws.is_dir() { ws } else { self.dir.path() };
        run(self
            .command(env!("CARGO_BIN_EXE_persona"), dir)
            .arg("--workspace")
            .arg(ws)
            .args(args))
    }

    /// A clone of origin named `name`, committing as `user`.
    pub fn clone(&self, name: &str, user: &str) -> PathBuf {
        self.git(
            self.dir.path(),
            &["clone", "--quiet", "-b", "main", "origin.git", name],
        );
        let clone = self.dir.path().join(name);
        self.identify(&clone, user);
        clone
    }

    fn identify(&self, repo: &Path, user: &str) {
        self.git(repo, &["config", "user.name", user]);
        let email = format!(
            "{}@team.test",
            user.split(' ').next().unwrap().to_lowercase()
        );
        self.git(repo, &["config", "user.email", &email]);
    }

    /// The first teammate: a repository `name` with the demo workspace at
    /// `inside` (`""` for the repository's top), set up and pushed.
    pub fn start(&self, name: &str, user: &str, inside: &str) -> (PathBuf, PathBuf) {
        let repo = self.dir.path().join(name);
        std::fs::create_dir_all(&repo).unwrap();
        self.git(&repo, &["init", "--quiet", "-b", "main"]);
        self.identify(&repo, user);
        self.git(
            &repo,
            &["remote", "add", "origin", self.origin.to_str().unwrap()],
        );
        let ws = if inside.is_empty() {
            repo.join("ws-tmp")
        } else {
            repo.join(inside)
        };
        let init = self.persona(&ws, &["init", "--demo"]);
        assert_eq!(init.code, 0, "{}", init.stderr);
        let ws = if inside.is_empty() {
            // The workspace is the whole repository.
            for entry in std::fs::read_dir(&ws).unwrap() {
                let entry = entry.unwrap();
                std::fs::rename(entry.path(), repo.join(entry.file_name())).unwrap();
            }
            std::fs::remove_dir(&ws).unwrap();
            repo.clone()
        } else {
            ws
        };
        let setup = self.persona(&ws, &["git-setup"]);
        assert_eq!(setup.code, 0, "{}", setup.stderr);
        self.git(&repo, &["add", "--all"]);
        self.git(&repo, &["commit", "--quiet", "-m", "The demo workspace"]);
        self.git(&repo, &["push", "--quiet", "-u", "origin", "main"]);
        (repo, ws)
    }

    /// Commits everything in `repo` with `message`.
    pub fn commit(&self, repo: &Path, message: &str) {
        self.git(repo, &["add", "--all"]);
        self.git(repo, &["commit", "--quiet", "-m", message]);
    }
}

fn run(command: &mut Command) -> Run {
    let output = command.output().unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}
