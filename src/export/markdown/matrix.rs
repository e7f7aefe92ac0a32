//! A persona's messaging matrix as a markdown table: each pain with the
//! value we offer, the proof and what backs it, the call to action and the
//! funnel stage.

use super::footnotes::Footnotes;
use super::parts::table;
use crate::domain::outreach::matrix::{self, MessagingRow};
use crate::domain::{Item, Persona, Workspace};
use crate::export::escape::cell;

/// The "Messaging matrix" section; empty when the persona has none. Cited
/// quotes join the persona's footnotes.
pub(super) fn section(ws: &Workspace, persona: &Persona, notes: &mut Footnotes) -> String {
    if persona.messaging.is_empty() {
        return String::new();
    }
    let rows: Vec<Vec<String>> = persona
        .messaging
        .iter()
        .map(|row| {
            let pain = match matrix::pain_text(persona, row) {
                Some(text) => cell(&text),
                None => format!("*no pain `{}` on the card*", cell(&row.pain)),
            };
            vec![
                pain,
                cell(&row.value),
                cell(&row.proof),
                evidence(ws, persona, row, notes),
                cell(&row.cta),
                row.stage.key().to_string(),
            ]
        })
        .collect();
    let mut out = String::from("\n## Messaging matrix\n\n");
    table(
        &mut out,
        &[
            "Pain",
            "Value",
            "Proof",
            "Evidence",
            "Call to action",
            "Stage",
        ],
        &rows,
    );
    out
}

/// "backed by 1 interview[^x-3]; best customer: Acme Outdoor", or
/// "*assumption*" when the proof cites nothing that exists.
fn evidence(
    ws: &Workspace,
    persona: &Persona,
    row: &MessagingRow,
    notes: &mut Footnotes,
) -> String {
    let found = matrix::evidence(ws, persona, row);
    let mut parts = Vec::new();
    if found.interviews > 0 {
        parts.push(notes.evidence(&Item::text("").citing(row.cites.iter().cloned())));
    }
    if !found.customers.is_empty() {
        let names: Vec<String> = found.customers.iter().map(|c| cell(&c.company)).collect();
        parts.push(format!(
            "best customer{}: {}",
            if names.len() == 1 { "" } else { "s" },
            names.join(", ")
        ));
    }
    if parts.is_empty() {
        "*assumption*".to_string()
    } else {
        parts.join("; ")
    }
}
