//! Who cites each highlight, for the whole workspace at once. Asking
//! [`Workspace::citing`] scans every card, which is fine for one highlight
//! but not for a screen that shows a dozen of them on every frame: at
//! 50,000 personas that was more than a second a key. [`CitedBy`] walks the
//! cards once and then answers by look-up; it follows changes card by card
//! ([`CitedBy::replaced`] and the like), so a save does not walk them all
//! again.
//!
//! The walk itself ([`each_cited`], [`each_messaging_cite`]) is shared with
//! the markdown export, which builds its own table with each citing card's
//! page name.

use super::persona::Persona;
use super::{Citation, EntityRef, Fields, Kind, Workspace};
use crate::quick_hash::QuickMap;

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

/// What a highlight's citers are sorted by: every ICP field first, then
/// every persona field, then the personas' messaging rows, as
/// [`Workspace::citing`] lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
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

impl Citer {
    fn card(&self) -> (bool, u32) {
        (self.group == Group::IcpFields, self.at)
    }
}

/// For each cited highlight, the cards and fields that cite it, in the
/// order [`Workspace::citing`] gives them.
#[derive(Clone, Debug, Default)]
pub struct CitedBy {
    by: QuickMap<Citation, Vec<Citer>>,
    /// Field names, each once (templates have a few dozen).
    fields: Vec<String>,
    field_ids: QuickMap<String, u32>,
    /// How many ICPs and personas the workspace had when last followed:
    /// a table that does not match is not used ([`CitedBy::is_for`]).
    icps: usize,
    personas: usize,
}

/// The name [`Workspace::citing`] gives the messaging rows.
const MESSAGING: &str = "messaging";

impl CitedBy {
    /// The table of `ws`, in one walk over its cards.
    pub fn of(ws: &Workspace) -> CitedBy {
        let mut table = CitedBy {
            icps: ws.icps.len(),
            personas: ws.personas.len(),
            ..CitedBy::default()
        };
        for at in 0..ws.icps.len() {
            table.add(ws, Kind::Icp, at);
        }
        for at in 0..ws.personas.len() {
            table.add_fields(ws, at);
        }
        for at in 0..ws.personas.len() {
            table.add_messaging(ws, at);
        }
        table
    }

    /// Whether the table follows `ws` (the same number of each card; a
    /// change not followed otherwise goes unseen, so every change to the
    /// lists is followed or the table made again).
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

    /// The card at `at` (its new place) was added to the workspace.
    pub fn inserted(&mut self, ws: &Workspace, kind: Kind, at: usize) {
        self.shift(kind, at, true);
        self.add_card(ws, kind, at);
        self.recount(ws);
    }

    /// The card that was at `at` left the workspace.
    pub fn removed(&mut self, ws: &Workspace, kind: Kind, at: usize) {
        self.forget(kind, at);
        self.shift(kind, at, false);
        self.recount(ws);
    }

    /// The card at `at` was replaced by a new version of it.
    pub fn replaced(&mut self, ws: &Workspace, kind: Kind, at: usize) {
        self.forget(kind, at);
        self.add_card(ws, kind, at);
        self.recount(ws);
    }

    fn recount(&mut self, ws: &Workspace) {
        self.icps = ws.icps.len();
        self.personas = ws.personas.len();
    }

    fn add_card(&mut self, ws: &Workspace, kind: Kind, at: usize) {
        match kind {
            Kind::Icp => self.add(ws, Kind::Icp, at),
            _ => {
                self.add_fields(ws, at);
                self.add_messaging(ws, at);
            }
        }
    }

    fn add(&mut self, ws: &Workspace, kind: Kind, at: usize) {
        let (group, fields) = match kind {
            Kind::Icp => (Group::IcpFields, ws.icps.get(at).map(|i| &i.fields)),
            _ => (Group::PersonaFields, ws.personas.get(at).map(|p| &p.fields)),
        };
        let Some(fields) = fields else { return };
        each_cited(fields, |field, citation| {
            let field = self.field_id(field);
            self.put(citation, group, at, field);
        });
    }

    fn add_fields(&mut self, ws: &Workspace, at: usize) {
        self.add(ws, Kind::Persona, at);
    }

    fn add_messaging(&mut self, ws: &Workspace, at: usize) {
        let Some(persona) = ws.personas.get(at) else {
            return;
        };
        each_messaging_cite(persona, |citation| {
            self.put(citation, Group::Messaging, at, 0);
        });
    }

    /// Files a citer in its place: after every citer that sorts before or
    /// with it, so one card's fields keep the order they were walked in.
    fn put(&mut self, citation: &Citation, group: Group, at: usize, field: u32) {
        let citer = Citer {
            group,
            at: at as u32,
            field,
        };
        let citers = match self.by.get_mut(citation) {
            Some(citers) => citers,
            None => self.by.entry(citation.clone()).or_default(),
        };
        let key = (group, citer.at);
        let place = citers.partition_point(|c| (c.group, c.at) <= key);
        citers.insert(place, citer);
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

    /// Drops every citer of the card at `at`.
    fn forget(&mut self, kind: Kind, at: usize) {
        let card = (kind == Kind::Icp, at as u32);
        self.by.retain(|_, citers| {
            citers.retain(|c| c.card() != card);
            !citers.is_empty()
        });
    }

    /// Moves the citers of the cards of `kind` from `at` on one place up
    /// (a card was inserted there) or down (one was removed).
    fn shift(&mut self, kind: Kind, at: usize, up: bool) {
        let icp = kind == Kind::Icp;
        for citers in self.by.values_mut() {
            for c in citers.iter_mut() {
                if (c.group == Group::IcpFields) == icp && c.at as usize >= at {
                    if up {
                        c.at += 1;
                    } else {
                        c.at -= 1;
                    }
                }
            }
        }
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
    fn the_table_follows_cards_replaced_inserted_and_removed() {
        let mut ws = workspace();
        let mut table = CitedBy::of(&ws);

        // Olivia no longer cites h2, and now cites i2's h1.
        ws.personas[0] = persona("olivia", &[("pains", &[cite("i2", "h1")])]);
        table.replaced(&ws, Kind::Persona, 0);
        agrees(&table, &ws);
        assert_eq!(table.count(&cite("i1", "h2")), 0);

        // A persona in front of the others, then one gone from the middle.
        ws.personas
            .insert(0, persona("ada", &[("goals", &[cite("i1", "h1")])]));
        table.inserted(&ws, Kind::Persona, 0);
        agrees(&table, &ws);
        ws.personas.remove(2);
        table.removed(&ws, Kind::Persona, 2);
        agrees(&table, &ws);

        // An ICP added and removed moves no persona's place.
        ws.icps.insert(0, Icp::new("cafes", "Cafés", "b2b-icp"));
        table.inserted(&ws, Kind::Icp, 0);
        agrees(&table, &ws);
        ws.icps.remove(1);
        table.removed(&ws, Kind::Icp, 1);
        agrees(&table, &ws);
        // Left: Ada's goals; Sam and the Retail ICP are gone.
        assert_eq!(table.count(&cite("i1", "h1")), 1);
    }

    #[test]
    fn a_table_of_other_lists_is_not_for_the_workspace() {
        let mut ws = workspace();
        let table = CitedBy::of(&ws);
        ws.personas.pop();
        assert!(!table.is_for(&ws));
    }
}
