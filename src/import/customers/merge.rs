//! Merging imported records into an ICP's best customers: each found by a
//! keyed look-up (its id, else for an account its website or company
//! name), so an import takes time in proportion to its rows.

use crate::domain::normalise::fold;
use crate::domain::{BestCustomer, CustomerKind};
use std::collections::{BTreeMap, HashMap};

/// Legal forms left out when company names are compared (`Acme Outdoor,
/// Inc.` is `Acme Outdoor`).
const LEGAL_FORMS: [&str; 22] = [
    "inc",
    "incorporated",
    "llc",
    "ltd",
    "limited",
    "corp",
    "corporation",
    "co",
    "company",
    "plc",
    "gmbh",
    "ag",
    "sa",
    "sas",
    "sarl",
    "bv",
    "nv",
    "srl",
    "spa",
    "oy",
    "ab",
    "pty",
];

/// A company name as compared.
pub fn name_key(company: &str) -> String {
    let mut words: Vec<String> = company
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(fold)
        .filter(|w| !w.is_empty())
        .collect();
    while words.len() > 1
        && words
            .last()
            .is_some_and(|w| LEGAL_FORMS.contains(&w.as_str()))
    {
        words.pop();
    }
    words.concat()
}

/// The tool an id came from (`hubspot` of `hubspot:123`).
fn id_source(id: &str) -> &str {
    id.split_once(':').map_or("", |(source, _)| source)
}

/// Where each best customer is, by each key it can be found by.
#[derive(Default)]
pub struct Index {
    by_id: HashMap<String, usize>,
    by_domain: HashMap<String, usize>,
    by_name: HashMap<String, usize>,
}

impl Index {
    pub fn new(customers: &[BestCustomer]) -> Index {
        let mut index = Index::default();
        for (i, c) in customers.iter().enumerate() {
            index.insert(c, i);
        }
        index
    }

    fn insert(&mut self, c: &BestCustomer, at: usize) {
        if !c.id.is_empty() {
            self.by_id.entry(c.id.clone()).or_insert(at);
        }
        if c.kind == CustomerKind::Account {
            if !c.domain.is_empty() {
                self.by_domain.entry(c.domain.to_lowercase()).or_insert(at);
            }
            let name = name_key(&c.company);
            if !name.is_empty() {
                self.by_name.entry(name).or_insert(at);
            }
        }
    }

    /// The best customer a record is about, if any: the same id; else, for
    /// an account, the same website or company name, unless both carry
    /// different ids from the same tool (two companies of one name).
    pub fn find(&self, record: &BestCustomer, customers: &[BestCustomer]) -> Option<usize> {
        if let Some(i) = self.by_id.get(&record.id).filter(|_| !record.id.is_empty()) {
            return Some(*i);
        }
        if record.kind != CustomerKind::Account {
            return None;
        }
        let by_domain = (!record.domain.is_empty())
            .then(|| self.by_domain.get(&record.domain.to_lowercase()))
            .flatten();
        let name = name_key(&record.company);
        let by_name = (!name.is_empty())
            .then(|| self.by_name.get(&name))
            .flatten();
        by_domain.or(by_name).copied().filter(|i| {
            let other = &customers[*i];
            other.kind == CustomerKind::Account
                && (record.id.is_empty()
                    || other.id.is_empty()
                    || id_source(&record.id) != id_source(&other.id))
        })
    }
}

/// What merging did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Merged {
    pub added: usize,
    pub updated: usize,
    /// How many customers each attribute changed for.
    pub updated_fields: BTreeMap<&'static str, usize>,
    pub unchanged: usize,
    /// Lines of rows about a customer an earlier row already was.
    pub duplicates: Vec<u64>,
    /// Best customers taken out (the list's rule no longer picks them).
    pub demoted: Vec<String>,
    /// Where the imported records now are, in import order.
    pub stored: Vec<usize>,
}

