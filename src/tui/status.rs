//! The status line of work running on another thread ([`super::jobs`]):
//! what it is, how far it is, and how many changes wait for it.

use crate::store::fs::Progress;
use std::sync::Arc;

/// What the status line shows while a job runs.
#[derive(Clone, Debug)]
pub struct Busy {
    pub label: String,
    pub progress: Option<Arc<Progress>>,
}

impl Busy {
    /// The status line: the label, how far it is, and what waits for it.
    pub fn line(&self, waiting: usize) -> String {
        let mut line = self.label.clone();
        if let Some(progress) = &self.progress {
            let (done, total) = progress.get();
            if total > 0 {
                line.push_str(&format!(" {} of {}", thousands(done), thousands(total)));
            }
        }
        if waiting > 0 {
            line.push_str(&format!(
                " ({} after it)",
                super::text::count(waiting, "change waits", "changes wait")
            ));
        }
        line
    }
}

/// `12400` as `12,400`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
