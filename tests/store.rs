//! The workspace on disk: round trips, bad files, hostile names, the trash.

use persona::domain::{
    BestCustomer, Citation, EntityRef, Highlight, Icp, Interview, Item, Kind, Number, Persona,
    Value, WorkspaceMeta,
};
use persona::store::{FsStore, Store, StoreError};
use proptest::prelude::*;
use std::fs;
use std::path::Path;

fn new_store(dir: &Path) -> FsStore {
    FsStore::init(dir.join("ws"), "Test", false).unwrap()
}

fn write(dir: &Path, relative: &str, text: &str) {
    let path = dir.join("ws").join(relative);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn sample_icp() -> Icp {
    let mut icp = Icp::new("retail", "Outdoor retailers", "icp");
    icp.fields.insert(
        "industry".into(),
        vec![Item::text("Outdoor retail").citing([Citation::new("dana", "h1")])],
    );
    icp.best_customers.push(BestCustomer {
        company: "Acme".into(),
        tools: vec!["Shopify".into()],
        ..BestCustomer::default()
    });
    icp
}

#[test]
fn saved_items_load_back_equal_and_resave_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let icp = sample_icp();
    let mut persona = Persona::new(
        "olivia",
        "retail",
        "Operations Olivia",
        "b2b-decision-maker",
    );
    persona.fields.insert(
        "age".into(),
        vec![Item::new(Value::Range {
            min: Number::new(35.0).unwrap(),
            max: Number::new(44.0).unwrap(),
        })],
    );
    let mut interview = Interview::new("dana", "Dana at Acme");
    interview.notes = "line one\nline two \"quoted\"\n".into();
    interview.highlights.push(Highlight {
        id: "h1".into(),
        text: "line two".into(),
        tags: vec!["pain-point".into()],
        extra: Default::default(),
    });
    store.save_icp(&icp).unwrap();
    store.save_persona(&persona).unwrap();
    store.save_interview(&interview).unwrap();

    let loaded = FsStore::new(dir.path().join("ws")).load().unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.workspace.icps, vec![icp.clone()]);
    assert_eq!(loaded.workspace.personas, vec![persona.clone()]);
    assert_eq!(loaded.workspace.interviews, vec![interview]);

    let path = dir.path().join("ws/icps/retail/personas/olivia.toml");
    let before = fs::read(&path).unwrap();
    let text = String::from_utf8(before.clone()).unwrap();
    assert!(text.starts_with("schema = 1\n"), "{text}");
    assert!(text.contains("min = 35\nmax = 44\n"), "{text}");
    let mut again = FsStore::new(dir.path().join("ws"));
    let reloaded = again.load().unwrap();
    again.save_persona(&reloaded.workspace.personas[0]).unwrap();
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn bad_files_are_reported_with_line_and_column_and_the_rest_loads() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    store.save_icp(&sample_icp()).unwrap();
    write(
        dir.path(),
        "interviews/broken.toml",
        "schema = 1\ntitle = \"x\nnotes = 1\n",
    );
    write(
        dir.path(),
        "interviews/typed.toml",
        "schema = 1\ntitle = 5\n",
    );
    write(
        dir.path(),
        "interviews/future.toml",
        "schema = 7\ntitle = \"From the future\"\nshape = { new = true }\n",
    );
    write(dir.path(), "interviews/binary.toml", "");
    fs::write(
        dir.path().join("ws/interviews/binary.toml"),
        b"schema = 1\ntitle = \"\xff\"\n",
    )
    .unwrap();
    write(
        dir.path(),
        "interviews/Bad Name.toml",
        "schema = 1\ntitle = \"x\"\n",
    );
    write(
        dir.path(),
        "interviews/fine.toml",
        "schema = 1\ntitle = \"Fine\"\n",
    );
    write(
        dir.path(),
        "templates/dup.toml",
        "schema = 1\nname = \"Dup\"\nkind = \"persona\"\n[[sections]]\nid = \"a\"\ntitle = \"A\"\n[[sections.fields]]\nid = \"x\"\nlabel = \"X\"\nkind = \"short-text\"\nquestion = \"X?\"\n[[sections.fields]]\nid = \"x\"\nlabel = \"X again\"\nkind = \"short-text\"\nquestion = \"X?\"\n",
    );
    write(
        dir.path(),
        "templates/kind.toml",
        "schema = 1\nname = \"Odd\"\nkind = \"persona\"\n[[sections]]\nid = \"a\"\ntitle = \"A\"\n[[sections.fields]]\nid = \"x\"\nlabel = \"X\"\nkind = \"slider\"\nquestion = \"X?\"\n",
    );

    let loaded = store.load().unwrap();
    let ids: Vec<_> = loaded
        .workspace
        .interviews
        .iter()
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(ids, vec!["fine"]);
    assert_eq!(loaded.workspace.icps.len(), 1);
    let messages: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
    let find = |prefix: &str| {
        messages
            .iter()
            .find(|m| m.starts_with(prefix))
            .unwrap_or_else(|| panic!("no problem starting {prefix} in {messages:#?}"))
            .clone()
    };
    assert!(find("interviews/broken.toml:2:").contains("string"));
    assert!(find("interviews/typed.toml:2:9:").contains("invalid type"));
    assert!(find("interviews/future.toml:1:1:").contains("newer persona (schema 7"));
    assert!(find("interviews/binary.toml:2:").contains("UTF-8"));
    assert!(find("interviews/Bad Name.toml:1:1:").contains("bad-name"));
    assert!(find("templates/dup.toml:13:6:").contains("field id `x` is used twice"));
    assert!(find("templates/kind.toml:10:8:").contains("unknown variant `slider`"));
}

