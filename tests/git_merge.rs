//! Two teammates editing one workspace in parallel, merged by real `git`
//! with the `.gitattributes` that `persona init` wrote and the driver that
//! `persona git-setup` registered: nothing either of them did is lost.

mod git_support;

use git_support::Team;
use persona::domain::conflict::{self, Choice};
use persona::domain::{Citation, Item, Persona, Workspace, anchor, identity};
use persona::store::{FsStore, Store};
use std::fs;
use std::path::Path;

const DANA: &str = "dana-whitfield-acme-outdoor";
const OLIVIA: &str = "operations-olivia";
const OUTDOOR: &str = "independent-outdoor-retail";

fn load(ws: &Path) -> (FsStore, Workspace) {
    let mut store = FsStore::new(ws);
    let loaded = store.load().unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    (store, loaded.workspace)
}

/// Edits a persona the way the wizard does: items keep their identity.
fn edit_persona(ws: &Path, id: &str, edit: impl FnOnce(&mut Persona)) {
    let (mut store, workspace) = load(ws);
    let mut persona = workspace.persona(id).unwrap().clone();
    identity::identify(&mut persona.fields);
    edit(&mut persona);
    store.save_persona(&persona).unwrap();
}

fn edit_interview(ws: &Path, edit: impl FnOnce(&mut persona::domain::Interview)) {
    let (mut store, workspace) = load(ws);
    let mut interview = workspace.interview(DANA).unwrap().clone();
    edit(&mut interview);
    store.save_interview(&interview).unwrap();
}

