//! Who cites each highlight, for the whole workspace at once. Asking
//! [`Workspace::citing`] scans every card, which is fine for one highlight
//! but not for a screen that shows a dozen of them on every frame: at
//! 50,000 personas that was more than a second a key. [`CitedBy`] walks the
//! cards once and then answers by look-up, until a card changes.
//!
//! The walk itself ([`each_cited`], [`each_messaging_cite`]) is shared with
//! the markdown export, which builds its own table with each citing card's
//! page name.

use super::persona::Persona;
use super::{Citation, EntityRef, Fields, Kind, Workspace};
use crate::quick_hash::QuickMap;
use std::collections::HashMap;

/// Calls `cite` once for each (field, highlight) pair of `fields`: a field
/// citing one highlight in three items cites it once.
pub fn each_cited<'w>(fields: &'w Fields, mut cite: impl FnMut(&'w str, &'w Citation)) {
    let mut seen: Vec<&Citation> = Vec::new();
    for (field, items) in fields {
        seen.clear();
        for citation in items.iter().flat_map(|item| &item.cites) {
            if !seen.contains(&citation) {
                seen.push(citation);
                cite(field, citation);
            }
        }
    }
}

/// Calls `cite` once for each highlight the persona's messaging rows cite
/// (the rows count as one `messaging` field).
pub fn each_messaging_cite<'w>(persona: &'w Persona, mut cite: impl FnMut(&'w Citation)) {
    let mut seen: Vec<&Citation> = Vec::new();
    for citation in persona.messaging.iter().flat_map(|row| &row.cites) {
        if !seen.contains(&citation) {
            seen.push(citation);
            cite(citation);
        }
    }
}

/// Which of a card's lists cites: an ICP's fields, a persona's fields,
/// or a persona's messaging rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Group {
    IcpFields,
    PersonaFields,
    Messaging,
}

/// One card's field citing a highlight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Citer {
    group: Group,
    /// The card's place among the workspace's ICPs or personas.
    at: u32,
    /// The field's name, in [`CitedBy::fields`].
    field: u32,
}

/// For each cited highlight, the cards and fields that cite it, in the
/// order [`Workspace::citing`] gives them.
#[derive(Clone, Debug, Default)]
pub struct CitedBy {
    /// The standard hasher, not [`QuickMap`]'s: citations differ mostly in
    /// their last bytes (`interview-01255#h2`), which that hash leaves in
    /// its high bits, and the table's buckets are picked by the low ones
    /// (building it at 50,000 personas took 0.7 s, mostly comparing keys
    /// of one bucket).
    by: HashMap<Citation, Vec<Citer>>,
    /// Field names, each once (templates have a few dozen).
    fields: Vec<String>,
    field_ids: QuickMap<String, u32>,
    /// How many ICPs and personas the workspace had when the table was
    /// made: a table that does not match is not used ([`CitedBy::is_for`]).
    icps: usize,
    personas: usize,
}

/// The name [`Workspace::citing`] gives the messaging rows.
const MESSAGING: &str = "messaging";

impl CitedBy {
    /// The table of `ws`, in one walk over its cards, in the order
    /// [`Workspace::citing`] lists citers: every ICP's fields, every
    /// persona's, then every persona's messaging rows.
    pub fn of(ws: &Workspace) -> CitedBy {
        let mut table = CitedBy {
            icps: ws.icps.len(),
            personas: ws.personas.len(),
            ..CitedBy::default()
        };
        for (at, icp) in ws.icps.iter().enumerate() {
            table.add_fields(Group::IcpFields, at, &icp.fields);
        }
        for (at, persona) in ws.personas.iter().enumerate() {
            table.add_fields(Group::PersonaFields, at, &persona.fields);
        }
        for (at, persona) in ws.personas.iter().enumerate() {
            each_messaging_cite(persona, |citation| {
                table.put(citation, Group::Messaging, at, 0);
            });
        }
        table
    }

    /// Whether the table may be of `ws`: the same number of each card. It
    /// cannot tell a card edited in place, so whoever holds the table drops
    /// it when a card changes.
    pub fn is_for(&self, ws: &Workspace) -> bool {
        self.icps == ws.icps.len() && self.personas == ws.personas.len()
    }

    /// The ICP and persona fields citing `citation`, as
    /// [`Workspace::citing`] finds them.
    pub fn citing(&self, ws: &Workspace, citation: &Citation) -> Vec<(EntityRef, String)> {
        let Some(citers) = self.by.get(citation) else {
            return Vec::new();
        };
        citers
            .iter()
            .filter_map(|c| {
                let id = match c.group {
                    Group::IcpFields => &ws.icps.get(c.at as usize)?.id,
                    _ => &ws.personas.get(c.at as usize)?.id,
                };
                let kind = match c.group {
                    Group::IcpFields => Kind::Icp,
                    _ => Kind::Persona,
                };
                let field = match c.group {
                    Group::Messaging => MESSAGING,
                    _ => self.fields.get(c.field as usize)?,
                };
                Some((EntityRef::new(kind, id), field.to_string()))
            })
            .collect()
    }

