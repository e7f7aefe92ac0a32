//! A small workspace and helpers shared by the TUI tests.
#![allow(dead_code)]

use persona::domain::{
    Citation, Icp, Interview, Item, Number, Persona, Source, Template, Value, Workspace,
    WorkspaceMeta,
};
use persona::store::{Loaded, MemoryStore};
use persona::tui::app::{App, Setup};
use persona::tui::effect::Effect;
use persona::tui::event::Event;
use persona::tui::keys::script;
use persona::tui::perform::{Perform, Performer};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

mod window;
#[allow(unused_imports)]
pub use window::{Window, demo};

const ICP_TEMPLATE: &str = r#"
name = "ICP"
kind = "icp"
[[sections]]
id = "firmographic"
title = "Firmographic"
style = "table"
[[sections.fields]]
id = "industry"
label = "Industry"
kind = "short-text"
question = "Which industry?"
[[sections.fields]]
id = "employees"
label = "Employees"
kind = "range"
unit = "employees"
question = "How many people?"
"#;

const PERSONA_TEMPLATE: &str = r#"
name = "B2B decision-maker"
kind = "persona"
[[sections]]
id = "identity"
title = "Identity"
[[sections.fields]]
id = "job_title"
label = "Job title"
kind = "short-text"
question = "What is their job title?"
[[sections]]
id = "needs"
title = "Goals and pains"
[[sections.fields]]
id = "pain_points"
label = "Pain points"
kind = "list"
question = "What hurts?"
[[sections.fields]]
id = "goals"
label = "Goals"
kind = "list"
question = "What do they want?"
[[sections.fields]]
id = "channels"
label = "Channels"
kind = "list"
question = "Where do they look?"
"#;

fn template(id: &str, text: &str) -> Template {
    let mut t: Template = toml::from_str(text).unwrap();
    t.id = id.into();
    t
}

fn cited(text: &str, cites: &[&str]) -> Item {
    Item::text(text).citing(cites.iter().map(|c| Citation::parse(c).unwrap()))
}

fn interview(
    id: &str,
    who: &str,
    role: &str,
    company: &str,
    date: (i16, i8, i8),
    quotes: &[&str],
) -> Interview {
    let mut i = Interview::new(id, format!("{who}, {company}"));
    i.interviewee = who.into();
    i.role = role.into();
    i.company = company.into();
    i.date = Some(jiff::civil::date(date.0, date.1, date.2));
    i.source = Source::Interview;
    for (n, q) in quotes.iter().enumerate() {
        i.highlights.push(persona::domain::Highlight {
            id: format!("h{}", n + 1),
            text: q.to_string(),
            tags: vec!["pain-point".into()],
            extra: Default::default(),
        });
    }
    i
}

pub fn workspace() -> Workspace {
    let mut ws = Workspace::new(WorkspaceMeta::new("Acme research"));
    ws.templates.push(template("icp", ICP_TEMPLATE));
    ws.templates.push(template("b2b", PERSONA_TEMPLATE));
    ws.interviews.push(interview(
        "dana",
        "Dana Whitfield",
        "Head of Operations",
        "Acme Outdoor",
        (2026, 9, 12),
        &[
            "Every Monday I lose half a day matching stock between the tills and Shopify.",
            "I need the numbers before the Tuesday buying meeting.",
        ],
    ));
    ws.interviews.push(interview(
        "sam",
        "Sam Okafor",
        "Owner",
        "Ridgeline Sports",
        (2026, 8, 2),
        &["We tried two tools and both broke our stock counts."],
    ));

    let mut outdoor = Icp::new("outdoor", "Independent outdoor retailers", "icp");
    outdoor.last_validated = Some(jiff::civil::date(2026, 10, 1));
    outdoor.fields.insert(
        "industry".into(),
        vec![cited("Outdoor and sporting goods retail", &["dana#h1"])],
    );
    outdoor.fields.insert(
        "employees".into(),
        vec![Item::new(Value::Range {
            min: Number::new(20.0).unwrap(),
            max: Number::new(200.0).unwrap(),
        })],
    );
    let mut coffee = Icp::new("coffee", "DTC coffee brands", "icp");
    coffee.last_validated = Some(jiff::civil::date(2026, 1, 15));
    coffee.fields.insert(
        "industry".into(),
        vec![Item::text("Speciality coffee, sold online")],
    );
    ws.icps.push(outdoor);
    ws.icps.push(coffee);

    let mut olivia = Persona::new("olivia", "outdoor", "Operations Olivia", "b2b");
    olivia.last_validated = Some(jiff::civil::date(2026, 10, 1));
    olivia.fields.insert(
        "job_title".into(),
        vec![cited("Head of Operations", &["dana#h1"])],
    );
    olivia.fields.insert(
        "pain_points".into(),
        vec![
            cited(
                "Matching stock by hand every Monday across the tills and the web shop",
                &["dana#h1", "sam#h1"],
            ),
            cited(
                "Numbers arrive too late for the buying meeting",
                &["dana#h2"],
            ),
        ],
    );
    olivia.fields.insert(
        "channels".into(),
        vec![Item::text("Retail operations groups on LinkedIn")],
    );
    let mut frank = Persona::new("frank", "outdoor", "Finance Frank", "b2b");
    frank
        .fields
        .insert("job_title".into(), vec![Item::text("CFO")]);
    let mut gabriel = Persona::new("gabriel", "coffee", "Gabriel the roaster 焙煎 ☕", "b2b");
    gabriel.last_validated = Some(jiff::civil::date(2026, 9, 1));
    gabriel
        .fields
        .insert("job_title".into(), vec![Item::text("Founder")]);
    gabriel.fields.insert(
        "pain_points".into(),
        vec![Item::text("Subscribers churn after three months")],
    );
    ws.personas.push(olivia);
    ws.personas.push(frank);
    ws.personas.push(gabriel);
    ws
}

pub fn loaded() -> Loaded {
    Loaded {
        workspace: workspace(),
        problems: Vec::new(),
    }
}

pub fn app() -> App {
    App::new(loaded(), Setup::for_tests())
}

/// Presses keys, collecting the effects the app asks for (not performed).
pub fn press(app: &mut App, keys: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for key in script(keys) {
        effects.extend(app.handle_event(Event::Key(key)));
    }
    effects
}

/// Presses keys and performs the effects on a store (in memory or on disk), as the
/// real runtime would.
pub fn press_and_perform<S: persona::store::Store + 'static>(
    app: &mut App,
    performer: &mut Performer<S>,
    keys: &str,
) {
    for key in script(keys) {
        for effect in app.handle_event(Event::Key(key)) {
            let msg = performer.perform(effect, &app.workspace);
            app.handle_msg(msg);
        }
    }
}

pub fn memory() -> Performer<MemoryStore> {
    Performer::new(MemoryStore::new(workspace()))
}

/// Draws the app and returns the screen as text, one line per row.
pub fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| persona::tui::app::view::draw(app, f))
        .unwrap();
    buffer_text(terminal.backend().buffer())
}

pub fn buffer_text(buffer: &ratatui::buffer::Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..area.width {
            // A wide character fills the next cell too; that cell is blank.
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
            line.push_str(symbol);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
