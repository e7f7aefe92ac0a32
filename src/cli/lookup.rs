//! Finding what an id on the command line means, and saying so kindly
//! when it means nothing.

use super::Failure;
use crate::domain::{Kind, Workspace};
use crate::store::fs::Personas;
use crate::store::{Loaded, Problem, layout};
use crate::text;

/// Why `id` names nothing in `loaded`: its file exists but could not be
/// loaded (a newer schema, a merge conflict, a typo), said with that
/// file's problem; else [`unknown`], with a nudge towards what exists.
pub(crate) fn missing(loaded: &Loaded, id: &str, kind: Option<Kind>) -> String {
    match unloaded(&loaded.problems, id, kind) {
        Some(message) => message,
        None => unknown(&loaded.workspace, id, kind),
    }
}

/// The problem of the file that would hold `id`, as a sentence, if that
/// file failed to load.
pub(crate) fn unloaded(problems: &[Problem], id: &str, kind: Option<Kind>) -> Option<String> {
    let holds = |path: &str| -> Option<Kind> {
        if path == layout::icp_file(id) {
            return Some(Kind::Icp);
        }
        if path == layout::interview_file(id) {
            return Some(Kind::Interview);
        }
        let (icp, rest) = path.strip_prefix("icps/")?.split_once('/')?;
        (path == layout::persona_file(icp, id) && rest.starts_with("personas/"))
            .then_some(Kind::Persona)
    };
    problems.iter().find_map(|problem| {
        let found = holds(&problem.path)?;
        if kind.is_some_and(|k| k != found) {
            return None;
        }
        Some(format!(
            "the {} `{}` could not be loaded, so it cannot be used: {problem}",
            found.label(),
            text::line(id)
        ))
    })
}

/// "no persona `x`" with a nudge towards what exists.
pub(crate) fn unknown(ws: &Workspace, id: &str, kind: Option<Kind>) -> String {
    let mut candidates: Vec<&str> = Vec::new();
    if kind.is_none_or(|k| k == Kind::Icp) {
        candidates.extend(ws.icps.iter().map(|i| i.id.as_str()));
    }
    if kind.is_none_or(|k| k == Kind::Persona) {
        candidates.extend(ws.personas.iter().map(|p| p.id.as_str()));
    }
    if kind.is_none_or(|k| k == Kind::Interview) {
        candidates.extend(ws.interviews.iter().map(|i| i.id.as_str()));
    }
    unknown_among(candidates.into_iter(), id, kind)
}

/// "no ICP `x`", suggesting the closest of `candidates`.
pub(crate) fn unknown_among<'a>(
    candidates: impl Iterator<Item = &'a str>,
    id: &str,
    kind: Option<Kind>,
) -> String {
    let what = kind.map_or("ICP, persona or interview", |k| k.label());
    let close = candidates
        .map(|c| (distance(c, id), c))
        .filter(|(d, c)| *d <= 3.max(id.len() / 3) || c.contains(id))
        .min();
    let id = text::line(id);
    match close {
        Some((_, c)) => format!("there is no {what} with the id `{id}`; did you mean `{c}`?"),
        None => format!("there is no {what} with the id `{id}` (see `persona list`)"),
    }
}

/// Edit distance, for suggesting the id someone meant.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = if ca == *cb {
                previous
            } else {
                1 + previous.min(row[j]).min(row[j + 1])
            };
            previous = current;
        }
    }
    row[b.len()]
}

/// Resolves `id` or `kind:id` to exactly one thing.
pub(crate) fn resolve(loaded: &Loaded, query: &str) -> Result<(Kind, String), Failure> {
    let ws = &loaded.workspace;
    let (kind, id) = split(query);
    let found: Vec<_> = ws
        .find(id)
        .into_iter()
        .filter(|e| kind.is_none_or(|k| k == e.kind))
        .collect();
    match found.as_slice() {
        [one] => Ok((one.kind, one.id.clone())),
        [] => Err(Failure(missing(loaded, id, kind))),
        many => Err(Failure(format!(
            "`{}` names more than one thing ({}); add the kind, e.g. `{}:{}`",
            text::line(id),
            many.iter()
                .map(|e| e.kind.label())
                .collect::<Vec<_>>()
                .join(" and "),
            many[0].kind.fallback_id(),
            text::line(id)
        ))),
    }
}

/// An id as typed, and the kind its `icp:`/`persona:`/`interview:` prefix
/// names (if any).
pub(crate) fn split(query: &str) -> (Option<Kind>, &str) {
    match query.split_once(':') {
        Some((kind, id)) => match Kind::parse(kind) {
            Some(kind) => (Some(kind), id),
            None => (None, query),
        },
        None => (None, query),
    }
}

/// What showing or exporting `queries` needs: one ICP or persona and what
/// it cites when the query names one (see `FsStore::load_one`; an ICP with
/// its personas as `personas` says), else the whole workspace.
pub(crate) fn load_for(
    root: &std::path::Path,
    queries: &[String],
    personas: Personas,
) -> Result<Loaded, Failure> {
    if let [query] = queries {
        let (kind, id) = split(query);
        if let Some(loaded) = crate::store::FsStore::new(root).load_one(kind, id, personas) {
            return Ok(loaded);
        }
    }
    Ok(super::load(root)?.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance() {
        assert_eq!(distance("olivia", "olivia"), 0);
        assert_eq!(distance("olivai", "olivia"), 2);
        assert_eq!(distance("", "abc"), 3);
    }
}
