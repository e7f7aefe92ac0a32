//! Finding a thing by id in one of the workspace's lists without reading
//! the list: a sorted table of (hash of the id, position).
//!
//! The lists stay public (and in the order the app shows and saves them), so
//! the table is a cache that checks itself: a position it gives is used only
//! when the item there has the id asked for, an id it does not know is looked
//! for in the list, and a table that was wrong (the list changed behind its
//! back) is built again. The workspace's own changes keep it right as they go
//! (see [`IdIndex::removed`], [`IdIndex::inserted`]), so a save at 50,000
//! personas does not rebuild it.

use std::sync::RwLock;

/// Positions in one list, by the hash of each item's id.
#[derive(Default)]
pub struct IdIndex {
    table: RwLock<Table>,
}

#[derive(Clone, Default)]
struct Table {
    /// Sorted by hash; ids of equal hash sit side by side.
    entries: Vec<(u64, u32)>,
    /// The list's length when the table was made (`None`: never made).
    len: Option<usize>,
}

/// FNV-1a: ids are short, and nothing outside the program picks them to
/// collide (a collision only costs a comparison).
fn hash(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

impl Table {
    fn build<T>(items: &[T], key: impl Fn(&T) -> &str) -> Table {
        let mut entries: Vec<(u64, u32)> = items
            .iter()
            .enumerate()
            .map(|(i, item)| (hash(key(item)), i as u32))
            .collect();
        entries.sort_unstable();
        Table {
            entries,
            len: Some(items.len()),
        }
    }

    /// The position of `id` if the table knows it and is right about it.
    fn find<T>(&self, items: &[T], id: &str, key: impl Fn(&T) -> &str) -> Option<usize> {
        let h = hash(id);
        let first = self.entries.partition_point(|&(x, _)| x < h);
        self.entries[first..]
            .iter()
            .take_while(|&&(x, _)| x == h)
            .map(|&(_, i)| i as usize)
            .find(|&i| items.get(i).is_some_and(|item| key(item) == id))
    }

    fn is_current(&self, len: usize) -> bool {
        self.len == Some(len)
    }
}

impl IdIndex {
    /// The position of the first item whose id is `id`.
    pub fn find<T>(&self, items: &[T], id: &str, key: impl Fn(&T) -> &str + Copy) -> Option<usize> {
        if items.len() < 16 {
            return items.iter().position(|item| key(item) == id);
        }
        {
            let table = self.table.read().unwrap_or_else(|e| e.into_inner());
            if table.is_current(items.len())
                && let Some(i) = table.find(items, id, key)
            {
                return Some(i);
            }
        }
        // Not known, or the list changed since the table was made: the list
        // itself decides, and a table found wrong is made again.
        let found = items.iter().position(|item| key(item) == id);
        let mut table = self.table.write().unwrap_or_else(|e| e.into_inner());
        if !table.is_current(items.len())
            || found.is_some_and(|i| table.find(items, id, key) != Some(i))
        {
            *table = Table::build(items, key);
        }
        found
    }

    /// The list lost its item at `at`.
    pub fn removed(&mut self, at: usize) {
        let table = self.table.get_mut().unwrap_or_else(|e| e.into_inner());
        let Some(len) = table.len else { return };
        let at = at as u32;
        table.entries.retain(|&(_, i)| i != at);
        for entry in &mut table.entries {
            if entry.1 > at {
                entry.1 -= 1;
            }
        }
        table.len = Some(len.saturating_sub(1));
    }

    /// The list gained `id` at `at`.
    pub fn inserted(&mut self, at: usize, id: &str) {
        let table = self.table.get_mut().unwrap_or_else(|e| e.into_inner());
        let Some(len) = table.len else { return };
        let at = at as u32;
        for entry in &mut table.entries {
            if entry.1 >= at {
                entry.1 += 1;
            }
        }
        let entry = (hash(id), at);
        let place = table.entries.partition_point(|&e| e < entry);
        table.entries.insert(place, entry);
        table.len = Some(len + 1);
    }

    /// The item at `at` changed its id from `old` to `new`.
    pub fn renamed(&mut self, at: usize, old: &str, new: &str) {
        if old != new {
            self.removed(at);
            self.inserted(at, new);
        }
    }

    /// Forgets everything (the list was replaced).
    pub fn clear(&mut self) {
        *self.table.get_mut().unwrap_or_else(|e| e.into_inner()) = Table::default();
    }
}

impl Clone for IdIndex {
    fn clone(&self) -> IdIndex {
        let table = self.table.read().unwrap_or_else(|e| e.into_inner());
        IdIndex {
            table: RwLock::new(table.clone()),
        }
    }
}

impl std::fmt::Debug for IdIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("IdIndex")
    }
}

