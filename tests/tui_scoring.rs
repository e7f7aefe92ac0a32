//! The app's scoring screen on the demo workspace, on disk: rules with
//! their evidence, edits saved at once and always loadable, a refused
//! edit that leaves the file alone, a lead file scored and explained, the
//! back-test on a deals export, an outside change never overwritten.

mod tui_support;

use persona::store::scoring::{load, scoring_file};
use persona::store::{FsStore, Store};
use persona::tui::app::{App, Setup};
use persona::tui::event::Event;
use persona::tui::keys::{Context, script};
use persona::tui::modal::Modal;
use persona::tui::perform::{Perform, Performer};
use std::path::{Path, PathBuf};
use tui_support::screen;

const ICP: &str = "independent-outdoor-retail";

struct Demo {
    _dir: tempfile::TempDir,
    root: PathBuf,
    app: App,
    performer: Performer<FsStore>,
}

fn demo() -> Demo {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("w");
    FsStore::init(&root, "Demo", true).unwrap();
    let loaded = FsStore::new(&root).load().unwrap();
    Demo {
        app: App::new(loaded, Setup::for_tests()),
        performer: Performer::new(FsStore::new(&root)),
        root,
        _dir: dir,
    }
}

impl Demo {
    fn press(&mut self, keys: &str) {
        for key in script(keys) {
            for effect in self.app.handle_event(Event::Key(key)) {
                let msg = self.performer.perform(effect, &self.app.workspace);
                self.app.handle_msg(msg);
            }
        }
    }

    /// Types text into whatever has the focus (a prompt or the form).
    fn type_text(&mut self, text: &str) {
        for effect in self.app.handle_event(Event::Paste(text.into())) {
            let msg = self.performer.perform(effect, &self.app.workspace);
            self.app.handle_msg(msg);
        }
    }

    fn file(&self) -> String {
        std::fs::read_to_string(self.root.join(scoring_file(ICP))).unwrap()
    }

    /// Opens the scoring screen of the outdoor retail ICP from its card.
    fn open(&mut self) {
        self.press("/");
        self.type_text("Independent outdoor");
        self.press("<enter> f");
        assert_eq!(self.app.context(), Context::ScoringRules);
    }

    fn open_leads(&mut self, path: &Path) {
        self.press("o <ctrl-u>");
        self.type_text(&path.display().to_string());
        self.press("<enter>");
    }
}

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn rules(d: &Demo) -> persona::domain::scoring::Scoring {
    load(&d.root, ICP).unwrap().unwrap()
}

#[test]
fn rules_show_their_evidence_and_assumptions() {
    let mut d = demo();
    d.open();
    insta::assert_snapshot!("scoring_rules_100x30", screen(&d.app, 100, 30));
    // A rule citing nothing is an assumption; one citing a quote says who.
    let text = screen(&d.app, 100, 30);
    assert!(text.contains("Tiers: A from"), "{text}");
    d.press("G");
    insta::assert_snapshot!("scoring_rules_last_60x15", screen(&d.app, 60, 15));
}