/// `persona highlight` through the binary; the new highlight's id.
fn highlight(team: &Team, ws: &Path, words: &str, tag: &str) -> String {
    let run = team.persona(ws, &["highlight", DANA, words, "--tag", tag, "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    json["id"].as_str().unwrap().to_string()
}

fn cites(persona: &Persona, field: &str, index: usize) -> Vec<String> {
    persona.fields[field][index]
        .cites
        .iter()
        .map(Citation::to_string)
        .collect()
}

#[test]
fn parallel_edits_of_every_kind_merge_with_git_merge_and_validate() {
    let Some(team) = Team::new() else { return };
    let (a, ws_a) = team.start("dana-laptop", "Dana Whitfield", "");
    // The ICP's fit-scoring rules: a file kind merged by structure alone.
    let scoring = format!("icps/{OUTDOOR}/scoring.toml");
    let b = team.clone("sam-laptop", "Sam Okafor");
    let ws_b = b.clone();

    // Dana's side.
    let dana_quote = highlight(&team, &ws_a, "four stores along the Front Range", "role");
    edit_persona(&ws_a, OLIVIA, |p| {
        p.fields.get_mut("goals").unwrap().push(
            Item::text("Open a fifth store without a stock clerk")
                .citing([Citation::new(DANA, &dana_quote)]),
        );
        p.fields.get_mut("pain_points").unwrap()[0]
            .cites
            .push(Citation::new("sam-okafor-ridgeline-sports", "h1"));
    });
    edit_interview(&ws_a, |i| {
        i.notes = i
            .notes
            .replace("Video call, 45 minutes.", "Video call, 50 minutes.");
        i.highlights[0].tags.push("trigger".into());
    });
    {
        let (mut store, w) = load(&ws_a);
        let mut icp = w.icp(OUTDOOR).unwrap().clone();
        icp.best_customers.push(persona::domain::BestCustomer {
            company: "Trailhead Co".into(),
            industry: "Outdoor retail".into(),
            ..Default::default()
        });
        store.save_icp(&icp).unwrap();
        let mut meta = w.meta.clone();
        meta.name = "Acme research".into();
        store.save_meta(&meta).unwrap();
    }
    let text = fs::read_to_string(ws_a.join(&scoring)).unwrap();
    let text = text
        .replace(
            "points = 25\ncites = [\"marcus",
            "points = 30\ncites = [\"marcus",
        )
        .replacen("min = 60", "min = 65", 1);
    fs::write(ws_a.join(&scoring), text).unwrap();
    team.commit(&a, "Dana's Monday notes");

    // Sam's side, at the same time.
    let sam_quote = highlight(&team, &ws_b, "one stock number she can believe", "goal");
    edit_persona(&ws_b, OLIVIA, |p| {
        p.fields.get_mut("job_title").unwrap()[0].value =
            persona::domain::Value::Text("Head of Operations and Fulfilment".into());
        p.fields.get_mut("pain_points").unwrap()[0]
            .cites
            .push(Citation::new(DANA, &sam_quote));
    });
    edit_interview(&ws_b, |i| {
        i.notes = i.notes.replace(
            "open a fifth store in 2027.",
            "open a fifth store in spring 2027.",
        );
        i.highlights[0].tags.push("churn-risk".into());
    });
    {
        let (mut store, w) = load(&ws_b);
        let mut icp = w.icp(OUTDOOR).unwrap().clone();
        icp.best_customers.push(persona::domain::BestCustomer {
            company: "Granite Peak Outfitters".into(),
            ..Default::default()
        });
        store.save_icp(&icp).unwrap();
        let frank =
            persona::domain::EntityRef::new(persona::domain::Kind::Persona, "finance-frank");
        store.delete(&frank).unwrap();
        // His outreach template goes with him.
        fs::remove_file(ws_b.join("templates/outreach/finance-frank-first-touch.toml")).unwrap();
        let mut newcomer = Persona::new(
            "store-manager-mia",
            OUTDOOR,
            "Store Manager Mia",
            "b2b-decision-maker",
        );
        newcomer.fields.insert(
            "goals".into(),
            vec![Item::text("Fewer stock calls").citing([Citation::new(DANA, &sam_quote)])],
        );
        store.save_persona(&newcomer).unwrap();
    }
    let text = fs::read_to_string(ws_b.join(&scoring)).unwrap();
    let rule = format!(
        "[[rules]]\nid = \"shopify-plus\"\nfield = \"tools\"\ncontains = \"Shopify Plus\"\npoints = 10\ncites = [\"{DANA}#{sam_quote}\"]\n\n[[rules]]\nid = \"outdoor-retail\""
    );
    fs::write(
        ws_b.join(&scoring),
        text.replacen("[[rules]]\nid = \"outdoor-retail\"", &rule, 1),
    )
    .unwrap();
    team.commit(&b, "Sam's call notes");
    team.git(&b, &["push", "--quiet"]);

    // Dana pulls: git merges, persona's driver merges each file.
    let pull = team.try_git(&a, &["pull", "--no-rebase", "--no-edit"]);
    assert_eq!(pull.code, 0, "{}\n{}", pull.stdout, pull.stderr);
    let parents = team.git(&a, &["log", "-1", "--format=%P"]);
    assert_eq!(parents.split_whitespace().count(), 2, "a merge commit");
    assert_eq!(team.git(&a, &["status", "--porcelain"]), "");

    let validate = team.persona(&ws_a, &["validate"]);
    assert_eq!(validate.code, 0, "{}{}", validate.stdout, validate.stderr);
    assert!(
        validate.stderr.contains("No problems found"),
        "{}",
        validate.stderr
    );

    let (_, merged) = load(&ws_a);
    let dana = merged.interview(DANA).unwrap();
    assert!(dana.highlight(&dana_quote).is_some(), "Dana's highlight");
    assert!(dana.highlight(&sam_quote).is_some(), "Sam's highlight");
    assert_eq!(dana.highlights.len(), 8);
    assert!(dana.highlights[0].tags.contains(&"trigger".to_string()));
    assert!(dana.highlights[0].tags.contains(&"churn-risk".to_string()));
    assert!(dana.notes.contains("Video call, 50 minutes."));
    assert!(dana.notes.contains("open a fifth store in spring 2027."));
    for h in &dana.highlights {
        assert!(
            anchor::find(&dana.notes, &h.text).is_some(),
            "{} anchors",
            h.id
        );
    }

    let olivia = merged.persona(OLIVIA).unwrap();
    assert_eq!(
        olivia.fields["job_title"][0].value.to_string(),
        "Head of Operations and Fulfilment"
    );
    assert!(
        olivia.fields["goals"]
            .iter()
            .any(|g| g.value.to_string() == "Open a fifth store without a stock clerk")
    );
    let pain = cites(olivia, "pain_points", 0);
    assert!(pain.contains(&"sam-okafor-ridgeline-sports#h1".to_string()));
    assert!(pain.contains(&format!("{DANA}#{sam_quote}")));
    assert!(
        pain.contains(&format!("{DANA}#h1")),
        "the first citation stays"
    );

    let icp = merged.icp(OUTDOOR).unwrap();
    let companies: Vec<&str> = icp
        .best_customers
        .iter()
        .map(|c| c.company.as_str())
        .collect();
    assert!(companies.contains(&"Trailhead Co") && companies.contains(&"Granite Peak Outfitters"));
    assert!(
        merged.persona("finance-frank").is_none(),
        "Sam's removal honoured"
    );
    assert!(
        merged.persona("store-manager-mia").is_some(),
        "Sam's new persona"
    );
    assert_eq!(merged.meta.name, "Acme research");
    let scoring = fs::read_to_string(ws_a.join(&scoring)).unwrap();
    assert!(
        scoring.starts_with("schema = 1\n\n[[tiers]]\nname = \"A\"\nmin = 65\n"),
        "written in the scoring file's own order:\n{scoring}"
    );
    let scoring: toml::Table = toml::from_str(&scoring).unwrap();
    assert_eq!(scoring["tiers"][0]["min"].as_integer(), Some(65));
    let rules = scoring["rules"].as_array().unwrap();
    let rule = |id: &str| rules.iter().find(|r| r["id"].as_str() == Some(id)).unwrap();
    assert_eq!(rule("outdoor-retail")["points"].as_integer(), Some(30));
    assert_eq!(
        rule("shopify-plus")["cites"][0].as_str(),
        Some(format!("{DANA}#{sam_quote}").as_str())
    );
}

#[test]
fn a_genuine_conflict_is_kept_marked_reported_and_resolvable() {
    let Some(team) = Team::new() else { return };
    // The workspace lives in a folder of a bigger repository.
    let (a, ws_a) = team.start("dana-laptop", "Dana Whitfield", "research/personas");
    let b = team.clone("sam-laptop", "Sam Okafor");
    let ws_b = b.join("research/personas");
    assert_eq!(team.persona(&ws_b, &["git-setup"]).code, 0);

    edit_persona(&ws_a, OLIVIA, |p| {
        p.name = "Olivia, Head of Ops".into();
        p.fields.get_mut("job_title").unwrap()[0].value =
            persona::domain::Value::Text("COO".into());
    });
    edit_interview(&ws_a, |i| {
        i.notes = i
            .notes
            .replace("Video call, 45 minutes.", "Video call, 50 minutes.");
    });
    edit_persona(&ws_b, OLIVIA, |p| {
        p.name = "Ops Olivia".into();
        p.fields.get_mut("job_title").unwrap()[0].value =
            persona::domain::Value::Text("VP Operations".into());
    });
    edit_interview(&ws_b, |i| {
        i.notes = i
            .notes
            .replace("Video call, 45 minutes.", "Phone call, 45 minutes.");
    });
    let sync_b = team.persona(&ws_b, &["sync"]);
    assert_eq!(sync_b.code, 0, "{}", sync_b.stderr);

    let sync_a = team.persona(&ws_a, &["sync"]);
    assert_eq!(sync_a.code, 1, "{}\n{}", sync_a.stdout, sync_a.stderr);
    assert!(sync_a.stdout.contains("Committed “"), "{}", sync_a.stdout);
    assert!(
        sync_a.stdout.contains("Pushed to origin/main."),
        "{}",
        sync_a.stdout
    );
    let persona_file = format!("icps/{OUTDOOR}/personas/{OLIVIA}.toml");
    assert!(
        sync_a
            .stderr
            .contains(&format!("{persona_file}: 2 conflicts")),
        "{}",
        sync_a.stderr
    );
    assert_eq!(
        team.git(&a, &["status", "--porcelain"]),
        "",
        "the merge is committed"
    );

    // Every file loads; validate names each conflict where it is.
    let list = team.persona(&ws_a, &["list", "personas"]);
    assert_eq!(list.code, 0, "{}", list.stderr);
    let validate = team.persona(&ws_a, &["validate"]);
    assert_eq!(validate.code, 1);
    let lines: Vec<&str> = validate.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", validate.stdout);
    assert!(validate.stdout.contains(&format!("{persona_file}:")));
    assert!(
        validate
            .stdout
            .contains("an item of field `job_title` was changed differently on both sides")
    );
    assert!(validate.stdout.contains("`name` was changed differently on both sides of a merge (ours: \"Olivia, Head of Ops\"; theirs: \"Ops Olivia\")"));
    assert!(
        validate
            .stdout
            .contains(&format!("interviews/{DANA}.toml:"))
    );
    assert!(
        validate
            .stdout
            .contains("`notes` was changed in the same place")
    );
    let (_, merged) = load(&ws_a);
    let notes = &merged.interview(DANA).unwrap().notes;
    assert!(notes.contains("Video call, 50 minutes.") && notes.contains("Phone call, 45 minutes."));

    // Settling every conflict (as the app will) leaves a clean workspace.
    for path in [persona_file.clone(), format!("interviews/{DANA}.toml")] {
        let file = ws_a.join(&path);
        let mut table: toml::Table = toml::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
        while let Some(first) = conflict::list(&table).into_iter().next() {
            conflict::resolve(&mut table, &first, Choice::Theirs).unwrap();
        }
        fs::write(&file, toml::to_string(&table).unwrap()).unwrap();
    }
    let validate = team.persona(&ws_a, &["validate"]);
    assert_eq!(validate.code, 0, "{}", validate.stdout);
    let (_, settled) = load(&ws_a);
    let olivia = settled.persona(OLIVIA).unwrap();
    assert_eq!(olivia.name, "Ops Olivia");
    assert_eq!(olivia.fields["job_title"].len(), 1);
    assert_eq!(
        olivia.fields["job_title"][0].value.to_string(),
        "VP Operations"
    );
}

#[test]
fn a_merge_without_the_driver_leaves_markers_that_validate_names() {
    let Some(team) = Team::new() else { return };
    let (a, ws_a) = team.start("dana-laptop", "Dana Whitfield", "");
    // A clone where nobody ran `persona git-setup`.
    let b = team.clone("sam-laptop", "Sam Okafor");
    let meta = |ws: &Path, name: &str| {
        fs::write(
            ws.join("workspace.toml"),
            format!("schema = 1\nname = \"{name}\"\n"),
        )
        .unwrap();
    };
    meta(&ws_a, "Acme research");
    team.commit(&a, "Name");
    team.git(&a, &["push", "--quiet"]);
    meta(&b, "Acme team");
    team.commit(&b, "Name");
    let pull = team.try_git(&b, &["pull", "--no-rebase", "--no-edit"]);
    assert_ne!(pull.code, 0);
    let validate = team.persona(&b, &["validate"]);
    assert_eq!(validate.code, 1);
    assert!(
        validate
            .stdout
            .contains("workspace.toml:2:1: has git conflict markers"),
        "{}{}",
        validate.stdout,
        validate.stderr
    );
    assert!(validate.stdout.contains("persona git-setup"));
}

#[test]
fn a_persona_changed_here_and_deleted_there_is_kept_and_reported() {
    let Some(team) = Team::new() else { return };
    let (a, ws_a) = team.start("dana-laptop", "Dana Whitfield", "");
    let ws_b = team.clone("sam-laptop", "Sam Okafor");
    assert_eq!(team.persona(&ws_b, &["git-setup"]).code, 0);

    edit_persona(&ws_a, "finance-frank", |p| {
        p.fields
            .get_mut("goals")
            .unwrap()
            .push(Item::text("Close the books in three days"));
    });
    {
        let (mut store, _) = load(&ws_b);
        let frank =
            persona::domain::EntityRef::new(persona::domain::Kind::Persona, "finance-frank");
        store.delete(&frank).unwrap();
        fs::remove_file(ws_b.join("templates/outreach/finance-frank-first-touch.toml")).unwrap();
    }
    let sync_b = team.persona(&ws_b, &["sync"]);
    assert_eq!(sync_b.code, 0, "{}", sync_b.stderr);
    assert!(
        sync_b.stdout.contains("Finance Frank: removed"),
        "{}",
        sync_b.stdout
    );

    let sync_a = team.persona(&ws_a, &["sync"]);
    assert_eq!(sync_a.code, 1, "{}\n{}", sync_a.stdout, sync_a.stderr);
    let frank = format!("icps/{OUTDOOR}/personas/finance-frank.toml");
    assert!(
        sync_a.stderr.contains(&format!("{frank}: 1 conflict")),
        "{}",
        sync_a.stderr
    );
    assert_eq!(team.git(&a, &["status", "--porcelain"]), "");
    let validate = team.persona(&ws_a, &["validate"]);
    assert_eq!(validate.code, 1);
    assert!(
        validate.stdout.contains(&format!("{frank}:"))
            && validate
                .stdout
                .contains("this file was changed here but deleted on the other side of a merge"),
        "{}",
        validate.stdout
    );
    // Dana's goal is still there, for her to decide.
    let (_, merged) = load(&ws_a);
    let goals = &merged.persona("finance-frank").unwrap().fields["goals"];
    assert!(
        goals
            .iter()
            .any(|g| g.value.to_string() == "Close the books in three days")
    );
}
