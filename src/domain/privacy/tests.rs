use super::*;

fn found(text: &str) -> Vec<(DetailKind, String)> {
    detect(text, &Known::empty(), Context::Notes)
        .into_iter()
        .map(|d| (d.kind, text[d.range].to_string()))
        .collect()
}

fn found_kind(text: &str, kind: DetailKind) -> Vec<String> {
    found(text)
        .into_iter()
        .filter(|(k, _)| *k == kind)
        .map(|(_, t)| t)
        .collect()
}

#[test]
fn phones_in_international_formats() {
    for phone in [
        "+1 (303) 555-0142",
        "+1 303 555 0142",
        "+44 20 7946 0958",
        "+44 7700 900123",
        "+49 30 90182044",
        "+49 (0)30 901820",
        "+33 6 12 34 56 78",
        "+33 (0)1 42 68 53 00",
        "0045 32 12 34 56",
        "+81 3-1234-5678",
        "+91 98765 43210",
        "+86 138 0013 8000",
        "+61 2 9374 4000",
        "+55 11 91234-5678",
        "+353 1 234 5678",
        "(303) 555-0142",
        "303-555-0142",
        "303.555.0142",
        "020 7946 0958",
        "07700 900123",
        "06 12 34 56 78",
        "06.12.34.56.78",
    ] {
        for text in [
            format!("Call her on {phone} after lunch."),
            format!("direct line:{phone}"),
            format!("office number is\n{phone} and"),
            format!("({phone})"),
        ] {
            assert_eq!(
                found_kind(&text, DetailKind::Phone),
                vec![phone],
                "in {text:?}"
            );
        }
    }
    // Without a country code, a word saying so is enough.
    assert_eq!(
        found_kind("mobile: 5551234", DetailKind::Phone),
        ["5551234"]
    );
    assert_eq!(
        found_kind("Tel. 0171 2345678", DetailKind::Phone),
        ["0171 2345678"]
    );
}

#[test]
fn emails_inside_punctuation() {
    for (text, email) in [
        (
            "Send it to <dana.whitfield@acme-outdoor.com>.",
            "dana.whitfield@acme-outdoor.com",
        ),
        ("(greg@acme.co.uk)", "greg@acme.co.uk"),
        ("\"zoe.mueller@alpenglow.de\",", "zoe.mueller@alpenglow.de"),
        ("mailto:sam@ridgeline.com.", "sam@ridgeline.com"),
        ("[jonas.berg+crm@fjell.no]", "jonas.berg+crm@fjell.no"),
        (
            "'priya_nair@summit-supply.com';",
            "priya_nair@summit-supply.com",
        ),
        ("from björn.åkesson@nordvik.se:", "björn.åkesson@nordvik.se"),
        ("…or ZOË@ALPENGLOW.DE!", "ZOË@ALPENGLOW.DE"),
        ("dana (at) acme (dot) com", "dana (at) acme (dot) com"),
        (
            "write to siobhan [at] pacificgear.com",
            "siobhan [at] pacificgear.com",
        ),
    ] {
        assert_eq!(
            found_kind(text, DetailKind::Email),
            vec![email],
            "in {text:?}"
        );
    }
}

#[test]
fn street_addresses() {
    for (text, address) in [
        ("HQ at 221B Baker Street, London", "221B Baker Street"),
        (
            "1600 Pennsylvania Ave NW, Washington",
            "1600 Pennsylvania Ave NW",
        ),
        (
            "350 Fifth Avenue, Suite 3300",
            "350 Fifth Avenue, Suite 3300",
        ),
        ("ship to 12 W. 34th St please", "12 W. 34th St"),
        ("Leopoldstraße 12, 80802 München", "Leopoldstraße 12"),
        ("Karl-Marx-Allee 3a", "Karl-Marx-Allee 3a"),
        ("Storgatan 5, Stockholm", "Storgatan 5"),
        ("Keizersgracht 123", "Keizersgracht 123"),
        ("12 rue de la Paix, 75002 Paris", "12 rue de la Paix"),
        ("Calle Mayor 12, Madrid", "Calle Mayor 12"),
        ("Via Roma, 15", "Via Roma, 15"),
        ("PO Box 4471, Burlington", "PO Box 4471"),
    ] {
        assert_eq!(
            found_kind(text, DetailKind::Address),
            vec![address],
            "in {text:?}"
        );
    }
}

