//! Every ICP and persona read once and let go: for work that needs what
//! each card says (the filter's text) but not the cards themselves, so the
//! memory it takes is what it keeps, not the workspace.

use super::FsStore;
use super::parse::{Job, Parsed, parse_all};
use crate::domain::{Icp, Persona};
use std::sync::atomic::Ordering;

impl FsStore {
    /// What `on_icp` and `on_persona` make of each card named (ICPs by id,
    /// personas by ICP and id), in order, parsed on every core; `None` for
    /// a file that is gone or does not parse (a load reports those). Each
    /// card is dropped as soon as it has been looked at. Counts in the
    /// progress given to [`FsStore::report_to`], if any.
    pub fn read_each<R: Send>(
        &self,
        icps: &[String],
        personas: &[(String, String)],
        on_icp: impl Fn(&Icp) -> R + Sync,
        on_persona: impl Fn(&Persona) -> R + Sync,
    ) -> (Vec<Option<R>>, Vec<Option<R>>) {
        let jobs: Vec<Job> = icps
            .iter()
            .map(|id| Job::Icp(id.clone()))
            .chain(
                personas
                    .iter()
                    .map(|(icp, id)| Job::Persona(icp.clone(), id.clone())),
            )
            .collect();
        if let Some(progress) = &self.progress {
            progress.done.store(0, Ordering::Relaxed);
            progress.total.store(jobs.len(), Ordering::Relaxed);
        }
        let refs: Vec<&Job> = jobs.iter().collect();
        let mut made = parse_all(&self.root, &refs, |(_, decoded, _)| {
            if let Some(progress) = &self.progress {
                progress.done.fetch_add(1, Ordering::Relaxed);
            }
            match decoded {
                Ok(Parsed::Icp(icp)) => Some(on_icp(&icp)),
                Ok(Parsed::Persona(persona)) => Some(on_persona(&persona)),
                Ok(Parsed::Interview(_)) | Err(_) => None,
            }
        });
        let of_personas = made.split_off(icps.len());
        (made, of_personas)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_card_in_order_and_none_for_a_broken_one() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = FsStore::init(dir.path(), "t", true).unwrap();
        let ws = crate::store::Store::load(&mut store).unwrap().workspace;
        let icps: Vec<String> = ws.icps.iter().map(|i| i.id.clone()).collect();
        let mut personas: Vec<(String, String)> = ws
            .personas
            .iter()
            .map(|p| (p.icp.clone(), p.id.clone()))
            .collect();
        personas.push((icps[0].clone(), "not-there".into()));
        let (i, p) = store.read_each(&icps, &personas, |i| i.name.clone(), |p| p.name.clone());
        let names: Vec<Option<String>> = ws.icps.iter().map(|i| Some(i.name.clone())).collect();
        assert_eq!(i, names);
        let mut names: Vec<Option<String>> =
            ws.personas.iter().map(|p| Some(p.name.clone())).collect();
        names.push(None);
        assert_eq!(p, names);
    }
}
