//! Who cites each highlight, gathered in one pass over the cards, so a
//! folder export of thousands of interviews does not scan every card for
//! every highlight ([`Workspace::citing`] does, for one). The cards are
//! walked as the app's [`crate::domain::cited_by::CitedBy`] walks them;
//! here each citing card's name, as the pages write it, and each template
//! field's label are made once, not at every highlight that card cites.

use super::Links;
use super::parts::{file_stem, link};
use crate::domain::cited_by::{each_cited, each_messaging_cite};
use crate::domain::{Citation, EntityRef, Fields, Kind, Persona, Workspace};
use crate::export::escape::{inline, phrase};
use crate::quick_hash::QuickMap;
use std::borrow::Cow;

/// For each cited highlight, the cards and fields citing it, in the order
/// [`Workspace::citing`] gives them.
pub(super) struct Citers<'w> {
    /// The one interview whose highlights are asked about, if only one.
    only: Option<&'w str>,
    /// Every ICP, then every persona, by position; made for those citing
    /// something.
    cards: Vec<Option<Card<'w>>>,
    /// (interview, highlight) to (card, field), in citing order.
    by_citation: QuickMap<(&'w str, &'w str), Vec<(u32, &'w str)>>,
    /// (template, field) to the label pages write for it.
    labels: QuickMap<(&'w str, &'w str), String>,
}

/// A citing card as a highlight's "Cited by" line names it.
struct Card<'w> {
    /// "Operations Olivia", linked to its page when it has one.
    name: String,
    /// The template its fields are labelled by, if it has one.
    template: Option<&'w str>,
}

impl<'w> Citers<'w> {
    /// Who cites what in `ws` (only the highlights of the interview `only`,
    /// if given); a card's name links to its page when `links` makes links
    /// and `linkable` says it has one.
    pub(super) fn of(
        ws: &'w Workspace,
        links: Links,
        linkable: &dyn Fn(&EntityRef) -> bool,
        only: Option<&'w str>,
    ) -> Citers<'w> {
        // Personas by id, the first of a repeated id, as
        // `Workspace::persona` finds (a scan of 50,000 otherwise).
        let mut personas: QuickMap<&str, &Persona> = QuickMap::default();
        for persona in &ws.personas {
            personas.entry(persona.id.as_str()).or_insert(persona);
        }
        let mut citers = Citers {
            only,
            cards: Vec::new(),
            by_citation: QuickMap::default(),
            labels: labels(ws),
        };
        citers
            .cards
            .resize_with(ws.icps.len() + ws.personas.len(), || None);
        // A card names and labels itself the way looking its id up finds
        // (the first of a repeated id), as one highlight's page always did.
        let card = |kind: Kind, id: &'w str| {
            let (name, template, folder) = match kind {
                Kind::Icp => {
                    let icp = ws.icp(id);
                    (
                        icp.map(|i| i.name.as_str()),
                        icp.map(|i| i.template.as_str()),
                        "icps",
                    )
                }
                _ => {
                    let persona = personas.get(id);
                    (
                        persona.map(|p| p.name.as_str()),
                        persona.map(|p| p.template.as_str()),
                        "personas",
                    )
                }
            };
            let entity = EntityRef::new(kind, id);
            let links = if linkable(&entity) {
                links
            } else {
                Links::None
            };
            Card {
                name: link(
                    &inline(name.unwrap_or(id)),
                    links,
                    &format!("../{folder}/{}.md", file_stem(id)),
                ),
                template,
            }
        };
        let cards = ws
            .icps
            .iter()
            .map(|i| (Kind::Icp, i.id.as_str(), &i.fields))
            .chain(
                ws.personas
                    .iter()
                    .map(|p| (Kind::Persona, p.id.as_str(), &p.fields)),
            );
        for (at, (kind, id, fields)) in cards.enumerate() {
            citers.add(at, fields, || card(kind, id));
        }
        for (i, persona) in ws.personas.iter().enumerate() {
            let at = ws.icps.len() + i;
            each_messaging_cite(persona, |citation| {
                citers.cite(at, citation, "messaging", || {
                    card(Kind::Persona, &persona.id)
                });
            });
        }
        citers
    }

    /// Each field of the card at `at` once for every highlight it cites.
    fn add(&mut self, at: usize, fields: &'w Fields, card: impl Fn() -> Card<'w>) {
        each_cited(fields, |field, citation| {
            self.cite(at, citation, field, &card)
        });
    }

    fn cite(
        &mut self,
        at: usize,
        citation: &'w Citation,
        field: &'w str,
        card: impl Fn() -> Card<'w>,
    ) {
        if self.only.is_some_and(|only| only != citation.interview) {
            return;
        }
        if self.cards[at].is_none() {
            self.cards[at] = Some(card());
        }
        self.by_citation
            .entry((citation.interview.as_str(), citation.highlight.as_str()))
            .or_default()
            .push((at as u32, field));
    }

    /// Who cites a highlight: "Operations Olivia (Pain points, Goals);
    /// Retail (Industry)"; empty when nothing does.
    pub(super) fn text(&self, citation: &Citation) -> String {
        let key = (citation.interview.as_str(), citation.highlight.as_str());
        let Some(citing) = self.by_citation.get(&key) else {
            return String::new();
        };
        let mut out = String::new();
        let mut last = None;
        for &(at, field) in citing {
            let Some(card) = &self.cards[at as usize] else {
                continue;
            };
            if last == Some(at) {
                out.push_str(", ");
            } else {
                if last.is_some() {
                    out.push_str("); ");
                }
                out.push_str(&card.name);
                out.push_str(" (");
                last = Some(at);
            }
            out.push_str(&self.label(card.template, field));
        }
        if last.is_some() {
            out.push(')');
        }
        out
    }

    /// A field as pages label it: its template's label, or its id when the
    /// template (or the template's field) is missing.
    fn label(&self, template: Option<&'w str>, field: &'w str) -> Cow<'_, str> {
        match template.and_then(|t| self.labels.get(&(t, field))) {
            Some(label) => Cow::Borrowed(label),
            None => Cow::Owned(phrase(field)),
        }
    }
}