#[test]
fn files_that_did_not_load_are_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let future = "schema = 2\ntitle = \"Newer\"\n";
    write(dir.path(), "interviews/newer.toml", future);
    store.load().unwrap();
    let err = store
        .save_interview(&Interview::new("newer", "Mine"))
        .unwrap_err();
    assert!(matches!(err, StoreError::Unloaded { .. }), "{err}");
    assert_eq!(
        fs::read_to_string(dir.path().join("ws/interviews/newer.toml")).unwrap(),
        future
    );
}

#[test]
fn a_file_changed_on_disk_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    store.save_icp(&sample_icp()).unwrap();
    let loaded = store.load().unwrap();
    let path = dir.path().join("ws/icps/retail/icp.toml");
    let theirs = fs::read_to_string(&path).unwrap() + "\n# a teammate's edit\n";
    fs::write(&path, &theirs).unwrap();
    let mut mine = loaded.workspace.icps[0].clone();
    mine.name = "Mine".into();
    let err = store.save_icp(&mine).unwrap_err();
    assert!(matches!(err, StoreError::ChangedOnDisk { .. }), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), theirs);
}

#[test]
fn hostile_names_become_ids_inside_the_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let ws = store.load().unwrap().workspace;
    for name in [
        "../../etc/passwd",
        "..",
        "",
        "CON",
        "nul",
        "a/b\\c",
        "\u{1b}[31mred\u{7}",
        "🚀🚀",
        "増田さん",
        &"long ".repeat(2_000),
    ] {
        let id = ws.new_id(Kind::Interview, name);
        let interview = Interview::new(id.clone(), name);
        store.save_interview(&interview).unwrap();
        let path = dir.path().join("ws/interviews").join(format!("{id}.toml"));
        assert!(path.is_file(), "{name:?} gave {id:?}");
    }
    let loaded = store.load().unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert!(!dir.path().join("etc").exists());
    let err = store
        .save_interview(&Interview::new("../escape", "x"))
        .unwrap_err();
    assert!(matches!(err, StoreError::BadId { .. }));
}

