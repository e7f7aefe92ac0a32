//! The wizard's rules, field kind by field kind.

use super::*;
use crate::domain::WorkspaceMeta;
use crate::domain::interview::Source;
use crate::domain::template::{FieldKind, Section, SectionStyle, TemplateKind};
use crate::domain::value::{Citation, Extra, Value};
use crate::domain::workspace::Workspace;
use jiff::Timestamp;
use jiff::civil::Date;

fn field(id: &str, kind: FieldKind, required: bool) -> Field {
    Field {
        id: id.into(),
        label: id.replace('_', " "),
        kind,
        question: format!("{id}?"),
        help: String::new(),
        required,
        feeds: vec!["pain-point".into()],
        options: if kind == FieldKind::Choice {
            vec!["Seed".into(), "Series A".into()]
        } else {
            Vec::new()
        },
        unit: None,
        extra: Extra::new(),
    }
}

fn template() -> Template {
    Template {
        id: "t".into(),
        origin: Default::default(),
        schema: 1,
        name: "T".into(),
        kind: TemplateKind::Persona,
        description: String::new(),
        sections: vec![
            Section {
                id: "a".into(),
                title: "Identity".into(),
                style: SectionStyle::Table,
                fields: vec![
                    field("title", FieldKind::ShortText, true),
                    field("story", FieldKind::LongText, false),
                    field("team", FieldKind::Number, false),
                    field("age", FieldKind::Range, false),
                    field("stage", FieldKind::Choice, false),
                ],
                extra: Extra::new(),
            },
            Section {
                id: "b".into(),
                title: "Needs".into(),
                style: SectionStyle::List,
                fields: vec![
                    field("pains", FieldKind::List, true),
                    field("tools", FieldKind::Tags, false),
                ],
                extra: Extra::new(),
            },
        ],
        extra: Extra::new(),
    }
}

fn persona_wizard() -> Wizard {
    Wizard::new(
        template(),
        Subject::Persona {
            icp: "outdoor".into(),
        },
    )
}

fn ws() -> Workspace {
    Workspace::new(WorkspaceMeta::new("w"))
}

fn now() -> Timestamp {
    "2026-11-01T10:00:00Z".parse().unwrap()
}

fn today() -> Date {
    jiff::civil::date(2026, 11, 1)
}

fn c(h: &str) -> Citation {
    Citation::new("dana", h)
}

#[test]
fn walks_every_field_kind_and_builds_a_persona() {
    let mut w = persona_wizard();
    assert_eq!(w.current().unwrap().id, NAME_FIELD);
    // The template's seven fields, then the messaging matrix.
    assert_eq!(w.progress().total, 9);
    w.answer("Operations 🚀 Olivia 日本").unwrap();
    w.next().unwrap();
    // Short text: a pasted page becomes one line.
    w.answer("Head of\nOperations\r\n  and   stock\t").unwrap();
    assert_eq!(
        w.items()[0].value,
        Value::Text("Head of Operations and stock".into())
    );
    w.next().unwrap();
    // Long text keeps its lines.
    w.answer("Line one\nLine two\n\n").unwrap();
    assert_eq!(w.items()[0].value, Value::Text("Line one\nLine two".into()));
    w.next().unwrap();
    w.answer("1,200").unwrap();
    assert_eq!(w.items()[0].value.to_string(), "1,200");
    w.next().unwrap();
    w.answer_range("35", "44").unwrap();
    assert_eq!(w.items()[0].value.to_string(), "35–44");
    w.answer("20 to 30").unwrap();
    assert_eq!(w.items()[0].value.to_string(), "20–30");
    w.answer("-5-10").unwrap();
    assert_eq!(w.items()[0].value.to_string(), "-5–10");
    w.next().unwrap();
    w.answer("series a").unwrap();
    assert_eq!(w.items()[0].value, Value::Text("Series A".into()));
    assert_eq!(w.progress().section, "Identity");
    w.next().unwrap();
    assert_eq!(w.progress().section, "Needs");
    let long = "x".repeat(2_000);
    assert_eq!(w.add_item(&long).unwrap(), 0);
    assert_eq!(w.add_item("Stock by hand").unwrap(), 1);
    assert_eq!(w.move_item(1, true), 0);
    assert_eq!(w.items()[0].value, Value::Text("Stock by hand".into()));
    w.next().unwrap();
    w.answer("Shopify, klaviyo, shopify,, NetSuite").unwrap();
    assert_eq!(w.items().len(), 3);
    assert_eq!(w.progress().left, 1);
    w.next().unwrap();
    // The messaging matrix, left empty.
    assert_eq!(w.progress().section, "Messaging");
    w.next().unwrap();
    assert!(w.at_review());
    let Entity::Persona(p) = w.finish(&ws(), now(), today()).unwrap() else {
        panic!("not a persona")
    };
    assert_eq!(p.name, "Operations 🚀 Olivia 日本");
    assert_eq!(p.id, "operations-olivia");
    assert_eq!(p.icp, "outdoor");
    assert_eq!(p.created, Some(now()));
    assert_eq!(p.last_validated, None, "nothing cited: no validation");
    assert_eq!(p.fields["pains"][1].value, Value::Text(long));
    assert!(!p.fields.contains_key(NAME_FIELD));
}

