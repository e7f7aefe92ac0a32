//! Kill anywhere: a process killed with SIGKILL at random moments while it
//! saves or exports leaves every file either as it was or as it was meant to
//! become, whole and valid, and its leftovers are ignored and swept.

use persona::domain::Persona;
use persona::store::{FsStore, Store};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

const CHILD_ENV: &str = "PERSONA_KILL_TEST_WORKSPACE";

/// A small deterministic generator, so a failure can be replayed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

/// In the child: save every persona over and over until killed.
#[test]
fn child_saves_until_killed() {
    let Ok(root) = std::env::var(CHILD_ENV) else {
        return; // only does work when started by the kill test
    };
    let mut store = FsStore::new(&root);
    for round in 0..100_000u32 {
        let loaded = store.load().unwrap();
        for persona in &loaded.workspace.personas {
            let base = persona.name.split(" v").next().unwrap().to_string();
            let changed = Persona {
                name: format!("{base} v{round}"),
                ..persona.clone()
            };
            store.save_persona(&changed).unwrap();
        }
    }
}

fn demo_workspace(dir: &Path) -> PathBuf {
    let root = dir.join("ws");
    FsStore::init(&root, "Kill", true).unwrap();
    root
}

fn temp_files(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(dir).unwrap().flatten() {
            if entry.file_type().unwrap().is_dir() {
                dirs.push(entry.path());
            } else if entry.file_name().to_string_lossy().contains(".tmp-") {
                found.push(entry.path());
            }
        }
    }
    found
}

#[test]
fn saves_killed_at_random_moments_leave_whole_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = demo_workspace(dir.path());
    let before = FsStore::new(&root).load().unwrap().workspace;
    let fields: BTreeMap<String, _> = before
        .personas
        .iter()
        .map(|p| (p.id.clone(), p.fields.clone()))
        .collect();
    let mut rng = Lcg(7);
    let mut kills = 0;
    let mut leftovers_seen = 0;
    for _ in 0..40 {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "child_saves_until_killed",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, &root)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(5 + rng.next(120)));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        kills += 1;
        leftovers_seen += temp_files(&root).len();

        // Every persona is whole: same fields as before, a name from some round.
        let mut store = FsStore::new(&root);
        let loaded = store.load().unwrap();
        assert!(
            loaded.problems.is_empty(),
            "after kill {kills}: {:?}",
            loaded.problems
        );
        assert_eq!(loaded.workspace.personas.len(), before.personas.len());
        for persona in &loaded.workspace.personas {
            assert_eq!(
                Some(&persona.fields),
                fields.get(&persona.id),
                "{} torn",
                persona.id
            );
        }
        // Loading swept what the killed writer left behind.
        assert!(
            temp_files(&root).is_empty(),
            "leftovers after load: {:?}",
            temp_files(&root)
        );
    }
    println!("survived {kills} kills mid-save ({leftovers_seen} leftover temporary files swept)");
}

#[test]
fn exports_killed_at_random_moments_leave_whole_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = demo_workspace(dir.path());
    let reference = dir.path().join("reference");
    let export = |out: &Path| {
        Command::new(env!("CARGO_BIN_EXE_persona"))
            .arg("--workspace")
            .arg(&root)
            .args(["export", "--all", "--out"])
            .arg(out)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    assert!(export(&reference).wait().unwrap().success());
    let out = dir.path().join("out");
    let mut rng = Lcg(11);
    let mut kills = 0;
    for _ in 0..25 {
        let mut child = export(&out);
        std::thread::sleep(Duration::from_micros(500 + rng.next(8_000)));
        let _ = child.kill();
        child.wait().unwrap();
        kills += 1;
        for sub in ["", "icps", "personas"] {
            let Ok(entries) = fs::read_dir(out.join(sub)) else {
                continue;
            };
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if entry.file_type().unwrap().is_dir() || name.contains(".tmp-") {
                    continue;
                }
                let expected = fs::read(reference.join(sub).join(&name)).unwrap();
                assert_eq!(
                    fs::read(entry.path()).unwrap(),
                    expected,
                    "{sub}/{name} torn"
                );
            }
        }
    }
    // A run that is not killed completes the export over the partial one.
    assert!(export(&out).wait().unwrap().success());
    println!("survived {kills} kills mid-export");
}

#[test]
fn imports_killed_at_random_moments_leave_whole_interviews() {
    let dir = tempfile::tempdir().unwrap();
    let root = demo_workspace(dir.path());
    let notes = dir.path().join("notes");
    fs::create_dir_all(&notes).unwrap();
    let body = |n: usize| {
        format!(
            "# Call {n}\n\n{}\n",
            "We count stock by hand every Monday. ".repeat(200)
        )
    };
    for n in 0..60 {
        fs::write(
            notes.join(format!("2026-10-{:02}-call-{n}.md", n % 28 + 1)),
            body(n),
        )
        .unwrap();
    }
    let before = fs::read_dir(root.join("interviews")).unwrap().count();
    let mut rng = Lcg(23);
    let mut kills = 0;
    for _ in 0..15 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_persona"))
            .arg("--workspace")
            .arg(&root)
            .arg("import-notes")
            .arg(&notes)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(1_000 + rng.next(20_000)));
        let _ = child.kill();
        child.wait().unwrap();
        kills += 1;
        let loaded = FsStore::new(&root).load().unwrap();
        assert!(
            loaded.problems.is_empty(),
            "after kill {kills}: {:?}",
            loaded.problems
        );
        for interview in &loaded.workspace.interviews {
            if let Some(n) = interview.title.strip_prefix("Call ") {
                let n: usize = n.parse().unwrap();
                let expected = body(n);
                let expected = expected.split_once("\n\n").unwrap().1;
                assert!(
                    interview.notes.contains(expected.trim()),
                    "{} is torn",
                    interview.id
                );
            }
        }
    }
    let after = fs::read_dir(root.join("interviews")).unwrap().count();
    println!(
        "survived {kills} kills mid-import ({} whole interviews written before the kills)",
        after - before
    );
}
