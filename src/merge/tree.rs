//! Three-way merge of one TOML document, key by key and entry by entry.
//!
//! The rules are structural, so every workspace file merges, including
//! kinds this version does not know:
//!
//! - a table merges key by key; a value changed on one side only takes
//!   that side; the same change on both sides is taken once;
//! - a list of tables (field items, highlights, best customers, template
//!   sections, ...) merges entry by entry, each known by its identity (see
//!   [`identities`]): additions from both sides are kept, a removal on one
//!   side is honoured, an entry both sides changed merges key by key, and
//!   when that fails both versions are kept and marked;
//! - a list of plain values (citations, tags, tools) merges as a set;
//! - text with line breaks merges line by line;
//! - `updated` takes the later time, `created` the earlier;
//! - anything else changed differently on both sides keeps ours and is
//!   recorded as a conflict (see [`crate::domain::conflict`]).

use super::lines;
use crate::domain::conflict::{self, Mark};
use crate::domain::{BestCustomer, Highlight, Item, identity};
use std::collections::{HashMap, HashSet};
use toml::{Table, Value};

/// A single value both sides changed differently.
#[derive(Clone, Debug, PartialEq)]
pub struct ValueConflict {
    pub path: Vec<String>,
    pub ours: Option<Value>,
    pub theirs: Option<Value>,
    /// `ours` and `theirs` are the lines of text each side wrote in one
    /// place, and the merged text holds both.
    pub lines: bool,
}

/// What knowledge of the file's meaning a merge may use.
pub struct Rules<'a> {
    /// Whether the field with this id holds a single value (per its
    /// template): two different values added on the two sides are then a
    /// conflict, not two items.
    pub single_valued: &'a dyn Fn(&str) -> bool,
}

impl Default for Rules<'_> {
    fn default() -> Self {
        Rules {
            single_valued: &|_| false,
        }
    }
}

/// The merged document with what could not be settled.
#[derive(Clone, Debug)]
pub struct Tree {
    pub table: Table,
    /// Single values in conflict, not yet written into `table`.
    pub values: Vec<ValueConflict>,
    /// How many list entries were kept twice (or kept though removed) and
    /// marked in `table`.
    pub entries: usize,
}

/// Merges `ours` and `theirs`, both changed from `base`.
pub fn merge(base: &Table, ours: &Table, theirs: &Table, rules: &Rules) -> Tree {
    let mut merger = Merger {
        rules,
        values: Vec::new(),
        entries: 0,
    };
    let table = merger.table(&mut Vec::new(), Some(base), ours, theirs);
    Tree {
        table,
        values: merger.values,
        entries: merger.entries,
    }
}

struct Merger<'r, 'a> {
    rules: &'r Rules<'a>,
    values: Vec<ValueConflict>,
    entries: usize,
}

impl Merger<'_, '_> {
    fn table(
        &mut self,
        path: &mut Vec<String>,
        base: Option<&Table>,
        ours: &Table,
        theirs: &Table,
    ) -> Table {
        let mut keys: Vec<&String> = ours.keys().chain(theirs.keys()).collect();
        if let Some(base) = base {
            keys.extend(base.keys());
        }
        keys.sort();
        keys.dedup();
        let mut out = Table::new();
        for key in keys {
            path.push(key.clone());
            let merged = self.value(
                path,
                base.and_then(|b| b.get(key)),
                ours.get(key),
                theirs.get(key),
            );
            path.pop();
            if let Some(value) = merged {
                out.insert(key.clone(), value);
            }
        }
        out
    }

