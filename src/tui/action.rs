//! Semantic commands: what a key means, not which key it was.

/// Declares the actions with the name each has in `config.toml` under
/// `[keys]`, one line per action.
macro_rules! actions {
    ($($action:ident $name:literal,)*) => {
        /// Everything a key can ask for. The key tables turn keys into these;
        /// the screens turn these into state changes and effects.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Action {
            $($action,)*
        }

        impl Action {
            /// Every action, for reading key overrides from the settings.
            pub const ALL: &'static [Action] = &[$(Action::$action,)*];

            /// The name used in `config.toml` under `[keys]`.
            pub fn name(self) -> &'static str {
                match self {
                    $(Action::$action => $name,)*
                }
            }
        }
    };
}

actions! {
    Up "up",
    Down "down",
    Left "left",
    Right "right",
    WordLeft "word-left",
    WordRight "word-right",
    LineStart "line-start",
    LineEnd "line-end",
    ExtendUp "extend-up",
    ExtendDown "extend-down",
    ExtendLeft "extend-left",
    ExtendRight "extend-right",
    PageUp "page-up",
    PageDown "page-down",
    Top "top",
    Bottom "bottom",
    Open "open",
    Back "back",
    SwitchPane "switch-pane",
    Filter "filter",
    ClearFilter "clear-filter",
    Help "help",
    Quit "quit",
    Delete "delete",
    Duplicate "duplicate",
    Move "move",
    Rename "rename",
    Export "export",
    Preview "preview",
    Sort "sort",
    Undo "undo",
    Problems "problems",
    Quotes "quotes",
    Confirm "confirm",
    Cancel "cancel",
    New "new",
    Edit "edit",
    Next "next",
    Previous "previous",
    Skip "skip",
    Save "save",
    Overview "overview",
    Cite "cite",
    QuoteAsItem "quote-as-item",
    MoveItemUp "move-item-up",
    MoveItemDown "move-item-down",
    RemoveItem "remove-item",
    Resume "resume",
    Discard "discard",
    Drafts "drafts",
    Interviews "interviews",
    Tally "tally",
    Import "import",
    ExternalEdit "external-editor",
    Metadata "metadata",
    Highlight "highlight",
    HighlightParagraph "highlight-paragraph",
    Select "select",
    Tag "tag",
    Mark "mark",
    CitedBy "cited-by",
    Guided "guided-pass",
    PreviousParagraph "previous-paragraph",
    UndoEdit "undo-edit",
    RedoEdit "redo-edit",
    NextField "next-field",
    PreviousField "previous-field",
    Evidence "evidence",
    Reload "reload",
    Overwrite "overwrite",
    SaveCopy "save-copy",
    Outreach "outreach",
    EditSubject "edit-subject",
    EditMatrix "edit-matrix",
    Complete "complete",
    KeepOurs "keep-ours",
    KeepTheirs "keep-theirs",
    KeepBoth "keep-both",
    History "history",
    Customers "best-customers",
    Insights "insights",
    GroupBy "group-by",
    Since "since",
    SinceEarlier "since-earlier",
    Scoring "scoring",
    MorePoints "more-points",
    FewerPoints "fewer-points",
    Disqualify "disqualify",
    Tiers "tiers",
    OpenLeads "open-leads",
    FilterTier "filter-tier",
    FilterSegment "filter-segment",
    DetailDown "detail-down",
    DetailUp "detail-up",
    Backtest "backtest",
}

impl Action {
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.name() == name)
    }
}
