//! Kill anywhere: a process killed with SIGKILL at random moments while it
//! saves or exports leaves every file either as it was or as it was meant to
//! become, whole and valid, and its leftovers are ignored and swept.
//!
//! A kill that lands before the writer starts or after it ends proves
//! nothing, so each kill waits until the writer is seen writing (its first
//! temporary or output file), then strikes after a short random delay;
//! each test counts the kills that provably landed mid-write (a temporary
//! file or a partial result left behind) and fails if none did.

use persona::domain::Persona;
use persona::store::{FsStore, Store};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

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

/// Waits until `started` says the child is writing (polling; at most a
/// minute, however loaded the machine), then a further `delay`, and kills
/// it with SIGKILL. The child may have finished by then: that kill simply
/// does not count as mid-write.
fn kill_once_writing(child: &mut std::process::Child, started: impl Fn() -> bool, delay: Duration) {
    let give_up = Instant::now() + Duration::from_secs(60);
    while !started() && Instant::now() < give_up {
        if child.try_wait().unwrap().is_some() {
            return;
        }
        std::thread::sleep(Duration::from_micros(100));
    }
    std::thread::sleep(delay);
    let _ = child.kill(); // SIGKILL on Unix
    child.wait().unwrap();
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
        let Ok(entries) = fs::read_dir(dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let temporary = entry.file_name().to_string_lossy().contains(".tmp-");
            if temporary {
                // A temporary file, or a new folder an export fills under
                // a temporary name before renaming it into place.
                found.push(entry.path());
            } else if entry.file_type().unwrap().is_dir() {
                dirs.push(entry.path());
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
    let mut mid_write = 0;
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
        // Saves follow each other without pause: once the first temporary
        // file is seen, a kill within a few milliseconds mostly lands
        // inside one.
        let delay = Duration::from_micros(rng.next(3_000));
        kill_once_writing(&mut child, || !temp_files(&root).is_empty(), delay);
        kills += 1;
        let left = temp_files(&root).len();
        leftovers_seen += left;
        if left > 0 {
            mid_write += 1;
        }

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
    println!(
        "survived {kills} kills, {mid_write} of them mid-save ({leftovers_seen} leftover temporary files swept)"
    );
    assert!(
        mid_write > 0,
        "none of {kills} kills landed while a file was being written"
    );
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
    let whole = exported_files(&reference).len();
    let mut rng = Lcg(11);
    let mut kills = 0;
    let mut mid_write = 0;
    let mut out = dir.path().join("out");
    for round in 0..25 {
        // A fresh folder each time, so that every run has files to write
        // (a re-export over a whole one leaves unchanged files alone); the
        // last one is exported again below, over what the kill left.
        out = dir.path().join(format!("out-{round}"));
        let mut child = export(&out);
        let delay = Duration::from_micros(rng.next(4_000));
        kill_once_writing(&mut child, || out.exists(), delay);
        kills += 1;
        let written = exported_files(&out);
        let leftovers = temp_files(&out).len();
        if leftovers > 0 || (!written.is_empty() && written.len() < whole) {
            mid_write += 1;
        }
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
    assert_eq!(exported_files(&out).len(), whole);
    assert_eq!(
        temp_files(&out),
        Vec::<PathBuf>::new(),
        "the killed run's temporaries are swept"
    );
    println!("survived {kills} kills, {mid_write} of them mid-export");
    assert!(
        mid_write > 0,
        "none of {kills} kills landed while the export was being written"
    );
}

/// The markdown files of an export folder (temporaries, and the files of
/// a temporary folder, left out).
fn exported_files(out: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = temp_files_and_others(out)
        .into_iter()
        .filter(|p| {
            let inside = p.strip_prefix(out).unwrap_or(p);
            !inside.to_string_lossy().contains(".tmp-")
        })
        .collect();
    files.sort();
    files
}

fn temp_files_and_others(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = fs::read_dir(dir) else {
            continue;
        };
        for entry in entries.flatten() {
            if entry.file_type().unwrap().is_dir() {
                dirs.push(entry.path());
            } else {
                found.push(entry.path());
            }
        }
    }
    found
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
    let interviews = root.join("interviews");
    let count = || {
        fs::read_dir(&interviews)
            .unwrap()
            .flatten()
            .filter(|e| !e.file_name().to_string_lossy().contains(".tmp-"))
            .count()
    };
    let before = count();
    let mut rng = Lcg(23);
    let mut kills = 0;
    let mut mid_write = 0;
    for _ in 0..15 {
        let last = count();
        let mut child = Command::new(env!("CARGO_BIN_EXE_persona"))
            .arg("--workspace")
            .arg(&root)
            .arg("import-notes")
            .arg(&notes)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // The import stages all 60 files, then links them in: a kill once
        // the first is staged lands in that span or in the linking.
        let delay = Duration::from_micros(rng.next(6_000));
        kill_once_writing(&mut child, || !temp_files(&interviews).is_empty(), delay);
        kills += 1;
        let now = count();
        if !temp_files(&interviews).is_empty() || (now > last && now < last + 60) {
            mid_write += 1;
        }
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
    println!(
        "survived {kills} kills, {mid_write} of them mid-import ({} whole interviews written before the kills)",
        count() - before
    );
    assert!(
        mid_write > 0,
        "none of {kills} kills landed while the import was writing"
    );
}
