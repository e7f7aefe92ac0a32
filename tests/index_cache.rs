//! `persona list` answers from `.cache/index.json` for unchanged files; the
//! files stay the truth: whatever changed, was added or deleted since is
//! seen on the next listing, and a broken file is reported every time.

use persona::store::index::{self, Listed};
use persona::store::{FsStore, Listing, Store};
use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

const OLIVIA: &str = "icps/independent-outdoor-retail/personas/operations-olivia.toml";

/// Lists as if the files had been left alone for a while, so they are cached.
fn list_later(ws: &Path) -> Listing {
    FsStore::new(ws)
        .list_as_of(SystemTime::now() + Duration::from_secs(60))
        .unwrap()
}

fn names(lines: &[Listed]) -> Vec<String> {
    lines
        .iter()
        .map(|l| format!("{} {}", l.id, l.summary.name))
        .collect()
}

fn cached_paths(ws: &Path) -> String {
    fs::read_to_string(ws.join(index::PATH)).unwrap_or_default()
}

fn demo() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    FsStore::init(&ws, "t", true).unwrap();
    (dir, ws)
}

#[test]
fn a_listing_matches_a_full_load_cached_or_not() {
    let (_dir, ws) = demo();
    let loaded = FsStore::new(&ws).load().unwrap();
    let expected = |l: &Listing| {
        assert_eq!(
            l.icps,
            loaded
                .workspace
                .icps
                .iter()
                .map(Listed::icp)
                .collect::<Vec<_>>()
        );
        assert_eq!(
            l.personas,
            loaded
                .workspace
                .personas
                .iter()
                .map(Listed::persona)
                .collect::<Vec<_>>()
        );
        assert_eq!(
            l.interviews,
            loaded
                .workspace
                .interviews
                .iter()
                .map(Listed::interview)
                .collect::<Vec<_>>()
        );
        assert!(l.problems.is_empty(), "{:?}", l.problems);
    };
    expected(&list_later(&ws)); // parses, writes the cache
    assert!(cached_paths(&ws).contains(OLIVIA));
    expected(&list_later(&ws)); // from the cache
    assert!(
        fs::read_to_string(ws.join(".gitignore"))
            .unwrap()
            .contains(".cache/")
    );
}

#[test]
fn a_changed_file_is_seen_even_with_the_same_size_and_mtime() {
    let (_dir, ws) = demo();
    list_later(&ws);
    let path = ws.join(OLIVIA);
    let before = fs::metadata(&path).unwrap().modified().unwrap();
    let text = fs::read_to_string(&path).unwrap();
    let changed = text.replace("Operations Olivia", "Operations Olivio");
    assert_eq!(changed.len(), text.len());
    fs::write(&path, changed).unwrap();
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(before)
        .unwrap();
    let listing = list_later(&ws);
    assert!(
        names(&listing.personas).contains(&"operations-olivia Operations Olivio".to_string()),
        "{:?}",
        names(&listing.personas)
    );
}

#[test]
fn added_and_deleted_files_are_seen() {
    let (_dir, ws) = demo();
    list_later(&ws);
    let path = ws.join(OLIVIA);
    let copy = ws.join("icps/dtc-multichannel-brands/personas/olivia-two.toml");
    fs::copy(&path, &copy).unwrap();
    fs::remove_file(&path).unwrap();
    fs::remove_file(ws.join("interviews/dtc-trial-survey-q3.toml")).unwrap();
    let listing = list_later(&ws);
    let personas = names(&listing.personas);
    assert!(personas.contains(&"olivia-two Operations Olivia".to_string()));
    assert!(!personas.iter().any(|p| p.starts_with("operations-olivia")));
    assert!(
        !names(&listing.interviews)
            .iter()
            .any(|i| i.starts_with("dtc-trial-survey-q3"))
    );
    assert!(listing.problems.is_empty(), "{:?}", listing.problems);
}