#[test]
fn points_tiers_and_disqualifiers_are_saved_at_once_and_always_load() {
    let mut d = demo();
    d.open();
    let before = rules(&d);
    let first = before.rules[0].clone();
    d.press("+ +");
    let after = rules(&d);
    assert_eq!(after.rules[0].points, first.points + 10);
    assert_eq!(
        after.rules[1..],
        before.rules[1..],
        "only that rule changed"
    );
    d.press("-");
    assert_eq!(rules(&d).rules[0].points, first.points + 5);

    d.press("t <ctrl-u>");
    d.type_text("Hot 80, Warm 50, Cold");
    d.press("<enter>");
    let tiers: Vec<(String, Option<i64>)> = rules(&d)
        .tiers
        .iter()
        .map(|t| (t.name.clone(), t.min))
        .collect();
    assert_eq!(
        tiers,
        [
            ("Hot".to_string(), Some(80)),
            ("Warm".into(), Some(50)),
            ("Cold".into(), None)
        ]
    );
    // Tiers that would not load are refused, the file left as it was.
    let saved = d.file();
    d.press("t <ctrl-u>");
    d.type_text("A 70, A 40");
    d.press("<enter>");
    assert_eq!(d.file(), saved);
    assert!(screen(&d.app, 100, 30).contains("A"), "a warning is shown");

    // x asks why, and the rule rules leads out.
    let id = rules(&d).rules[0].id.clone();
    d.press("x");
    assert!(matches!(d.app.modal, Some(Modal::Prompt(_))));
    d.press("<ctrl-u>");
    d.type_text("not a shop we can serve");
    d.press("<enter>");
    let rule = rules(&d).rule(&id).unwrap().clone();
    assert!(rule.disqualify);
    assert_eq!(rule.reason.as_deref(), Some("not a shop we can serve"));
    // And back into points.
    d.press("x");
    assert!(!rules(&d).rule(&id).unwrap().disqualify);

    // Delete asks first.
    let n = rules(&d).rules.len();
    d.press("d");
    d.press("<esc>");
    assert_eq!(rules(&d).rules.len(), n);
    d.press("d y");
    assert_eq!(rules(&d).rules.len(), n - 1);
    assert!(rules(&d).rule(&id).is_none());
}

#[test]
fn the_form_adds_and_edits_a_rule_and_refuses_what_would_not_load() {
    let mut d = demo();
    d.open();
    let saved = d.file();
    d.press("n");
    assert_eq!(d.app.context(), Context::ScoringForm);
    // Lead field, test, value, points.
    d.type_text("employees");
    d.press("<tab> <ctrl-u>");
    d.type_text("range");
    d.press("<tab>");
    d.type_text("lots");
    d.press("<enter>");
    let text = screen(&d.app, 100, 30);
    assert!(text.contains("20 to 200"), "the form says how: {text}");
    assert_eq!(d.file(), saved, "nothing saved");
    d.press("<ctrl-u>");
    d.type_text("500 to");
    d.press("<tab> <ctrl-u>");
    d.type_text("15");
    d.press("<tab> <tab> <tab> <tab>");
    d.type_text("sam#nope");
    d.press("<enter>");
    let text = screen(&d.app, 100, 30);
    assert!(text.contains("no highlight"), "{text}");
    insta::assert_snapshot!("scoring_form_refused_80x24", screen(&d.app, 80, 24));
    d.press("<ctrl-u>");
    d.type_text("best-customers");
    d.press("<enter>");
    assert_eq!(d.app.context(), Context::ScoringRules);
    let added = rules(&d).rules.last().unwrap().clone();
    assert_eq!(added.id, "employees-500-to");
    assert_eq!(added.points, 15);
    assert_eq!(added.condition.field, "employees");

    // Edit it: its id and points change, nothing else.
    d.press("e <shift-tab> <ctrl-u>");
    d.type_text("big-shops");
    d.press("<enter>");
    let edited = rules(&d).rules.last().unwrap().clone();
    assert_eq!(edited.id, "big-shops");
    assert_eq!(edited.condition, added.condition);
    // An operator that does not fit the field is refused at once.
    d.press("e <tab> <ctrl-u>");
    d.type_text("contains");
    d.press("<tab> <ctrl-u>");
    d.type_text("many");
    d.press("<enter>");
    assert_eq!(d.app.context(), Context::ScoringForm);
    let text = screen(&d.app, 100, 30);
    assert!(text.contains("employees"), "{text}");
    d.press("<esc>");
    assert_eq!(rules(&d).rules.last().unwrap(), &edited);
}

