//! Who cites each highlight, for the whole workspace at once. Asking
//! [`Workspace::citing`] scans every card, which is fine for one highlight
//! but not for a screen that shows a dozen of them on every frame: at
//! 50,000 personas that was more than a second a key. [`CitedBy`] walks the
//! cards once and then answers by look-up; when cards change it follows
//! them one by one ([`CitedBy::follow`]), at a cost of the changed cards'
//! citations (a fraction of a millisecond), not of a new walk (a third of
//! a second at 50,000 personas, on two threads).
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

/// Which of a card's lists cites: an ICP's fields, a persona's fields,
/// or a persona's messaging rows (in the order [`Workspace::citing`]
/// lists them).
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
    /// The card's number in the table ([`Card::number`]), which stays the
    /// same while cards before it come and go.
    card: u32,
    /// The field's name, in [`CitedBy::fields`].
    field: u32,
}

/// The table's record of one ICP or persona.
#[derive(Clone, Debug, Default)]
struct Card {
    number: u32,
    /// The highlights it cites (as numbers in [`CitedBy::citers`]), where
    /// its citers are to be taken out when it changes.
    keys: Vec<u32>,
}

/// Which list of cards a change is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cards {
    Icps,
    Personas,
}

/// A change to a list of cards, at a position in the list as it was just
/// before (as a patch of the workspace reports them, in order).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CardChange {
    Removed(usize),
    Inserted(usize),
    Replaced(usize),
}

/// For each cited highlight, the cards and fields that cite it, answered
/// in the order [`Workspace::citing`] gives them.
#[derive(Clone, Debug, Default)]
pub struct CitedBy {
    /// Each highlight cited since the table was made, by number.
    keys: QuickMap<Citation, u32>,
    /// For each highlight's number, who cites it: each card's citers in
    /// its field order, the cards in the order they were added.
    citers: Vec<Vec<Citer>>,
    /// Field names, each once (templates have a few dozen).
    fields: Vec<String>,
    field_ids: QuickMap<String, u32>,
    /// The workspace's ICPs and personas, in its order.
    icps: Vec<Card>,
    personas: Vec<Card>,
    /// Where each card number is in its list now (`u32::MAX`: gone).
    icp_at: Vec<u32>,
    persona_at: Vec<u32>,
    /// The next card number to give.
    next: u32,
}

/// The name [`Workspace::citing`] gives the messaging rows.
const MESSAGING: &str = "messaging";

/// From this many personas the table is made on two threads (at 50,000
/// one thread takes about half a second, most of it waiting on memory).
const SPLIT_FROM: usize = 2_000;

impl CitedBy {
    /// The table of `ws`, in one walk over its cards (split between two
    /// threads from [`SPLIT_FROM`] personas on, the halves then joined).
    pub fn of(ws: &Workspace) -> CitedBy {
        let parts = if ws.personas.len() >= SPLIT_FROM {
            2
        } else {
            1
        };
        CitedBy::of_in(ws, parts)
    }

    /// [`CitedBy::of`] in `parts` (1 or 2) parts.
    fn of_in(ws: &Workspace, parts: usize) -> CitedBy {
        // Cards are numbered by their place: ICPs first, then personas.
        let persona_number = |at: usize| (ws.icps.len() + at) as u32;
        let half = if parts > 1 {
            ws.personas.len() / 2
        } else {
            ws.personas.len()
        };
        let fields_of = |personas: std::ops::Range<usize>, with_icps: bool| {
            let mut table = CitedBy::default();
            if with_icps {
                for (at, icp) in ws.icps.iter().enumerate() {
                    let mut card = Card {
                        number: at as u32,
                        keys: Vec::new(),
                    };
                    table.add_fields(Group::IcpFields, &mut card, &icp.fields);
                    table.icps.push(card);
                }
            }
            for at in personas {
                let mut card = Card {
                    number: persona_number(at),
                    keys: Vec::new(),
                };
                table.add_fields(Group::PersonaFields, &mut card, &ws.personas[at].fields);
                table.personas.push(card);
            }
            table
        };
        let mut table = if half < ws.personas.len() {
            let (mut first, second) = std::thread::scope(|scope| {
                let second = scope.spawn(|| fields_of(half..ws.personas.len(), false));
                let first = fields_of(0..half, true);
                let second = second
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                (first, second)
            });
            first.join(second);
            first
        } else {
            fields_of(0..ws.personas.len(), true)
        };
        // Every persona's fields before any messaging row, as
        // `Workspace::citing` lists them (the rows are few).
        for (at, persona) in ws.personas.iter().enumerate() {
            let mut card = std::mem::take(&mut table.personas[at]);
            table.add_messaging(&mut card, persona);
            table.personas[at] = card;
        }
        table.next = (ws.icps.len() + ws.personas.len()) as u32;
        table.place();
        table
    }