    fn value(
        &mut self,
        path: &mut Vec<String>,
        base: Option<&Value>,
        ours: Option<&Value>,
        theirs: Option<&Value>,
    ) -> Option<Value> {
        if ours == theirs || theirs == base {
            return ours.cloned();
        }
        if ours == base {
            return theirs.cloned();
        }
        let key = path.last().map(String::as_str).unwrap_or("");
        if let (Some(o), Some(t)) = (ours, theirs) {
            match key {
                "updated" | "saved" | "last_validated" => return Some(later(o, t, true).clone()),
                "created" => return Some(later(o, t, false).clone()),
                "schema" if o.is_integer() && t.is_integer() => {
                    return Some(later(o, t, true).clone());
                }
                _ => {}
            }
        }
        let empty_table = Value::Table(Table::new());
        let empty_array = Value::Array(Vec::new());
        let one_removed = ours.is_none() || theirs.is_none();
        // A table or list removed on one side is merged as an empty one, so
        // what the other side changed inside it is weighed entry by entry.
        let is = |v: Option<&Value>, f: fn(&Value) -> bool| v.is_none_or(f);
        if is(ours, Value::is_table) && is(theirs, Value::is_table) && is(base, Value::is_table) {
            let merged = self.table(
                path,
                base.and_then(Value::as_table),
                ours.unwrap_or(&empty_table).as_table()?,
                theirs.unwrap_or(&empty_table).as_table()?,
            );
            return (!(merged.is_empty() && one_removed)).then_some(Value::Table(merged));
        }
        if is(ours, Value::is_array) && is(theirs, Value::is_array) && is(base, Value::is_array) {
            let as_slice = |v: Option<&Value>| -> Vec<Value> {
                v.unwrap_or(&empty_array)
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
            };
            if let Some(merged) =
                self.array(path, &as_slice(base), &as_slice(ours), &as_slice(theirs))
            {
                return (!(merged.is_empty() && one_removed)).then_some(Value::Array(merged));
            }
        } else if let (Some(Value::String(o)), Some(Value::String(t))) = (ours, theirs) {
            let b = base.and_then(Value::as_str).unwrap_or("");
            if [b, o, t].iter().any(|s| s.contains('\n')) {
                let merged = lines::merge(b, o, t);
                for hunk in merged.conflicts {
                    self.values.push(ValueConflict {
                        path: path.clone(),
                        ours: Some(Value::String(hunk.ours)),
                        theirs: Some(Value::String(hunk.theirs)),
                        lines: true,
                    });
                }
                return Some(Value::String(merged.text));
            }
        }
        self.values.push(ValueConflict {
            path: path.clone(),
            ours: ours.cloned(),
            theirs: theirs.cloned(),
            lines: false,
        });
        ours.or(theirs).cloned()
    }

    /// `None` when the lists mix tables and plain values, which only a
    /// person can sort out.
    fn array(
        &mut self,
        path: &[String],
        base: &[Value],
        ours: &[Value],
        theirs: &[Value],
    ) -> Option<Vec<Value>> {
        let all = || base.iter().chain(ours).chain(theirs);
        if all().all(Value::is_table) {
            Some(self.entries(path, base, ours, theirs))
        } else if all().all(|v| !v.is_table()) {
            let key = |list: &[Value]| keyed(list.iter().map(|v| v.to_string()).collect(), list);
            let (merged, _) = sequence(&key(base), &key(ours), &key(theirs), &mut |_, _, _| None);
            Some(merged.into_iter().map(|(_, v)| v).collect())
        } else {
            None
        }
    }