/// Merges `records` (with the lines they came from) into `customers`. An
/// existing customer takes only the attributes a record has; a new one is
/// appended. With `demote`, customers the file listed (`demote[i]`) that
/// no record updated are taken out.
pub fn apply(
    customers: &mut Vec<BestCustomer>,
    index: &mut Index,
    records: Vec<(u64, BestCustomer)>,
    demote: Option<&[bool]>,
) -> Merged {
    let mut merged = Merged::default();
    let mut touched = vec![false; customers.len()];
    for (line, mut record) in records {
        match index.find(&record, customers) {
            Some(i) => {
                // `ACME inc` for `Acme`: the same name, kept as it was.
                if name_key(&record.company) == name_key(&customers[i].company) {
                    record.company.clear();
                }
                if touched[i] {
                    merged.duplicates.push(line);
                }
                touched[i] = true;
                let changed = customers[i].merge_from(&record);
                if changed.is_empty() {
                    merged.unchanged += 1;
                } else {
                    merged.updated += 1;
                    for field in changed {
                        *merged.updated_fields.entry(field).or_default() += 1;
                    }
                }
                merged.stored.push(i);
            }
            None => {
                let at = customers.len();
                index.insert(&record, at);
                customers.push(record);
                touched.push(true);
                merged.added += 1;
                merged.stored.push(at);
            }
        }
    }
    if let Some(listed) = demote {
        let drop: Vec<bool> = (0..customers.len())
            .map(|i| listed.get(i).copied().unwrap_or(false) && !touched[i])
            .collect();
        if drop.iter().any(|d| *d) {
            // Where each kept customer moves to.
            let mut moved = Vec::with_capacity(customers.len());
            let mut next = 0;
            for d in &drop {
                moved.push(next);
                if !d {
                    next += 1;
                }
            }
            let mut i = 0;
            customers.retain(|c| {
                let keep = !drop[i];
                if !keep {
                    merged.demoted.push(c.label().to_string());
                }
                i += 1;
                keep
            });
            for at in &mut merged.stored {
                *at = moved[*at];
            }
            *index = Index::new(customers);
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(id: &str, company: &str, domain: &str) -> BestCustomer {
        BestCustomer {
            id: id.into(),
            company: company.into(),
            domain: domain.into(),
            ..Default::default()
        }
    }

    #[test]
    fn names_compare_without_legal_forms() {
        assert_eq!(name_key("Acme Outdoor, Inc."), name_key("acme  outdoor"));
        assert_eq!(name_key("Müller GmbH"), name_key("MUELLER"));
        assert_eq!(name_key("Inc"), "inc");
        assert_ne!(name_key("Acme"), name_key("Acme Outdoor"));
    }

    #[test]
    fn found_by_id_website_or_name() {
        let list = vec![
            account("hubspot:1", "Acme Outdoor", "acme.com"),
            account("", "Trailhead Supply", ""),
            account("hubspot:3", "Acme", ""),
        ];
        let index = Index::new(&list);
        assert_eq!(index.find(&account("hubspot:1", "", ""), &list), Some(0));
        assert_eq!(
            index.find(&account("salesforce:9", "x", "ACME.com"), &list),
            Some(0)
        );
        assert_eq!(
            index.find(&account("", "Trailhead Supply LLC", ""), &list),
            Some(1)
        );
        // Same name, another HubSpot record: another company.
        assert_eq!(index.find(&account("hubspot:4", "Acme", ""), &list), None);
        let mut shopper = account("", "Acme Outdoor", "");
        shopper.kind = CustomerKind::Shopper;
        assert_eq!(
            index.find(&shopper, &list),
            None,
            "shoppers match by id only"
        );
    }

    #[test]
    fn merges_add_update_and_demote() {
        let mut list = vec![
            BestCustomer {
                industry: "Retail".into(),
                criterion: "Renewed twice".into(),
                ..account("", "Acme", "")
            },
            account("", "Beta", ""),
            account("", "Gamma", ""),
        ];
        let mut index = Index::new(&list);
        let records = vec![
            (
                2,
                BestCustomer {
                    size: "120".into(),
                    ..account("", "Acme", "")
                },
            ),
            (3, account("", "Delta", "")),
            (4, account("", "Gamma", "")),
            (
                5,
                BestCustomer {
                    size: "130".into(),
                    ..account("", "ACME inc", "")
                },
            ),
        ];
        let listed = [true, true, false];
        let merged = apply(&mut list, &mut index, records, Some(&listed));
        assert_eq!((merged.added, merged.updated, merged.unchanged), (1, 2, 1));
        assert_eq!(merged.updated_fields["size"], 2);
        assert_eq!(merged.duplicates, [5]);
        assert_eq!(merged.demoted, ["Beta"]);
        let names: Vec<&str> = list.iter().map(|c| c.company.as_str()).collect();
        assert_eq!(names, ["Acme", "Gamma", "Delta"]);
        assert_eq!(
            list[0].criterion, "Renewed twice",
            "nothing the file lacks is blanked"
        );
        assert_eq!(list[0].industry, "Retail");
        assert_eq!(list[0].size, "130");
        assert_eq!(merged.stored, [0, 2, 1, 0]);
    }
}
