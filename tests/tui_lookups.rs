//! On a workspace big enough for the id tables and the filter's narrowing
//! to matter: lookups by id stay right through renames, deletes, undos and
//! moves made with keys, and a filter typed, narrowed and backspaced shows
//! what typing each text afresh shows.

mod tui_support;

use persona::domain::{Item, Workspace};
use persona::store::{FsStore, Store};
use persona::tui::app::Screen;
use persona::tui::search::{Query, SearchIndex};
use tui_support::{Window, demo};

/// The demo plus 40 more personas, spread over its ICPs, with pains that
/// share words ("stock", "stocktake", "stores").
fn crowded() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, root) = demo();
    let mut store = FsStore::new(&root);
    let ws = store.load().unwrap().workspace;
    let icps: Vec<String> = ws.icps.iter().map(|i| i.id.clone()).collect();
    let template = ws.personas[0].template.clone();
    let pains = [
        "Counts stock by hand every Monday",
        "The stocktake takes a whole weekend",
        "Two stores, one spreadsheet",
        "Stock Levels drift between the till and the web shop",
        "Nobody trusts the numbers",
    ];
    for i in 0..40 {
        let mut p = persona::domain::Persona::new(
            format!("buyer-{i:02}"),
            &icps[i % icps.len()],
            format!("Buyer {i:02} Mon"),
            &template,
        );
        p.fields.insert(
            "pain_points".into(),
            vec![Item::text(pains[i % pains.len()])],
        );
        store.save_persona(&p).unwrap();
    }
    (dir, root)
}

/// Every id the app knows (and some it does not) is found where a scan of
/// the lists finds it.
fn lookups_agree(ws: &Workspace, also: &[&str], after: &str) {
    let mut ids: Vec<String> = ws.personas.iter().map(|p| p.id.clone()).collect();
    ids.extend(ws.icps.iter().map(|i| i.id.clone()));
    ids.extend(ws.interviews.iter().map(|i| i.id.clone()));
    ids.extend(also.iter().map(|s| s.to_string()));
    for id in &ids {
        assert_eq!(
            ws.persona(id).map(|p| (&p.icp, &p.id, &p.name)),
            ws.personas
                .iter()
                .find(|p| p.id == *id)
                .map(|p| (&p.icp, &p.id, &p.name)),
            "persona `{id}` after {after}"
        );
        assert_eq!(
            ws.icp(id).map(|i| &i.id),
            ws.icps.iter().find(|i| i.id == *id).map(|i| &i.id),
            "ICP `{id}` after {after}"
        );
        assert_eq!(
            ws.interview(id).map(|i| &i.id),
            ws.interviews.iter().find(|i| i.id == *id).map(|i| &i.id),
            "interview `{id}` after {after}"
        );
    }
}

#[test]
fn lookups_follow_rename_delete_undo_and_move_made_with_keys() {
    let (_dir, root) = crowded();
    let mut w = Window::open(&root);
    lookups_agree(&w.app.workspace, &["nobody"], "opening");

    w.press("/ buyer <space> 07 <tab> r <ctrl-u> Buyer <space> 07 <space> Stockroom <enter>");
    assert!(w.toast().contains("buyer-07-stockroom"), "{}", w.toast());
    assert!(w.app.workspace.persona("buyer-07").is_none());
    let new = "buyer-07-stockroom";
    assert_eq!(
        w.app.workspace.persona(new).unwrap().name,
        "Buyer 07 Stockroom"
    );
    lookups_agree(&w.app.workspace, &["buyer-07", new], "a rename");

    w.press("d y");
    assert!(w.app.workspace.persona(new).is_none(), "{}", w.toast());
    lookups_agree(&w.app.workspace, &[new], "a delete");

    w.press("u");
    assert_eq!(
        w.app.workspace.persona(new).unwrap().name,
        "Buyer 07 Stockroom"
    );
    lookups_agree(&w.app.workspace, &[new], "an undo");

    let before = w.app.workspace.persona(new).unwrap().icp.clone();
    w.press("<esc> / stockroom <tab> m <enter>");
    let after = w.app.workspace.persona(new).unwrap().icp.clone();
    assert_ne!(before, after, "moved to another ICP: {}", w.toast());
    lookups_agree(&w.app.workspace, &[new], "a move");

    // What the app holds is what a fresh load finds.
    let fresh = FsStore::new(&root).load().unwrap().workspace;
    assert_eq!(fresh.persona(new).unwrap().icp, after);
    assert_eq!(w.app.workspace.personas.len(), fresh.personas.len());
    assert!(matches!(w.app.screen, Screen::Browse));
}

/// The personas the list shows, in order.
fn shown(w: &Window) -> Vec<String> {
    let ws = &w.app.workspace;
    w.app
        .browse
        .rows
        .iter()
        .filter(|&&row| w.app.browse.is_hit(row))
        .filter_map(|&row| w.app.browse.entity(ws, row))
        .map(|e| e.id)
        .collect()
}

#[test]
fn a_filter_narrowed_then_backspaced_shows_what_typing_it_afresh_shows() {
    let (_dir, root) = crowded();
    let mut typed = Window::open(&root);
    let texts = [
        ("s", "s"),
        ("t", "st"),
        ("o", "sto"),
        ("c", "stoc"),
        ("k", "stock"),
        ("<space>", "stock "),
        ("m", "stock m"),
        ("o", "stock mo"),
        ("n", "stock mon"),
        ("<backspace>", "stock mo"),
        ("<backspace>", "stock m"),
        ("<backspace> <backspace>", "stock"),
        ("<backspace>", "stoc"),
        ("x", "stocx"),
        ("<backspace> k t", "stockt"),
        (
            "<backspace> <backspace> <backspace> <backspace> <backspace> <backspace> S t o c k",
            "Stock",
        ),
    ];
    typed.press("/");
    for (keys, text) in texts {
        typed.press(keys);
        let mut afresh = Window::open(&root);
        afresh.press("/");
        afresh.press(&text.replace(' ', " <space> "));
        assert_eq!(
            shown(&typed),
            shown(&afresh),
            "`{text}` (typed: `{}`)",
            typed.app.browse.input.text
        );
        // And what the matcher says of the whole workspace.
        let index = SearchIndex::build(&typed.app.workspace);
        let hits = Query::new(text).run(&index, None);
        let expected = typed
            .app
            .workspace
            .personas
            .iter()
            .zip(&hits.personas)
            .filter(|(_, hit)| **hit)
            .count();
        assert_eq!(typed.app.browse.matching_personas(), expected, "`{text}`");
    }
    // A word with a capital matches as written: "Stock Levels", not
    // "Counts stock" or "stocktake".
    let mut names: Vec<String> = shown(&typed)
        .into_iter()
        .filter(|id| id.starts_with("buyer-"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 8, "{names:?}");
    for id in &names {
        let p = typed.app.workspace.persona(id).unwrap();
        assert!(
            p.fields["pain_points"][0]
                .value
                .to_string()
                .contains("Stock Levels"),
            "{id}"
        );
    }
}