#[test]
fn delete_moves_to_trash_and_restore_brings_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    store.save_icp(&sample_icp()).unwrap();
    store
        .save_persona(&Persona::new(
            "olivia",
            "retail",
            "Olivia",
            "b2b-decision-maker",
        ))
        .unwrap();
    let trashed = store.delete(&EntityRef::new(Kind::Icp, "retail")).unwrap();
    assert!(trashed.location.starts_with(".trash/"));
    assert!(!dir.path().join("ws/icps/retail").exists());
    assert!(
        dir.path()
            .join("ws")
            .join(&trashed.location)
            .join("personas/olivia.toml")
            .is_file()
    );
    assert!(store.load().unwrap().workspace.personas.is_empty());
    store.restore(&trashed).unwrap();
    let loaded = store.load().unwrap();
    assert_eq!(loaded.workspace.personas.len(), 1);
    let persona = loaded.workspace.persona("olivia").unwrap().clone();
    store.save_persona(&persona).unwrap();
}

#[test]
fn renaming_an_interview_keeps_citations_valid() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    store.save_icp(&sample_icp()).unwrap();
    let mut interview = Interview::new("dana", "Dana");
    interview.highlights.push(Highlight {
        id: "h1".into(),
        text: "x".into(),
        tags: vec![],
        extra: Default::default(),
    });
    store.save_interview(&interview).unwrap();
    let ws = store.load().unwrap().workspace;
    store
        .rename(
            &ws,
            &EntityRef::new(Kind::Interview, "dana"),
            "dana-whitfield",
        )
        .unwrap();
    let ws = store.load().unwrap().workspace;
    assert_eq!(
        ws.icps[0].fields["industry"][0].cites,
        vec![Citation::new("dana-whitfield", "h1")]
    );
    assert!(
        persona::domain::check::check(&ws)
            .iter()
            .all(|f| !f.message.contains("cites"))
    );
    store
        .rename(&ws, &EntityRef::new(Kind::Icp, "retail"), "outdoor")
        .unwrap();
    assert!(dir.path().join("ws/icps/outdoor/icp.toml").is_file());
}

#[test]
fn init_refuses_an_existing_workspace_and_a_busy_folder() {
    let dir = tempfile::tempdir().unwrap();
    new_store(dir.path());
    assert!(matches!(
        FsStore::init(dir.path().join("ws"), "Again", false),
        Err(StoreError::AlreadyExists(_))
    ));
    fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    assert!(matches!(
        FsStore::init(dir.path(), "Busy", false),
        Err(StoreError::NotEmpty(_))
    ));
    assert!(matches!(
        FsStore::new(dir.path().join("missing")).load(),
        Err(StoreError::NoWorkspace(_))
    ));
}

#[test]
fn unknown_keys_survive_a_load_and_save() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let text = "schema = 1\nname = \"Olivia\"\ntemplate = \"b2b-decision-maker\"\nmood = \"sunny\"\n\n[[fields.goals]]\ntext = \"Fewer spreadsheets\"\nweight = 3\n\n[future]\nkeep = true\n";
    write(dir.path(), "icps/retail/personas/olivia.toml", text);
    let ws = store.load().unwrap().workspace;
    store.save_persona(&ws.personas[0]).unwrap();
    let saved = fs::read_to_string(dir.path().join("ws/icps/retail/personas/olivia.toml")).unwrap();
    for key in ["mood = \"sunny\"", "weight = 3", "[future]", "keep = true"] {
        assert!(saved.contains(key), "{key} lost from:\n{saved}");
    }
}

fn text_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ,.'-]{0,40}",
        any::<String>(),
        Just("# heading | pipe \u{1b}[2J \"q\" '''".to_string()),
    ]
}

fn item_strategy() -> impl Strategy<Value = Item> {
    let value = prop_oneof![
        text_strategy().prop_map(Value::Text),
        (-1e12f64..1e12).prop_map(|n| Value::Number(Number::new(n).unwrap())),
        (-1000i64..1000, 0i64..1000).prop_map(|(a, b)| Value::Range {
            min: Number::new(a as f64).unwrap(),
            max: Number::new((a + b) as f64).unwrap(),
        }),
    ];
    let cites = prop::collection::vec(("[a-z][a-z0-9-]{0,10}", "h[0-9]{1,3}"), 0..3);
    (value, cites).prop_map(|(value, cites)| {
        Item::new(value).citing(cites.into_iter().map(|(i, h)| Citation::new(i, h)))
    })
}

