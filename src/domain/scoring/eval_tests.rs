use super::*;
use crate::domain::scoring::bind::{Column, LeadHeader};

const RULES: &str = r#"
[[tiers]]
name = "A"
min = 50
[[tiers]]
name = "B"
min = 20
[[tiers]]
name = "C"

[[groups]]
id = "stack"
label = "tech stack"
cap = 30

[[rules]]
id = "outdoor"
field = "industry"
one_of = ["Outdoor retail", "Sporting goods"]
points = 25

[[rules]]
id = "size"
field = "employees"
min = 20
max = 200
points = 15

[[rules]]
id = "tiny"
field = "employees"
max = 19
points = -10
label = "employees below 20"

[[rules]]
id = "shopify"
field = "tools"
contains = "shopify"
points = 20
group = "stack"

[[rules]]
id = "klaviyo"
field = "tools"
equals = "Klaviyo"
points = 20
group = "stack"

[[rules]]
id = "us"
field = "country"
equals = "US"
points = 10

[[rules]]
id = "rental"
field = "industry"
contains = "rental"
disqualify = true
reason = "Mainly a rental shop"

[[segments]]
id = "us-chains"
[[segments.when]]
field = "country"
equals = "United States"
[[segments.when]]
field = "Stores"
min = 2

[[segments]]
id = "everyone-else"
[[segments.when]]
field = "industry"
present = true
"#;

fn recognise(header: &str) -> Option<String> {
    match crate::domain::scoring::fields::header_key(header).as_str() {
        "industry" | "vertical" => Some("industry".into()),
        "employees" | "numberofemployees" => Some("employees".into()),
        "technologies" | "techstack" => Some("tools".into()),
        "country" | "companycountry" => Some("country".into()),
        _ => None,
    }
}

fn scorer(headers: &[&str]) -> Scorer {
    let scoring: Scoring = toml::from_str(RULES).unwrap();
    Scorer::new(scoring, header(headers), &recognise).unwrap()
}

fn header(headers: &[&str]) -> LeadHeader {
    LeadHeader::from_columns(
        headers
            .iter()
            .map(|h| Column::new(h.to_string(), recognise(h)))
            .collect(),
    )
}

const HEADERS: &[&str] = &[
    "Company",
    "Industry",
    "# Employees",
    "Technologies",
    "Company Country",
    "Stores",
];

/// (score, tier, reasons, unknown, segment)
fn run(s: &Scorer, row: &[&str]) -> (i64, String, String, String, String) {
    let mut scored = s.blank();
    s.score(row, &mut scored);
    let (mut reasons, mut unknown) = (String::new(), String::new());
    s.reasons_into(&scored, row, &mut reasons);
    s.unknown_into(&scored, &mut unknown);
    (
        scored.points,
        s.verdict(&scored).to_string(),
        reasons,
        unknown,
        s.segment_id(&scored).to_string(),
    )
}

#[test]
fn a_good_fit_scores_with_reasons() {
    let s = scorer(&[
        "Company",
        "Industry",
        "Number of Employees",
        "Technologies",
        "Company Country",
        "Stores",
    ]);
    let (points, tier, reasons, unknown, segment) = run(
        &s,
        &[
            "Acme",
            "Outdoor Retail",
            "120",
            "Shopify Plus; Klaviyo",
            "USA",
            "3",
        ],
    );
    assert_eq!(points, 25 + 15 + 30 + 10);
    assert_eq!(tier, "A");
    assert_eq!(
        reasons,
        "+25 industry is Outdoor Retail; +15 employees 120 (20 to 200); +20 tools include Shopify Plus; \
         +20 tools include Klaviyo; +10 country is USA; -10 tech stack capped at 30"
    );
    assert_eq!(unknown, "");
    assert_eq!(segment, "us-chains");
}

#[test]
fn blanks_are_unknown_never_a_miss() {
    let s = scorer(HEADERS);
    let (points, tier, reasons, unknown, segment) =
        run(&s, &["Beta", "Outdoor retail", "", "n/a", "", ""]);
    assert_eq!(points, 25);
    assert_eq!(tier, "B");
    assert_eq!(reasons, "+25 industry is Outdoor retail");
    assert_eq!(unknown, "employees; tools; country");
    assert_eq!(segment, "everyone-else");
    // A short row (fewer cells than the header) is the same as blanks.
    let (points, _, _, unknown, _) = run(&s, &["Gamma", "Outdoor retail"]);
    assert_eq!(points, 25);
    assert_eq!(unknown, "employees; tools; country");
}