    /// Takes in the table of the personas after this table's, made apart:
    /// its highlights and fields renumbered as this table numbers them.
    fn join(&mut self, other: CitedBy) {
        let fields: Vec<u32> = other.fields.iter().map(|f| self.field_id(f)).collect();
        let mut keys = vec![0; other.citers.len()];
        for (citation, theirs) in other.keys {
            keys[theirs as usize] = self.key(&citation);
        }
        for (theirs, citers) in other.citers.into_iter().enumerate() {
            let ours = &mut self.citers[keys[theirs] as usize];
            ours.extend(citers.into_iter().map(|c| Citer {
                field: fields[c.field as usize],
                ..c
            }));
        }
        self.personas
            .extend(other.personas.into_iter().map(|mut card| {
                for key in &mut card.keys {
                    *key = keys[*key as usize];
                }
                card
            }));
    }

    /// Whether the table may be of `ws`: the same number of each card. It
    /// cannot tell a card edited in place, so whoever holds the table
    /// tells it of every change ([`CitedBy::follow`]).
    pub fn is_for(&self, ws: &Workspace) -> bool {
        self.icps.len() == ws.icps.len() && self.personas.len() == ws.personas.len()
    }

    /// Follows `changes` to the lists of cards, made in that order, after
    /// which the lists are those of `ws`: each removed or replaced card's
    /// citers are taken out and each inserted or replaced card's put in.
    /// Returns false, and should then be made again, when the changes do
    /// not lead to lists of the workspace's lengths.
    pub fn follow(
        &mut self,
        ws: &Workspace,
        changes: impl IntoIterator<Item = (Cards, CardChange)>,
    ) -> bool {
        // The changes name positions as the lists were at each step: they
        // are followed on the table's lists first, with a blank card
        // (`None`) where one is new, and the new cards are read from the
        // workspace at their final places afterwards.
        let mut icps: Vec<Option<Card>> = std::mem::take(&mut self.icps)
            .into_iter()
            .map(Some)
            .collect();
        let mut personas: Vec<Option<Card>> = std::mem::take(&mut self.personas)
            .into_iter()
            .map(Some)
            .collect();
        for (cards, change) in changes {
            let (list, group) = match cards {
                Cards::Icps => (&mut icps, Group::IcpFields),
                Cards::Personas => (&mut personas, Group::PersonaFields),
            };
            let old = match change {
                CardChange::Removed(at) if at < list.len() => list.remove(at),
                CardChange::Inserted(at) if at <= list.len() => {
                    list.insert(at, None);
                    None
                }
                CardChange::Replaced(at) if at < list.len() => list[at].take(),
                _ => return false,
            };
            if let Some(card) = old {
                self.take_out(group, &card);
            }
        }
        if icps.len() != ws.icps.len() || personas.len() != ws.personas.len() {
            return false;
        }
        let icp_fields = ws.icps.iter().map(|icp| (&icp.fields, None));
        self.icps = self.settle(Group::IcpFields, icps, icp_fields);
        let persona_fields = ws.personas.iter().map(|p| (&p.fields, Some(p)));
        self.personas = self.settle(Group::PersonaFields, personas, persona_fields);
        self.place();
        true
    }