fn persona_strategy() -> impl Strategy<Value = Persona> {
    (
        text_strategy(),
        prop::collection::btree_map(
            "[a-z_]{1,12}",
            prop::collection::vec(item_strategy(), 0..4),
            0..5,
        ),
        prop::option::of(0i64..4_000_000_000),
        prop::option::of((2000i16..2100, 1i8..=12, 1i8..=28)),
    )
        .prop_map(|(name, fields, seconds, date)| {
            let mut persona = Persona::new("p", "icp-a", name, "b2b-decision-maker");
            persona.fields = fields;
            persona.updated = seconds.map(|s| jiff::Timestamp::from_second(s).unwrap());
            persona.last_validated = date.map(|(y, m, d)| jiff::civil::date(y, m, d));
            persona
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_persona_saves_and_loads_back_equal(persona in persona_strategy()) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = FsStore::init(dir.path().join("ws"), "P", false).unwrap();
        store.save_persona(&persona).unwrap();
        let path = dir.path().join("ws/icps/icp-a/personas/p.toml");
        let first = fs::read(&path).unwrap();
        let loaded = store.load().unwrap();
        prop_assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        prop_assert_eq!(&loaded.workspace.personas[0], &persona);
        store.save_persona(&loaded.workspace.personas[0]).unwrap();
        prop_assert_eq!(fs::read(&path).unwrap(), first);
    }

    #[test]
    fn any_bytes_give_a_workspace_or_a_problem(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = FsStore::init(dir.path().join("ws"), "P", false).unwrap();
        fs::write(dir.path().join("ws/interviews/x.toml"), &bytes).unwrap();
        fs::create_dir_all(dir.path().join("ws/icps/a/personas")).unwrap();
        fs::write(dir.path().join("ws/icps/a/personas/y.toml"), &bytes).unwrap();
        let loaded = store.load().unwrap();
        prop_assert!(loaded.workspace.interviews.len() + loaded.problems.len() >= 1);
    }
}

#[test]
fn workspace_meta_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    store.save_meta(&WorkspaceMeta::new("Renamed")).unwrap();
    assert_eq!(store.load().unwrap().workspace.meta.name, "Renamed");
}

#[test]
fn an_edit_that_keeps_size_and_time_is_still_noticed() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    store.save_icp(&sample_icp()).unwrap();
    let loaded = store.load().unwrap();
    let path = dir.path().join("ws/icps/retail/icp.toml");
    let before = fs::metadata(&path).unwrap().modified().unwrap();
    let theirs = fs::read_to_string(&path)
        .unwrap()
        .replace("Outdoor retailers", "Outdoor RETAILERS");
    fs::write(&path, &theirs).unwrap();
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(before)
        .unwrap();
    let err = store.save_icp(&loaded.workspace.icps[0]).unwrap_err();
    assert!(matches!(err, StoreError::ChangedOnDisk { .. }), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), theirs);

    // Touching a file without changing it is no conflict.
    let loaded = store.load().unwrap();
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(std::time::SystemTime::now())
        .unwrap();
    store.save_icp(&loaded.workspace.icps[0]).unwrap();
}

