//! Identities that two people working apart cannot both pick.
//!
//! A workspace is shared in git, so two teammates add highlights and field
//! items at the same time on different machines. Counting (`h1`, `h2`, ...)
//! gives both of them `h3`; a merge then cannot tell two different quotes
//! apart. Ids here are made from the content instead: a highlight's id comes
//! from its words, an item's from its field and value. Two people can only
//! arrive at the same id by writing the same thing, and then it *is* the same
//! thing, which a merge rightly treats as one.
//!
//! Highlight ids are stored (`id = "hq3k7zm"`, cited as `interview#hq3k7zm`).
//! Ids written by earlier versions (`h1`, `h2`, ...) stay as they are: they
//! already sit in the shared history, where both sides of any later merge
//! agree on what they mean; only new highlights need ids nobody else picks.
//!
//! Field items may carry an `id`. An item without one is known by its
//! *implicit* id, worked out from its field and value by [`item_ids`], the
//! same way on every machine, so a file written before ids existed still
//! merges item by item. An editor that lets people change an item's value
//! calls [`identify`] when it starts, so the item keeps its identity through
//! the edit.

use super::value::{Fields, Item, Number, Value};
use std::collections::{HashMap, HashSet};

/// Letters and digits that cannot be misread for one another (no `l`, `o`,
/// `0` or `1`): 32 of them, five bits each.
const ALPHABET: &[u8; 32] = b"abcdefghijkmnpqrstuvwxyz23456789";

/// Six characters (30 bits) of a stable hash of `parts`. FNV-1a, written
/// out here because ids must come out the same on every machine and in
/// every version, which `std`'s hasher does not promise.
pub fn short_hash(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    // Fold the high bits in: FNV's low bits mix least.
    hash ^= hash >> 29;
    (0..6)
        .map(|i| ALPHABET[((hash >> (i * 5)) & 31) as usize] as char)
        .collect()
}

/// The id of a new highlight quoting `words`: `h` and six characters made
/// from the words (whitespace aside), moved on to the next candidate while
/// `taken` says the interview already uses it.
pub fn highlight_id(words: &str, taken: impl Fn(&str) -> bool) -> String {
    let key = words.split_whitespace().collect::<Vec<_>>().join(" ");
    (0u32..)
        .map(|n| {
            let salt = n.to_string();
            let parts: &[&str] = if n == 0 { &[&key] } else { &[&key, &salt] };
            format!("h{}", short_hash(parts))
        })
        .find(|id| !taken(id))
        .expect("some candidate is free")
}

/// What an item's value is, as a key: `t:` and the text, `n:` and the
/// number, `r:min:max`. `None` for a table that is not an item.
pub fn item_key(item: &toml::Table) -> Option<String> {
    Some(value_key(&table_value(item)?))
}

fn value_key(value: &Value) -> String {
    match value {
        Value::Text(text) => format!("t:{text}"),
        Value::Number(n) => format!("n:{}", number_key(*n)),
        Value::Range { min, max } => format!("r:{}:{}", number_key(*min), number_key(*max)),
    }
}

fn number_key(n: Number) -> String {
    let v = n.get();
    if v.fract() == 0.0 && v.abs() < 9_007_199_254_740_992.0 {
        (v as i64).to_string()
    } else {
        v.to_string()
    }
}

/// The value an item table holds, read the way [`Item`] reads it.
fn table_value(item: &toml::Table) -> Option<Value> {
    let number = |key: &str| match item.get(key)? {
        toml::Value::Integer(i) => Number::new(*i as f64),
        toml::Value::Float(f) => Number::new(*f),
        _ => None,
    };
    if let Some(toml::Value::String(text)) = item.get("text") {
        return Some(Value::Text(text.clone()));
    }
    if let Some(n) = number("number") {
        return Some(Value::Number(n));
    }
    Some(Value::Range {
        min: number("min")?,
        max: number("max")?,
    })
}

/// The id of every item of one field, in order: its own `id` when it has
/// one, else its implicit id, made from the field and the value. Items with
/// the same value get different ids (the first, second, ... of that value),
/// and an implicit id never repeats an explicit one in the same field.
pub fn item_ids(field: &str, items: &[&toml::Table]) -> Vec<String> {
    let explicit = |item: &toml::Table| match item.get("id") {
        Some(toml::Value::String(id)) if !id.is_empty() => Some(id.clone()),
        _ => None,
    };
    let mut taken: HashSet<String> = items.iter().filter_map(|i| explicit(i)).collect();
    let mut seen: HashMap<String, u32> = HashMap::new();
    items
        .iter()
        .map(|item| {
            if let Some(id) = explicit(item) {
                return id;
            }
            // A table that is not a well-formed item is known by all of it.
            let key = item_key(item).unwrap_or_else(|| format!("x:{item}"));
            let n = seen.entry(key.clone()).or_insert(0);
            loop {
                let count = n.to_string();
                let parts: &[&str] = if *n == 0 {
                    &[field, &key]
                } else {
                    &[field, &key, &count]
                };
                let id = short_hash(parts);
                *n += 1;
                if taken.insert(id.clone()) {
                    return id;
                }
            }
        })
        .collect()
}

