//! Settling one conflict by keeping a side (see the module above).

use super::*;

/// Settles `conflict` (as [`list`] found it in `file`) by keeping `choice`.
/// Fails, changing nothing, when the file no longer holds that conflict.
pub fn resolve(file: &mut toml::Table, conflict: &Conflict, choice: Choice) -> Result<(), String> {
    let stale = || "the file changed since its conflicts were listed; list them again".to_string();
    if !list(file).contains(conflict) {
        return Err(stale());
    }
    match &conflict.place {
        Place::Entry { ours, theirs, .. } => {
            let entries = array_at(file, &conflict.path).ok_or_else(stale)?;
            let (keep, drop): (Vec<usize>, Vec<usize>) = match choice {
                Choice::Ours => (
                    ours.iter().copied().collect(),
                    theirs.iter().copied().collect(),
                ),
                Choice::Theirs => (
                    theirs.iter().copied().collect(),
                    ours.iter().copied().collect(),
                ),
                Choice::Both => (ours.iter().chain(theirs).copied().collect(), Vec::new()),
            };
            for &k in &keep {
                if let Some(table) = entries.get_mut(k).and_then(toml::Value::as_table_mut) {
                    table.remove(MARK);
                }
            }
            if choice == Choice::Both
                && let (Some(o), Some(t)) = (ours, theirs)
            {
                keep_both_apart(&conflict.path, entries, *o, *t);
            }
            let mut drop = drop;
            drop.sort_unstable();
            for k in drop.into_iter().rev() {
                entries.remove(k);
            }
        }
        Place::Deleted { entry, .. } => {
            // Deleting the file, if that is the choice, is the caller's
            // part (see `Conflict::deletes_file`).
            if let Some(toml::Value::Array(entries)) = file.get_mut(ENTRIES) {
                entries.remove(*entry);
                if entries.is_empty() {
                    file.remove(ENTRIES);
                }
            }
        }
        Place::Value { entry, lines } => {
            let chosen = match choice {
                Choice::Ours => conflict.ours.clone(),
                Choice::Theirs => conflict.theirs.clone(),
                Choice::Both => None,
            };
            if *lines {
                if choice != Choice::Both
                    && let Some(toml::Value::String(text)) = value_at(file, &conflict.path)
                {
                    let piece = |v: &Option<toml::Value>| {
                        v.as_ref()
                            .and_then(toml::Value::as_str)
                            .unwrap_or("")
                            .to_string()
                    };
                    let both = format!("{}{}", piece(&conflict.ours), piece(&conflict.theirs));
                    let keep = piece(&chosen);
                    if let Some(at) = text.find(&both) {
                        text.replace_range(at..at + both.len(), &keep);
                    }
                }
            } else if choice != Choice::Both && !conflict.path.is_empty() {
                set_value(file, &conflict.path, chosen);
            }
            if let Some(toml::Value::Array(entries)) = file.get_mut(ENTRIES) {
                entries.remove(*entry);
                if entries.is_empty() {
                    file.remove(ENTRIES);
                }
            }
            // The whole file in conflict: theirs replaces it, keeping the
            // conflicts still to settle.
            if conflict.path.is_empty()
                && choice == Choice::Theirs
                && let Some(toml::Value::Table(theirs)) = &conflict.theirs
            {
                let rest = file.remove(ENTRIES);
                *file = theirs.clone();
                if let Some(rest) = rest {
                    file.insert(ENTRIES.into(), rest);
                }
            }
        }
    }
    Ok(())
}

/// Both copies of an entry stay: the second must not claim the first's id.
fn keep_both_apart(path: &[String], entries: &mut [toml::Value], ours: usize, theirs: usize) {
    let id_of = |v: &toml::Value| {
        v.get("id")
            .and_then(toml::Value::as_str)
            .map(str::to_string)
    };
    let (Some(id), Some(their_id)) = (id_of(&entries[ours]), id_of(&entries[theirs])) else {
        return;
    };
    if id != their_id {
        return;
    }
    let taken: Vec<String> = entries.iter().filter_map(id_of).collect();
    let Some(table) = entries[theirs].as_table_mut() else {
        return;
    };
    if path.len() == 2 && path[0] == "fields" {
        // An item without an id is known by its value, which differs.
        table.remove("id");
    } else if path == ["highlights"] {
        let words = table
            .get("text")
            .and_then(toml::Value::as_str)
            .unwrap_or("");
        let fresh = crate::domain::identity::highlight_id(words, |c| taken.iter().any(|t| t == c));
        table.insert("id".into(), toml::Value::String(fresh));
    }
}

fn table_at<'a>(file: &'a mut toml::Table, path: &[String]) -> Option<&'a mut toml::Table> {
    let mut table = file;
    for key in path {
        table = table.get_mut(key)?.as_table_mut()?;
    }
    Some(table)
}

fn array_at<'a>(file: &'a mut toml::Table, path: &[String]) -> Option<&'a mut Vec<toml::Value>> {
    let (last, parents) = path.split_last()?;
    table_at(file, parents)?.get_mut(last)?.as_array_mut()
}

fn value_at<'a>(file: &'a mut toml::Table, path: &[String]) -> Option<&'a mut toml::Value> {
    let (last, parents) = path.split_last()?;
    table_at(file, parents)?.get_mut(last)
}

fn set_value(file: &mut toml::Table, path: &[String], value: Option<toml::Value>) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut table = file;
    for key in parents {
        let next = table
            .entry(key.clone())
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        let Some(inner) = next.as_table_mut() else {
            return;
        };
        table = inner;
    }
    match value {
        Some(value) => {
            table.insert(last.clone(), value);
        }
        None => {
            table.remove(last);
        }
    }
}
