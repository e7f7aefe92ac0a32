//! Markdown export: snapshots of what a marketer reads on GitHub, and a
//! CommonMark/GFM parser checking that user text never changes the structure.

use persona::domain::{
    BestCustomer, Citation, Field, FieldKind, Highlight, Icp, Interview, Item, Number, Persona,
    Section, SectionStyle, Source, Template, TemplateKind, TemplateOrigin, Value, Workspace,
    WorkspaceMeta,
};
use persona::export::markdown::{self, ExportFile};
use persona::export::{Links, Options};
use pulldown_cmark::{Event, HeadingLevel, MetadataBlockKind, Tag, TagEnd};

mod markdown_support;
use markdown_support::{assert_well_formed, parse, tables};

const EVIL_NAME: &str = "# Evil | name *x*";
const EVIL_PAIN: &str = "Pays | twice for <b>bold</b> claims\n1. not a list 🙂 日本語 `code` [link](http://x) &amp; $10M-$50M";

// ---------------------------------------------------------------- fixture

fn field(id: &str, label: &str, kind: FieldKind, unit: Option<&str>) -> Field {
    Field {
        id: id.into(),
        label: label.into(),
        kind,
        question: format!("What is the {label}?"),
        help: String::new(),
        required: false,
        feeds: Vec::new(),
        options: Vec::new(),
        unit: unit.map(Into::into),
        extra: Default::default(),
    }
}

fn section(id: &str, title: &str, style: SectionStyle, fields: Vec<Field>) -> Section {
    Section {
        id: id.into(),
        title: title.into(),
        style,
        fields,
        extra: Default::default(),
    }
}

fn template(id: &str, name: &str, kind: TemplateKind, sections: Vec<Section>) -> Template {
    Template {
        id: id.into(),
        origin: TemplateOrigin::BuiltIn,
        schema: 1,
        name: name.into(),
        kind,
        description: String::new(),
        sections,
        extra: Default::default(),
    }
}

fn cite(text: &str) -> Citation {
    Citation::parse(text).unwrap()
}

fn text(value: &str, cites: &[&str]) -> Item {
    Item::text(value).citing(cites.iter().map(|c| cite(c)))
}

fn num(n: f64) -> Number {
    Number::new(n).unwrap()
}

