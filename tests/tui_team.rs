//! The team's side of the app, on real folders and real git: the problems
//! panel lists merge conflicts and personal details; a conflict is settled
//! side by side, one choice at a time, written atomically; a card shows
//! its history from git; an interview marks its personal details; the
//! export prompt offers a redacted export.

mod git_support;
mod tui_support;

use git_support::Team;
use persona::store::{FsStore, Store};
use persona::tui::app::{App, Screen, Setup};
use persona::tui::event::Event;
use persona::tui::keys::{Context, script};
use persona::tui::modal::Modal;
use persona::tui::perform::{Perform, Performer};
use std::fs;
use std::path::Path;
use tui_support::buffer_text;

const OLIVIA: &str = "icps/independent-outdoor-retail/personas/operations-olivia.toml";
const FRANK: &str = "icps/independent-outdoor-retail/personas/finance-frank.toml";
const DANA: &str = "interviews/dana-whitfield-acme-outdoor.toml";

/// The app and its performer on a workspace folder, as the runner has them.
struct Window {
    app: App,
    performer: Performer<FsStore>,
}

impl Window {
    fn open(root: &Path) -> Window {
        let mut performer = Performer::on_disk(root);
        let loaded = performer.store.load().unwrap();
        Window {
            app: App::new(loaded, Setup::for_tests()),
            performer,
        }
    }

    fn press(&mut self, keys: &str) {
        for key in script(keys) {
            for effect in self.app.handle_event(Event::Key(key)) {
                let msg = self.performer.perform(effect, &self.app.workspace);
                self.app.handle_msg(msg);
            }
        }
    }

    fn screen(&self, width: u16, height: u16) -> String {
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|f| persona::tui::app::view::draw(&self.app, f))
            .unwrap();
        buffer_text(terminal.backend().buffer())
    }

    fn toast(&self) -> String {
        self.app
            .toast
            .as_ref()
            .map(|t| t.text.clone())
            .unwrap_or_default()
    }
}

