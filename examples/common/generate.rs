//! A large, realistic workspace for benchmarks: ICPs, personas and
//! interviews shaped like the demo's (personas of ~25-40 items citing
//! interview highlights, interviews with a few KB of notes and 3-6 tagged
//! highlights), written as real files in the real layout with the store's
//! own encoder. Deterministic: the same spec gives the same bytes.
//!
//! Shared by `examples/gen_workspace.rs` and `benches/perf.rs` through
//! `#[path]`, so it is not an example of its own.

#![allow(dead_code)]

use persona::domain::{
    BestCustomer, Citation, Highlight, Icp, Interview, Item, Number, Persona, Value, WorkspaceMeta,
};
use persona::store::{codec, layout};
use std::fs;
use std::io;
use std::path::Path;

/// How much to generate.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    pub icps: usize,
    pub personas: usize,
    pub interviews: usize,
    pub seed: u64,
}

impl Spec {
    /// The size the performance targets are set for.
    pub const TEAM: Spec = Spec {
        icps: 200,
        personas: 10_000,
        interviews: 2_000,
        seed: 42,
    };
}

/// What was written.
#[derive(Clone, Copy, Debug, Default)]
pub struct Written {
    pub files: usize,
    pub bytes: u64,
}

/// xorshift64*: enough randomness for text, no dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const FIRST: &[&str] = &[
    "Dana", "Sam", "Priya", "Marcus", "Zoe", "Felix", "Jonas", "Olivia", "Frank", "Chloe", "Amara",
    "Kenji", "Lucia", "Mateo", "Ingrid", "Tariq", "Hana", "Rafael", "Nora", "Elif", "Björn",
    "Aoife", "Wei", "Yusuf",
];
const LAST: &[&str] = &[
    "Whitfield",
    "Okafor",
    "Nair",
    "Lee",
    "Müller",
    "Grant",
    "Berg",
    "Santos",
    "Kowalski",
    "Ito",
    "Haddad",
    "Novak",
    "Fischer",
    "Moreau",
    "Reyes",
    "Larsen",
    "Osei",
    "Kaur",
];
const COMPANY_A: &[&str] = &[
    "Acme",
    "Summit",
    "Ridgeline",
    "Basecamp",
    "Alpenglow",
    "Northbound",
    "Fjell",
    "Trailhead",
    "Harbour",
    "Cedar",
    "Granite",
    "Juniper",
    "Meridian",
    "Lantern",
    "Copper",
    "Driftwood",
];
const COMPANY_B: &[&str] = &[
    "Outdoor",
    "Supply",
    "Sports",
    "Gear",
    "Coffee",
    "Socks",
    "Outfitters",
    "Goods",
    "Provisions",
    "Cycles",
    "Apparel",
    "Home",
];
const ROLES: &[&str] = &[
    "Head of Operations",
    "Founder",
    "E-commerce Manager",
    "Finance Director",
    "Store Manager",
    "Marketing Lead",
    "Buyer",
    "COO",
    "Customer Service Lead",
];
const SEGMENT: &[&str] = &[
    "Independent outdoor retailers",
    "DTC multichannel brands",
    "Specialty coffee roasters",
    "Regional sporting goods chains",
    "Boutique apparel labels",
    "Home and garden stores",
    "Subscription box brands",
    "Bike shops with a web store",
];
const PERSONA_NICK: &[&str] = &[
    "Operations",
    "Founder",
    "Finance",
    "Ecommerce",
    "Click-and-collect",
    "Marketing",
    "Wholesale",
    "Support",
    "Merchandising",
    "Growth",
];
const SUBJECTS: &[&str] = &[
    "the Monday stock count",
    "returns made in store",
    "the Shopify sync",
    "our bookkeeper",
    "the wholesale orders",
    "the holiday rush",
    "click-and-collect",
    "the warehouse team",
    "a second web shop",
    "the loyalty programme",
    "our point of sale",
    "supplier lead times",
    "the spreadsheet tab",
    "the monthly invoice",
    "customer emails",
];
const VERBS: &[&str] = &[
    "keeps breaking",
    "takes half a day",
    "costs us sales",
    "needs a real system",
    "is the first thing I check",
    "drives me mad",
    "finally works",
    "is where we lose margin",
    "decides the renewal",
    "comes up in every meeting",
    "is what the owner asks about",
    "should just be automatic",
];
const TAILS: &[&str] = &[
    "every single week",
    "before Christmas",
    "when a store runs out",
    "since we opened the fifth store",
    "because nobody owns it",
    "and the staff notice first",
    "whenever the counts drift",
    "unless someone remembers",
    "during the November peak",
    "for the third year running",
];
const TAGS: &[&str] = &[
    "pain-point",
    "goal",
    "trigger",
    "objection",
    "channel",
    "role",
    "budget",
    "motivation",
    "decision-driver",
    "tool",
];
const TOOLS: &[&str] = &[
    "Shopify Plus",
    "Klaviyo",
    "NetSuite",
    "Lightspeed",
    "Xero",
    "QuickBooks",
    "Gorgias",
    "ShipStation",
    "Square",
    "HubSpot",
];

