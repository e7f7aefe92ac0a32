//! What a new id changes elsewhere: the citations that name a renamed
//! interview.

use super::{Fields, Persona};

/// The fields with citations of interview `from` pointed at `to`, or `None`
/// when nothing cited it.
pub fn retarget(fields: &Fields, from: &str, to: &str) -> Option<Fields> {
    let cites = fields
        .values()
        .flatten()
        .flat_map(|item| item.cites.iter())
        .any(|c| c.interview == from);
    if !cites {
        return None;
    }
    let mut fields = fields.clone();
    for citation in fields
        .values_mut()
        .flatten()
        .flat_map(|item| item.cites.iter_mut())
    {
        if citation.interview == from {
            citation.interview = to.into();
        }
    }
    Some(fields)
}

/// The persona with citations of interview `from` pointed at `to`, in its
/// fields and in its messaging matrix; `None` when nothing cited it.
pub fn retarget_persona(persona: &Persona, from: &str, to: &str) -> Option<Persona> {
    let fields = retarget(&persona.fields, from, to);
    let matrix_cites = persona
        .messaging
        .iter()
        .flat_map(|row| row.cites.iter())
        .any(|c| c.interview == from);
    if fields.is_none() && !matrix_cites {
        return None;
    }
    let mut persona = persona.clone();
    if let Some(fields) = fields {
        persona.fields = fields;
    }
    for citation in persona
        .messaging
        .iter_mut()
        .flat_map(|row| row.cites.iter_mut())
    {
        if citation.interview == from {
            citation.interview = to.into();
        }
    }
    Some(persona)
}
