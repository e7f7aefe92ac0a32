//! One key table per screen. The same table decides what a key does, what
//! the footer shows and what the help lists, so the hints cannot lie.

use super::action::Action;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};
use std::collections::BTreeMap;

/// A key with its modifiers, as written in the settings: `d`, `D`, `enter`,
/// `ctrl-s`, `pgdn`, `space`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    pub const fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    pub fn parse(text: &str) -> Option<Key> {
        let mut ctrl = false;
        let mut alt = false;
        let mut rest = text.trim();
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.len() > 5 && lower.starts_with("ctrl-") {
                ctrl = true;
                rest = &rest[5..];
            } else if rest.len() > 4 && lower.starts_with("alt-") {
                alt = true;
                rest = &rest[4..];
            } else {
                break;
            }
        }
        let code = match rest.to_ascii_lowercase().as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" | "shift-tab" => KeyCode::BackTab,
            "backspace" | "bs" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            "space" => KeyCode::Char(' '),
            _ => {
                let mut chars = rest.chars();
                let c = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c })
            }
        };
        Some(Key { code, ctrl, alt })
    }

    pub fn matches(&self, event: &KeyEvent) -> bool {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let alt = event.modifiers.contains(KeyModifiers::ALT);
        if ctrl != self.ctrl || alt != self.alt {
            return false;
        }
        match (self.code, event.code) {
            (KeyCode::Char(a), KeyCode::Char(b)) if self.ctrl => a.eq_ignore_ascii_case(&b),
            (a, b) => a == b,
        }
    }

    /// The key event a person pressing this key sends.
    pub fn event(&self) -> KeyEvent {
        let mut modifiers = KeyModifiers::NONE;
        if self.ctrl {
            modifiers |= KeyModifiers::CONTROL;
        }
        if self.alt {
            modifiers |= KeyModifiers::ALT;
        }
        if let KeyCode::Char(c) = self.code
            && c.is_uppercase()
        {
            modifiers |= KeyModifiers::SHIFT;
        }
        KeyEvent {
            code: self.code,
            modifiers,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        }
    }

    /// How the key is written in the footer and help.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Enter => "Enter".to_string(),
            KeyCode::Esc => "Esc".to_string(),
            KeyCode::Tab => "Tab".to_string(),
            KeyCode::BackTab => "Shift-Tab".to_string(),
            KeyCode::Backspace => "Backspace".to_string(),
            KeyCode::Delete => "Del".to_string(),
            KeyCode::Up => "↑".to_string(),
            KeyCode::Down => "↓".to_string(),
            KeyCode::Left => "←".to_string(),
            KeyCode::Right => "→".to_string(),
            KeyCode::Home => "Home".to_string(),
            KeyCode::End => "End".to_string(),
            KeyCode::PageUp => "PgUp".to_string(),
            KeyCode::PageDown => "PgDn".to_string(),
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            other => format!("{other:?}"),
        };
        match (self.ctrl, self.alt) {
            (true, _) => format!("Ctrl-{base}"),
            (_, true) => format!("Alt-{base}"),
            _ => base,
        }
    }
}

/// Where keys are being read: each screen and each popup has its own table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    Welcome,
    Browse,
    Filter,
    Card,
    Quotes,
    Preview,
    Help,
    Confirm,
    Prompt,
    Picker,
    Problems,
    Conflict,
    WizardChoose,
    Wizard,
    WizardEvidence,
    WizardFilter,
    WizardReview,
    WizardOverview,
    Drafts,
    Interviews,
    Notes,
    NotesEditing,
    Highlights,
    Guided,
    TagPicker,
    InterviewForm,
    Tally,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Welcome => "Welcome",
            Context::Browse => "Browse",
            Context::Filter => "Typing a filter",
            Context::Card => "Card",
            Context::Quotes => "Quotes",
            Context::Preview => "Markdown preview",
            Context::Help => "Help",
            Context::Confirm => "Confirm",
            Context::Prompt => "Text prompt",
            Context::Picker => "Pick from a list",
            Context::Problems => "Problems",
            Context::Conflict => "A file changed on disk",
            Context::WizardChoose => "New: choose what to make",
            Context::Wizard => "Wizard: answering a question",
            Context::WizardEvidence => "Wizard: evidence",
            Context::WizardFilter => "Wizard: filtering the evidence",
            Context::WizardReview => "Wizard: review",
            Context::WizardOverview => "Wizard: every question",
            Context::Drafts => "Unsaved drafts",
            Context::Interviews => "Interviews",
            Context::Notes => "Interview notes",
            Context::NotesEditing => "Editing notes",
            Context::Highlights => "Highlights",
            Context::Guided => "Guided pass",
            Context::TagPicker => "Tag a highlight",
            Context::InterviewForm => "Interview details",
            Context::Tally => "Tally",
        }
    }
}