    /// How many fields cite `citation` (what [`CitedBy::citing`] would
    /// list, without making the list).
    pub fn count(&self, citation: &Citation) -> usize {
        self.by.get(citation).map_or(0, Vec::len)
    }

    fn add_fields(&mut self, group: Group, at: usize, fields: &Fields) {
        // A field's citations come one after another: its name is looked
        // up once.
        let mut last: Option<(&str, u32)> = None;
        each_cited(fields, |field, citation| {
            let id = match last {
                Some((name, id)) if name == field => id,
                _ => self.field_id(field),
            };
            last = Some((field, id));
            self.put(citation, group, at, id);
        });
    }

    /// Adds a citer after those added before it.
    fn put(&mut self, citation: &Citation, group: Group, at: usize, field: u32) {
        let citer = Citer {
            group,
            at: at as u32,
            field,
        };
        match self.by.get_mut(citation) {
            Some(citers) => citers.push(citer),
            None => {
                self.by.insert(citation.clone(), vec![citer]);
            }
        }
    }

    fn field_id(&mut self, field: &str) -> u32 {
        if let Some(&id) = self.field_ids.get(field) {
            return id;
        }
        let id = self.fields.len() as u32;
        self.fields.push(field.to_string());
        self.field_ids.insert(field.to_string(), id);
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::outreach::matrix::MessagingRow;
    use crate::domain::{Icp, Item};

    fn cite(interview: &str, highlight: &str) -> Citation {
        Citation::new(interview, highlight)
    }

    fn persona(id: &str, fields: &[(&str, &[Citation])]) -> Persona {
        let mut p = Persona::new(id, "retail", id, "b2b-decision-maker");
        for (field, cites) in fields {
            p.fields
                .entry((*field).into())
                .or_default()
                .push(Item::text("a claim").citing(cites.iter().cloned()));
        }
        p
    }

    fn workspace() -> Workspace {
        let mut ws = Workspace::new(crate::domain::WorkspaceMeta::new("w"));
        let mut icp = Icp::new("retail", "Retail", "b2b-icp");
        icp.fields.insert(
            "industry".into(),
            vec![Item::text("Retail").citing([cite("i1", "h1")])],
        );
        ws.icps.push(icp);
        ws.personas.push(persona(
            "olivia",
            &[
                ("pains", &[cite("i1", "h1"), cite("i1", "h2")]),
                ("goals", &[cite("i1", "h1")]),
            ],
        ));
        let mut sam = persona("sam", &[("pains", &[cite("i1", "h1"), cite("i1", "h1")])]);
        sam.messaging.push(MessagingRow {
            cites: vec![cite("i1", "h1"), cite("i1", "h1")],
            ..MessagingRow::default()
        });
        ws.personas.push(sam);
        ws.personas
            .push(persona("zoe", &[("fears", &[cite("i2", "h1")])]));
        ws
    }

    /// Every highlight cited anywhere, and one cited nowhere.
    fn asked(ws: &Workspace) -> Vec<Citation> {
        let mut all: Vec<Citation> = ws
            .personas
            .iter()
            .flat_map(|p| p.fields.values().flatten().flat_map(|i| i.cites.clone()))
            .collect();
        all.push(cite("i9", "h9"));
        all.sort();
        all.dedup();
        all
    }

    fn agrees(table: &CitedBy, ws: &Workspace) {
        assert!(table.is_for(ws));
        for c in asked(ws) {
            assert_eq!(table.citing(ws, &c), ws.citing(&c), "{c}");
            assert_eq!(table.count(&c), ws.citing(&c).len(), "{c}");
        }
    }

    #[test]
    fn the_table_lists_what_a_scan_of_every_card_lists_in_the_same_order() {
        let ws = workspace();
        let table = CitedBy::of(&ws);
        agrees(&table, &ws);
        let names: Vec<String> = table
            .citing(&ws, &cite("i1", "h1"))
            .into_iter()
            .map(|(e, f)| format!("{}:{f}", e.id))
            .collect();
        assert_eq!(
            names,
            [
                "retail:industry",
                "olivia:goals",
                "olivia:pains",
                "sam:pains",
                "sam:messaging"
            ]
        );
    }

    #[test]
    fn a_table_of_other_lists_is_not_for_the_workspace() {
        let mut ws = workspace();
        let table = CitedBy::of(&ws);
        ws.personas.pop();
        assert!(!table.is_for(&ws));
    }
}
