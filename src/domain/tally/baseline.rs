//! The whole customer list counted trait by trait into a [`Baseline`]: an
//! import of 50,000 rows counts every customer, so this path builds only
//! the keys values are counted by ([`keys`]), into buffers kept between
//! customers, and never the labels [`traits`] gives for showing them.
//! The keys are the ones [`traits`] gives (a test holds them to it).

use super::customers::{TRAITS, money_value_key};
use crate::domain::icp::{Baseline, BaselineTrait, BestCustomer};
use crate::domain::normalise::{
    self, QuickMap, bands, fold_into, industry_key, industry_key_into, tidy_into,
};
use std::collections::{BTreeMap, BTreeSet};

#[cfg(doc)]
use super::customers::traits;

/// A set of [`TRAITS`], by their place in it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TraitSet(u32);

impl TraitSet {
    /// Every trait.
    pub const ALL: TraitSet = TraitSet((1 << TRAITS.len()) - 1);

    /// The traits named (names that are no trait are left out).
    pub fn of(names: &[&str]) -> TraitSet {
        let mut set = 0;
        for (i, name) in TRAITS.iter().enumerate() {
            if names.contains(name) {
                set |= 1 << i;
            }
        }
        TraitSet(set)
    }

    pub fn contains(self, trait_index: usize) -> bool {
        self.0 & (1 << trait_index) != 0
    }
}

type Keyed<V> = QuickMap<String, V>;

/// Buffers [`keys`] writes into, kept between customers, and the region
/// keys found so far (finding one is the costliest step, and a list has
/// few distinct regions).
#[derive(Default)]
pub struct Scratch {
    key: String,
    list: Vec<String>,
    used: usize,
    lookup: String,
    regions: Keyed<String>,
}

impl Scratch {
    /// A cleared buffer of the list of keys, to write the next key into.
    fn next_item(&mut self) -> &mut String {
        if self.used == self.list.len() {
            self.list.push(String::new());
        }
        self.used += 1;
        let item = &mut self.list[self.used - 1];
        item.clear();
        item
    }

    /// The list's keys so far, sorted, each once.
    fn items(&mut self) -> &[String] {
        let items = &mut self.list[..self.used];
        items.sort_unstable();
        let mut kept = 0;
        for i in 0..items.len() {
            if i == 0 || items[i] != items[kept - 1] {
                items.swap(kept, i);
                kept += 1;
            }
        }
        &self.list[..kept]
    }
}

/// Calls `emit(trait, key)` for every value one customer counts as, among
/// the traits in `wanted`: each key once per customer, trait by trait in
/// [`TRAITS`] order. A trait with no call is one the customer lacks.
pub fn keys(
    c: &BestCustomer,
    wanted: TraitSet,
    s: &mut Scratch,
    emit: &mut dyn FnMut(usize, &str),
) {
    let one = |i: usize,
               s: &mut Scratch,
               emit: &mut dyn FnMut(usize, &str),
               f: &dyn Fn(&mut String) -> bool| {
        if wanted.contains(i) {
            s.key.clear();
            if f(&mut s.key) {
                emit(i, &s.key);
            }
        }
    };
    let place = (!c.geography.trim().is_empty()).then(|| normalise::location(&c.geography));
    let country = normalise::country(&c.country_code)
        .or_else(|| normalise::country(&c.country))
        .or_else(|| place.as_ref().and_then(|p| p.country));
    one(0, s, emit, &|k| folded_key(&c.industry, k));
    one(1, s, emit, &|k| {
        if !c.size_band.is_empty() {
            k.push_str(&c.size_band);
        } else if c.size.trim().is_empty() {
            return false;
        } else {
            match normalise::employee_band(&c.size) {
                Some(band) => k.push_str(band),
                None => tidy_into(&c.size, k),
            }
        }
        true
    });
    one(2, s, emit, &|k| {
        money_value_key(
            &c.revenue,
            &c.revenue_band,
            &c.currency,
            bands::revenue_band,
            k,
        )
    });
    one(3, s, emit, &|k| {
        money_value_key(
            &c.lifetime_value,
            &c.lifetime_value_band,
            &c.currency,
            bands::spend_band,
            k,
        )
    });
    one(4, s, emit, &|k| {
        normalise::number(&c.orders).is_some_and(|n| {
            k.push_str(normalise::orders_band(n));
            true
        })
    });
    one(5, s, emit, &|k| super::customers::average_key(c, k));
    one(6, s, emit, &|k| {
        super::customers::tenure(c).is_some_and(|band| {
            k.push_str(band);
            true
        })
    });
    one(7, s, emit, &|k| match country {
        Some(found) => {
            k.push_str(found.code);
            true
        }
        None => folded_key(&c.country, k),
    });
    if wanted.contains(8) {
        let text = if c.region.trim().is_empty() {
            place.as_ref().map_or("", |p| p.region.as_str())
        } else {
            c.region.as_str()
        };
        if !text.trim().is_empty() {
            let code = country.map(|k| k.code);
            s.lookup.clear();
            s.lookup.push_str(code.unwrap_or(""));
            s.lookup.push('\n');
            s.lookup.push_str(text);
            if !s.regions.contains_key(s.lookup.as_str()) {
                let key = super::customers::region_value(text, country).key;
                s.regions.insert(s.lookup.clone(), key);
            }
            emit(8, &s.regions[s.lookup.as_str()]);
        }
    }
    one(9, s, emit, &|k| {
        let text = if c.city.trim().is_empty() {
            place.as_ref().map_or("", |p| p.city.as_str())
        } else {
            c.city.as_str()
        };
        fold_into(text, k);
        // Counted when it has a word (`&` alone is one, folded to nothing).
        !k.is_empty() || !industry_key(text).is_empty()
    });
    if wanted.contains(10) {
        s.used = 0;
        for tool in &c.tools {
            if !tool.trim().is_empty() {
                fold_into(tool, s.next_item());
            }
        }
        for key in s.items() {
            emit(10, key);
        }
    }
    if wanted.contains(11) {
        s.used = 0;
        for tag in &c.tags {
            if tag.trim().is_empty() {
                continue;
            }
            let item = s.next_item();
            if tag.is_ascii() {
                tidy_into(tag, item);
                item.make_ascii_lowercase();
            } else {
                let mut tidy = String::new();
                tidy_into(tag, &mut tidy);
                item.push_str(&tidy.to_lowercase());
            }
        }
        for key in s.items() {
            emit(11, key);
        }
    }
    one(12, s, emit, &|k| folded_key(&c.lifecycle_stage, k));
    one(13, s, emit, &|k| folded_key(&c.funding_stage, k));
    one(14, s, emit, &|k| {
        c.accepts_marketing.is_some_and(|yes| {
            k.push_str(if yes { "yes" } else { "no" });
            true
        })
    });
    one(15, s, emit, &|k| folded_key(&c.criterion, k));
}

