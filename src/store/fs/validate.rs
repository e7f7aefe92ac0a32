//! `persona validate`: every problem a load found, and every finding of the
//! checks across files, each at a line of its file.

use super::FsStore;
use crate::store::{Loaded, Problem, finding_to_problem};

impl FsStore {
    /// Every finding of the cross-file checks, placed at a line of the file.
    pub fn validate(&self, loaded: &Loaded) -> Vec<Problem> {
        let mut problems = loaded.problems.clone();
        for finding in crate::domain::check::check(&loaded.workspace) {
            problems.push(finding_to_problem(&finding, &loaded.workspace, |path| {
                self.read_text(path)
            }));
        }
        // References to ids that no longer exist, from files that did not
        // load (read from their text).
        problems.extend(self.unloaded_dangling(&loaded.workspace));
        // Each ICP's scoring rules, and the evidence they cite.
        problems.extend(crate::store::scoring::validate(
            self.root(),
            &loaded.workspace,
        ));
        // Outreach templates: token mistakes, unknown names, missing personas.
        let lead_fields = crate::import::leads::field_names();
        problems.extend(super::super::outreach::validate(
            self.root(),
            &loaded.workspace,
            &lead_fields,
        ));
        // Merge conflicts kept inside files, and git's markers in files of
        // kinds the load does not read.
        let reported = problems.iter().map(|p| p.path.clone()).collect();
        problems.extend(crate::merge::scan::problems(&self.root, &reported));
        problems
    }
}