/// The demo workspace, with one interview that names an ICP but does not
/// load (git's conflict markers left in it).
#[test]
fn an_icp_rename_rewrites_its_interviews_from_their_files_changing_only_the_icp() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("ws");
    let mut store = FsStore::init(&root, "Demo", true).unwrap();
    let mut ws = store.load().unwrap().workspace;
    let icp = EntityRef::new(Kind::Icp, "independent-outdoor-retail");
    let theirs: Vec<String> = ws
        .interviews
        .iter()
        .filter(|i| i.icp.as_deref() == Some(icp.id.as_str()))
        .map(|i| i.id.clone())
        .collect();
    assert!(theirs.len() >= 2, "{theirs:?}");
    // One interview is held without its notes (as cards on demand hold
    // the interviews a card quotes); another was changed by someone else
    // since the load.
    ws.interviews
        .iter_mut()
        .find(|i| i.id == theirs[0])
        .unwrap()
        .notes
        .clear();
    let changed = root.join(format!("interviews/{}.toml", theirs[1]));
    let text = fs::read_to_string(&changed).unwrap();
    fs::write(&changed, format!("# a comment from another window\n{text}")).unwrap();
    let before: Vec<toml::Table> = theirs
        .iter()
        .map(|id| {
            toml::from_str(&fs::read_to_string(root.join(format!("interviews/{id}.toml"))).unwrap())
                .unwrap()
        })
        .collect();

    store.rename(&ws, &icp, "outdoor-retail").unwrap();
    assert!(root.join("icps/outdoor-retail/icp.toml").is_file());
    for (id, mut was) in theirs.iter().zip(before) {
        let now = fs::read_to_string(root.join(format!("interviews/{id}.toml"))).unwrap();
        let mut now: toml::Table = toml::from_str(&now).unwrap();
        assert_eq!(
            now.remove("icp"),
            Some(toml::Value::from("outdoor-retail")),
            "{id}"
        );
        was.remove("icp");
        assert_eq!(now, was, "{id}: everything but its ICP as the file had it");
        assert!(
            !now["notes"].as_str().unwrap().is_empty(),
            "{id} keeps its notes"
        );
    }
}

#[test]
fn an_icp_rename_takes_along_an_interview_another_window_put_in_that_icp() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("ws");
    let mut mine = FsStore::init(&root, "Demo", true).unwrap();
    let ws = mine.load().unwrap().workspace;
    // Another window moves an interview of another ICP into this one after
    // this window read the workspace.
    let mut theirs = FsStore::new(&root);
    let their_ws = theirs.load().unwrap().workspace;
    let moved = their_ws
        .interviews
        .iter()
        .find(|i| i.icp.as_deref() != Some("independent-outdoor-retail") && i.icp.is_some())
        .expect("an interview of another ICP")
        .clone();
    let mut changed = moved.clone();
    changed.icp = Some("independent-outdoor-retail".into());
    theirs.save_interview(&changed).unwrap();
    let other_icp = moved.icp.clone().unwrap();
    let untouched: Vec<(String, String)> = ws
        .interviews
        .iter()
        .filter(|i| i.icp.as_deref() == Some(other_icp.as_str()) && i.id != moved.id)
        .map(|i| {
            let path = root.join(format!("interviews/{}.toml", i.id));
            (i.id.clone(), fs::read_to_string(path).unwrap())
        })
        .collect();

    let icp = EntityRef::new(Kind::Icp, "independent-outdoor-retail");
    mine.rename(&ws, &icp, "outdoor-retail").unwrap();
    let now = mine.load().unwrap().workspace;
    assert_eq!(
        now.interview(&moved.id).unwrap().icp.as_deref(),
        Some("outdoor-retail"),
        "their interview follows the ICP it is in now"
    );
    assert!(
        now.interviews
            .iter()
            .all(|i| i.icp.as_deref() != Some("independent-outdoor-retail")),
        "no interview is left pointing at the old id"
    );
    for (id, text) in untouched {
        let path = root.join(format!("interviews/{id}.toml"));
        assert_eq!(fs::read_to_string(path).unwrap(), text, "{id} untouched");
    }
}

#[test]
fn an_icp_rename_over_an_icp_file_changed_outside_moves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("ws");
    let mut store = FsStore::init(&root, "Demo", true).unwrap();
    let ws = store.load().unwrap().workspace;
    let file = root.join("icps/independent-outdoor-retail/icp.toml");
    let theirs = format!("# edited elsewhere\n{}", fs::read_to_string(&file).unwrap());
    fs::write(&file, &theirs).unwrap();
    let icp = EntityRef::new(Kind::Icp, "independent-outdoor-retail");
    let refused = store.rename(&ws, &icp, "outdoor-retail").unwrap_err();
    assert!(refused.is_conflict(), "{refused}");
    assert_eq!(fs::read_to_string(&file).unwrap(), theirs);
    assert!(!root.join("icps/outdoor-retail").exists());
    let interviews = fs::read_dir(root.join("interviews")).unwrap();
    for entry in interviews.flatten() {
        let text = fs::read_to_string(entry.path()).unwrap();
        assert!(!text.contains("icp = \"outdoor-retail\""), "{text}");
    }
}

