//! Two real processes writing one workspace at the same moment lose
//! nothing: each round starts two `persona` commands together and then
//! counts what is on disk. A command may refuse (exit 1, saying why), but
//! nothing it reported as done may be missing.

mod cli_support;

use std::fs;
use std::path::Path;
use std::process::{Child, Command, Stdio};

const ROUNDS: usize = 20;

fn start(ws: &Path, args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_persona"))
        .arg("--workspace")
        .arg(ws)
        .args(args)
        .env_remove("PERSONA_WORKSPACE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

struct Finished {
    code: i32,
    stdout: String,
    stderr: String,
}

fn finish(child: Child) -> Finished {
    let output = child.wait_with_output().unwrap();
    Finished {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[test]
fn two_imports_of_notes_with_the_same_title_keep_both() {
    let dir = tempfile::tempdir().unwrap();
    let mut lost = 0;
    let mut refused = 0;
    for round in 0..ROUNDS {
        let ws = dir.path().join(format!("ws{round}"));
        let init = cli_support::persona(&ws, &["init"]);
        assert_eq!(init.code, 0, "{}", init.stderr);
        let notes: Vec<_> = ["a", "b"]
            .iter()
            .map(|side| {
                let path = dir.path().join(format!("{round}-{side}.md"));
                fs::write(
                    &path,
                    format!(
                        "# Call with Dana Whitfield\n\nInterviewer: What slows you down?\nDana: Side {side} of round {round}: matching stock by hand.\n"
                    ),
                )
                .unwrap();
                path
            })
            .collect();
        let children: Vec<Child> = notes
            .iter()
            .map(|path| start(&ws, &["import-notes", path.to_str().unwrap()]))
            .collect();
        let runs: Vec<Finished> = children.into_iter().map(finish).collect();
        let stored: Vec<String> = fs::read_dir(ws.join("interviews"))
            .unwrap()
            .map(|e| fs::read_to_string(e.unwrap().path()).unwrap())
            .collect();
        let mut ids = Vec::new();
        for (run, side) in runs.iter().zip(["a", "b"]) {
            if run.code != 0 {
                refused += 1;
                assert_eq!(run.code, 1, "{}", run.stderr);
                continue;
            }
            ids.push(run.stdout.split_whitespace().next().unwrap().to_string());
            let mark = format!("Side {side} of round {round}");
            if !stored.iter().any(|text| text.contains(&mark)) {
                lost += 1;
            }
        }
        ids.dedup();
        assert_eq!(ids.len(), 2, "two imports printed one id: {ids:?}");
    }
    assert_eq!(lost, 0, "interviews lost in {ROUNDS} rounds");
    assert_eq!(refused, 0, "an import of new files has nothing to refuse");
}

#[test]
fn two_customer_imports_into_one_icp_keep_both() {
    let dir = tempfile::tempdir().unwrap();
    let mut lost = 0;
    let mut done = 0;
    for round in 0..ROUNDS {
        let ws = dir.path().join(format!("ws{round}"));
        let init = cli_support::persona(&ws, &["init", "--demo"]);
        assert_eq!(init.code, 0, "{}", init.stderr);
        let companies = [
            format!("Alpine Gear {round}"),
            format!("Coastal Cycles {round}"),
        ];
        let files: Vec<_> = companies
            .iter()
            .enumerate()
            .map(|(i, company)| {
                let path = dir.path().join(format!("{round}-{i}.csv"));
                fs::write(
                    &path,
                    format!(
                        "Account Name,Industry,Employees,Annual Revenue,Billing Country\n{company},Outdoor retail,85,12000000,US\n"
                    ),
                )
                .unwrap();
                path
            })
            .collect();
        let children: Vec<Child> = files
            .iter()
            .map(|csv| {
                start(
                    &ws,
                    &[
                        "import-customers",
                        csv.to_str().unwrap(),
                        "--icp",
                        "independent-outdoor-retail",
                    ],
                )
            })
            .collect();
        let runs: Vec<Finished> = children.into_iter().map(finish).collect();
        let icp = fs::read_to_string(ws.join("icps/independent-outdoor-retail/icp.toml")).unwrap();
        for (run, company) in runs.iter().zip(&companies) {
            if run.code != 0 {
                // Refused, and said so: the user knows to run it again.
                assert_eq!(run.code, 1, "{}", run.stderr);
                assert!(run.stderr.contains("changed on disk"), "{}", run.stderr);
                continue;
            }
            done += 1;
            if !icp.contains(company.as_str()) {
                lost += 1;
            }
        }
    }
    assert_eq!(lost, 0, "best customers lost in {ROUNDS} rounds");
    eprintln!("{done} of {} imports went through", 2 * ROUNDS);
}

/// Every file under `root`, relative, `/` separated, sorted.
fn files_under(root: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).unwrap().flatten() {
            if entry.file_type().unwrap().is_dir() {
                dirs.push(entry.path());
            } else {
                let path = entry.path();
                let relative = path.strip_prefix(root).unwrap();
                found.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    found.sort();
    found
}

#[test]
fn two_exports_into_one_new_folder_leave_every_page_whole() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    let init = cli_support::persona(&ws, &["init", "--demo"]);
    assert_eq!(init.code, 0, "{}", init.stderr);
    let reference = dir.path().join("reference");
    let one = cli_support::persona(
        &ws,
        &["export", "--all", "--out", reference.to_str().unwrap()],
    );
    assert_eq!(one.code, 0, "{}", one.stderr);
    let pages = files_under(&reference);
    let mut refused = 0;
    for round in 0..ROUNDS {
        // Both make the folder and its `personas/`, `icps/` and
        // `interviews/` at once: each new folder is renamed into place
        // whole by one of them, the other's pages then go in one by one.
        let out = dir.path().join(format!("out-{round}"));
        let out_arg = out.to_str().unwrap();
        let children: Vec<Child> = (0..2)
            .map(|_| start(&ws, &["export", "--all", "--out", out_arg]))
            .collect();
        let runs: Vec<Finished> = children.into_iter().map(finish).collect();
        assert!(
            runs.iter().any(|r| r.code == 0),
            "neither export went through"
        );
        for run in &runs {
            if run.code != 0 {
                refused += 1;
                assert_eq!(run.code, 1, "{}", run.stderr);
                assert!(
                    run.stderr.contains("changed while the export was written"),
                    "{}",
                    run.stderr
                );
            }
        }
        // Every page, whole, and no temporary file or folder left over.
        assert_eq!(files_under(&out), pages, "round {round}");
        for page in &pages {
            assert_eq!(
                fs::read(out.join(page)).unwrap(),
                fs::read(reference.join(page)).unwrap(),
                "{page} in round {round}"
            );
        }
    }
    eprintln!("{refused} of {} exports refused", 2 * ROUNDS);
}