    fn entries(
        &mut self,
        path: &[String],
        base: &[Value],
        ours: &[Value],
        theirs: &[Value],
    ) -> Vec<Value> {
        let ids = identities(path, [base, ours, theirs]);
        let [b, o, t] = ids.map(|(ids, list)| keyed(ids, list));
        let rules = self.rules;
        let mut merge_entry = |base: Option<&Value>, ours: &Value, theirs: &Value| {
            let mut inner = Merger {
                rules,
                values: Vec::new(),
                entries: 0,
            };
            let merged = inner.table(
                &mut path.to_vec(),
                base.and_then(Value::as_table),
                ours.as_table()?,
                theirs.as_table()?,
            );
            (inner.values.is_empty() && inner.entries == 0 && entry_ok(path, &merged))
                .then_some(Value::Table(merged))
        };
        let (mut merged, mut conflicts) = sequence(&b, &o, &t, &mut merge_entry);
        // A field that holds one value, given a different one on each side.
        if let [fields, field] = path
            && fields == "fields"
            && (self.rules.single_valued)(field)
            && conflicts == 0
            && merged.len() > 1
            && ours.len() <= 1
            && theirs.len() <= 1
        {
            let from_ours: HashSet<&String> = o.iter().map(|(id, _)| id).collect();
            for (id, value) in &mut merged {
                if let Some(table) = value.as_table_mut() {
                    let side = if from_ours.contains(id) {
                        Mark::Ours
                    } else {
                        Mark::Theirs
                    };
                    side.set(table);
                }
            }
            conflicts = 1;
        }
        self.entries += conflicts;
        merged.into_iter().map(|(_, v)| v).collect()
    }
}

/// Whether a merged entry still reads as what the list holds (an item has
/// exactly one kind of value, a highlight its id and words, ...).
fn entry_ok(path: &[String], entry: &Table) -> bool {
    let value = Value::Table(entry.clone());
    match path {
        [fields, _] if fields == "fields" => value.try_into::<Item>().is_ok(),
        [key] if key == "highlights" => value.try_into::<Highlight>().is_ok(),
        [key] if key == "best_customers" => value.try_into::<BestCustomer>().is_ok(),
        _ => true,
    }
}

/// What each entry of a list is known by, in the three versions: a field's
/// items by their ids (see [`identity::item_ids`]); other lists by the
/// first of `id`, `key`, `company`, `name`, `title` that every entry has
/// (names and companies ignoring case); failing all, by their whole
/// content. A marked copy is known apart from the other side's copy.
fn identities<'a>(path: &[String], lists: [&'a [Value]; 3]) -> [(Vec<String>, &'a [Value]); 3] {
    let tables =
        |list: &'a [Value]| -> Vec<&'a Table> { list.iter().filter_map(Value::as_table).collect() };
    let all: Vec<&Table> = lists.iter().flat_map(|l| tables(l)).collect();
    let key = ["id", "key", "company", "name", "title"]
        .into_iter()
        .find(|k| {
            all.iter().all(|t| {
                t.get(*k)
                    .and_then(Value::as_str)
                    .is_some_and(|s| !s.is_empty())
            })
        });
    lists.map(|list| {
        let entries = tables(list);
        let ids: Vec<String> = match (path, key) {
            ([fields, field], _) if fields == "fields" => identity::item_ids(field, &entries),
            (_, Some(k)) => entries
                .iter()
                .map(|t| {
                    let id = t.get(k).and_then(Value::as_str).unwrap_or_default();
                    if matches!(k, "company" | "name" | "title") {
                        id.trim().to_lowercase()
                    } else {
                        id.to_string()
                    }
                })
                .collect(),
            (_, None) => entries
                .iter()
                .map(|t| {
                    let mut plain = (*t).clone();
                    plain.remove(conflict::MARK);
                    plain.to_string()
                })
                .collect(),
        };
        let ids = ids
            .into_iter()
            .zip(&entries)
            .map(|(id, t)| match Mark::of(t) {
                Some(mark) => format!("{id}|{}", mark.as_str()),
                None => id,
            })
            .collect();
        (ids, list)
    })
}

/// Pairs each entry with its identity, making repeated identities unique
/// by their order (the second `x` is `x#2`).
fn keyed(ids: Vec<String>, list: &[Value]) -> Vec<(String, Value)> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    ids.into_iter()
        .zip(list.iter().cloned())
        .map(|(id, value)| {
            let n = seen.entry(id.clone()).or_insert(0);
            *n += 1;
            let id = if *n == 1 { id } else { format!("{id}#{n}") };
            (id, value)
        })
        .collect()
}