#[test]
fn order_and_customer_numbers() {
    for (text, number) in [
        ("order #10234 shipped twice", "10234"),
        ("Order No. 58213-A", "58213-A"),
        ("invoice INV-2026-0042", "INV-2026-0042"),
        ("customer ID C-004512 complained", "C-004512"),
        ("account number: 88120045", "88120045"),
        ("Stripe shows cus_NffrFeUfNV2Hib", "cus_NffrFeUfNV2Hib"),
        (
            "gid://shopify/Customer/7304155223",
            "gid://shopify/Customer/7304155223",
        ),
        ("Bestellnummer 4000123456", "4000123456"),
        ("her order 58213 arrived", "58213"),
    ] {
        assert_eq!(
            found_kind(text, DetailKind::OrderNumber),
            vec![number],
            "in {text:?}"
        );
    }
}

#[test]
fn names_from_the_list_titles_and_the_workspace() {
    assert_eq!(
        found_kind(
            "Renée Fournier (our AE) and Dr. Stefan Krüger joined; Mr. Tanaka later.",
            DetailKind::Name
        ),
        ["Renée Fournier", "Dr. Stefan Krüger", "Mr. Tanaka"]
    );
    assert_eq!(
        found_kind(
            "The owner, Greg, signed off. Søren Nielsen's okay",
            DetailKind::Name
        ),
        ["Greg", "Søren Nielsen's"]
    );
    assert_eq!(
        found_kind("cc Ana de la Cruz and Siobhán O'Connor", DetailKind::Name),
        ["Ana de la Cruz", "Siobhán O'Connor"]
    );
    // Speaker labels of transcripts, whatever the name.
    assert_eq!(
        found_kind(
            "Ngozi Okonkwo  0:03\nHi.\n\nSpeaker 2  0:09\nHello.\n[Tomasz Zieliński] 10:02:33\nYes.\n00:01:12 Wanjiru Kamau: sure\n\n00:00:01.000 --> 00:00:04.000\nKeoni Akana: aloha\nInterviewer: ok",
            DetailKind::Name
        ),
        [
            "Ngozi Okonkwo",
            "Tomasz Zieliński",
            "Wanjiru Kamau",
            "Keoni Akana"
        ]
    );
    // Names that are also words count only with a surname, mid-sentence.
    assert!(
        found_kind(
            "Will it sync? May was slow. Grace period ends.",
            DetailKind::Name
        )
        .is_empty()
    );
    assert_eq!(
        found_kind("we asked Grace Hopper", DetailKind::Name),
        ["Grace Hopper"]
    );
}

#[test]
fn no_false_alarms_on_versions_dates_prices_and_skus() {
    for text in [
        "Upgraded from v2.3.1 to 14.2 on 30.10.2026; NetSuite 2024.2, firmware 1.2.10.4.",
        "Ticket opened 2026-11-02 09:14 UTC, closed 2026-11-03; next review 2026-12-01 at 10:30-11:15.",
        "Dates: 12/09/2026, 2026/09/12, 15 Sep to 24 Dec, Q3 2026, FY2026, 2019-2026.",
        "Price $1,200/yr or 1.450,00 € a year; $18M revenue, 10M-50M band, €89,90 basket.",
        "They sell 1 200 000 units a year; 1001-5000 orders a week; 100000-250000 visits.",
        "SKU TNT-2P-GRN, SKU 4402-118-22, BOOT-M-42-BRN and SKU 1042-33 sold out.",
        "ISBN 978-3-16-148410-0, EAN 4006381333931, IP 192.168.100.200, 35% off.",
        "Ordered 1000 units in Q3 2026; order volume 15000; 212 replies out of 430.",
        "Ticket #4821: sync delay. 12 oz bags, 3 stores, 4 stores along the Front Range.",
        "Most respondents are 30 to 50 and run 2 to 5 stores; 64% on WooCommerce 8.2.",
        "Shopify Plus, Klaviyo, Amazon Seller Central, the 2PM newsletter, Monday mornings.",
    ] {
        assert_eq!(found(text), Vec::new(), "in {text:?}");
    }
}