/// The key of a text compared folded (an industry, a stage): false when
/// it has no word.
fn folded_key(text: &str, key: &mut String) -> bool {
    if text.is_ascii() {
        industry_key_into(text, key);
    } else {
        let mut tidy = String::new();
        tidy_into(text, &mut tidy);
        industry_key_into(&tidy, key);
    }
    !key.is_empty()
}

/// One trait's counts across a list.
#[derive(Clone, Default)]
struct Counts {
    customers: usize,
    missing: usize,
    values: Keyed<usize>,
}

/// Counts a whole customer list, trait by trait, into a [`Baseline`].
#[derive(Default)]
pub struct BaselineBuilder {
    customers: usize,
    /// Per trait (in [`TRAITS`] order), once a customer was counted for it.
    traits: [Option<Counts>; TRAITS.len()],
    scratch: Scratch,
}

/// Keys kept per trait besides those the best customers have.
const KEEP_PER_TRAIT: usize = 100;

impl BaselineBuilder {
    /// Counts one customer; `covered` names the traits the list has
    /// columns for (a trait it lacks is unknown, not missing).
    pub fn add(&mut self, customer: &BestCustomer, covered: &[&'static str]) {
        self.add_covered(customer, TraitSet::of(covered));
    }

    /// [`BaselineBuilder::add`] with the traits covered as a set.
    pub fn add_covered(&mut self, customer: &BestCustomer, covered: TraitSet) {
        self.customers += 1;
        let mut had = TraitSet::default();
        let traits = &mut self.traits;
        keys(customer, covered, &mut self.scratch, &mut |i, key| {
            had.0 |= 1 << i;
            let values = &mut traits[i].get_or_insert_with(Counts::default).values;
            match values.get_mut(key) {
                Some(n) => *n += 1,
                None => {
                    values.insert(key.to_string(), 1);
                }
            }
        });
        for (i, counts) in self.traits.iter_mut().enumerate() {
            if covered.contains(i) {
                let counts = counts.get_or_insert_with(Counts::default);
                counts.customers += 1;
                if !had.contains(i) {
                    counts.missing += 1;
                }
            }
        }
    }

    /// Adds the counts of another part of the same list (a list counted
    /// in parts, on two threads).
    pub fn merge(&mut self, other: BaselineBuilder) {
        self.customers += other.customers;
        for (mine, theirs) in self.traits.iter_mut().zip(other.traits) {
            let Some(theirs) = theirs else { continue };
            let mine = mine.get_or_insert_with(Counts::default);
            mine.customers += theirs.customers;
            mine.missing += theirs.missing;
            for (key, count) in theirs.values {
                *mine.values.entry(key).or_default() += count;
            }
        }
    }

    pub fn customers(&self) -> usize {
        self.customers
    }

    /// The baseline, merged over `previous`: traits this list counted
    /// replace the old counts, the others stay. Keeps every value `best`
    /// customers have and the commonest others; the rest is `other`.
    pub fn finish(
        mut self,
        previous: Option<&Baseline>,
        best: &[BestCustomer],
        file: &str,
        date: Option<jiff::civil::Date>,
    ) -> Baseline {
        let mut wanted: Vec<BTreeSet<String>> = vec![BTreeSet::new(); TRAITS.len()];
        for customer in best {
            keys(customer, TraitSet::ALL, &mut self.scratch, &mut |i, key| {
                if !wanted[i].contains(key) {
                    wanted[i].insert(key.to_string());
                }
            });
        }
        let mut baseline = previous.cloned().unwrap_or_default();
        baseline.customers = self.customers;
        baseline.file = file.to_string();
        baseline.date = date;
        for (i, counts) in self.traits.into_iter().enumerate() {
            let Some(counts) = counts else { continue };
            let mut ranked: Vec<(String, usize)> = counts.values.into_iter().collect();
            ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let keep = &wanted[i];
            let mut kept = BTreeMap::new();
            let mut other = 0;
            for (rank, (key, count)) in ranked.into_iter().enumerate() {
                if rank < KEEP_PER_TRAIT || keep.contains(&key) {
                    kept.insert(key, count);
                } else {
                    other += count;
                }
            }
            baseline.traits.insert(
                TRAITS[i].to_string(),
                BaselineTrait {
                    customers: counts.customers,
                    missing: counts.missing,
                    other,
                    values: kept,
                },
            );
        }
        baseline
    }
}

#[cfg(test)]
mod tests {
    use super::super::customers::traits;
    use super::*;