#[test]
fn a_broken_file_is_reported_every_time_and_never_cached() {
    let (_dir, ws) = demo();
    list_later(&ws);
    fs::write(
        ws.join(OLIVIA),
        "schema = 1\nname = \"Olivia\"\ntemplate = \n",
    )
    .unwrap();
    for _ in 0..2 {
        let listing = list_later(&ws);
        let problems: Vec<String> = listing.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].starts_with(&format!("{OLIVIA}:3:")),
            "{problems:?}"
        );
        assert!(
            !names(&listing.personas)
                .iter()
                .any(|p| p.starts_with("operations-olivia"))
        );
        // The same problems as a full load.
        let loaded = FsStore::new(&ws).load().unwrap();
        assert_eq!(listing.problems, loaded.problems);
    }
    assert!(!cached_paths(&ws).contains(OLIVIA));
}

#[test]
fn freshly_written_files_are_not_cached_yet() {
    let (_dir, ws) = demo();
    // Files written just now could change again within the same clock tick
    // without their times changing, so they are parsed until they settle.
    let listing = FsStore::new(&ws).list().unwrap();
    assert_eq!(listing.personas.len(), 6);
    assert!(!cached_paths(&ws).contains(OLIVIA));
}

#[test]
fn a_damaged_or_foreign_cache_is_ignored() {
    let (_dir, ws) = demo();
    let good = list_later(&ws);
    for junk in ["", "{", "{\"version\":1,\"files\":{\"x\":1}}", "\u{0}\u{1}"] {
        fs::write(ws.join(index::PATH), junk).unwrap();
        let listing = list_later(&ws);
        assert_eq!(names(&listing.personas), names(&good.personas));
        assert_eq!(names(&listing.icps), names(&good.icps));
    }
    // A cache that lies about a file it still matches cannot be told from
    // the truth; one written for another version of the file is not used.
    let text = cached_paths(&ws).replace("Operations Olivia", "Someone Else");
    fs::write(ws.join(index::PATH), text).unwrap();
    fs::write(
        ws.join(OLIVIA),
        fs::read_to_string(ws.join(OLIVIA)).unwrap() + "\n",
    )
    .unwrap();
    let listing = list_later(&ws);
    assert!(names(&listing.personas).contains(&"operations-olivia Operations Olivia".to_string()));
}

#[test]
fn a_large_workspace_loads_on_all_cores_in_order_with_its_problems() {
    // Enough files for the parallel path, with problems spread among them.
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    let mut store = FsStore::init(&ws, "t", false).unwrap();
    for icp in ["a", "b", "c"] {
        store
            .save_icp(&persona::domain::Icp::new(icp, format!("ICP {icp}"), "icp"))
            .unwrap();
        for i in 0..40 {
            let id = format!("{icp}-{i:02}");
            store
                .save_persona(&persona::domain::Persona::new(
                    &id,
                    icp,
                    format!("P {id}"),
                    "b2b-decision-maker",
                ))
                .unwrap();
        }
    }
    fs::write(ws.join("icps/a/personas/a-07.toml"), "name = [").unwrap();
    fs::write(ws.join("icps/b/personas/Bad Name.toml"), "").unwrap();
    fs::write(
        ws.join("icps/c/personas/a-03.toml"),
        "schema = 1\nname = \"x\"\ntemplate = \"t\"\n",
    )
    .unwrap();
    fs::write(ws.join("icps/c/personas/c-30.toml"), "schema = 99\n").unwrap();
    fs::write(ws.join("interviews/z.toml"), "title = 3\n").unwrap();

    let loaded = FsStore::new(&ws).load().unwrap();
    let paths: Vec<&str> = loaded.problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "icps/a/personas/a-07.toml",
            "icps/b/personas/Bad Name.toml",
            "icps/c/personas/c-30.toml",
            "icps/c/personas/a-03.toml",
            "interviews/z.toml",
        ]
    );
    let ids: Vec<&str> = loaded
        .workspace
        .personas
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    let mut expected: Vec<String> = ["a", "b", "c"]
        .iter()
        .flat_map(|icp| (0..40).map(move |i| format!("{icp}-{i:02}")))
        .filter(|id| id != "a-07" && id != "c-30")
        .collect();
    expected.sort();
    assert_eq!(ids, expected);
    let listing = list_later(&ws);
    assert_eq!(listing.problems, loaded.problems);
    assert_eq!(
        listing.personas,
        loaded
            .workspace
            .personas
            .iter()
            .map(Listed::persona)
            .collect::<Vec<_>>()
    );
    // A store that loaded them may save them, and only them.
    let mut store = FsStore::new(&ws);
    let loaded = store.load().unwrap();
    store.save_persona(&loaded.workspace.personas[5]).unwrap();
    let broken = persona::domain::Persona::new("a-07", "a", "A7", "b2b-decision-maker");
    assert!(store.save_persona(&broken).is_err());
}