#[test]
fn known_people_and_what_is_not_a_name() {
    use crate::domain::{Interview, Persona, Workspace, WorkspaceMeta};
    let mut ws = Workspace::new(WorkspaceMeta::new("w"));
    let mut felix = Interview::new("felix", "Felix Grant, Northbound Coffee");
    felix.interviewee = "Felix Grant".into();
    felix.company = "Northbound Coffee Co.".into();
    let mut group = Interview::new("survey", "Survey");
    group.interviewee = "Trial brands (41 replies)".into();
    ws.interviews = vec![felix, group];
    ws.personas = vec![Persona::new("founder-felix", "icp", "Founder Felix", "t")];
    let known = Known::new(&ws);
    assert_eq!(known.people.len(), 1, "a group is not a person");
    let names = |text: &str, context| -> Vec<(String, Option<usize>)> {
        detect(text, &known, context)
            .into_iter()
            .map(|d| (text[d.range].to_string(), d.person))
            .collect()
    };
    assert_eq!(
        names(
            "Felix said Grant would decide; FELIX GRANT agreed.",
            Context::Notes
        ),
        [
            ("Felix".to_string(), Some(0)),
            ("Grant".to_string(), Some(0)),
            ("FELIX GRANT".to_string(), Some(0)),
        ]
    );
    // On a card, "Felix" is the persona; the company is never a person.
    assert!(names("Founder Felix runs Northbound Coffee", Context::Card).is_empty());
}

#[test]
fn a_scan_reports_lines_and_leaves_own_fields_alone() {
    use crate::domain::{Interview, Workspace, WorkspaceMeta};
    let mut ws = Workspace::new(WorkspaceMeta::new("w"));
    let mut dana = Interview::new("dana", "Dana Whitfield, Acme Outdoor");
    dana.interviewee = "Dana Whitfield".into();
    ws.interviews = vec![dana];
    let file = "schema = 1\ntitle = \"Dana Whitfield, Acme Outdoor\"\ninterviewee = \"Dana Whitfield\"\nnotes = \"\"\"\nDana runs ops.\nThe owner, Greg, signed off.\nMail dana@acme.com\n\"\"\"\n\n[[highlights]]\nid = \"h1\"\ntext = \"Call +1 303 555 0142\"\n";
    let found: Vec<(usize, DetailKind, String)> =
        scan("interviews/dana.toml", file, &Known::new(&ws))
            .into_iter()
            .map(|f| (f.line, f.kind, f.text))
            .collect();
    assert_eq!(
        found,
        [
            (6, DetailKind::Name, "Greg".to_string()),
            (7, DetailKind::Email, "dana@acme.com".to_string()),
            (12, DetailKind::Phone, "+1 303 555 0142".to_string()),
        ]
    );
    // The same name in someone else's file, or on a card, is reported.
    let persona = "schema = 1\nname = \"Operations Olivia\"\n[[fields.quote]]\ntext = \"As Dana Whitfield said\"\n";
    let found = scan("icps/x/personas/olivia.toml", persona, &Known::new(&ws));
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].line, found[0].kind), (4, DetailKind::Name));
    // A shopper kept with names is reported by key.
    let icp = "schema = 1\nname = \"x\"\n[[best_customers]]\ncompany = \"Acme\"\nemail = \"a@b.co\"\nfirst_name = \"Ann\"\n";
    let kinds: Vec<DetailKind> = scan("icps/x/icp.toml", icp, &Known::empty())
        .into_iter()
        .map(|f| f.kind)
        .collect();
    assert_eq!(kinds, [DetailKind::Customer, DetailKind::Customer]);
    // A file that does not parse is still searched, line by line.
    let broken = "schema = 1\nnotes = \"\"\"unclosed\nmail greg@acme.com\n";
    let found = scan("interviews/broken.toml", broken, &Known::empty());
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].line, found[0].kind), (3, DetailKind::Email));
}

#[test]
fn long_notes_keep_every_detail_and_its_line() {
    let line = "Call Greg on +44 20 7946 0958 about order #10234.\n";
    let file = format!("schema = 1\nnotes = \"\"\"\n{}\"\"\"\n", line.repeat(5000));
    let found = scan("interviews/x.toml", &file, &Known::empty());
    assert_eq!(found.len(), 15_000);
    let last = found.last().unwrap();
    assert_eq!((last.line, last.kind), (3 + 4999, DetailKind::OrderNumber));
    // On one line, as a pasted transcript without breaks.
    let text = line.trim_end().repeat(5000);
    assert_eq!(detect(&text, &Known::empty(), Context::Notes).len(), 15_000);
}
