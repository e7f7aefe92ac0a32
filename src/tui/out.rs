//! What a screen's `update` asks for. A screen changes only its own state;
//! everything else (going to another screen, a popup, a message, touching
//! the disk) it returns as an [`Out`], which the app carries out.

use super::effect::Effect;
use super::modal::Modal;
use crate::domain::{EntityRef, Kind};
use crate::store::drafts::{Draft, DraftFile};

pub enum Out {
    /// Something for the world outside (the disk, `$EDITOR`), performed by
    /// the runtime; its outcome comes back as a message.
    Do(Effect),
    /// A one-line message at the bottom, until the next key.
    Say(String),
    /// The same, as a warning.
    Warn(String),
    /// Replace this screen with another.
    Go(Nav),
    /// Open a screen over this one; [`Out::Back`] returns here as it was.
    Push(Nav),
    /// Back to the screen underneath (browse when there is none).
    Back,
    /// A popup over the screen.
    Open(Modal),
    /// The wizard's unsaved answers, kept where the panic hook and the
    /// runner's timed draft write find them (`None`: nothing unsaved).
    Shelve(Option<Draft>),
}

impl Out {
    pub fn say(text: impl Into<String>) -> Out {
        Out::Say(text.into())
    }

    pub fn warn(text: impl Into<String>) -> Out {
        Out::Warn(text.into())
    }
}

/// Where to go.
#[derive(Clone, Debug, PartialEq)]
pub enum Nav {
    Browse,
    Card(EntityRef),
    /// Markdown as an export would write it.
    Preview {
        title: String,
        markdown: String,
        entity: EntityRef,
    },
    /// The interviews list, on this interview.
    Interviews {
        selected: Option<String>,
    },
    /// One interview, showing one of its highlights.
    Interview {
        id: String,
        highlight: Option<String>,
    },
    Tally,
    /// A persona's outreach: its matrix, templates and previews.
    Outreach {
        persona: String,
    },
    /// Files that did not load, merge conflicts and personal details.
    Problems,
    /// One file's merge conflicts, to settle side by side (`text`: the
    /// file as read).
    Conflicts {
        path: String,
        text: String,
    },
    /// A card's history from git (or why there is none).
    History {
        entity: EntityRef,
        history: Result<crate::git::history::History, String>,
    },
    /// The tally, on one ICP.
    TallyOf {
        icp: String,
    },
    /// An ICP's best customers.
    Customers {
        icp: String,
    },
    /// Outcomes per persona, tier and template.
    Insights,
    /// An ICP's fit scoring, with its rules as read.
    Scoring {
        icp: String,
        file: crate::tui::scoring_types::ScoringFile,
    },
    /// Unsaved wizard work, to resume or discard.
    Drafts,
    Wizard(WizardStart),
}

/// How the wizard starts.
#[derive(Clone, Debug, PartialEq)]
pub enum WizardStart {
    /// `n`: choose what to make (a persona goes in this ICP by default).
    Choose { icp: Option<String> },
    /// Straight to the questions, after any choice not given.
    New {
        what: Kind,
        icp: Option<String>,
        template: Option<String>,
    },
    /// Edit an item, starting at this field.
    Edit {
        entity: EntityRef,
        at: Option<String>,
    },
    /// Carry on with a draft.
    Resume(DraftFile),
}