fn sentence(rng: &mut Rng) -> String {
    let subject = rng.pick(SUBJECTS);
    let mut s = format!(
        "{}{} {} {}",
        subject[..1].to_uppercase(),
        &subject[1..],
        rng.pick(VERBS),
        rng.pick(TAILS)
    );
    s.push('.');
    s
}

fn company(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(COMPANY_A), rng.pick(COMPANY_B))
}

fn timestamp(rng: &mut Rng) -> jiff::Timestamp {
    let secs = 1_767_225_600 + rng.below(300 * 86_400) as i64; // during 2026
    jiff::Timestamp::from_second(secs).expect("in range")
}

fn date(rng: &mut Rng) -> jiff::civil::Date {
    jiff::civil::date(2026, rng.between(1, 12) as i8, rng.between(1, 28) as i8)
}

pub fn interview_id(i: usize) -> String {
    format!("interview-{i:05}")
}

fn icp_id(i: usize) -> String {
    format!("icp-{i:03}")
}

/// The interview, and how many highlights it has (for citations).
fn interview(rng: &mut Rng, i: usize, icps: usize) -> Interview {
    let who = format!("{} {}", rng.pick(FIRST), rng.pick(LAST));
    let firm = company(rng);
    let mut interview = Interview::new(interview_id(i), format!("{who}, {firm}"));
    interview.date = Some(date(rng));
    interview.interviewee = who;
    interview.role = rng.pick(ROLES).to_string();
    interview.company = firm;
    interview.source = persona::domain::Source::ALL[rng.below(6)];
    if icps > 0 {
        interview.icp = Some(icp_id(rng.below(icps)));
    }
    interview.created = Some(timestamp(rng));
    interview.updated = interview.created;
    // A few KB of notes in paragraphs, with the highlights quoted from them.
    let highlights = rng.between(3, 6);
    let mut quotes = Vec::new();
    let mut notes = String::new();
    let target = rng.between(2_000, 4_000);
    while notes.len() < target {
        for _ in 0..rng.between(3, 6) {
            let s = sentence(rng);
            if quotes.len() < highlights && rng.below(3) == 0 {
                notes.push_str(&format!("\"{s}\" "));
                quotes.push(s);
            } else {
                notes.push_str(&s);
                notes.push(' ');
            }
        }
        notes.push_str("\n\n");
    }
    while quotes.len() < highlights {
        let s = sentence(rng);
        notes.push_str(&format!("\"{s}\"\n"));
        quotes.push(s);
    }
    interview.notes = notes;
    for (h, text) in quotes.into_iter().enumerate() {
        let tags = (0..rng.between(1, 2))
            .map(|_| rng.pick(TAGS).to_string())
            .collect::<Vec<_>>();
        let mut tags = tags;
        tags.dedup();
        interview.highlights.push(Highlight {
            id: format!("h{}", h + 1),
            text,
            tags,
            extra: Default::default(),
        });
    }
    interview
}