/// Each template field's label as pages write it: the first template of a
/// repeated id, as `Workspace::template` finds, and the first field of a
/// repeated id, as `Template::field` finds.
fn labels(ws: &Workspace) -> QuickMap<(&str, &str), String> {
    let mut labels = QuickMap::default();
    let mut seen = std::collections::HashSet::new();
    for template in ws.templates.iter().filter(|t| seen.insert(t.id.as_str())) {
        for field in template.fields() {
            labels
                .entry((template.id.as_str(), field.id.as_str()))
                .or_insert_with(|| phrase(&field.label));
        }
    }
    labels
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::outreach::MessagingRow;
    use crate::domain::{Highlight, Icp, Interview, Item, Persona, WorkspaceMeta};

    #[test]
    fn names_each_card_and_field_citing_a_highlight_in_the_order_citing_gives() {
        let mut ws = Workspace::new(WorkspaceMeta::new("w"));
        let mut interview = Interview::new("dana", "Dana");
        for id in ["h1", "h2", "h3"] {
            interview.highlights.push(Highlight {
                id: id.into(),
                text: id.into(),
                tags: vec![],
                extra: Default::default(),
            });
        }
        ws.interviews.push(interview);
        let h = |id: &str| Citation::new("dana", id);
        let mut icp = Icp::new("retail", "Retail", "icp");
        icp.fields.insert(
            "industry".into(),
            vec![
                Item::text("a").citing([h("h1"), h("h2")]),
                Item::text("b").citing([h("h1")]),
            ],
        );
        let mut persona = Persona::new("olivia", "retail", "Olivia", "b2b-decision-maker");
        persona
            .fields
            .insert("goals".into(), vec![Item::text("c").citing([h("h1")])]);
        persona
            .fields
            .insert("pains".into(), vec![Item::text("d").citing([h("h2")])]);
        // A messaging row citing h2 twice counts once, after the fields.
        persona.messaging.push(MessagingRow {
            cites: vec![h("h2"), h("h2")],
            ..MessagingRow::new("pains")
        });
        ws.icps.push(icp);
        ws.personas.push(persona);
        let plain = Citers::of(&ws, Links::None, &|_| true, None);
        assert_eq!(plain.text(&h("h1")), "Retail (industry); Olivia (goals)");
        assert_eq!(
            plain.text(&h("h2")),
            "Retail (industry); Olivia (pains, messaging)"
        );
        assert_eq!(plain.text(&h("h3")), "", "cited by nothing");
        // Only cards with a page are linked.
        let linked = Citers::of(&ws, Links::Folder, &|e| e.kind == Kind::Persona, None);
        assert_eq!(
            linked.text(&h("h1")),
            "Retail (industry); [Olivia](../personas/olivia.md) (goals)"
        );
    }
}
