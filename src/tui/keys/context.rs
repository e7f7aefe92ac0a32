//! Where keys are being read: each screen, each popup and each mode of a
//! screen has its own key table, named here.

/// Declares the contexts: the name used under `[keys.<name>]` in the
/// settings, the title shown in the help, and whether typing goes into a
/// text there (printable keys type; commands use other keys).
macro_rules! contexts {
    ($($context:ident $name:literal $text:literal $title:literal,)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Context {
            $($context,)*
        }

        impl Context {
            pub const ALL: &'static [Context] = &[$(Context::$context,)*];

            /// The name used in `config.toml` for overrides in this context.
            pub fn name(self) -> &'static str {
                match self {
                    $(Context::$context => $name,)*
                }
            }

            /// What the help calls it.
            pub fn title(self) -> &'static str {
                match self {
                    $(Context::$context => $title,)*
                }
            }

            /// Printable keys go to a text here before any key table.
            pub fn is_text(self) -> bool {
                match self {
                    $(Context::$context => $text,)*
                }
            }
        }
    };
}

contexts! {
    Welcome "welcome" false "Welcome",
    Browse "browse" false "Browse",
    Filter "filter" true "Typing a filter",
    Card "card" false "Card",
    Quotes "quotes" false "Quotes",
    Preview "preview" false "Markdown preview",
    Help "help" false "Help",
    Confirm "confirm" false "Confirm",
    Prompt "prompt" true "Text prompt",
    Picker "picker" false "Pick from a list",
    Problems "problems" false "Problems",
    Report "report" false "A report",
    Conflict "conflict" false "A file changed on disk",
    WizardChoose "wizard-choose" false "New: choose what to make",
    Wizard "wizard" true "Wizard: answering a question",
    WizardText "wizard-text" true "Wizard: answering in long text",
    WizardEvidence "wizard-evidence" false "Wizard: evidence",
    WizardFilter "wizard-filter" true "Wizard: filtering the evidence",
    WizardReview "wizard-review" false "Wizard: review",
    WizardOverview "wizard-overview" false "Wizard: every question",
    Drafts "drafts" false "Unsaved drafts",
    Interviews "interviews" false "Interviews",
    Notes "notes" false "Interview notes",
    NotesEditing "notes-editing" true "Editing notes",
    Highlights "highlights" false "Highlights",
    Guided "guided" false "Guided pass",
    TagPicker "tag-picker" true "Tag a highlight",
    Tally "tally" false "Tally",
    Outreach "outreach" false "Outreach",
    OutreachEditing "outreach-editing" true "Outreach: editing a template",
    Conflicts "conflicts" false "Merge conflicts in a file",
    History "history" false "History of a card",
    Customers "best-customers" false "Best customers",
    Insights "insights" false "Insights: outcomes per persona, tier, template",
    ScoringRules "scoring-rules" false "Fit scoring: rules",
    ScoringLeads "scoring-leads" false "Fit scoring: scored leads",
    ScoringBacktest "scoring-backtest" false "Fit scoring: back-test",
    ScoringForm "scoring-form" true "Fit scoring: a rule's form",
}

impl Context {
    pub fn from_name(name: &str) -> Option<Context> {
        Context::ALL.iter().copied().find(|c| c.name() == name)
    }
}