#[test]
fn negative_points_and_bands() {
    let s = scorer(HEADERS);
    let (points, tier, reasons, _, _) = run(&s, &["Tiny", "Software", "1-10", "", "Germany", ""]);
    assert_eq!(points, -10);
    assert_eq!(tier, "C");
    assert_eq!(reasons, "-10 employees below 20");
    // A band straddling 20 counts by its middle (30.5): in 20-200.
    let (points, _, reasons, _, _) = run(&s, &["Mid", "Software", "11-50", "", "", ""]);
    assert_eq!(points, 15);
    assert_eq!(reasons, "+15 employees 11-50 (20 to 200)");
}

#[test]
fn a_disqualifier_always_wins() {
    let s = scorer(HEADERS);
    let (points, tier, reasons, _, _) = run(
        &s,
        &[
            "Ski Hire",
            "Outdoor rental",
            "120",
            "Shopify; Klaviyo",
            "US",
            "4",
        ],
    );
    assert_eq!(points, 15 + 30 + 10);
    assert_eq!(tier, "disqualified");
    assert!(
        reasons.starts_with("disqualified: Mainly a rental shop (industry is Outdoor rental); +15"),
        "{reasons}"
    );
}

#[test]
fn a_file_without_a_known_field_scores_it_unknown() {
    let s = scorer(&["Company", "Industry", "Stores"]);
    assert_eq!(s.missing_fields(), ["employees", "tools", "country"]);
    let (points, _, _, unknown, _) = run(&s, &["Acme", "Sporting Goods"]);
    assert_eq!(points, 25);
    assert_eq!(unknown, "employees; tools; country");
}

#[test]
fn unknown_literal_fields_and_files_with_no_fields_are_refused() {
    let scoring: Scoring = toml::from_str(RULES).unwrap();
    let err = Scorer::new(scoring.clone(), header(&["Industry"]), &recognise).unwrap_err();
    match &err {
        BindError::UnknownField {
            field,
            owner,
            headers,
            ..
        } => {
            assert_eq!(field, "Stores");
            assert_eq!(owner, "segment `us-chains`");
            assert_eq!(headers, &["Industry"]);
        }
        other => panic!("{other:?}"),
    }
    let mut no_segments = scoring;
    no_segments.segments.clear();
    let err = Scorer::new(no_segments, header(&["Email"]), &recognise).unwrap_err();
    let message = err.message("icps/x/scoring.toml", "leads.csv");
    assert_eq!(
        message,
        "leads.csv has none of the fields the rules of icps/x/scoring.toml read (industry, employees, tools, country), \
         so every lead would score 0; its columns are `Email`"
    );
}

#[test]
fn amounts_in_another_currency_are_unknown() {
    let scoring: Scoring = toml::from_str(
        "[[rules]]\nid = \"rev\"\nfield = \"revenue\"\nmin = 5000000\ncurrency = \"USD\"\npoints = 10\n",
    )
    .unwrap();
    let mut thousands = Column::new("Revenue (in 000s USD)", Some("revenue".into()));
    thousands.scale = 1000.0;
    thousands.currency = Some("USD".into());
    let columns = vec![
        Column::new("Annual Revenue", Some("revenue".into())),
        thousands,
    ];
    let s = Scorer::new(scoring, LeadHeader::from_columns(columns), &recognise).unwrap();
    let mut scored = s.blank();
    let fired = |column, end| Outcome::Fired {
        column,
        start: 0,
        end,
    };
    for (cells, expected) in [
        (["$18M", ""], fired(0, 4)),
        (["18,000,000", ""], fired(0, 10)),
        (["$2.4M", ""], Outcome::Missed),
        (["€18M", ""], Outcome::Unknown),
        (["lots", ""], Outcome::Unknown),
        // The first filled column of the field; its header's unit counts.
        (["", "18,000"], fired(1, 6)),
        (["", "4,000"], Outcome::Missed),
    ] {
        s.score(&cells[..], &mut scored);
        assert_eq!(scored.outcomes[0], expected, "{cells:?}");
    }
}