fn highlight(id: &str, text: &str, tags: &[&str]) -> Highlight {
    Highlight {
        id: id.into(),
        text: text.into(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        extra: Default::default(),
    }
}

fn ts(text: &str) -> Option<jiff::Timestamp> {
    Some(text.parse().unwrap())
}

fn date(text: &str) -> Option<jiff::civil::Date> {
    Some(text.parse().unwrap())
}

fn workspace() -> Workspace {
    let mut ws = Workspace::new(WorkspaceMeta::new("Acme research"));
    ws.templates.push(template(
        "icp",
        "ICP",
        TemplateKind::Icp,
        vec![
            section(
                "firmographic",
                "Firmographics",
                SectionStyle::Table,
                vec![
                    field("industry", "Industry", FieldKind::ShortText, None),
                    field(
                        "employees",
                        "Company size",
                        FieldKind::Range,
                        Some("employees"),
                    ),
                    field("revenue", "Annual revenue", FieldKind::ShortText, None),
                    field("geography", "Geography", FieldKind::ShortText, None),
                ],
            ),
            section(
                "technographic",
                "Tech stack",
                SectionStyle::List,
                vec![field("tools", "Tools", FieldKind::Tags, None)],
            ),
            section(
                "behavioural",
                "Buying behaviour",
                SectionStyle::List,
                vec![field("triggers", "Buying triggers", FieldKind::List, None)],
            ),
        ],
    ));
    ws.templates.push(template(
        "b2b-decision-maker",
        "B2B decision-maker",
        TemplateKind::Persona,
        vec![
            section(
                "identity",
                "Identity",
                SectionStyle::Table,
                vec![
                    field("job_title", "Job title", FieldKind::ShortText, None),
                    field("age", "Age", FieldKind::Range, Some("years")),
                    field("income", "Income", FieldKind::Number, Some("USD a year")),
                    field("location", "Location", FieldKind::ShortText, None),
                ],
            ),
            section(
                "motivation",
                "Goals and pains",
                SectionStyle::List,
                vec![
                    field("goals", "Goals", FieldKind::List, None),
                    field("pain_points", "Pain points", FieldKind::List, None),
                ],
            ),
            section(
                "messaging",
                "Messaging",
                SectionStyle::List,
                vec![field(
                    "outreach",
                    "Outreach template",
                    FieldKind::LongText,
                    None,
                )],
            ),
        ],
    ));

    let mut icp = Icp::new(
        "independent-outdoor-retail",
        "Independent outdoor retailers, 20-200 staff",
        "icp",
    );
    icp.created = ts("2026-03-02T09:15:00Z");
    icp.updated = ts("2026-10-01T16:40:00Z");
    icp.last_validated = date("2026-10-01");
    let f = &mut icp.fields;
    f.insert(
        "industry".into(),
        vec![text(
            "Outdoor and sporting goods retail",
            &["dana-whitfield-acme-outdoor#h1"],
        )],
    );
    f.insert(
        "employees".into(),
        vec![Item::new(Value::Range {
            min: num(20.0),
            max: num(200.0),
        })],
    );
    f.insert(
        "revenue".into(),
        vec![text(
            "$10M-$50M",
            &["dana-whitfield-acme-outdoor#h3", "sam-okafor-trailhead#h1"],
        )],
    );
    f.insert(
        "tools".into(),
        vec![
            text("Shopify Plus", &["sam-okafor-trailhead#h2"]),
            text("Klaviyo", &[]),
        ],
    );
    f.insert("triggers".into(), vec![]);
    f.insert(
        "churn_signals".into(),
        vec![text("Moves to a marketplace-only model", &[])],
    );
    icp.best_customers = vec![
        BestCustomer {
            company: "Acme Outdoor".into(),
            industry: "Outdoor retail".into(),
            size: "120".into(),
            revenue: "$18M".into(),
            geography: "Colorado, US".into(),
            tools: vec!["Shopify Plus".into(), "Klaviyo".into(), "NetSuite".into()],
            criterion: "Renewed twice and added two stores in 2026".into(),
            ..Default::default()
        },
        BestCustomer {
            company: "Trailhead | Supply".into(),
            size: "51-200".into(),
            criterion: "Shortest sales cycle: 12 days".into(),
            ..Default::default()
        },
    ];
    ws.icps.push(icp);

    let mut olivia = Persona::new(
        "operations-olivia",
        "independent-outdoor-retail",
        "Operations Olivia",
        "b2b-decision-maker",
    );
    olivia.created = ts("2026-03-04T11:00:00Z");
    olivia.updated = ts("2026-10-01T16:45:00Z");
    olivia.last_validated = date("2026-10-01");
    let f = &mut olivia.fields;
    f.insert(
        "job_title".into(),
        vec![text(
            "Head of Operations",
            &["dana-whitfield-acme-outdoor#h4"],
        )],
    );
    f.insert(
        "age".into(),
        vec![Item::new(Value::Range {
            min: num(35.0),
            max: num(44.0),
        })],
    );
    f.insert(
        "income".into(),
        vec![Item::new(Value::Number(num(95000.0))).citing([cite("sam-okafor-trailhead#h2")])],
    );
    f.insert("location".into(), vec![text("  ", &[])]);
    f.insert(
        "pain_points".into(),
        vec![
            text(
                "Reconciling stock across three sales channels by hand",
                &[
                    "dana-whitfield-acme-outdoor#h2",
                    "sam-okafor-trailhead#h1",
                    "dana-whitfield-acme-outdoor#h2",
                ],
            ),
            // Cites a highlight that was deleted: counts as an assumption.
            text(
                "Month-end close takes a week",
                &["dana-whitfield-acme-outdoor#h9"],
            ),
        ],
    );
    f.insert(
        "goals".into(),
        vec![text(
            "One stock number everyone trusts",
            &["dana-whitfield-acme-outdoor#h2"],
        )],
    );
    f.insert(
        "outreach".into(),
        vec![text(
            "Hi {first_name},\n\nI heard you lose Mondays to stock counts.\n- We fix that.\n\nBest,\nSam",
            &[],
        )],
    );
    f.insert("favourite_podcast".into(), vec![text("Retail Daily", &[])]);
    ws.personas.push(olivia);

    let mut evil = Persona::new(
        "evil-name",
        "independent-outdoor-retail",
        EVIL_NAME,
        "b2b-decision-maker",
    );
    let f = &mut evil.fields;
    f.insert(
        "job_title".into(),
        vec![text("- Buyer | <i>lead</i>\u{1b}[31m", &[])],
    );
    f.insert(
        "pain_points".into(),
        vec![text(EVIL_PAIN, &["sam-okafor-trailhead#h1"])],
    );
    f.insert("goals".into(), vec![text("> not a quote", &[])]);
    ws.personas.push(evil);

    let mut dana = Interview::new(
        "dana-whitfield-acme-outdoor",
        "Dana Whitfield, Acme Outdoor",
    );
    dana.date = date("2026-09-12");
    dana.interviewee = "Dana Whitfield".into();
    dana.role = "Head of Operations".into();
    dana.company = "Acme Outdoor".into();
    dana.icp = Some("independent-outdoor-retail".into());
    dana.created = ts("2026-09-12T15:00:00Z");
    dana.updated = ts("2026-09-13T09:20:00Z");
    dana.notes = "Dana runs operations for four stores and the web shop.\n\"Every Monday I lose half a day matching stock between the tills and Shopify.\"\n\n# Next steps\n- send pricing\n---\n1. follow up".into();
    dana.highlights = vec![
        highlight(
            "h1",
            "We only sell outdoor and climbing gear.",
            &["demographic"],
        ),
        highlight(
            "h2",
            "Every Monday I lose half a day matching stock between the tills and Shopify.",
            &["pain-point", "trigger"],
        ),
        highlight("h3", "Revenue was about $18M last year.", &["demographic"]),
        highlight("h4", "I run operations.", &["role"]),
    ];
    ws.interviews.push(dana);

    let mut sam = Interview::new("sam-okafor-trailhead", "Sam Okafor, Trailhead Supply");
    sam.date = date("2026-09-20");
    sam.interviewee = "Sam Okafor".into();
    sam.company = "Trailhead Supply".into();
    sam.source = Source::SalesCall;
    sam.notes = "Short call.".into();
    sam.highlights = vec![
        highlight(
            "h1",
            "Counting stock | by hand *again* costs us $5k-$8k a month",
            &["pain-point"],
        ),
        highlight("h2", "We moved to Shopify Plus in 2025.", &["tools"]),
        highlight("h3", "Nobody here reads newsletters.", &["channel"]),
    ];
    ws.interviews.push(sam);
    ws
}

fn folder_opts() -> Options {
    Options {
        front_matter: true,
        links: Links::Folder,
    }
}

fn plain_opts() -> Options {
    Options {
        front_matter: false,
        links: Links::None,
    }
}

// ---------------------------------------------------------------- snapshots

#[test]
fn persona_snapshot() {
    let ws = workspace();
    let md = markdown::persona(
        &ws,
        ws.persona("operations-olivia").unwrap(),
        &folder_opts(),
    );
    insta::assert_snapshot!("persona_olivia", md);
}

#[test]
fn evil_persona_snapshot() {
    let ws = workspace();
    let md = markdown::persona(&ws, ws.persona("evil-name").unwrap(), &folder_opts());
    insta::assert_snapshot!("persona_evil", md);
}

#[test]
fn icp_snapshot() {
    let ws = workspace();
    let md = markdown::icp(&ws, &ws.icps[0], &folder_opts());
    insta::assert_snapshot!("icp", md);
}

#[test]
fn interview_snapshots() {
    let ws = workspace();
    let dana = markdown::interview(&ws, &ws.interviews[0], &folder_opts());
    insta::assert_snapshot!("interview_dana", dana);
    let sam = markdown::interview(&ws, &ws.interviews[1], &plain_opts());
    insta::assert_snapshot!("interview_sam", sam);
}

#[test]
fn index_snapshot() {
    let ws = workspace();
    let icps: Vec<&Icp> = ws.icps.iter().collect();
    let personas: Vec<&Persona> = ws.personas.iter().collect();
    insta::assert_snapshot!("index", markdown::index(&ws, &icps, &personas));
}

#[test]
fn document_snapshot() {
    let ws = workspace();
    let icps: Vec<&Icp> = ws.icps.iter().collect();
    let personas: Vec<&Persona> = ws.personas.iter().collect();
    insta::assert_snapshot!("document", markdown::document(&ws, &icps, &personas));
}

// ---------------------------------------------------------------- structure

/// The plain text of each heading of a level.
fn headings(events: &[Event], level: HeadingLevel) -> Vec<String> {
    let mut found = Vec::new();
    let mut current: Option<String> = None;
    for event in events {
        match event {
            Event::Start(Tag::Heading { level: l, .. }) if *l == level => {
                current = Some(String::new())
            }
            Event::End(TagEnd::Heading(l)) if *l == level => found.push(current.take().unwrap()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = current.as_mut() {
                    c.push_str(t)
                }
            }
            _ => {}
        }
    }
    found
}

fn count(events: &[Event], want: impl Fn(&Event) -> bool) -> usize {
    events.iter().filter(|e| want(e)).count()
}

#[test]
fn persona_has_one_h1_with_the_name_verbatim() {
    let ws = workspace();
    for p in &ws.personas {
        for opts in [folder_opts(), plain_opts()] {
            let md = markdown::persona(&ws, p, &opts);
            assert_well_formed(&md);
            let events = parse(&md);
            assert_eq!(headings(&events, HeadingLevel::H1), vec![p.name.clone()]);
        }
    }
}

#[test]
fn evil_text_adds_no_structure() {
    let ws = workspace();
    let evil = ws.persona("evil-name").unwrap();
    let md = markdown::persona(&ws, evil, &plain_opts());
    let events = parse(&md);
    assert_eq!(headings(&events, HeadingLevel::H1), vec![EVIL_NAME]);
    assert_eq!(
        headings(&events, HeadingLevel::H2),
        vec!["Identity", "Goals and pains"]
    );
    assert_eq!(
        headings(&events, HeadingLevel::H3),
        vec!["Goals", "Pain points"]
    );
    // One bullet for the goal, one for the pain point, none from "1. ".
    assert_eq!(count(&events, |e| matches!(e, Event::Start(Tag::Item))), 2);
    assert_eq!(
        count(&events, |e| matches!(e, Event::Start(Tag::List(Some(_))))),
        0
    );
    // The identity table: header and one row of three cells, whatever `|`s
    // the job title holds.
    assert_eq!(tables(&events), vec![vec![3, 3]]);
    // Only our own emphasis, no links made from user text.
    assert_eq!(
        count(&events, |e| matches!(e, Event::Start(Tag::Link { .. }))),
        0
    );
    assert_eq!(
        count(&events, |e| matches!(e, Event::Start(Tag::Emphasis))),
        2, // "*assumption*" on the job title and the goal
    );
    assert_eq!(
        count(&events, |e| matches!(e, Event::Start(Tag::Strong))),
        0
    );

    // The pain point reads back exactly as typed, line break included.
    let mut text = String::new();
    let mut in_item = 0;
    for event in &events {
        match event {
            Event::Start(Tag::Item) => in_item += 1,
            Event::End(TagEnd::Item) => in_item -= 1,
            Event::Text(t) if in_item > 0 => text.push_str(t),
            Event::HardBreak | Event::SoftBreak if in_item > 0 => text.push('\n'),
            _ => {}
        }
    }
    assert!(
        text.contains(&format!("{EVIL_PAIN}Evidence: backed by 1 interview")),
        "pain point did not round-trip: {text:?}"
    );
    assert!(text.contains("> not a quote — assumption"), "{text:?}");
}

#[test]
fn tables_have_one_row_per_field() {
    let ws = workspace();
    let olivia = markdown::persona(&ws, ws.persona("operations-olivia").unwrap(), &plain_opts());
    // Identity: job title, age, income (the blank location is skipped).
    assert_eq!(tables(&parse(&olivia)), vec![vec![3; 4]]);

    let icp = markdown::icp(&ws, &ws.icps[0], &plain_opts());
    assert_well_formed(&icp);
    // Firmographics (3 fields), Tech stack (1), Other (1), Best customers (2).
    assert_eq!(
        tables(&parse(&icp)),
        vec![vec![3; 4], vec![3; 2], vec![3; 2], vec![7; 3]]
    );
}

#[test]
fn every_footnote_resolves_and_missing_quotes_are_not_cited() {
    let ws = workspace();
    let olivia = ws.persona("operations-olivia").unwrap();
    let md = markdown::persona(&ws, olivia, &plain_opts());
    assert_well_formed(&md);
    // dana#h4, sam#h2, dana#h2, sam#h1: one footnote per distinct highlight,
    // dana#h2 cited twice, the missing dana#h9 not at all.
    let events = parse(&md);
    let defs = count(&events, |e| {
        matches!(e, Event::Start(Tag::FootnoteDefinition(_)))
    });
    assert_eq!(defs, 4);
    assert_eq!(md.matches("[^operations-olivia-3]").count(), 3);
    assert!(md.contains("Month-end close takes a week — *assumption*"));
    assert!(md.contains("4 of 8 claims are backed by interviews; 4 are assumptions."));
}

#[test]
fn front_matter_is_a_metadata_block() {
    let ws = workspace();
    let md = markdown::persona(&ws, ws.persona("evil-name").unwrap(), &folder_opts());
    let events = parse(&md);
    assert!(matches!(
        events[0],
        Event::Start(Tag::MetadataBlock(MetadataBlockKind::YamlStyle))
    ));
    let Event::Text(yaml) = &events[1] else {
        panic!("no metadata text")
    };
    let title = yaml
        .lines()
        .find_map(|l| l.strip_prefix("title: "))
        .unwrap();
    assert_eq!(serde_json::from_str::<String>(title).unwrap(), EVIL_NAME);
    assert!(yaml.lines().any(|l| l == "exported_by: persona"));
    assert_eq!(headings(&events, HeadingLevel::H1), vec![EVIL_NAME]);
}

#[test]
fn interviews_and_index_are_well_formed() {
    let ws = workspace();
    for interview in &ws.interviews {
        for opts in [folder_opts(), plain_opts()] {
            let md = markdown::interview(&ws, interview, &opts);
            assert_well_formed(&md);
            let events = parse(&md);
            assert_eq!(
                headings(&events, HeadingLevel::H1),
                vec![interview.title.clone()]
            );
            assert_eq!(
                headings(&events, HeadingLevel::H2),
                vec!["Notes", "Highlights"]
            );
        }
    }
    let icps: Vec<&Icp> = ws.icps.iter().collect();
    let personas: Vec<&Persona> = ws.personas.iter().collect();
    let md = markdown::index(&ws, &icps, &personas);
    assert_well_formed(&md);
    let events = parse(&md);
    assert_eq!(tables(&events), vec![vec![3, 3]]);
    assert_eq!(count(&events, |e| matches!(e, Event::Start(Tag::Item))), 2);
}

#[test]
fn document_keeps_entities_apart() {
    let ws = workspace();
    let icps: Vec<&Icp> = ws.icps.iter().collect();
    let personas: Vec<&Persona> = ws.personas.iter().collect();
    let md = markdown::document(&ws, &icps, &personas);
    assert_well_formed(&md);
    let events = parse(&md);
    assert_eq!(
        headings(&events, HeadingLevel::H1),
        vec![ws.icps[0].name.as_str(), "Operations Olivia", EVIL_NAME]
    );
    assert_eq!(count(&events, |e| matches!(e, Event::Rule)), 2);
    assert_eq!(
        count(&events, |e| matches!(e, Event::Start(Tag::Link { .. }))),
        0
    );
    assert!(!md.starts_with("---"), "no front matter in one document");
}

#[test]
fn folder_links_point_at_files_in_the_export() {
    let ws = workspace();
    let icps: Vec<&Icp> = ws.icps.iter().collect();
    // Export only Olivia: the ICP page must not link to the evil persona.
    let personas: Vec<&Persona> = vec![ws.persona("operations-olivia").unwrap()];
    let files = markdown::folder(&ws, &icps, &personas);
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "index.md",
            "icps/independent-outdoor-retail.md",
            "personas/operations-olivia.md"
        ]
    );
    for ExportFile { path, contents } in &files {
        assert_well_formed(contents);
        let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
        for event in parse(contents) {
            if let Event::Start(Tag::Link { dest_url, .. }) = event {
                let target = match dest_url.strip_prefix("../") {
                    Some(rest) => rest.to_string(),
                    None if dir.is_empty() => dest_url.to_string(),
                    None => format!("{dir}/{dest_url}"),
                };
                assert!(
                    paths.contains(&target.as_str()),
                    "{path} links to {dest_url}, not in the export"
                );
            }
        }
    }
    let icp_page = &files[1].contents;
    assert!(
        icp_page.contains("\n- \\# Evil | name \\*x\\* — - Buyer | \\<i>lead"),
        "{icp_page}"
    );
}

#[test]
fn output_is_deterministic() {
    let ws = workspace();
    let icps: Vec<&Icp> = ws.icps.iter().collect();
    let personas: Vec<&Persona> = ws.personas.iter().collect();
    assert_eq!(
        markdown::folder(&ws, &icps, &personas),
        markdown::folder(&ws, &icps, &personas)
    );
}