/// Two workspaces are equal when their contents are: the tables are caches.
impl PartialEq for IdIndex {
    fn eq(&self, _: &IdIndex) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::{Interview, Persona, Workspace, WorkspaceMeta};

    fn workspace(n: usize) -> Workspace {
        let mut ws = Workspace::new(WorkspaceMeta::new("t"));
        for i in 0..n {
            ws.personas.push(Persona::new(
                format!("p{i:03}"),
                format!("icp-{}", i % 3),
                format!("Person {i}"),
                "t",
            ));
            ws.interviews
                .push(Interview::new(format!("i{i:03}"), "Notes"));
        }
        ws
    }

    /// Every lookup agrees with a scan of the lists.
    fn agrees(ws: &Workspace, ids: &[&str]) {
        for id in ids {
            assert_eq!(
                ws.persona(id).map(|p| &p.id),
                ws.personas.iter().find(|p| p.id == *id).map(|p| &p.id),
                "persona `{id}`"
            );
            assert_eq!(
                ws.interview(id).map(|i| &i.id),
                ws.interviews.iter().find(|i| i.id == *id).map(|i| &i.id),
                "interview `{id}`"
            );
        }
    }

    #[test]
    fn lookups_follow_rename_delete_move_and_undo() {
        let mut ws = workspace(40);
        agrees(&ws, &["p000", "p017", "p039", "p040", "nobody"]);
        // Delete, then undo (put back where it was).
        let at = ws.persona_position("p017").unwrap();
        let gone = ws.remove_persona(at);
        agrees(&ws, &["p016", "p017", "p018", "p039"]);
        ws.insert_persona(at, gone);
        agrees(&ws, &["p016", "p017", "p018", "p039"]);
        // Rename: the old id is free, the new one found.
        let at = ws.persona_position("p020").unwrap();
        let mut renamed = ws.personas[at].clone();
        renamed.id = "renamed".into();
        ws.replace_persona(at, renamed);
        assert!(ws.persona("p020").is_none());
        assert_eq!(ws.persona_position("renamed"), Some(at));
        agrees(&ws, &["p019", "p020", "p021", "renamed"]);
        // Move to another ICP: out of one place, into another.
        let moved = ws.remove_persona(ws.persona_position("p005").unwrap());
        ws.insert_persona(
            30,
            Persona {
                icp: "icp-9".into(),
                ..moved
            },
        );
        assert_eq!(ws.persona("p005").unwrap().icp, "icp-9");
        assert_eq!(ws.persona_position("p005"), Some(30));
        agrees(&ws, &["p004", "p005", "p006", "p031", "p039"]);
        // Interviews inserted out of order are found too.
        ws.insert_interview(0, Interview::new("zzz", "Notes"));
        let last = ws.interviews.len() - 1;
        ws.remove_interview(last);
        agrees(&ws, &["zzz", "i000", "i038", "i039"]);
    }

    #[test]
    fn lists_changed_directly_are_still_answered_right() {
        let mut ws = workspace(40);
        agrees(&ws, &["p001"]);
        // The lists are public: changes made around the workspace's own
        // methods are caught by the check every answer gets.
        ws.personas.swap(1, 2);
        ws.personas[3].id = "changed".into();
        ws.personas.push(Persona::new("late", "icp-0", "Late", "t"));
        ws.personas.retain(|p| p.id != "p010");
        agrees(
            &ws,
            &["p001", "p002", "p003", "changed", "late", "p010", "p039"],
        );
        ws.personas.reverse();
        agrees(&ws, &["p001", "p002", "changed", "late", "p039"]);
        let copy = ws.clone();
        assert_eq!(copy, ws);
        agrees(&copy, &["p001", "late"]);
    }
}