fn demo_with_broken_interview(dir: &Path) -> (FsStore, std::path::PathBuf) {
    let ws = dir.join("ws");
    let store = FsStore::init(&ws, "Demo", true).unwrap();
    let broken = ws.join("interviews/sam-okafor-ridgeline-sports.toml");
    let text = fs::read_to_string(&broken).unwrap();
    fs::write(
        &broken,
        text.replacen(
            "icp = \"independent-outdoor-retail\"",
            "<<<<<<< ours\nicp = \"independent-outdoor-retail\"\n=======\nicp = \"independent-outdoor-retail\"\n>>>>>>> theirs",
            1,
        ),
    )
    .unwrap();
    (store, broken)
}

#[test]
fn a_rename_that_cannot_update_a_file_names_it_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, broken) = demo_with_broken_interview(dir.path());
    let ws = store.load().unwrap().workspace;
    assert!(ws.interview("sam-okafor-ridgeline-sports").is_none());
    let icp = EntityRef::new(Kind::Icp, "independent-outdoor-retail");
    let refused = store.rename(&ws, &icp, "outdoor-retail").unwrap_err();
    let message = refused.to_string();
    assert!(
        message.contains("interviews/sam-okafor-ridgeline-sports.toml")
            && message.contains("nothing was renamed"),
        "{message}"
    );
    let root = dir.path().join("ws");
    assert!(
        root.join("icps/independent-outdoor-retail/icp.toml")
            .is_file()
    );
    assert!(!root.join("icps/outdoor-retail").exists());
    let dana =
        fs::read_to_string(root.join("interviews/dana-whitfield-acme-outdoor.toml")).unwrap();
    assert!(dana.contains("icp = \"independent-outdoor-retail\""));

    // Once the file is mended, the rename goes through and updates it.
    let text = fs::read_to_string(&broken).unwrap();
    let mended: String = text
        .lines()
        .filter(|l| !l.starts_with("<<<<<<<") && !l.starts_with(">>>>>>>"))
        .collect::<Vec<_>>()
        .join("\n")
        .replacen("=======\nicp = \"independent-outdoor-retail\"\n", "", 1);
    fs::write(&broken, mended).unwrap();
    let ws = store.load().unwrap().workspace;
    assert!(ws.interview("sam-okafor-ridgeline-sports").is_some());
    store.rename(&ws, &icp, "outdoor-retail").unwrap();
    let ws = store.load().unwrap().workspace;
    assert_eq!(
        ws.interview("sam-okafor-ridgeline-sports")
            .unwrap()
            .icp
            .as_deref(),
        Some("outdoor-retail")
    );
}

#[test]
fn renaming_an_interview_carries_the_scoring_rules_that_cite_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = FsStore::init(dir.path().join("ws"), "Demo", true).unwrap();
    let scoring = dir
        .path()
        .join("ws/icps/acme-outdoor-web-shoppers/scoring.toml");
    let before = fs::read_to_string(&scoring).unwrap();
    assert!(before.contains("\"acme-outdoor-shopper-survey#h4\""));
    let ws = store.load().unwrap().workspace;
    store
        .rename(
            &ws,
            &EntityRef::new(Kind::Interview, "acme-outdoor-shopper-survey"),
            "shopper-survey-2026",
        )
        .unwrap();
    let after = fs::read_to_string(&scoring).unwrap();
    assert!(!after.contains("acme-outdoor-shopper-survey#"), "{after}");
    assert!(after.contains("\"shopper-survey-2026#h4\""));
    // Only the citations changed: the file's own layout is kept.
    assert_eq!(
        after.replace("shopper-survey-2026#", "acme-outdoor-shopper-survey#"),
        before
    );
    let loaded = store.load().unwrap();
    let problems = store.validate(&loaded);
    assert!(
        problems
            .iter()
            .all(|p| !p.message.contains("acme-outdoor-shopper-survey")),
        "{problems:?}"
    );
}