/// Merges one entry both sides changed (given the base's version, if any),
/// or gives `None` to keep both versions.
type MergeEntry<'a> = dyn FnMut(Option<&Value>, &Value, &Value) -> Option<Value> + 'a;

/// Three-way merge of a list whose entries have identities. Keeps our
/// order; entries only theirs has go after the entry they follow there.
/// `merge_entry` merges an entry both sides changed, or gives `None` to
/// keep both versions, marked. Returns the entries with their identities,
/// and how many conflicts were marked.
fn sequence(
    base: &[(String, Value)],
    ours: &[(String, Value)],
    theirs: &[(String, Value)],
    merge_entry: &mut MergeEntry,
) -> (Vec<(String, Value)>, usize) {
    let map =
        |list: &[(String, Value)]| -> HashMap<String, Value> { list.iter().cloned().collect() };
    let (b, o, t) = (map(base), map(ours), map(theirs));
    let mut conflicts = 0;
    // (identity, value, added by ours alone)
    let mut out: Vec<(String, Value, bool)> = Vec::new();
    for (id, ov) in ours {
        match (b.get(id), t.get(id)) {
            (Some(bv), None) => {
                if ov != bv {
                    conflicts += 1;
                    out.push((id.clone(), marked(ov, Mark::RemovedByTheirs), false));
                }
            }
            (bv, Some(tv)) => {
                if ov == tv || bv == Some(tv) {
                    out.push((id.clone(), ov.clone(), false));
                } else if bv == Some(ov) {
                    out.push((id.clone(), tv.clone(), false));
                } else if let Some(merged) = merge_entry(bv, ov, tv) {
                    out.push((id.clone(), merged, false));
                } else {
                    conflicts += 1;
                    out.push((id.clone(), marked(ov, Mark::Ours), false));
                    out.push((id.clone(), marked(tv, Mark::Theirs), false));
                }
            }
            (None, None) => out.push((id.clone(), ov.clone(), true)),
        }
    }
    for (index, (id, tv)) in theirs.iter().enumerate() {
        if o.contains_key(id) {
            continue;
        }
        let value = match b.get(id) {
            Some(bv) if bv == tv => continue,
            Some(_) => {
                conflicts += 1;
                marked(tv, Mark::RemovedByOurs)
            }
            None => tv.clone(),
        };
        let after = theirs[..index]
            .iter()
            .rev()
            .find_map(|(prev, _)| out.iter().rposition(|(k, _, _)| k == prev));
        let mut at = after.map_or(0, |i| i + 1);
        while at < out.len() && out[at].2 {
            at += 1;
        }
        out.insert(at, (id.clone(), value, false));
    }
    (
        out.into_iter().map(|(id, v, _)| (id, v)).collect(),
        conflicts,
    )
}

/// A copy of a list entry marked as one side of a conflict. Plain values
/// cannot carry a mark and are kept as they are.
fn marked(value: &Value, mark: Mark) -> Value {
    let mut value = value.clone();
    if let Some(table) = value.as_table_mut() {
        mark.set(table);
    }
    value
}

/// The later (or earlier) of two times or dates; ours when they cannot be
/// compared.
fn later<'v>(ours: &'v Value, theirs: &'v Value, latest: bool) -> &'v Value {
    let key = |v: &Value| -> Option<(i128, String)> {
        match v {
            Value::Integer(i) => Some((*i as i128, String::new())),
            Value::Datetime(d) => {
                let text = d.to_string();
                let instant = text
                    .parse::<jiff::Timestamp>()
                    .map(|t| t.as_nanosecond())
                    .unwrap_or(0);
                Some((instant, text))
            }
            Value::String(s) => Some((
                s.parse::<jiff::Timestamp>()
                    .map(|t| t.as_nanosecond())
                    .unwrap_or(0),
                s.clone(),
            )),
            _ => None,
        }
    };
    match (key(ours), key(theirs)) {
        (Some(o), Some(t)) if (t > o) == latest && t != o => theirs,
        _ => ours,
    }
}
