//! The messaging matrix as a wizard step, answered like any list field:
//! one item per row, written `pain | value | proof | call to action |
//! stage`, citing the quotes that back its proof the way any answer cites
//! them. The pain is one of the card's pain points, named by its number in
//! the list or its first words; the row stores a reference to it (the
//! item's id), never a copy. A persona's rows become items when the wizard
//! opens and rows again when it finishes.

use super::ValidationError;
use crate::domain::outreach::matrix::{self, MessagingRow, PAIN_FIELD, Stage};
use crate::domain::persona::Persona;
use crate::domain::template::{Field, FieldKind};
use crate::domain::value::{Extra, Item, Value};

/// The synthetic last step of a persona (the leading `_` keeps it apart
/// from template ids); its answers are not stored among the fields.
pub const MESSAGING_FIELD: &str = "_messaging";

pub fn messaging_field() -> Field {
    Field {
        id: MESSAGING_FIELD.into(),
        label: "Messaging matrix".into(),
        kind: FieldKind::List,
        question: "For each pain point you address: pain | value | proof | call to action | stage"
            .into(),
        help: "One row per line, e.g. `1 | One live stock count | Acme stopped recounting | A 20-minute call? | awareness`. The pain is its number among the pain points, or its first words; the stage is awareness, consideration, decision or retention. Cite a quote to back the proof (else it is an assumption).".into(),
        required: false,
        feeds: Vec::new(),
        options: Vec::new(),
        unit: None,
        extra: Extra::new(),
    }
}

/// A pain item's words.
fn words(item: &Item) -> String {
    match &item.value {
        Value::Text(text) => text.trim().to_string(),
        other => other.to_string(),
    }
}

/// A row as the step's item: its text, citing what its proof cites.
pub fn row_item(persona: &Persona, row: &MessagingRow) -> Item {
    let pain = matrix::pain_text(persona, row).unwrap_or_else(|| row.pain.clone());
    let text = [
        pain.as_str(),
        row.value.trim(),
        row.proof.trim(),
        row.cta.trim(),
        row.stage.key(),
    ]
    .iter()
    .map(|part| part.replace('|', "/"))
    .collect::<Vec<_>>()
    .join(" | ");
    Item::text(text).citing(row.cites.iter().cloned())
}

/// The pain item a row names: its number (from 1), its id, or words it
/// starts with (or holds) in any case.
fn find_pain(pains: &[Item], named: &str) -> Option<usize> {
    let named = named.trim();
    if let Ok(n) = named.parse::<usize>() {
        return (1..=pains.len()).contains(&n).then(|| n - 1);
    }
    let lower = named.to_lowercase();
    let strip = |s: &str| s.trim_end_matches('…').trim().to_lowercase();
    pains
        .iter()
        .position(|item| matrix::pain_id(item) == Some(named))
        .or_else(|| {
            pains
                .iter()
                .position(|item| words(item).to_lowercase() == lower)
        })
        .or_else(|| {
            let start = strip(named);
            (!start.is_empty())
                .then(|| {
                    pains
                        .iter()
                        .position(|item| words(item).to_lowercase().starts_with(&start))
                })
                .flatten()
        })
}

/// The step's items as the persona's rows, giving the pain items they name
/// an id. Best customers a row named stay with it (matched by pain). An
/// item that does not read as a row is an error naming it.
pub fn apply(persona: &mut Persona, items: &[Item]) -> Result<(), ValidationError> {
    let before = std::mem::take(&mut persona.messaging);
    let mut rows = Vec::new();
    for (n, item) in items.iter().enumerate() {
        let text = words(item);
        let parts: Vec<&str> = text.split('|').map(str::trim).collect();
        let bad = |message: String| ValidationError::Messaging {
            field: MESSAGING_FIELD.into(),
            row: n + 1,
            message,
        };
        let pains: Vec<Item> = persona.fields.get(PAIN_FIELD).cloned().unwrap_or_default();
        if pains.is_empty() {
            return Err(bad(
                "the card has no pain points yet: answer the pain points first".into(),
            ));
        }
        let index = find_pain(&pains, parts[0]).ok_or_else(|| {
            bad(format!(
                "no pain point is “{}”: write its number (1 to {}) or its first words",
                parts[0],
                pains.len()
            ))
        })?;
        let stage = match parts.get(4).copied().filter(|s| !s.is_empty()) {
            None => Stage::default(),
            Some(text) => Stage::parse(text).ok_or_else(|| {
                bad(format!(
                    "“{text}” is not a stage: write awareness, consideration, decision or retention"
                ))
            })?,
        };
        if parts.len() > 5 {
            return Err(bad(
                "has more than five parts; a `|` only separates pain, value, proof, call to action and stage".into(),
            ));
        }
        let pain = matrix::ensure_pain_id(persona, index).unwrap_or_default();
        let old = before.iter().find(|r| r.pain == pain);
        let part = |i: usize| parts.get(i).map(|s| s.to_string()).unwrap_or_default();
        rows.push(MessagingRow {
            pain,
            value: part(1),
            proof: part(2),
            cites: item.cites.clone(),
            customers: old.map(|r| r.customers.clone()).unwrap_or_default(),
            cta: part(3),
            stage,
            extra: old.map(|r| r.extra.clone()).unwrap_or_default(),
        });
    }
    persona.messaging = rows;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Citation;

    fn olivia() -> Persona {
        let mut p = Persona::new("olivia", "outdoor", "Operations Olivia", "b2b");
        p.fields.insert(
            PAIN_FIELD.into(),
            vec![
                Item::text("Matching stock by hand every Monday"),
                Item::text("Numbers arrive too late"),
            ],
        );
        p
    }

    #[test]
    fn rows_go_through_the_step_and_back() {
        let mut p = olivia();
        let cite = Citation::parse("dana#h1").unwrap();
        let items = vec![
            Item::text("2 | Numbers by Monday noon | Dana gets them | A call? | decision")
                .citing([cite.clone()]),
            Item::text("matching stock | One live count | | | "),
        ];
        apply(&mut p, &items).unwrap();
        assert_eq!(p.messaging.len(), 2);
        assert_eq!(
            matrix::pain_text(&p, &p.messaging[0]).unwrap(),
            "Numbers arrive too late"
        );
        assert_eq!(p.messaging[0].stage, Stage::Decision);
        assert_eq!(p.messaging[0].cites, [cite]);
        assert_eq!(p.messaging[1].value, "One live count");
        assert_eq!(p.messaging[1].stage, Stage::default());
        let back = row_item(&p, &p.messaging[0]);
        assert_eq!(
            back.value.to_string(),
            "Numbers arrive too late | Numbers by Monday noon | Dana gets them | A call? | decision"
        );
        // The item as shown goes back to the same row.
        let mut again = p.clone();
        apply(&mut again, &[back]).unwrap();
        assert_eq!(again.messaging[0], p.messaging[0]);
    }

    #[test]
    fn rows_that_do_not_read_are_named() {
        let mut p = olivia();
        let err = apply(&mut p, &[Item::text("7 | x")]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "messaging row 1: no pain point is “7”: write its number (1 to 2) or its first words"
        );
        let err = apply(&mut p, &[Item::text("1 | x | y | z | soon")]).unwrap_err();
        assert!(err.to_string().contains("“soon” is not a stage"), "{err}");
    }
}
