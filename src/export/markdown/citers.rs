//! Who cites each highlight, gathered in one pass over the cards, so a
//! folder export of thousands of interviews does not scan every card for
//! every highlight ([`Workspace::citing`] does, for one).

use crate::domain::{Citation, EntityRef, Fields, Kind, Workspace};
use std::collections::HashMap;

/// For each cited highlight, the cards and fields citing it, in the order
/// [`Workspace::citing`] gives them.
pub(super) struct Citers {
    by_citation: HashMap<Citation, Vec<(EntityRef, String)>>,
}

impl Citers {
    pub(super) fn of(ws: &Workspace) -> Citers {
        let mut by_citation: HashMap<Citation, Vec<(EntityRef, String)>> = HashMap::new();
        let mut add = |entity: &EntityRef, fields: &Fields| {
            for (field, items) in fields {
                let mut seen: Vec<&Citation> = Vec::new();
                for citation in items.iter().flat_map(|item| &item.cites) {
                    if !seen.contains(&citation) {
                        seen.push(citation);
                        by_citation
                            .entry(citation.clone())
                            .or_default()
                            .push((entity.clone(), field.clone()));
                    }
                }
            }
        };
        for icp in &ws.icps {
            add(&EntityRef::new(Kind::Icp, &icp.id), &icp.fields);
        }
        for persona in &ws.personas {
            add(&EntityRef::new(Kind::Persona, &persona.id), &persona.fields);
        }
        for persona in &ws.personas {
            let entity = EntityRef::new(Kind::Persona, &persona.id);
            let mut seen: Vec<&Citation> = Vec::new();
            for citation in persona.messaging.iter().flat_map(|row| &row.cites) {
                if !seen.contains(&citation) {
                    seen.push(citation);
                    by_citation
                        .entry(citation.clone())
                        .or_default()
                        .push((entity.clone(), "messaging".into()));
                }
            }
        }
        Citers { by_citation }
    }

    pub(super) fn get(&self, citation: &Citation) -> &[(EntityRef, String)] {
        self.by_citation.get(citation).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Highlight, Icp, Interview, Item, Persona, WorkspaceMeta};

    #[test]
    fn gives_what_citing_gives() {
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
        ws.icps.push(icp);
        ws.personas.push(persona);
        let citers = Citers::of(&ws);
        for id in ["h1", "h2", "h3"] {
            assert_eq!(citers.get(&h(id)), ws.citing(&h(id)).as_slice(), "{id}");
        }
    }
}
