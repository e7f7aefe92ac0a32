//! How fast the TUI reacts on a big workspace: 10,000 personas in 50 ICPs,
//! 200 interviews. Measures a filter keystroke (update + frame) and moving
//! the selection (update + frame) on a 120x40 test backend; then long
//! single-line text and 5 MB of interview notes.
//!
//! `cargo run --release --example tui_bench`

use persona::domain::{Citation, Icp, Interview, Item, Persona, Workspace, WorkspaceMeta};
use persona::store::Loaded;
use persona::tui::app::{App, Setup};
use persona::tui::event::Event;
use persona::tui::keys::script;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::{Duration, Instant};

const WORDS: &[&str] = &[
    "stock",
    "shipping",
    "returns",
    "margin",
    "supplier",
    "forecast",
    "season",
    "inventory",
    "checkout",
    "loyalty",
    "wholesale",
    "pricing",
    "catalogue",
    "warehouse",
    "refund",
    "bundle",
];

fn sentence(seed: usize, n: usize) -> String {
    (0..n)
        .map(|i| WORDS[(seed * 7 + i * 13 + i * i) % WORDS.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

fn workspace() -> Workspace {
    let mut ws = Workspace::new(WorkspaceMeta::new("Bench"));
    for t in persona::assets::templates() {
        let mut template: persona::domain::Template = toml::from_str(t.1).unwrap();
        template.id = t.0.trim_end_matches(".toml").to_string();
        ws.templates.push(template);
    }
    for i in 0..200 {
        let mut interview = Interview::new(format!("int-{i}"), format!("Interview {i}"));
        interview.interviewee = format!("Person {i}");
        for h in 0..5 {
            interview.highlights.push(persona::domain::Highlight {
                id: format!("h{h}"),
                text: sentence(i + h, 14),
                tags: vec!["pain-point".into()],
                extra: Default::default(),
            });
        }
        ws.interviews.push(interview);
    }
    for i in 0..50 {
        ws.icps.push(Icp::new(
            format!("icp-{i}"),
            format!("Segment {i} {}", WORDS[i % 16]),
            "icp",
        ));
    }
    for i in 0..10_000 {
        let mut p = Persona::new(
            format!("p-{i}"),
            format!("icp-{}", i % 50),
            format!("Persona {i} {}", WORDS[(i / 3) % 16]),
            "b2b-decision-maker",
        );
        for (f, field) in [
            "job_title",
            "pain_points",
            "goals",
            "channels",
            "objections",
        ]
        .iter()
        .enumerate()
        {
            let items = (0..3)
                .map(|k| {
                    Item::text(sentence(i + f + k, 8)).citing((0..(k % 2 + 1)).map(|c| {
                        Citation::new(format!("int-{}", (i + c) % 200), format!("h{}", c))
                    }))
                })
                .collect();
            p.fields.insert(field.to_string(), items);
        }
        ws.personas.push(p);
    }
    ws
}

fn measure(name: &str, app: &mut App, terminal: &mut Terminal<TestBackend>, keys: &str) {
    let mut times = Vec::new();
    for key in script(keys) {
        let start = Instant::now();
        // Effects (saving a highlight) are not performed here.
        let _ = app.handle_event(Event::Key(key));
        terminal
            .draw(|f| persona::tui::app::view::draw(app, f))
            .unwrap();
        times.push(start.elapsed());
    }
    let total: Duration = times.iter().sum();
    let max = times.iter().max().unwrap();
    println!(
        "{name:<34} {:>3} keys  mean {:>7.2} ms  max {:>7.2} ms",
        times.len(),
        total.as_secs_f64() * 1000.0 / times.len() as f64,
        max.as_secs_f64() * 1000.0
    );
}

fn main() {
    let start = Instant::now();
    let ws = workspace();
    println!("generated 10,000 personas in {:?}", start.elapsed());
    let start = Instant::now();
    let mut app = App::new(
        Loaded {
            workspace: ws,
            problems: Vec::new(),
        },
        Setup::for_tests(),
    );
    println!("app built (search index, tree) in {:?}", start.elapsed());
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|f| persona::tui::app::view::draw(&app, f))
        .unwrap();

    probe(&app);
    measure(
        "move selection (j x200)",
        &mut app,
        &mut terminal,
        &"j ".repeat(200),
    );
    measure(
        "page down (PgDn x50)",
        &mut app,
        &mut terminal,
        &"<pgdn> ".repeat(50),
    );
    measure(
        "open filter + type `warehouse`",
        &mut app,
        &mut terminal,
        "/ warehouse",
    );
    measure(
        "backspace x9 (widening)",
        &mut app,
        &mut terminal,
        &"<backspace> ".repeat(9),
    );
    measure(
        "type name `persona 99`",
        &mut app,
        &mut terminal,
        "persona <space> 99",
    );
    measure(
        "move within filtered (down x50)",
        &mut app,
        &mut terminal,
        &"<down> ".repeat(50),
    );
    measure("Esc clears filter", &mut app, &mut terminal, "<esc>");
    measure(
        "open card, move, back",
        &mut app,
        &mut terminal,
        "<enter> j j j j <esc>",
    );
    long_text((*app.workspace).clone(), &mut terminal);
    big_notes(&mut terminal);
}

/// 5 MB of interview notes: open them, type, move, highlight (what
/// `tests/tui_big_notes.rs` checks for correctness).
fn big_notes(terminal: &mut Terminal<TestBackend>) {
    let mut ws = workspace();
    let line = "Every Monday I lose half a day matching stock, 在庫 🚀 and more words here.\n";
    let mut notes = String::new();
    while notes.len() < 5 * 1024 * 1024 {
        notes.push_str(line);
    }
    ws.interviews.truncate(1);
    ws.interviews[0].notes = notes;
    let mut app = App::new(
        Loaded {
            workspace: ws,
            problems: Vec::new(),
        },
        Setup::for_tests(),
    );
    measure("5 MB notes: open them", &mut app, terminal, "i <enter>");
    measure(
        "5 MB notes: type (x10)",
        &mut app,
        terminal,
        "e abcdefghi <enter>",
    );
    measure(
        "5 MB notes: move down (x20)",
        &mut app,
        terminal,
        &"<down> ".repeat(20),
    );
    measure("5 MB notes: stop, highlight", &mut app, terminal, "<esc> h");
}

/// Long single-line text: a persona whose name is 10 MB (shown, then edited
/// in the wizard), and 30 KB pasted into the filter.
fn long_text(mut ws: Workspace, terminal: &mut Terminal<TestBackend>) {
    let name = format!("Zed {}", "long name ".repeat(1_000_000));
    ws.personas[0].name = name;
    let mut app = App::new(
        Loaded {
            workspace: ws,
            problems: Vec::new(),
        },
        Setup::for_tests(),
    );
    app.index.get(&app.workspace);
    measure("10 MB name: find it (/zed)", &mut app, terminal, "/ zed");
    measure("10 MB name: open its card", &mut app, terminal, "<enter>");
    measure(
        "10 MB name: e, back to the name",
        &mut app,
        terminal,
        "e <ctrl-b>",
    );
    measure(
        "10 MB name: type into it (x10)",
        &mut app,
        terminal,
        "abcdefghij",
    );
    let draft = app.flush_draft();
    let start = Instant::now();
    let mut drafts = persona::store::drafts::Drafts::memory();
    for effect in draft {
        if let persona::tui::effect::Effect::WriteDraft(d) = effect {
            drafts.save(&d).unwrap();
        }
    }
    println!(
        "{:<34} {:>7.2} ms",
        "10 MB name: encode its draft",
        start.elapsed().as_secs_f64() * 1000.0
    );
    let mut app = App::new(
        Loaded {
            workspace: workspace(),
            problems: Vec::new(),
        },
        Setup::for_tests(),
    );
    app.index.get(&app.workspace);
    measure("filter: open it", &mut app, terminal, "/");
    let start = Instant::now();
    app.handle_event(Event::Paste(
        "stock counts by hand every monday ".repeat(900),
    ));
    terminal
        .draw(|f| persona::tui::app::view::draw(&app, f))
        .unwrap();
    println!(
        "{:<34} {:>7.2} ms",
        "filter: paste 30 KB + frame",
        start.elapsed().as_secs_f64() * 1000.0
    );
    measure(
        "filter: type after 30 KB (x10)",
        &mut app,
        terminal,
        "abcdefghij",
    );
}

#[allow(dead_code)]
fn probe(app: &App) {
    for q in ["w", "warehouse", "persona", "persona 99", "zzz"] {
        let query = persona::tui::search::Query::new(q);
        let start = Instant::now();
        let hits = query.run(app.index.get(&app.workspace), None);
        println!(
            "query {q:<12} {:>7.2} ms  {} hits",
            start.elapsed().as_secs_f64() * 1000.0,
            hits.personas.iter().filter(|h| **h).count()
        );
    }
}