/// One line of a key table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
    pub action: Action,
    pub keys: Vec<Key>,
    /// A word or two for the footer.
    pub hint: &'static str,
    /// A sentence for the help screen.
    pub help: &'static str,
    /// Whether the footer shows it (help always does).
    pub footer: bool,
}

/// The usual "previous" key: ↑, or `k` as in vi.
pub(super) fn up(hint: &'static str, help: &'static str, footer: bool) -> Binding {
    b(Action::Up, &[UP, Key::char('k')], hint, help, footer)
}

/// The usual "next" key: ↓, or `j` as in vi.
pub(super) fn down(hint: &'static str, help: &'static str, footer: bool) -> Binding {
    b(Action::Down, &[DOWN, Key::char('j')], hint, help, footer)
}

pub(super) fn b(
    action: Action,
    keys: &[Key],
    hint: &'static str,
    help: &'static str,
    footer: bool,
) -> Binding {
    Binding {
        action,
        keys: keys.to_vec(),
        hint,
        help,
        footer,
    }
}

use KeyCode as K;
const UP: Key = Key::plain(K::Up);
const DOWN: Key = Key::plain(K::Down);
const ENTER: Key = Key::plain(K::Enter);
const ESC: Key = Key::plain(K::Esc);
const PGUP: Key = Key::plain(K::PageUp);
const PGDN: Key = Key::plain(K::PageDown);
const HOME: Key = Key::plain(K::Home);
const END: Key = Key::plain(K::End);
const TAB: Key = Key::plain(K::Tab);

const fn ctrl(c: char) -> Key {
    Key {
        code: K::Char(c),
        ctrl: true,
        alt: false,
    }
}

const fn alt(code: KeyCode) -> Key {
    Key {
        code,
        ctrl: false,
        alt: true,
    }
}

/// Moving through the wizard's questions, from any of its tables.
fn wizard_steps(next_keys: &[Key]) -> Vec<Binding> {
    vec![
        b(
            Action::Next,
            next_keys,
            "next",
            "Accept the answer and go to the next question (in long text Enter starts a new line: Ctrl-n goes on)",
            true,
        ),
        b(
            Action::Previous,
            &[ctrl('b'), PGUP],
            "back",
            "Back to the previous question",
            true,
        ),
        b(
            Action::Skip,
            &[ctrl('k')],
            "skip",
            "Skip this question for now (a required one is asked again before saving)",
            true,
        ),
        b(
            Action::Overview,
            &[ctrl('o')],
            "all questions",
            "List every question with its state, and jump to any",
            true,
        ),
        b(
            Action::Save,
            &[ctrl('s')],
            "review",
            "Review the whole card, then save it",
            true,
        ),
    ]
}

fn moves(list_word: &'static str) -> Vec<Binding> {
    vec![
        b(Action::Up, &[UP, Key::char('k')], "move", "Move up", true),
        b(
            Action::Down,
            &[DOWN, Key::char('j')],
            "move",
            "Move down",
            true,
        ),
        b(Action::PageUp, &[PGUP], "page", list_word, false),
        b(Action::PageDown, &[PGDN], "page", "One page down", false),
        b(
            Action::Top,
            &[HOME, Key::char('g')],
            "top",
            "Go to the top",
            false,
        ),
        b(
            Action::Bottom,
            &[END, Key::char('G')],
            "bottom",
            "Go to the bottom",
            false,
        ),
    ]
}

fn scrolls() -> Vec<Binding> {
    vec![
        up("scroll", "Scroll up", true),
        down("scroll", "Scroll down", true),
        b(Action::PageUp, &[PGUP], "page", "One page up", false),
        b(Action::PageDown, &[PGDN], "page", "One page down", false),
    ]
}

