//! Every ICP and persona read once and let go: for work that needs what
//! each card says (the filter's text) but not the cards themselves, so the
//! memory it takes is what it keeps, not the workspace.

use super::FsStore;
use super::parse::{Job, Parsed, parse_all};
use crate::domain::{Icp, Kind, Persona};
use std::sync::atomic::Ordering;

/// How many cards are parsed (on every core) before what was made of them
/// goes to the sink: enough to keep the cores busy, few enough that what
/// is waiting for the sink stays small.
const RUN: usize = if cfg!(test) { 3 } else { 512 };

impl FsStore {
    /// What `on_icp` and `on_persona` make of each card named (ICPs by id,
    /// personas by ICP and id), handed to `sink` a run of cards at a time
    /// in order: every run of ICPs, then every run of personas. `None` for
    /// a file that is gone or does not parse (a load reports those). Each
    /// run is parsed on every core while the sink takes the run before, and
    /// each card is dropped as soon as it has been looked at, so no more
    /// than two runs of what was made are alive at once.
    /// Counts in the progress given to [`FsStore::report_to`], if any.
    pub fn read_each<R: Send>(
        &self,
        icps: &[String],
        personas: &[(String, String)],
        on_icp: impl Fn(&Icp) -> R + Sync,
        on_persona: impl Fn(&Persona) -> R + Sync,
        mut sink: impl FnMut(Kind, Vec<Option<R>>),
    ) {
        if let Some(progress) = &self.progress {
            progress.done.store(0, Ordering::Relaxed);
            progress
                .total
                .store(icps.len() + personas.len(), Ordering::Relaxed);
        }
        let parse = |jobs: Vec<Job>| {
            let refs: Vec<&Job> = jobs.iter().collect();
            parse_all(&self.root, &refs, |(_, decoded, _)| {
                if let Some(progress) = &self.progress {
                    progress.done.fetch_add(1, Ordering::Relaxed);
                }
                match decoded {
                    Ok(Parsed::Icp(icp)) => Some(on_icp(&icp)),
                    Ok(Parsed::Persona(persona)) => Some(on_persona(&persona)),
                    Ok(Parsed::Interview(_)) | Err(_) => None,
                }
            })
        };
        let parse = &parse;
        let mut runs = icps
            .chunks(RUN)
            .map(|run| {
                (
                    Kind::Icp,
                    run.iter().map(|id| Job::Icp(id.clone())).collect(),
                )
            })
            .chain(personas.chunks(RUN).map(|run| {
                let jobs = run
                    .iter()
                    .map(|(icp, id)| Job::Persona(icp.clone(), id.clone()))
                    .collect();
                (Kind::Persona, jobs)
            }));
        // The next run is parsed while the sink takes the one before.
        std::thread::scope(|scope| {
            let mut start =
                |(kind, jobs): (Kind, Vec<Job>)| (kind, scope.spawn(move || parse(jobs)));
            let mut next = runs.next().map(&mut start);
            while let Some((kind, parsing)) = next {
                let made = parsing
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                next = runs.next().map(&mut start);
                sink(kind, made);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_card_in_order_a_run_at_a_time_and_none_for_a_broken_one() {
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
        assert!(
            personas.len() > RUN,
            "the personas come in more than one run"
        );
        let mut runs: Vec<(Kind, Vec<Option<String>>)> = Vec::new();
        store.read_each(
            &icps,
            &personas,
            |i| i.name.clone(),
            |p| p.name.clone(),
            |kind, run| runs.push((kind, run)),
        );
        assert!(
            runs.iter()
                .all(|(_, run)| !run.is_empty() && run.len() <= RUN)
        );
        let of = |kind: Kind| -> Vec<Option<String>> {
            runs.iter()
                .filter(|(k, _)| *k == kind)
                .flat_map(|(_, run)| run.clone())
                .collect()
        };
        let names: Vec<Option<String>> = ws.icps.iter().map(|i| Some(i.name.clone())).collect();
        assert_eq!(of(Kind::Icp), names);
        let mut names: Vec<Option<String>> =
            ws.personas.iter().map(|p| Some(p.name.clone())).collect();
        names.push(None);
        assert_eq!(of(Kind::Persona), names);
        // Every ICP run comes before the first persona run.
        let first_persona = runs.iter().position(|(k, _)| *k == Kind::Persona);
        assert!(
            runs[first_persona.unwrap()..]
                .iter()
                .all(|(k, _)| *k == Kind::Persona)
        );
    }
}