fn replace(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Ana and Ben both reword Olivia's Monday pain point and rename her,
/// differently; Ana pulls Ben's work through persona's merge driver, which
/// keeps both versions marked. Someone also merged Frank's file without
/// the driver (git's markers), and a phone number and a name went into
/// Dana's notes. Returns the team and Ana's workspace.
fn a_team_with_conflicts() -> Option<(Team, std::path::PathBuf)> {
    let team = Team::new()?;
    let (_, ana) = team.start("ana", "Ana Lima", "");
    let ben = team.clone("ben", "Ben Ode");
    assert_eq!(team.persona(&ben, &["git-setup"]).code, 0);
    let monday = "Half of every Monday spent matching till and web shop stock";
    replace(
        &ana.join(OLIVIA),
        monday,
        "Every Monday morning lost to matching stock by hand",
    );
    replace(
        &ana.join(OLIVIA),
        "name = \"Operations Olivia\"",
        "name = \"Ops Olivia\"",
    );
    team.commit(&ana, "Ana's reading of Dana's call");
    replace(
        &ben.join(OLIVIA),
        monday,
        "Half a day each Monday matching till and web stock",
    );
    replace(
        &ben.join(OLIVIA),
        "name = \"Operations Olivia\"",
        "name = \"Olivia in Operations\"",
    );
    team.commit(&ben, "Ben's reading of Dana's call");
    team.git(&ben, &["push", "--quiet"]);
    team.git(&ana, &["fetch", "--quiet"]);
    let merge = team.try_git(&ana, &["merge", "--no-edit", "origin/main"]);
    assert_ne!(merge.code, 0, "the merge should leave conflicts");
    let olivia = fs::read_to_string(ana.join(OLIVIA)).unwrap();
    assert!(olivia.contains("conflict = \"theirs\""), "{olivia}");
    assert!(!olivia.contains("<<<<<<<"), "{olivia}");
    replace(
        &ana.join(FRANK),
        "name = \"Finance Frank\"",
        "<<<<<<< HEAD\nname = \"Finance Frank\"\n=======\nname = \"Frank from Finance\"\n>>>>>>> other\n",
    );
    replace(
        &ana.join(DANA),
        "The owner signed off",
        "The owner, Greg (+44 20 7946 0958), signed off",
    );
    Some((team, ana))
}

#[test]
fn conflicts_and_personal_details_are_listed_and_settled_in_the_app() {
    let Some((team, ana)) = a_team_with_conflicts() else {
        return;
    };
    let mut w = Window::open(&ana);
    // Frank's file does not load; everything else works.
    assert!(w.app.workspace.persona("finance-frank").is_none());
    w.press("!");
    assert_eq!(w.app.context(), Context::Problems);
    let text = w.screen(100, 30);
    insta::assert_snapshot!("problems_panel_100x30", text);
    assert!(text.contains("MERGE CONFLICTS"), "{text}");
    assert!(text.contains("PERSONAL DETAILS"), "{text}");
    assert!(text.contains("phone number: +44 20 7946 0958"), "{text}");
    assert!(text.contains("person's name: Greg"), "{text}");
    // Frank's file is listed as a conflict, not also as a load error.
    assert!(
        text.contains("finance-frank.toml:2 git's conflict markers"),
        "{text}"
    );
    assert!(!text.contains("COULD NOT BE LOADED"), "{text}");

    // Git's markers in Frank's file: keep theirs.
    w.press("<enter>");
    assert_eq!(w.app.context(), Context::Conflicts);
    let text = w.screen(100, 30);
    assert!(text.contains("Frank from Finance"), "{text}");
    assert!(text.contains("git's markers"), "{text}");
    w.press("t");
    assert!(w.toast().contains("No conflicts are left"), "{}", w.toast());
    assert_eq!(w.app.context(), Context::Problems);
    assert_eq!(
        w.app.workspace.persona("finance-frank").unwrap().name,
        "Frank from Finance"
    );

    // Olivia: the pain point both reworded, then her name.
    w.press("<enter>");
    assert_eq!(w.app.context(), Context::Conflicts);
    let text = w.screen(100, 30);
    insta::assert_snapshot!("conflict_side_by_side_100x30", text);
    assert!(text.contains("1 of 2 conflicts"), "{text}");
    assert!(text.contains("Every Monday morning lost"), "{text}");
    assert!(text.contains("Half a day each Monday"), "{text}");
    insta::assert_snapshot!("conflict_stacked_60x15", w.screen(60, 15));
    w.press("b");
    assert!(w.toast().contains("Kept both versions"), "{}", w.toast());
    let text = w.screen(100, 30);
    assert!(text.contains("1 of 1 conflict"), "{text}");
    // One value cannot be kept twice.
    w.press("b");
    assert!(w.toast().contains("holds one value"), "{}", w.toast());
    w.press("o");
    assert_eq!(w.app.context(), Context::Problems);
    let olivia = w.app.workspace.persona("operations-olivia").unwrap();
    assert_eq!(olivia.name, "Ops Olivia");
    let pains: Vec<String> = olivia.fields["pain_points"]
        .iter()
        .map(|i| i.value.to_string())
        .collect();
    assert!(pains.iter().any(|p| p.contains("Every Monday morning")));
    assert!(pains.iter().any(|p| p.contains("Half a day each Monday")));
    let file = fs::read_to_string(ana.join(OLIVIA)).unwrap();
    assert!(!file.contains("conflict"), "{file}");
    let validate = team.persona(&ana, &["validate"]);
    assert_eq!(validate.code, 0, "{}{}", validate.stdout, validate.stderr);

    // What is left: the personal details; enter opens the interview.
    let text = w.screen(100, 30);
    assert!(!text.contains("MERGE CONFLICTS"), "{text}");
    w.press("<enter>");
    assert!(matches!(w.app.screen, Screen::Interview(_)));
    let text = w.screen(110, 30);
    assert!(text.contains("Personal details, underlined"), "{text}");
    w.press("<esc> <esc>");
    assert!(matches!(w.app.screen, Screen::Browse));
}

#[test]
fn a_conflict_changed_on_disk_meanwhile_is_not_overwritten() {
    let Some((_team, ana)) = a_team_with_conflicts() else {
        return;
    };
    let mut w = Window::open(&ana);
    w.press("! j");
    w.press("<enter>");
    assert_eq!(w.app.context(), Context::Conflicts);
    // A teammate (or an editor) settles it by hand meanwhile.
    let by_hand = "schema = 1\nid = \"operations-olivia\"\nicp = \"independent-outdoor-retail\"\nname = \"Olivia\"\ntemplate = \"b2b-decision-maker\"\n";
    fs::write(ana.join(OLIVIA), by_hand).unwrap();
    w.press("t");
    assert!(w.toast().contains("changed on disk"), "{}", w.toast());
    assert_eq!(fs::read_to_string(ana.join(OLIVIA)).unwrap(), by_hand);
    // The screen now shows the file as it is: nothing left to settle.
    assert!(w.screen(100, 30).contains("No conflicts are left"));
}

#[test]
fn the_conflict_and_history_screens_list_their_keys_in_the_help() {
    let Some((team, ana)) = a_team_with_conflicts() else {
        return;
    };
    let mut w = Window::open(&ana);
    w.press("! <enter> ?");
    let text = w.screen(100, 40);
    assert!(matches!(
        w.app.modal,
        Some(Modal::Help {
            context: Context::Conflicts,
            ..
        })
    ));
    for words in [
        "Keep our version",
        "Keep their version",
        "Keep both versions",
    ] {
        assert!(text.contains(words), "{text}");
    }
    w.press("<esc> <esc> <esc>");
    // Dana's notes: committed so the card below has history to show.
    let _ = team;
    w.press("/ finance <enter> ?");
    let text = w.screen(100, 40);
    assert!(text.contains("Who changed this card"), "{text}");
}

#[test]
fn a_card_shows_who_changed_it_from_git() {
    let Some(team) = Team::new() else {
        return;
    };
    let (_, ana) = team.start("ana", "Ana Lima", "");
    replace(
        &ana.join(OLIVIA),
        "Half of every Monday spent matching till and web shop stock",
        "Every Monday morning lost to matching stock by hand",
    );
    team.commit(&ana, "Sharper Monday pain");
    replace(
        &ana.join(OLIVIA),
        "Angry shoppers when the website shows stock that is not there",
        "Angry shoppers",
    );
    let mut w = Window::open(&ana);
    w.press("/ olivia <enter> l");
    assert_eq!(w.app.context(), Context::History);
    let text = w.screen(100, 30);
    assert!(text.contains("History: Operations Olivia"), "{text}");
    assert!(text.contains("Not committed yet"), "{text}");
    assert!(text.contains("Ana Lima"), "{text}");
    assert!(text.contains("2 changes, newest first"), "{text}");
    assert!(text.contains("pain point"), "{text}");
    w.press("?");
    assert!(w.screen(100, 40).contains("Back to the card"));
    w.press("<esc> <esc>");
    assert!(matches!(w.app.screen, Screen::Card(_)));

    // A workspace outside git says so, in a sentence.
    let dir = tempfile::tempdir().unwrap();
    let lone = dir.path().join("ws");
    FsStore::init(&lone, "Lone", true).unwrap();
    let mut w = Window::open(&lone);
    w.press("/ olivia <enter> l");
    let text = w.screen(100, 30);
    assert!(text.contains("is not in a git repository"), "{text}");
}

#[test]
fn the_export_prompt_offers_a_redacted_export() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    FsStore::init(&ws, "Demo", true).unwrap();
    let out = dir.path().join("olivia.md");
    let mut w = Window::open(&ws);
    w.press(&format!(
        "/ olivia <enter> x <ctrl-u> {} <enter>",
        out.display()
    ));
    let text = w.screen(100, 30);
    assert!(text.contains("Export with names, or redacted?"), "{text}");
    w.press("j <enter>");
    assert!(w.toast().contains("Redacted"), "{}", w.toast());
    let md = fs::read_to_string(&out).unwrap();
    assert!(md.contains("Operations Olivia"));
    for name in ["Dana Whitfield", "Acme Outdoor", "Sam Okafor"] {
        assert!(!md.contains(name), "{name} leaked:\n{md}");
    }
    // As written, the names stay.
    w.press(&format!("x <ctrl-u> {} <enter> <enter>", out.display()));
    assert!(fs::read_to_string(&out).unwrap().contains("Dana Whitfield"));
}