fn actions_on_item() -> Vec<Binding> {
    vec![
        b(
            Action::Delete,
            &[Key::char('d')],
            "delete",
            "Delete the selected item (asks first; u undoes)",
            true,
        ),
        b(
            Action::Export,
            &[Key::char('x')],
            "export",
            "Export the selection to a markdown file",
            true,
        ),
        b(
            Action::Preview,
            &[Key::char('p')],
            "preview",
            "Preview the selection as markdown",
            false,
        ),
        b(
            Action::Rename,
            &[Key::char('r')],
            "rename",
            "Rename the selection (its id and file follow)",
            false,
        ),
        b(
            Action::Duplicate,
            &[Key::char('c')],
            "copy",
            "Duplicate the selected persona",
            false,
        ),
        b(
            Action::Move,
            &[Key::char('m')],
            "move to",
            "Move the selected persona to another ICP",
            false,
        ),
        b(
            Action::Undo,
            &[Key::char('u')],
            "undo",
            "Undo the last delete",
            false,
        ),
    ]
}

/// `?`: every key of the screen, in the help overlay.
pub(super) fn help() -> Binding {
    b(
        Action::Help,
        &[Key::char('?')],
        "help",
        "Show every key",
        true,
    )
}

fn help_and(quit: Binding) -> Vec<Binding> {
    vec![help(), quit]
}

/// The key tables, built from the defaults and the user's overrides.
#[derive(Clone, Debug)]
pub struct Keymaps {
    tables: BTreeMap<Context, Vec<Binding>>,
}

impl Default for Keymaps {
    fn default() -> Self {
        Keymaps::defaults()
    }
}