    /// The cards of one list after [`CitedBy::follow`]'s changes: each
    /// blank one (new or replaced) made from the workspace's card at its
    /// place, given as its fields and, for a persona, the persona.
    fn settle<'w>(
        &mut self,
        group: Group,
        cards: Vec<Option<Card>>,
        now: impl Iterator<Item = (&'w Fields, Option<&'w Persona>)>,
    ) -> Vec<Card> {
        cards
            .into_iter()
            .zip(now)
            .map(|(card, (fields, persona))| {
                card.unwrap_or_else(|| {
                    let mut card = self.new_card();
                    self.add_fields(group, &mut card, fields);
                    if let Some(persona) = persona {
                        self.add_messaging(&mut card, persona);
                    }
                    card
                })
            })
            .collect()
    }

    /// The ICP and persona fields citing `citation`, as
    /// [`Workspace::citing`] finds them.
    pub fn citing(&self, ws: &Workspace, citation: &Citation) -> Vec<(EntityRef, String)> {
        let Some(&key) = self.keys.get(citation) else {
            return Vec::new();
        };
        // Each card's citers are in its field order; the cards are put in
        // the workspace's order (ICPs, personas, then messaging rows).
        let mut placed: Vec<(Group, u32, &Citer)> = self.citers[key as usize]
            .iter()
            .map(|c| (c.group, self.position(c), c))
            .collect();
        placed.sort_by_key(|&(group, at, _)| (group, at));
        placed
            .into_iter()
            .filter_map(|(group, at, c)| {
                let (kind, id) = match group {
                    Group::IcpFields => (Kind::Icp, &ws.icps.get(at as usize)?.id),
                    _ => (Kind::Persona, &ws.personas.get(at as usize)?.id),
                };
                let field = match group {
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
        self.keys
            .get(citation)
            .map_or(0, |&key| self.citers[key as usize].len())
    }

    fn new_card(&mut self) -> Card {
        let number = self.next;
        self.next += 1;
        Card {
            number,
            keys: Vec::new(),
        }
    }

    /// Where the citer's card is in its list now.
    fn position(&self, citer: &Citer) -> u32 {
        let at = match citer.group {
            Group::IcpFields => &self.icp_at,
            _ => &self.persona_at,
        };
        at.get(citer.card as usize).copied().unwrap_or(u32::MAX)
    }

    /// Notes where every card is, by its number.
    fn place(&mut self) {
        let of = |cards: &[Card], next: u32| {
            let mut at = vec![u32::MAX; next as usize];
            for (i, card) in cards.iter().enumerate() {
                at[card.number as usize] = i as u32;
            }
            at
        };
        self.icp_at = of(&self.icps, self.next);
        self.persona_at = of(&self.personas, self.next);
    }

    /// Takes a card's citers out of the table.
    fn take_out(&mut self, group: Group, card: &Card) {
        let ours = |c: &Citer| {
            c.card == card.number
                && match group {
                    Group::IcpFields => c.group == Group::IcpFields,
                    _ => c.group != Group::IcpFields,
                }
        };
        for &key in &card.keys {
            self.citers[key as usize].retain(|c| !ours(c));
        }
    }

    fn add_fields(&mut self, group: Group, card: &mut Card, fields: &Fields) {
        // A field's citations come one after another: its name is looked
        // up once.
        let mut last: Option<(&str, u32)> = None;
        each_cited(fields, |field, citation| {
            let id = match last {
                Some((name, id)) if name == field => id,
                _ => self.field_id(field),
            };
            last = Some((field, id));
            self.put(citation, group, card, id);
        });
    }

    fn add_messaging(&mut self, card: &mut Card, persona: &Persona) {
        each_messaging_cite(persona, |citation| {
            self.put(citation, Group::Messaging, card, 0);
        });
    }

    /// The number of `citation` in the table, given it now if it has none.
    fn key(&mut self, citation: &Citation) -> u32 {
        match self.keys.get(citation) {
            Some(&key) => key,
            None => {
                let key = self.citers.len() as u32;
                self.keys.insert(citation.clone(), key);
                self.citers.push(Vec::new());
                key
            }
        }
    }

    /// Adds a citer after those added before it.
    fn put(&mut self, citation: &Citation, group: Group, card: &mut Card, field: u32) {
        let key = self.key(citation);
        self.citers[key as usize].push(Citer {
            group,
            card: card.number,
            field,
        });
        if card.keys.last() != Some(&key) {
            card.keys.push(key);
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
        let fields = ws
            .icps
            .iter()
            .map(|i| &i.fields)
            .chain(ws.personas.iter().map(|p| &p.fields));
        let mut all: Vec<Citation> = fields
            .flat_map(|f| f.values().flatten().flat_map(|i| i.cites.clone()))
            .chain(
                ws.personas
                    .iter()
                    .flat_map(|p| p.messaging.iter().flat_map(|r| r.cites.clone())),
            )
            .collect();
        all.push(cite("i9", "h9"));
        all.sort();
        all.dedup();
        all
    }

    /// "card:field" for each citer of `citation`, in the table's order.
    fn names(table: &CitedBy, ws: &Workspace, citation: &Citation) -> Vec<String> {
        table
            .citing(ws, citation)
            .into_iter()
            .map(|(e, f)| format!("{}:{f}", e.id))
            .collect()
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
        // Made in two halves and joined, as a large workspace's is.
        agrees(&CitedBy::of_in(&ws, 2), &ws);
        assert_eq!(
            names(&table, &ws, &cite("i1", "h1")),
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
    fn the_table_follows_cards_removed_inserted_and_replaced_in_turn() {
        let mut ws = workspace();
        let mut table = CitedBy::of(&ws);
        let mut changes = Vec::new();
        // Olivia goes; two personas go in at the front one after the
        // other (the first ends up second); Sam's card changes, messaging
        // rows and all; the ICP's too; a second ICP comes in before it.
        ws.personas.remove(0);
        changes.push((Cards::Personas, CardChange::Removed(0)));
        let ada = persona("ada", &[("goals", &[cite("i1", "h1"), cite("i2", "h1")])]);
        ws.personas.insert(0, ada);
        changes.push((Cards::Personas, CardChange::Inserted(0)));
        let mut bea = persona("bea", &[("pains", &[cite("i1", "h2")])]);
        bea.messaging.push(MessagingRow {
            cites: vec![cite("i1", "h1")],
            ..MessagingRow::default()
        });
        ws.personas.insert(0, bea);
        changes.push((Cards::Personas, CardChange::Inserted(0)));
        let at = ws.personas.iter().position(|p| p.id == "sam").unwrap();
        let mut sam = persona("sam", &[("fears", &[cite("i2", "h1")])]);
        sam.messaging.push(MessagingRow {
            cites: vec![cite("i1", "h2")],
            ..MessagingRow::default()
        });
        ws.personas[at] = sam;
        changes.push((Cards::Personas, CardChange::Replaced(at)));
        ws.icps[0].fields.insert(
            "size".into(),
            vec![Item::text("10").citing([cite("i2", "h1")])],
        );
        changes.push((Cards::Icps, CardChange::Replaced(0)));
        let mut first = Icp::new("agency", "Agency", "b2b-icp");
        first.fields.insert(
            "industry".into(),
            vec![Item::text("Ads").citing([cite("i1", "h1")])],
        );
        ws.icps.insert(0, first);
        changes.push((Cards::Icps, CardChange::Inserted(0)));

        assert!(table.follow(&ws, changes));
        agrees(&table, &ws);
        assert_eq!(
            names(&table, &ws, &cite("i1", "h1")),
            [
                "agency:industry",
                "retail:industry",
                "ada:goals",
                "bea:messaging"
            ]
        );
        // Changes that do not lead to the workspace's lists are refused.
        assert!(!table.follow(&ws, [(Cards::Personas, CardChange::Removed(0))]));
    }

    #[test]
    fn a_large_workspace_s_table_made_on_two_threads_lists_what_a_scan_lists() {
        let mut ws = workspace();
        // Past the split, with field names the halves meet in other orders
        // and highlights each half cites.
        for n in 0..SPLIT_FROM + 101 {
            let field = ["pains", "goals", "fears"][n % 3];
            let other = ["channels", "pains"][n % 2];
            let mut p = persona(
                &format!("p{n:05}"),
                &[
                    (field, &[cite(&format!("i{}", n % 37), "h1")]),
                    (
                        other,
                        &[cite(&format!("i{}", n % 11), "h2"), cite("i1", "h1")],
                    ),
                ],
            );
            if n % 7 == 0 {
                p.messaging.push(MessagingRow {
                    cites: vec![cite(&format!("i{}", n % 5), "h1")],
                    ..MessagingRow::default()
                });
            }
            ws.personas.push(p);
        }
        assert!(ws.personas.len() >= SPLIT_FROM);
        agrees(&CitedBy::of(&ws), &ws);
    }

    #[test]
    fn a_table_of_other_lists_is_not_for_the_workspace() {
        let mut ws = workspace();
        let table = CitedBy::of(&ws);
        ws.personas.pop();
        assert!(!table.is_for(&ws));
    }
}