/// Highlights per interview, recomputed the same way the files were made.
struct Evidence {
    highlights: Vec<usize>,
}

impl Evidence {
    fn cite(&self, rng: &mut Rng) -> Vec<Citation> {
        if self.highlights.is_empty() || rng.below(4) == 0 {
            return Vec::new(); // an assumption
        }
        (0..rng.between(1, 2))
            .map(|_| {
                let i = rng.below(self.highlights.len());
                Citation::new(
                    interview_id(i),
                    format!("h{}", rng.between(1, self.highlights[i])),
                )
            })
            .collect()
    }
}

fn text_item(rng: &mut Rng, evidence: &Evidence, text: String) -> Item {
    let cites = evidence.cite(rng);
    Item::text(text).citing(cites)
}

fn range(min: f64, max: f64) -> Item {
    Item::new(Value::Range {
        min: Number::new(min).unwrap(),
        max: Number::new(max).unwrap(),
    })
}

fn list(rng: &mut Rng, evidence: &Evidence, lo: usize, hi: usize) -> Vec<Item> {
    (0..rng.between(lo, hi))
        .map(|_| {
            let s = sentence(rng);
            text_item(rng, evidence, s)
        })
        .collect()
}

fn icp(rng: &mut Rng, i: usize, evidence: &Evidence) -> Icp {
    let name = format!("{} {}", rng.pick(SEGMENT), i);
    let mut icp = Icp::new(icp_id(i), name, "icp");
    icp.created = Some(timestamp(rng));
    icp.updated = icp.created;
    icp.last_validated = Some(date(rng));
    let f = &mut icp.fields;
    let segment = rng_segment(rng);
    f.insert("industry".into(), vec![text_item(rng, evidence, segment)]);
    f.insert("employees".into(), vec![range(20.0, 200.0)]);
    f.insert(
        "annual_revenue".into(),
        vec![range(2_000_000.0, 50_000_000.0)],
    );
    f.insert(
        "geography".into(),
        vec![Item::text("North America and Western Europe")],
    );
    f.insert(
        "funding_stage".into(),
        vec![Item::text("Self-funded / bootstrapped")],
    );
    f.insert("growth_trend".into(), vec![Item::text("Growing steadily")]);
    f.insert(
        "tech_stack".into(),
        (0..4).map(|_| Item::text(rng.pick(TOOLS))).collect(),
    );
    for field in [
        "sales_channels",
        "challenges",
        "buying_triggers",
        "buying_process",
        "fit_signals",
        "disqualifiers",
    ] {
        let items = list(rng, evidence, 2, 4);
        f.insert(field.into(), items);
    }
    f.insert("sales_cycle".into(), vec![range(3.0, 8.0)]);
    let note = (0..3).map(|_| sentence(rng)).collect::<Vec<_>>().join(" ");
    f.insert("best_customer_note".into(), vec![Item::text(note)]);
    for _ in 0..rng.between(3, 5) {
        icp.best_customers.push(BestCustomer {
            company: company(rng),
            industry: "Retail".into(),
            size: format!("{}", rng.between(20, 200)),
            revenue: format!("${}M", rng.between(2, 50)),
            geography: "Colorado, US".into(),
            tools: (0..3).map(|_| rng.pick(TOOLS).to_string()).collect(),
            criterion: sentence(rng),
            ..Default::default()
        });
    }
    icp
}

fn rng_segment(rng: &mut Rng) -> String {
    rng.pick(SEGMENT).to_string()
}