impl Keymaps {
    pub fn defaults() -> Keymaps {
        let mut tables = BTreeMap::new();
        let quit = b(
            Action::Quit,
            &[Key::char('q')],
            "quit",
            "Quit persona",
            true,
        );
        let back = |hint| b(Action::Back, &[ESC, Key::char('q')], hint, "Go back", true);

        tables.insert(Context::Welcome, {
            let mut t = vec![
                up("choose", "Previous choice", true),
                down("choose", "Next choice", true),
                b(
                    Action::Open,
                    &[ENTER],
                    "start",
                    "Start with the chosen option",
                    true,
                ),
            ];
            t.extend(help_and(quit.clone()));
            t
        });

        tables.insert(Context::Browse, {
            let mut t = moves("One page up");
            t.push(b(
                Action::Open,
                &[ENTER, Key::plain(K::Right)],
                "open",
                "Open the card of the selection",
                true,
            ));
            t.push(b(
                Action::Filter,
                &[Key::char('/')],
                "filter",
                "Filter by name or anything written in a card",
                true,
            ));
            t.push(b(
                Action::ClearFilter,
                &[ESC],
                "clear filter",
                "Clear the filter",
                false,
            ));
            t.push(b(
                Action::SwitchPane,
                &[TAB],
                "pane",
                "Switch between the list and the card preview",
                true,
            ));
            t.push(b(
                Action::Sort,
                &[Key::char('s')],
                "sort",
                "Sort by name or by last update",
                false,
            ));
            t.push(b(
                Action::New,
                &[Key::char('n')],
                "new",
                "New ICP, persona (in the selected ICP) or interview, with the wizard",
                true,
            ));
            t.extend(actions_on_item());
            t.push(b(
                Action::Interviews,
                &[Key::char('i')],
                "interviews",
                "Interview notes: highlight, tag, import, tally",
                // The 80-column footer is full; `?` lists it.
                false,
            ));
            t.push(b(
                Action::Problems,
                &[Key::char('!')],
                "problems",
                "List files that could not be loaded",
                false,
            ));
            t.extend(help_and(quit.clone()));
            t
        });

        tables.insert(
            Context::Filter,
            vec![
                b(Action::Up, &[UP], "move", "Move up while typing", true),
                b(
                    Action::Down,
                    &[DOWN],
                    "move",
                    "Move down while typing",
                    true,
                ),
                b(
                    Action::Open,
                    &[ENTER],
                    "open",
                    "Open the selected match",
                    true,
                ),
                b(
                    Action::SwitchPane,
                    &[TAB],
                    "keep",
                    "Keep the filter and go back to the list",
                    true,
                ),
                b(
                    Action::ClearFilter,
                    &[ESC],
                    "clear",
                    "Clear the filter",
                    true,
                ),
            ],
        );

        tables.insert(Context::Card, {
            let mut t = vec![
                up("move", "Previous attribute", true),
                down("move", "Next attribute", true),
                b(Action::PageUp, &[PGUP], "page", "One page up", false),
                b(Action::PageDown, &[PGDN], "page", "One page down", false),
                b(
                    Action::Top,
                    &[HOME, Key::char('g')],
                    "top",
                    "First attribute",
                    false,
                ),
                b(
                    Action::Bottom,
                    &[END, Key::char('G')],
                    "bottom",
                    "Last attribute",
                    false,
                ),
                b(
                    Action::Quotes,
                    &[ENTER, Key::char('o')],
                    "quotes",
                    "Show the quotes behind the attribute",
                    true,
                ),
                b(
                    Action::Evidence,
                    &[Key::char('i')],
                    "interview",
                    "Open the interview a quote of the attribute comes from",
                    false,
                ),
                back("back"),
                b(
                    Action::Edit,
                    &[Key::char('e')],
                    "edit",
                    "Edit this card with the wizard, question by question",
                    true,
                ),
            ];
            t.extend(actions_on_item());
            t.push(help());
            t
        });

        tables.insert(Context::Quotes, {
            let mut t = scrolls();
            t.push(b(
                Action::Back,
                &[ESC, ENTER, Key::char('q')],
                "close",
                "Close the quotes",
                true,
            ));
            t
        });

        tables.insert(Context::Preview, {
            let mut t = scrolls();
            t.push(b(
                Action::Export,
                &[Key::char('x')],
                "export",
                "Export this markdown to a file",
                true,
            ));
            t.push(back("back"));
            t.push(help());
            t
        });

        tables.insert(Context::Help, {
            let mut t = scrolls();
            t.push(b(
                Action::Back,
                &[ESC, Key::char('?'), Key::char('q')],
                "close",
                "Close the help",
                true,
            ));
            t
        });

        tables.insert(
            Context::Confirm,
            vec![
                b(
                    Action::Confirm,
                    &[Key::char('y'), ENTER],
                    "yes",
                    "Yes, do it",
                    true,
                ),
                b(
                    Action::Cancel,
                    &[Key::char('n'), ESC],
                    "no",
                    "No, leave it",
                    true,
                ),
            ],
        );

        tables.insert(
            Context::Prompt,
            vec![
                b(
                    Action::Confirm,
                    &[ENTER],
                    "ok",
                    "Accept what is typed",
                    true,
                ),
                b(Action::Cancel, &[ESC], "cancel", "Cancel", true),
            ],
        );

        tables.insert(
            Context::Picker,
            vec![
                up("move", "Previous choice", true),
                down("move", "Next choice", true),
                b(Action::Confirm, &[ENTER], "choose", "Choose", true),
                b(
                    Action::Cancel,
                    &[ESC, Key::char('q')],
                    "cancel",
                    "Cancel",
                    true,
                ),
            ],
        );

        tables.insert(
            Context::Conflict,
            vec![
                b(
                    Action::Reload,
                    &[Key::char('r')],
                    "reload",
                    "Reload: take the version on disk (the wizard keeps your answers in its draft)",
                    true,
                ),
                b(
                    Action::Overwrite,
                    &[Key::char('o')],
                    "overwrite",
                    "Overwrite: save your version over the one on disk",
                    true,
                ),
                b(
                    Action::SaveCopy,
                    &[Key::char('c')],
                    "save as copy",
                    "Save your version as a copy, under a new name, next to theirs",
                    true,
                ),
                b(
                    Action::Cancel,
                    &[ESC],
                    "decide later",
                    "Close without saving; saving again asks again",
                    true,
                ),
            ],
        );

        tables.insert(Context::Problems, {
            let mut t = scrolls();
            t.push(b(
                Action::Back,
                &[ESC, Key::char('q'), Key::char('!')],
                "close",
                "Close the list",
                true,
            ));
            t
        });

        tables.insert(Context::WizardChoose, {
            let mut t = vec![
                up("choose", "Previous choice", true),
                down("choose", "Next choice", true),
                b(Action::Open, &[ENTER], "go on", "Take the choice", true),
                b(Action::Back, &[ESC], "cancel", "Cancel", true),
            ];
            t.extend(help_and(quit.clone()));
            t
        });

        tables.insert(Context::Wizard, {
            let mut t = wizard_steps(&[ENTER, ctrl('n'), PGDN]);
            t.push(b(
                Action::SwitchPane,
                &[TAB],
                "evidence",
                "Go to the evidence: quotes whose tags feed this question",
                true,
            ));
            t.push(b(
                Action::Back,
                &[ESC],
                "leave",
                "Leave the wizard (what you typed stays in a draft)",
                true,
            ));
            t.push(b(
                Action::MoveItemUp,
                &[alt(K::Up)],
                "move up",
                "In a list: move the picked item up",
                false,
            ));
            t.push(b(
                Action::MoveItemDown,
                &[alt(K::Down)],
                "move down",
                "In a list: move the picked item down",
                false,
            ));
            t.push(b(
                Action::RemoveItem,
                &[ctrl('d')],
                "remove",
                "In a list: remove the picked item",
                false,
            ));
            t
        });

        tables.insert(Context::WizardEvidence, {
            let mut t = vec![
                up("move", "Previous quote", true),
                down("move", "Next quote", true),
                b(
                    Action::Cite,
                    &[Key::char('c'), ENTER],
                    "cite",
                    "Cite the quote for the current answer (press again to take it back)",
                    true,
                ),
                b(
                    Action::QuoteAsItem,
                    &[Key::char('a')],
                    "add as answer",
                    "Add the quote's words as an answer that cites it",
                    true,
                ),
                b(
                    Action::SwitchPane,
                    &[TAB, ESC],
                    "answer",
                    "Back to the answer",
                    true,
                ),
                b(
                    Action::Filter,
                    &[Key::char('/')],
                    "filter",
                    "Filter the quotes by a word",
                    true,
                ),
            ];
            t.extend(wizard_steps(&[ctrl('n'), PGDN]));
            t.push(help());
            t
        });

        tables.insert(
            Context::WizardFilter,
            vec![
                b(Action::Up, &[UP], "move", "Previous quote", true),
                b(Action::Down, &[DOWN], "move", "Next quote", true),
                b(
                    Action::Open,
                    &[ENTER, TAB],
                    "keep",
                    "Keep the filter and pick a quote",
                    true,
                ),
                b(
                    Action::ClearFilter,
                    &[ESC],
                    "clear",
                    "Clear the filter",
                    true,
                ),
            ],
        );

        tables.insert(Context::WizardReview, {
            let mut t = scrolls();
            t.push(b(
                Action::Save,
                &[ctrl('s'), ENTER],
                "save",
                "Save the card",
                true,
            ));
            t.push(b(
                Action::Previous,
                &[ctrl('b'), Key::plain(K::Backspace)],
                "back",
                "Back to the last question",
                true,
            ));
            t.push(b(
                Action::Overview,
                &[ctrl('o'), Key::char('o')],
                "all questions",
                "List every question with its state, and jump to any",
                true,
            ));
            t.push(b(
                Action::Back,
                &[ESC],
                "leave",
                "Leave the wizard (what you typed stays in a draft)",
                true,
            ));
            t.push(help());
            t
        });

        tables.insert(
            Context::WizardOverview,
            vec![
                up("move", "Previous question", true),
                down("move", "Next question", true),
                b(Action::Open, &[ENTER], "go to", "Go to the question", true),
                b(
                    Action::Back,
                    &[ESC, ctrl('o'), Key::char('q')],
                    "close",
                    "Close the list",
                    true,
                ),
            ],
        );

        tables.insert(Context::Drafts, {
            let mut t = vec![
                up("move", "Previous draft", true),
                down("move", "Next draft", true),
                b(
                    Action::Resume,
                    &[ENTER, Key::char('r')],
                    "resume",
                    "Carry on with the draft in the wizard",
                    true,
                ),
                b(
                    Action::Discard,
                    &[Key::char('d')],
                    "discard",
                    "Throw the draft away",
                    true,
                ),
                b(
                    Action::Back,
                    &[ESC],
                    "later",
                    "Keep the drafts for later and go to the workspace",
                    true,
                ),
            ];
            t.extend(help_and(quit.clone()));
            t
        });

        super::screens::interview_keys::add(&mut tables);
        Keymaps { tables }
    }

