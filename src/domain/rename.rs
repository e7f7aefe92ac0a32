//! What a new id changes elsewhere: the citations that name a renamed
//! interview.

use super::Fields;

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
            citation.interview = to.to_string();
        }
    }
    Some(fields)
}