    /// Customers written every way the keys must agree on.
    fn odd_customers() -> Vec<BestCustomer> {
        let texts = [
            "",
            "  ",
            "Outdoor  retail",
            "OUTDOOR_RETAIL",
            "R&D",
            "&",
            "Café & Bäckerei",
            "Outdoor\u{a0}retail",
            "  Österreich ",
            "ΣΟΦΊΑΣ",
            "U.S.",
            "Colorado, US",
            "$2.4M",
            "1,2 Mio. €",
            "10M-50M",
            "2702.98",
            "Less than 10",
            "51-200",
            "2400",
            "just me",
            "12",
            "2024-01-10",
            "3/4/2026",
            "CO",
            "US-CO",
            "colorado",
            "Bavaria",
            "BY",
            "Yes",
        ];
        let mut all = Vec::new();
        for (i, text) in texts.iter().enumerate() {
            let other = texts[(i * 7 + 3) % texts.len()];
            let t = |s: &str| s.to_string();
            all.push(BestCustomer {
                industry: t(text),
                size: t(text),
                size_band: if i % 5 == 0 { t("51-200") } else { t("") },
                revenue: t(text),
                revenue_band: if i % 4 == 0 { t("1M-10M") } else { t("") },
                lifetime_value: t(text),
                average_order_value: if i % 2 == 0 { t(other) } else { t("") },
                orders: t(other),
                currency: if i % 3 == 0 { t("EUR") } else { t("") },
                first_order: t(text),
                since: t(other),
                last_order: t("2026-02-01"),
                country: t(other),
                country_code: if i % 6 == 0 { t("DE") } else { t("") },
                region: t(text),
                city: t(other),
                geography: if i % 2 == 1 { t(text) } else { t("") },
                tools: vec![t(text), t(other), t(&text.to_uppercase()), t(" ")],
                tags: vec![t(text), t(&text.to_lowercase()), t(other)],
                lifecycle_stage: t(text),
                funding_stage: t(other),
                accepts_marketing: [None, Some(true), Some(false)][i % 3],
                criterion: t(other),
                ..Default::default()
            });
        }
        all
    }

    #[test]
    fn keys_are_those_the_tally_counts_by() {
        let mut scratch = Scratch::default();
        for c in odd_customers() {
            let mut expected: Vec<(usize, Vec<String>)> = traits(&c)
                .into_iter()
                .enumerate()
                .map(|(i, (_, values))| {
                    let mut keys: Vec<String> = values.into_iter().map(|v| v.key).collect();
                    keys.sort();
                    keys.dedup();
                    (i, keys)
                })
                .filter(|(_, keys)| !keys.is_empty())
                .collect();
            expected.sort();
            let mut got: Vec<(usize, Vec<String>)> = Vec::new();
            keys(
                &c,
                TraitSet::ALL,
                &mut scratch,
                &mut |i, key| match got.last_mut() {
                    Some((last, keys)) if *last == i => keys.push(key.to_string()),
                    _ => got.push((i, vec![key.to_string()])),
                },
            );
            assert_eq!(got, expected, "{c:?}");
        }
    }

    #[test]
    fn only_the_traits_wanted() {
        let c = &odd_customers()[2];
        let mut seen = Vec::new();
        let wanted = TraitSet::of(&["country", "industry", "no such trait"]);
        keys(c, wanted, &mut Scratch::default(), &mut |i, _| seen.push(i));
        assert_eq!(seen, [0, 7]);
    }
}