    /// Applies `[keys]` from the settings: `action = "key"` or
    /// `action = ["key", "key"]`, replacing that action's keys everywhere.
    /// Returns what could not be understood.
    pub fn with_overrides(
        mut self,
        overrides: &BTreeMap<String, Vec<String>>,
    ) -> (Keymaps, Vec<String>) {
        let mut errors = Vec::new();
        for (name, keys) in overrides {
            let Some(action) = Action::from_name(name) else {
                errors.push(format!("unknown action `{name}` under [keys]"));
                continue;
            };
            let mut parsed = Vec::new();
            for key in keys {
                match Key::parse(key) {
                    Some(k) => parsed.push(k),
                    None => {
                        errors.push(format!("`{key}` for `{name}` is not a key this app knows"))
                    }
                }
            }
            if parsed.is_empty() {
                continue;
            }
            for table in self.tables.values_mut() {
                for binding in table.iter_mut().filter(|b| b.action == action) {
                    binding.keys = parsed.clone();
                }
            }
        }
        (self, errors)
    }

    pub fn table(&self, context: Context) -> &[Binding] {
        self.tables.get(&context).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn lookup(&self, context: Context, event: &KeyEvent) -> Option<Action> {
        self.table(context)
            .iter()
            .find(|b| b.keys.iter().any(|k| k.matches(event)))
            .map(|b| b.action)
    }

    /// The first key bound to an action in a context, for messages such as
    /// "press u to undo".
    pub fn key_for(&self, context: Context, action: Action) -> Option<String> {
        self.table(context)
            .iter()
            .find(|b| b.action == action)
            .and_then(|b| b.keys.first())
            .map(Key::label)
    }

    /// The footer's entries for a context: `(keys, hint)`, with neighbours
    /// that share a hint ("move") merged into one entry (`↑/↓ move`).
    pub fn footer(&self, context: Context) -> Vec<(String, &'static str)> {
        let mut out: Vec<(String, &'static str)> = Vec::new();
        for binding in self.table(context).iter().filter(|b| b.footer) {
            let Some(key) = binding.keys.first() else {
                continue;
            };
            match out.last_mut() {
                Some((keys, hint)) if *hint == binding.hint => {
                    keys.push('/');
                    keys.push_str(&key.label());
                }
                _ => out.push((key.label(), binding.hint)),
            }
        }
        out
    }
}

/// Turns a script such as `"/ gab <enter> j <esc>"` into key events, for
/// tests and demos: words are typed letter by letter, `<name>` is one key
/// (`<enter>`, `<esc>`, `<ctrl-s>`, `<space>`, `<up>`).
pub fn script(text: &str) -> Vec<KeyEvent> {
    let mut events = Vec::new();
    for word in text.split_whitespace() {
        if let Some(name) = word.strip_prefix('<').and_then(|w| w.strip_suffix('>')) {
            match Key::parse(name) {
                Some(key) => events.push(key.event()),
                None => panic!("unknown key <{name}> in script"),
            }
        } else {
            events.extend(word.chars().map(|c| Key::char(c).event()));
        }
    }
    events
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_and_match() {
        let ctrl_s = Key::parse("ctrl-s").unwrap();
        assert!(ctrl_s.matches(&KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)));
        assert!(!ctrl_s.matches(&KeyEvent::new(KeyCode::Char('s'), KeyModifiers::NONE)));
        let big_g = Key::parse("G").unwrap();
        assert!(big_g.matches(&KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT)));
        assert_eq!(Key::parse("pgdn").unwrap().label(), "PgDn");
        assert!(Key::parse("nonsense").is_none());
    }

    #[test]
    fn footer_merges_moves_and_help_lists_every_key() {
        let maps = Keymaps::defaults();
        let footer = maps.footer(Context::Browse);
        assert_eq!(footer[0], ("↑/↓".to_string(), "move"));
        assert!(footer.iter().any(|(k, h)| k == "?" && *h == "help"));
        for context in [Context::Browse, Context::Card, Context::Filter] {
            assert!(!maps.table(context).is_empty());
        }
    }

    #[test]
    fn overrides_change_dispatch_and_hints_together() {
        let mut over = BTreeMap::new();
        over.insert("delete".to_string(), vec!["D".to_string()]);
        over.insert("nope".to_string(), vec!["z".to_string()]);
        let (maps, errors) = Keymaps::defaults().with_overrides(&over);
        assert_eq!(errors.len(), 1);
        let d = KeyEvent::new(KeyCode::Char('D'), KeyModifiers::SHIFT);
        assert_eq!(maps.lookup(Context::Browse, &d), Some(Action::Delete));
        assert!(
            maps.footer(Context::Browse)
                .iter()
                .any(|(k, h)| k == "D" && *h == "delete")
        );
    }
}
