//! The `/` filter's index on cards whose text has a large vocabulary (the
//! generated workspaces repeat a few hundred words; real notes do not): how
//! long the index takes to build, what it holds, and each keystroke of the
//! scale bench's script, against a floor measured in the same run (one
//! pass of memchr over every card's lowercase text for the word, which is
//! what an index keeping the text would at least do).
//!
//! ```sh
//! cargo build --release --example filter_bench
//! target/release/examples/filter_bench 50000
//! ```

use persona::tui::search::{CardText, Hits, Query, SearchIndex};
use std::time::{Duration, Instant};

#[path = "../benches/timing/mod.rs"]
mod timing;

use timing::counting::{Counting, live};
use timing::rng::Rng;

#[global_allocator]
static ALLOC: Counting = Counting;

fn mb(bytes: isize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

const COMMON: &[&str] = &[
    "the",
    "and",
    "to",
    "we",
    "our",
    "stock",
    "store",
    "stores",
    "customer",
    "customers",
    "Monday",
    "month",
    "monthly",
    "money",
    "order",
    "orders",
    "stocktake",
    "inventory",
    "count",
    "spreadsheet",
    "Shopify",
    "staff",
    "owner",
    "weekend",
    "margin",
    "supplier",
    "delivery",
    "with",
    "for",
    "every",
    "week",
    "because",
    "nobody",
    "owns",
    "it",
    "is",
    "a",
    "of",
    "in",
];

/// A word list of `size`: the common words, then made-up ones.
fn vocabulary(rng: &mut Rng, size: usize) -> Vec<String> {
    const SYLLABLES: &[&str] = &[
        "ka", "lo", "mi", "ster", "tra", "ven", "qu", "ix", "bel", "dor", "an", "pre", "sul",
        "tio", "mon", "gre", "ph", "al", "ur", "ne", "co", "rk", "sto", "y",
    ];
    let mut words: Vec<String> = COMMON.iter().map(|w| w.to_string()).collect();
    while words.len() < size {
        let n = 2 + rng.below(3);
        words.push(
            (0..n)
                .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
                .collect(),
        );
    }
    words
}

/// One card: `tokens` words picked with a Zipf-like skew, some with a
/// capital or followed by punctuation.
fn card(rng: &mut Rng, words: &[String], n: usize, tokens: usize) -> CardText {
    let mut attrs = String::new();
    for i in 0..tokens {
        // Zipf's law (a word's share ~ 1/rank), as in prose.
        let u = rng.below(1_000_000) as f64 / 1_000_000.0;
        let rank = ((words.len() as f64).powf(u) as usize).saturating_sub(1) % words.len();
        let word = &words[rank];
        if i > 0 {
            attrs.push_str(if i % 12 == 0 { " · " } else { " " });
        }
        if i % 12 == 0 {
            let mut c = word.chars();
            if let Some(first) = c.next() {
                attrs.extend(first.to_uppercase());
                attrs.push_str(c.as_str());
            }
        } else {
            attrs.push_str(word);
        }
        match rng.below(20) {
            0 => attrs.push(','),
            1 => attrs.push('.'),
            _ => {}
        }
    }
    CardText {
        name: format!("Founder {} {n}", words[rng.below(words.len())]),
        attrs,
    }
}

fn main() {
    let count: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(50_000);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let words = vocabulary(&mut rng, 200_000);
    let cards: Vec<CardText> = (0..count)
        .map(|n| {
            let tokens = 250 + rng.below(150);
            card(&mut rng, &words, n, tokens)
        })
        .collect();
    let text: usize = cards.iter().map(|c| c.attrs.len() + c.name.len()).sum();
    let lower: Vec<String> = cards.iter().map(|c| c.attrs.to_lowercase()).collect();
    println!(
        "{count} cards, {:.1} MB of text; load {}",
        mb(text as isize),
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );

    let before = live();
    let given = cards.clone();
    let t = Instant::now();
    let index = SearchIndex::from_texts(Vec::new(), given);
    let built = t.elapsed();
    // from_texts frees the texts it is given: what is left is the index.
    let held = live() - before;
    drop(cards);
    println!(
        "index: built in {:.0} ms, holds {:.1} MB ({:.0}% of the text it indexes)",
        ms(built),
        mb(held),
        100.0 * held as f64 / text as f64
    );

    // The bench's script, as the app runs it: narrowed from the text
    // before when the user only typed more, from scratch otherwise.
    // Then a typo, which starts over.
    let script: Vec<&str> = timing::TYPED.into_iter().chain(["stockx"]).collect();
    let mut worst = 0.0f64;
    let mut worst_floor = 0.0f64;
    for round in 0..3 {
        let mut previous: Option<(Query, Hits)> = None;
        let mut line = Vec::new();
        for &text in &script {
            let q = Query::new(text);
            let t = Instant::now();
            let hits = match &previous {
                Some((p, h)) => q.narrow_until(&index, p, h, &|| false),
                None => q.run_until(&index, None, &|| false),
            }
            .expect("never stopped");
            let took = ms(t.elapsed());
            // The floor: the last word found in every card's text.
            let last = text.split_whitespace().last().unwrap_or_default();
            let finder = memchr::memmem::Finder::new(last.as_bytes());
            let t = Instant::now();
            let found = lower
                .iter()
                .filter(|l| finder.find(l.as_bytes()).is_some())
                .count();
            let floor = ms(t.elapsed());
            std::hint::black_box(found);
            if round > 0 {
                worst = worst.max(took);
                worst_floor = worst_floor.max(floor);
            }
            let n = hits.personas.iter().filter(|h| **h).count();
            line.push(format!("{text:?} {n} hits {took:.1} ms (floor {floor:.1})"));
            previous = Some((q, hits));
        }
        println!("round {round}:\n  {}", line.join("\n  "));
    }
    println!(
        "worst keystroke after the first round: {worst:.1} ms; worst floor {worst_floor:.1} ms; load {}",
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
}