#[test]
fn validate_reads_references_from_files_that_do_not_load() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = demo_with_broken_interview(dir.path());
    // A persona from a newer version, citing an interview that was deleted.
    write(
        dir.path(),
        "icps/independent-outdoor-retail/personas/future-fran.toml",
        "schema = 99\nname = \"Future Fran\"\ntemplate = \"b2b-buyer\"\n\n[[fields.goals]]\ntext = \"x\"\ncites = [\"deleted-call#h1\", \"dana-whitfield-acme-outdoor#h1\"]\n",
    );
    // The ICP the broken interview names is gone.
    fs::rename(
        dir.path()
            .join("ws/icps/independent-outdoor-retail/icp.toml"),
        dir.path().join("icp.toml.away"),
    )
    .unwrap();
    let loaded = store.load().unwrap();
    let problems = store.validate(&loaded);
    let about = |path: &str, what: &str| {
        problems
            .iter()
            .filter(|p| p.path == path && p.message.contains(what))
            .map(|p| (p.line, p.message.clone()))
            .collect::<Vec<_>>()
    };
    let fran = about(
        "icps/independent-outdoor-retail/personas/future-fran.toml",
        "interview `deleted-call`",
    );
    assert_eq!(fran.len(), 1, "{problems:#?}");
    assert_eq!(fran[0].0, 7);
    assert!(fran[0].1.contains("does not exist"));
    assert!(
        about(
            "icps/independent-outdoor-retail/personas/future-fran.toml",
            "dana-whitfield"
        )
        .is_empty()
    );
    let sam = about(
        "interviews/sam-okafor-ridgeline-sports.toml",
        "ICP `independent-outdoor-retail`",
    );
    assert_eq!(sam.len(), 1, "{problems:#?}");
}

#[test]
fn a_persona_rename_carries_the_outreach_templates_written_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = FsStore::init(dir.path().join("ws"), "Demo", true).unwrap();
    // Hand-written: a comment and a layout worth keeping.
    let intro = "# Olivia first, Frank as the fallback.\n\
        name = \"Ops intro\"\n\
        personas = [\"operations-olivia\", \"finance-frank\"]\n\
        subject = \"Stock counts at {{ company }}\"\n\
        body = \"\"\"\nHi {{ first_name | default: \\\"there\\\" }},\n\nsaw your note.\n\"\"\"\n";
    let other = "name = \"Finance only\"\npersonas = ['finance-frank']\nsubject = \"Hi\"\nbody = \"Hello\"\n";
    write(dir.path(), "templates/outreach/ops-intro.toml", intro);
    write(dir.path(), "templates/outreach/finance-only.toml", other);
    let ws = store.load().unwrap().workspace;
    let olivia = EntityRef::new(Kind::Persona, "operations-olivia");
    store.rename(&ws, &olivia, "ops-olivia").unwrap();

    let root = dir.path().join("ws");
    let renamed = fs::read_to_string(root.join("templates/outreach/ops-intro.toml")).unwrap();
    assert_eq!(
        renamed,
        intro.replace("\"operations-olivia\"", "\"ops-olivia\""),
        "only the id changed, the comment and layout kept"
    );
    let untouched = fs::read_to_string(root.join("templates/outreach/finance-only.toml")).unwrap();
    assert_eq!(untouched, other);
    let finance = EntityRef::new(Kind::Persona, "finance-frank");
    let ws = store.load().unwrap().workspace;
    store.rename(&ws, &finance, "frank").unwrap();
    let both = fs::read_to_string(root.join("templates/outreach/finance-only.toml")).unwrap();
    assert_eq!(both, other.replace("'finance-frank'", "'frank'"));
    let intro_now = fs::read_to_string(root.join("templates/outreach/ops-intro.toml")).unwrap();
    assert!(
        intro_now.contains("personas = [\"ops-olivia\", \"frank\"]"),
        "{intro_now}"
    );
    // `validate` finds every persona the templates name.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_persona"))
        .arg("--workspace")
        .arg(&root)
        .arg("validate")
        .output()
        .unwrap();
    let said =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && !said.contains("outreach"), "{said}");
}