/// Gives every item that has no `id` the one it is implicitly known by, so
/// that changing its value later keeps its identity. Call it on the fields
/// an editor starts from; items that already have ids are left alone.
pub fn identify(fields: &mut Fields) {
    for (field, items) in fields.iter_mut() {
        if items.iter().all(|item| item.id().is_some()) {
            continue;
        }
        let tables: Vec<toml::Table> = items.iter().map(item_table).collect();
        let refs: Vec<&toml::Table> = tables.iter().collect();
        for (item, id) in items.iter_mut().zip(item_ids(field, &refs)) {
            if item.id().is_none() {
                item.set_id(id);
            }
        }
    }
}

/// The id an item is known by in its field (its own, or its implicit one).
pub fn item_id_in(field: &str, items: &[Item], index: usize) -> Option<String> {
    let tables: Vec<toml::Table> = items.iter().map(item_table).collect();
    let refs: Vec<&toml::Table> = tables.iter().collect();
    item_ids(field, &refs).into_iter().nth(index)
}

fn item_table(item: &Item) -> toml::Table {
    let mut table = toml::Table::new();
    if let Some(id) = item.id() {
        table.insert("id".into(), toml::Value::String(id.to_string()));
    }
    match &item.value {
        Value::Text(text) => {
            table.insert("text".into(), toml::Value::String(text.clone()));
        }
        Value::Number(n) => {
            table.insert("number".into(), toml::Value::Float(n.get()));
        }
        Value::Range { min, max } => {
            table.insert("min".into(), toml::Value::Float(min.get()));
            table.insert("max".into(), toml::Value::Float(max.get()));
        }
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(text: &str) -> toml::Table {
        let mut t = toml::Table::new();
        t.insert("text".into(), toml::Value::String(text.into()));
        t
    }

    #[test]
    fn hashes_are_stable_and_short() {
        // Fixed forever: ids in files depend on it.
        assert_eq!(short_hash(&["Every Monday"]), short_hash(&["Every Monday"]));
        assert_eq!(short_hash(&["a"]).len(), 6);
        assert_ne!(short_hash(&["a", "b"]), short_hash(&["ab"]));
        assert!(short_hash(&["x"]).bytes().all(|b| ALPHABET.contains(&b)));
    }

    #[test]
    fn highlight_ids_come_from_the_words_and_never_repeat() {
        let a = highlight_id("Every Monday  I lose\nhalf a day", |_| false);
        let b = highlight_id("Every Monday I lose half a day", |_| false);
        assert_eq!(a, b, "whitespace does not change the id");
        assert!(a.starts_with('h') && a.len() == 7);
        let c = highlight_id("Every Monday I lose half a day", |id| id == a);
        assert_ne!(c, a);
        assert_ne!(highlight_id("Something else", |_| false), a);
    }

    #[test]
    fn items_are_known_by_field_and_value() {
        let (x, y, x2) = (item("Shopify"), item("Klaviyo"), item("Shopify"));
        let ids = item_ids("tools", &[&x, &y, &x2]);
        assert_eq!(ids.len(), 3);
        assert_ne!(ids[0], ids[2], "the second Shopify is another item");
        assert_eq!(ids[0], item_ids("tools", &[&x])[0], "same value, same id");
        assert_ne!(ids[0], item_ids("channels", &[&x])[0]);
        // An edited item keeps its explicit id, and a new item with the
        // old value does not take it.
        let mut edited = item("Shopify Plus");
        edited.insert("id".into(), toml::Value::String(ids[0].clone()));
        let again = item_ids("tools", &[&edited, &x]);
        assert_eq!(again[0], ids[0]);
        assert_ne!(again[1], ids[0]);
    }

    #[test]
    fn numbers_are_keyed_as_people_read_them() {
        let mut a = toml::Table::new();
        a.insert("number".into(), toml::Value::Integer(12));
        let mut b = toml::Table::new();
        b.insert("number".into(), toml::Value::Float(12.0));
        assert_eq!(item_key(&a), item_key(&b));
        let mut r = toml::Table::new();
        r.insert("min".into(), toml::Value::Integer(20));
        r.insert("max".into(), toml::Value::Integer(200));
        assert_eq!(item_key(&r).as_deref(), Some("r:20:200"));
        assert_eq!(item_key(&toml::Table::new()), None);
    }

    #[test]
    fn identify_writes_the_implicit_ids_down() {
        let mut fields = Fields::new();
        fields.insert(
            "pain_points".into(),
            vec![Item::text("Stock by hand"), Item::text("Slow reports")],
        );
        let before = item_id_in("pain_points", &fields["pain_points"], 1);
        identify(&mut fields);
        let items = &fields["pain_points"];
        assert!(items.iter().all(|i| i.id().is_some()));
        assert_eq!(items[1].id().map(str::to_string), before);
        let ids: Vec<_> = items.iter().map(|i| i.id().unwrap().to_string()).collect();
        identify(&mut fields);
        let again: Vec<_> = fields["pain_points"]
            .iter()
            .map(|i| i.id().unwrap().to_string())
            .collect();
        assert_eq!(ids, again);
    }
}
