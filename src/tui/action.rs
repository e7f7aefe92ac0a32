//! Semantic commands: what a key means, not which key it was.

/// Everything a key can ask for. Keymaps turn keys into these; `App::update`
/// turns these into state changes and effects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    Back,
    SwitchPane,
    Filter,
    ClearFilter,
    Help,
    Quit,
    Delete,
    Duplicate,
    Move,
    Rename,
    Export,
    Preview,
    Sort,
    Undo,
    Problems,
    Quotes,
    Confirm,
    Cancel,
}

impl Action {
    /// Every action, for reading key overrides from the settings.
    pub const ALL: [Action; 25] = [
        Action::Up,
        Action::Down,
        Action::PageUp,
        Action::PageDown,
        Action::Top,
        Action::Bottom,
        Action::Open,
        Action::Back,
        Action::SwitchPane,
        Action::Filter,
        Action::ClearFilter,
        Action::Help,
        Action::Quit,
        Action::Delete,
        Action::Duplicate,
        Action::Move,
        Action::Rename,
        Action::Export,
        Action::Preview,
        Action::Sort,
        Action::Undo,
        Action::Problems,
        Action::Quotes,
        Action::Confirm,
        Action::Cancel,
    ];

    /// The name used in `config.toml` under `[keys]`.
    pub fn name(self) -> &'static str {
        match self {
            Action::Up => "up",
            Action::Down => "down",
            Action::PageUp => "page-up",
            Action::PageDown => "page-down",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::Open => "open",
            Action::Back => "back",
            Action::SwitchPane => "switch-pane",
            Action::Filter => "filter",
            Action::ClearFilter => "clear-filter",
            Action::Help => "help",
            Action::Quit => "quit",
            Action::Delete => "delete",
            Action::Duplicate => "duplicate",
            Action::Move => "move",
            Action::Rename => "rename",
            Action::Export => "export",
            Action::Preview => "preview",
            Action::Sort => "sort",
            Action::Undo => "undo",
            Action::Problems => "problems",
            Action::Quotes => "quotes",
            Action::Confirm => "confirm",
            Action::Cancel => "cancel",
        }
    }

    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.name() == name)
    }
}