#[test]
fn validation_says_what_is_wrong() {
    let mut w = persona_wizard();
    let e = w.next().unwrap_err();
    assert_eq!(e.field(), NAME_FIELD);
    assert_eq!(e.to_string(), "“Name” needs an answer");
    w.answer("   \n ").unwrap();
    assert!(w.next().is_err(), "blank is empty");
    w.jump_to("team").unwrap();
    let e = w.answer("twelve").unwrap_err();
    assert!(matches!(e, ValidationError::NotANumber { .. }), "{e}");
    assert!(w.items().is_empty(), "a bad answer changes nothing");
    w.jump_to("age").unwrap();
    let e = w.answer_range("50", "20").unwrap_err();
    assert_eq!(
        e.to_string(),
        "the range starts at 50, above where it ends (20); swap them"
    );
    assert!(matches!(
        w.answer_range("50", "").unwrap_err(),
        ValidationError::RangeIncomplete { .. }
    ));
    assert!(matches!(
        w.answer_range("x", "3").unwrap_err(),
        ValidationError::NotANumber { .. }
    ));
    w.answer_range("", "").unwrap();
    w.jump_to("stage").unwrap();
    assert!(matches!(
        w.answer("Series Z").unwrap_err(),
        ValidationError::NotAChoice { .. }
    ));
    // Finishing finds the first required field left empty.
    let e = w.finish(&ws(), now(), today()).unwrap_err();
    assert_eq!(e.field(), NAME_FIELD);
}

#[test]
fn back_skip_jump_and_overview() {
    let mut w = persona_wizard();
    w.back();
    assert_eq!(w.step_index(), 0);
    w.skip();
    assert_eq!(w.current().unwrap().id, "title");
    w.skip();
    w.skip();
    assert_eq!(w.current().unwrap().id, "team");
    w.back();
    assert_eq!(w.current().unwrap().id, "story");
    let rows = w.overview();
    assert_eq!(rows[0].state, FieldState::Missing);
    assert_eq!(rows[2].state, FieldState::Skipped);
    assert_eq!(rows[3].state, FieldState::Empty);
    w.answer("Now written").unwrap();
    assert!(matches!(
        w.overview()[2].state,
        FieldState::Answered { items: 1, cited: 0 }
    ));
    w.jump(99);
    assert!(w.at_review());
    w.back();
    assert_eq!(
        w.current().unwrap().id,
        crate::domain::wizard::MESSAGING_FIELD
    );
    w.back();
    assert_eq!(w.current().unwrap().id, "tools");
    assert!(w.jump_to("nope").is_err());
}

#[test]
fn citations_follow_their_items() {
    let mut w = persona_wizard();
    w.jump_to("title").unwrap();
    assert!(matches!(
        w.cite(0, c("h1")).unwrap_err(),
        ValidationError::NothingToCite { .. }
    ));
    w.answer("Head of Ops").unwrap();
    assert!(w.cite(0, c("h1")).unwrap());
    // Rewording keeps the citation.
    w.answer("Head of Operations").unwrap();
    assert_eq!(w.items()[0].cites, vec![c("h1")]);
    // Citing again takes it back.
    assert!(!w.cite(0, c("h1")).unwrap());
    assert!(w.items()[0].is_assumption());
    w.jump_to("pains").unwrap();
    w.add_item("Typed pain").unwrap();
    let at = w
        .add_quote_as_item(c("h2"), "Every Monday I lose\nhalf a day")
        .unwrap();
    assert_eq!(at, 1);
    assert_eq!(
        w.items()[1].value,
        Value::Text("Every Monday I lose half a day".into())
    );
    assert_eq!(w.items()[1].cites, vec![c("h2")]);
    w.cite(0, c("h3")).unwrap();
    w.set_item(0, "Typed pain, reworded").unwrap();
    assert_eq!(w.items()[0].cites, vec![c("h3")]);
    w.move_item(0, false);
    assert_eq!(w.items()[1].cites, vec![c("h3")]);
    w.remove_item(0);
    assert_eq!(w.items().len(), 1);
    w.jump_to("team").unwrap();
    assert!(matches!(
        w.add_quote_as_item(c("h1"), "twelve").unwrap_err(),
        ValidationError::QuoteNotAValue { .. }
    ));
    w.jump_to(NAME_FIELD).unwrap();
    w.answer("Olivia").unwrap();
    let Entity::Persona(p) = w.finish(&ws(), now(), today()).unwrap() else {
        panic!()
    };
    assert_eq!(p.last_validated, Some(today()), "new evidence validates");
}