#[test]
fn an_interview_marks_its_personal_details() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    FsStore::init(&ws, "Demo", true).unwrap();
    replace(
        &ws.join(DANA),
        "The owner signed off",
        "The owner, Greg (greg@acme-outdoor.example), signed off",
    );
    let mut w = Window::open(&ws);
    let id = "dana-whitfield-acme-outdoor";
    let order = persona::tui::screens::interviews::ordered(&w.app.workspace);
    let at = order.iter().position(|i| i.id == id).unwrap();
    w.press(&format!("i g {}<enter>", "j ".repeat(at)));
    let Screen::Interview(s) = &w.app.screen else {
        panic!("not the interview")
    };
    assert_eq!(s.id, id);
    assert!(s.private.iter().any(|(_, words)| words == "Greg"));
    // Dana's own name in her own notes is not a finding.
    assert!(!s.private.iter().any(|(_, words)| words.contains("Dana")));
    let text = w.screen(120, 40);
    assert!(text.contains("Personal details, underlined"), "{text}");
    assert!(text.contains("“greg@acme-outdoor.example”"), "{text}");
    // In the notes, the words are underlined.
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|f| persona::tui::app::view::draw(&w.app, f))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let (y, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("Greg ("))
        .expect("Greg on screen");
    let x = line[..line.find("Greg (").unwrap()].chars().count() as u16;
    assert!(
        buffer[(x, y as u16)]
            .modifier
            .contains(ratatui::style::Modifier::UNDERLINED),
        "{text}"
    );
    assert!(
        !buffer[(x.saturating_sub(3), y as u16)]
            .modifier
            .contains(ratatui::style::Modifier::UNDERLINED)
    );
}