fn persona(rng: &mut Rng, i: usize, icp: usize, evidence: &Evidence) -> Persona {
    let nick = rng.pick(PERSONA_NICK);
    let first = rng.pick(FIRST);
    let b2b = rng.below(3) != 0;
    let template = if b2b {
        "b2b-decision-maker"
    } else {
        "ecommerce-shopper"
    };
    let mut p = Persona::new(
        format!("persona-{i:05}"),
        icp_id(icp),
        format!("{nick} {first} {i}"),
        template,
    );
    p.created = Some(timestamp(rng));
    p.updated = p.created;
    p.last_validated = Some(date(rng));
    let lists: &[&str] = if b2b {
        let title = rng.pick(ROLES).to_string();
        let item = text_item(rng, evidence, title);
        p.fields.insert("job_title".into(), vec![item]);
        p.fields.insert("age".into(), vec![range(35.0, 45.0)]);
        p.fields
            .insert("salary".into(), vec![range(75_000.0, 110_000.0)]);
        p.fields
            .insert("seniority".into(), vec![Item::text("Director or head of")]);
        p.fields
            .insert("purchase_role".into(), vec![Item::text("Decision-maker")]);
        let n = rng.between(2, 40) as f64;
        p.fields.insert(
            "team_size".into(),
            vec![Item::new(Value::Number(Number::new(n).unwrap()))],
        );
        &[
            "goals",
            "motivations",
            "decision_drivers",
            "pain_points",
            "info_sources",
            "channels",
            "objections",
            "fears",
        ]
    } else {
        p.fields.insert("age".into(), vec![range(25.0, 40.0)]);
        p.fields
            .insert("income_band".into(), vec![Item::text("$75k-$120k")]);
        p.fields.insert(
            "shopping_frequency".into(),
            vec![Item::text("A few times a month")],
        );
        p.fields
            .insert("order_value".into(), vec![range(40.0, 120.0)]);
        &[
            "goals",
            "motivations",
            "pain_points",
            "channels",
            "discovery",
            "purchase_drivers",
            "objections",
        ]
    };
    let place = format!("Works from {}", rng.pick(SUBJECTS));
    let location = text_item(rng, evidence, place);
    p.fields.insert("location".into(), vec![location]);
    for field in lists {
        let items = list(rng, evidence, 2, 4);
        p.fields.insert(field.to_string(), items);
    }
    let message = (0..2).map(|_| sentence(rng)).collect::<Vec<_>>().join(" ");
    p.fields
        .insert("key_message".into(), vec![Item::text(message)]);
    p
}

fn write(root: &Path, relative: &str, text: &str, written: &mut Written) -> io::Result<()> {
    let path = root.join(relative);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::write(&path, text)?;
    written.files += 1;
    written.bytes += text.len() as u64;
    Ok(())
}

fn encode<T: codec::Versioned + Clone>(value: &T) -> String {
    codec::encode(value).expect("generated items encode")
}

/// Writes a workspace of `spec`'s size into `root` (which must be absent or
/// empty), with the `.gitignore` `init` writes.
pub fn generate(root: &Path, spec: &Spec) -> io::Result<Written> {
    let mut written = Written::default();
    let mut rng = Rng::new(spec.seed);
    fs::create_dir_all(root)?;
    write(root, ".gitignore", layout::GITIGNORE, &mut written)?;
    let meta = WorkspaceMeta::new(format!(
        "Generated: {} ICPs, {} personas, {} interviews",
        spec.icps, spec.personas, spec.interviews
    ));
    write(root, layout::META, &encode(&meta), &mut written)?;
    fs::create_dir_all(root.join(layout::TEMPLATES))?;
    let mut evidence = Evidence {
        highlights: Vec::new(),
    };
    for i in 0..spec.interviews {
        let interview = interview(&mut rng, i, spec.icps);
        evidence.highlights.push(interview.highlights.len());
        write(
            root,
            &layout::interview_file(&interview.id),
            &encode(&interview),
            &mut written,
        )?;
    }
    for i in 0..spec.icps {
        let icp = icp(&mut rng, i, &evidence);
        write(
            root,
            &layout::icp_file(&icp.id),
            &encode(&icp),
            &mut written,
        )?;
    }
    for i in 0..spec.personas {
        let owner = if spec.icps == 0 { 0 } else { i % spec.icps };
        let persona = persona(&mut rng, i, owner, &evidence);
        write(
            root,
            &layout::persona_file(&persona.icp, &persona.id),
            &encode(&persona),
            &mut written,
        )?;
    }
    Ok(written)
}