#[test]
fn editing_starts_from_the_values_and_keeps_the_rest() {
    let mut p = Persona::new("olivia", "outdoor", "Olivia", "t");
    p.created = Some("2026-01-01T00:00:00Z".parse().unwrap());
    p.last_validated = Some(jiff::civil::date(2026, 1, 2));
    p.fields
        .insert("title".into(), vec![Item::text("Ops").citing([c("h1")])]);
    p.fields.insert("gone".into(), vec![Item::text("kept")]);
    p.fields.insert("pains".into(), vec![Item::text("Stock")]);
    let mut w = Wizard::edit(template(), Entity::Persona(p.clone()));
    assert_eq!(w.name(), "Olivia");
    w.next().unwrap();
    assert_eq!(w.items()[0].value.to_string(), "Ops");
    w.answer("Operations").unwrap();
    let Entity::Persona(out) = w.finish(&ws(), now(), today()).unwrap() else {
        panic!()
    };
    assert_eq!(out.id, "olivia");
    assert_eq!(out.created, p.created);
    assert_eq!(out.updated, Some(now()));
    assert_eq!(out.last_validated, p.last_validated, "no new evidence");
    assert_eq!(out.fields["gone"][0].value.to_string(), "kept");
    // New evidence moves the date.
    w.jump_to("title").unwrap();
    w.cite(0, c("h9")).unwrap();
    let Entity::Persona(out) = w.finish(&ws(), now(), today()).unwrap() else {
        panic!()
    };
    assert_eq!(out.last_validated, Some(today()));
}

#[test]
fn drafts_round_trip_and_survive_a_changed_template() {
    let mut w = persona_wizard();
    w.answer("Olivia 日本").unwrap();
    w.next().unwrap();
    w.answer("Head").unwrap();
    w.cite(0, c("h1")).unwrap();
    w.jump_to("stage").unwrap();
    w.answer("Seed").unwrap();
    w.jump_to("team").unwrap();
    w.answer("12").unwrap();
    let snap = w.snapshot(now());
    let text = toml::to_string(&snap).unwrap();
    let back: Snapshot = toml::from_str(&text).unwrap();
    assert_eq!(back, snap);
    assert_eq!(back.name(), "Olivia 日本");
    let (again, notes) = Wizard::restore(&back, template(), None).unwrap();
    assert!(notes.is_empty());
    assert_eq!(again, w);

    // The template lost `stage` and `team` became text.
    let mut changed = template();
    changed.sections[0].fields.retain(|f| f.id != "stage");
    changed.sections[0].fields[2].kind = FieldKind::ShortText;
    let (again, notes) = Wizard::restore(&back, changed, None).unwrap();
    assert_eq!(notes.len(), 1);
    assert!(
        notes[0].contains("`stage`") && notes[0].contains("`team`"),
        "{notes:?}"
    );
    assert_eq!(again.items_of("title")[0].cites, vec![c("h1")]);
    assert_eq!(again.current().unwrap().id, "team");
}

#[test]
fn interview_metadata_uses_the_same_engine() {
    let t = interview_template(&["outdoor".into()]);
    assert!(t.check().is_empty(), "{:?}", t.check());
    let mut w = Wizard::new(t, Subject::Interview);
    assert_eq!(w.current().unwrap().id, "title");
    w.answer("Dana, Acme").unwrap();
    w.next().unwrap();
    assert!(matches!(
        w.answer("last tuesday").unwrap_err(),
        ValidationError::NotADate { .. }
    ));
    w.answer("2026-09-12").unwrap();
    w.jump_to("source").unwrap();
    w.answer("sales call").unwrap();
    w.jump_to("icp").unwrap();
    w.answer("outdoor").unwrap();
    let Entity::Interview(i) = w.finish(&ws(), now(), today()).unwrap() else {
        panic!()
    };
    assert_eq!(i.id, "dana-acme");
    assert_eq!(i.date, Some(jiff::civil::date(2026, 9, 12)));
    assert_eq!(i.source, Source::SalesCall);
    assert_eq!(i.icp.as_deref(), Some("outdoor"));
    let w = Wizard::edit(interview_template(&[]), Entity::Interview(i.clone()));
    assert_eq!(w.items_of("source")[0].value.to_string(), "sales call");
}

#[test]
fn numbers_are_read_as_people_type_them() {
    let mut f = field("revenue", FieldKind::Number, false);
    f.unit = Some("USD".into());
    let n = |t: &str| parse::number(&f, t).map(|n| n.get());
    assert_eq!(n("$95"), Some(95.0));
    assert_eq!(n("95,000"), Some(95_000.0));
    assert_eq!(n("95,000 USD"), Some(95_000.0));
    assert_eq!(n("USD 1,200"), Some(1_200.0));
    assert_eq!(n("€1.2M"), Some(1_200_000.0));
    assert_eq!(n("40k"), Some(40_000.0));
    assert_eq!(n("-$5"), Some(-5.0));
    assert_eq!(n("twelve"), None);
    let mut staff = field("staff", FieldKind::Range, false);
    staff.unit = Some("employees".into());
    assert_eq!(
        parse::number(&staff, "120 employees").map(|n| n.get()),
        Some(120.0)
    );
    let mut w = persona_wizard();
    w.jump_to("team").unwrap();
    w.answer("$95").unwrap();
    assert_eq!(w.items()[0].value.to_string(), "95");
}