#[test]
fn a_lead_file_is_scored_browsed_by_tier_and_explained() {
    let mut d = demo();
    d.open();
    d.open_leads(&repo("docs/examples/leads-apollo.csv"));
    assert_eq!(d.app.context(), Context::ScoringLeads);
    insta::assert_snapshot!("scoring_leads_120x32", screen(&d.app, 120, 32));
    insta::assert_snapshot!("scoring_leads_60x15", screen(&d.app, 60, 15));
    // One tier at a time.
    d.press("f");
    let text = screen(&d.app, 120, 32);
    assert!(text.contains("tier A"), "{text}");
    d.press("f f f");
    let text = screen(&d.app, 120, 32);
    assert!(text.contains("tier disqualified"), "{text}");
    assert!(text.contains("Disqualified:"), "{text}");
    d.press("f v");
    insta::assert_snapshot!("scoring_overview_100x30", screen(&d.app, 100, 30));
    // A weight changed on the rules is seen on the leads at once.
    d.press("v <tab>");
    assert_eq!(d.app.context(), Context::ScoringRules);
    let before = screen(&d.app, 120, 32);
    d.press("- - - - - - - - <tab>");
    assert_ne!(screen(&d.app, 120, 32), before);
}

#[test]
fn the_back_test_shows_on_a_deals_export() {
    let mut d = demo();
    d.open();
    d.open_leads(&repo("tests/data/scoring/hubspot-deals.csv"));
    d.press("<tab>");
    assert_eq!(d.app.context(), Context::ScoringBacktest);
    let text = screen(&d.app, 110, 40);
    assert!(text.contains("win rate"), "{text}");
    assert!(text.contains("recall"), "{text}");
    insta::assert_snapshot!("scoring_backtest_110x40", text);
    // Another outcome: a column the file lacks is one sentence.
    d.press("b <ctrl-u>");
    d.type_text("Nope=won");
    d.press("<enter>");
    let text = screen(&d.app, 110, 40);
    assert!(text.contains("has no column `Nope`"), "{text}");
}

#[test]
fn an_outside_change_is_never_overwritten() {
    let mut d = demo();
    d.open();
    let theirs = d.file().replacen("min = 60", "min = 65", 1);
    std::fs::write(d.root.join(scoring_file(ICP)), &theirs).unwrap();
    d.press("+");
    assert_eq!(d.file(), theirs, "their change is kept");
    let text = screen(&d.app, 100, 30);
    assert!(text.contains("changed"), "{text}");
    // Further edits wait for a reload, which takes their version.
    d.press("+");
    assert_eq!(d.file(), theirs);
    d.press("r +");
    assert_ne!(d.file(), theirs);
    assert!(d.file().contains("min = 65"));
}

#[test]
fn help_lists_the_scoring_keys() {
    let mut d = demo();
    d.open();
    d.press("<f1>");
    let text = screen(&d.app, 100, 50);
    assert!(text.contains("Take 5 points off"), "{text}");
    assert!(text.contains("Edit the tiers"), "{text}");
    d.press("<esc> o <esc>");
    d.open_leads(&repo("docs/examples/leads-apollo.csv"));
    d.press("<f1>");
    let text = screen(&d.app, 100, 50);
    assert!(text.contains("Show one tier at a time"), "{text}");
    d.press("<esc> <tab> n <f1>");
    let text = screen(&d.app, 100, 50);
    assert!(text.contains("Save the rule"), "{text}");
}

#[test]
fn comments_in_the_file_are_not_dropped_without_asking() {
    let mut d = demo();
    d.open();
    let commented = format!("# Reviewed with sales, 2026-11\n{}", d.file());
    std::fs::write(d.root.join(scoring_file(ICP)), &commented).unwrap();
    d.press("r +");
    assert!(matches!(d.app.modal, Some(Modal::Confirm(_))));
    assert!(screen(&d.app, 100, 30).contains("1 comment"));
    d.press("<esc>");
    assert_eq!(d.file(), commented, "nothing saved");
    d.press("+ y");
    assert!(!d.file().contains("# Reviewed"));
    assert_eq!(load(&d.root, ICP).unwrap().unwrap().rules[0].points, 30);
}