#[test]
fn a_listing_never_writes_its_cache_through_a_link() {
    let (dir, ws) = demo();
    // `.cache` is a link to a folder outside the workspace: a read-only
    // `list` must not write there.
    let elsewhere = dir.path().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    let _ = fs::remove_dir_all(ws.join(".cache"));
    std::os::unix::fs::symlink(&elsewhere, ws.join(".cache")).unwrap();
    let listing = list_later(&ws);
    assert_eq!(listing.personas.len(), 6);
    let written: Vec<_> = fs::read_dir(&elsewhere).unwrap().collect();
    assert!(written.is_empty(), "{written:?}");

    // Nor through a link standing where the cache file goes.
    fs::remove_file(ws.join(".cache")).unwrap();
    fs::create_dir(ws.join(".cache")).unwrap();
    let target = elsewhere.join("precious.json");
    fs::write(&target, "keep me").unwrap();
    std::os::unix::fs::symlink(&target, ws.join(index::PATH)).unwrap();
    list_later(&ws);
    assert_eq!(fs::read_to_string(&target).unwrap(), "keep me");
    // The link itself was replaced by a real cache, used next time.
    assert!(cached_paths(&ws).contains(OLIVIA));
}

#[test]
fn a_linked_icp_folder_is_loaded_listed_and_saved_through() {
    let (dir, ws) = demo();
    let shared = dir.path().join("shared-icp");
    let icp = ws.join("icps/independent-outdoor-retail");
    fs::rename(&icp, &shared).unwrap();
    std::os::unix::fs::symlink(&shared, &icp).unwrap();
    // A link to nothing is named, not passed over in silence.
    std::os::unix::fs::symlink(dir.path().join("gone"), ws.join("icps/gone")).unwrap();

    let mut store = FsStore::new(&ws);
    let loaded = store.load().unwrap();
    assert!(loaded.workspace.icp("independent-outdoor-retail").is_some());
    assert!(loaded.workspace.persona("operations-olivia").is_some());
    let dangling: Vec<_> = loaded
        .problems
        .iter()
        .filter(|p| p.path == "icps/gone")
        .collect();
    assert_eq!(dangling.len(), 1, "{:?}", loaded.problems);
    assert!(
        dangling[0].message.contains("link"),
        "{}",
        dangling[0].message
    );

    let listing = list_later(&ws);
    assert!(names(&listing.personas).contains(&"operations-olivia Operations Olivia".to_string()));
    assert!(listing.problems.iter().any(|p| p.path == "icps/gone"));

    // A save goes to the folder the link names, and the link stays a link.
    let mut olivia = loaded
        .workspace
        .persona("operations-olivia")
        .unwrap()
        .clone();
    olivia.name = "Olivia, linked".into();
    store.save_persona(&olivia).unwrap();
    let saved = fs::read_to_string(shared.join("personas/operations-olivia.toml")).unwrap();
    assert!(saved.contains("Olivia, linked"));
    assert!(fs::symlink_metadata(&icp).unwrap().file_type().is_symlink());
}
