//! Keys: one table per context, one router.
//!
//! Every screen declares its bindings as a table, one line per binding
//! ([`table!`]); the same table decides what a key does, what the footer
//! shows and what the help lists, so the hints cannot lie. [`Keymaps::route`]
//! is the one router: Ctrl-c quits from anywhere; in a text context a
//! printable key types; then the context's table; then the global layer
//! (help on `F1`, and on `?` where `?` is not typed); in a text context any
//! other key goes to the text. Overrides from the settings are scoped by
//! context and never take a printable key from a text context.

mod context;
mod key;

pub use context::Context;
pub use key::{Key, script};

use super::action::Action;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::BTreeMap;

/// One line of a default table: the action, its keys (`"up k"`, `"ctrl-s
/// enter"`), whether the footer shows it, a word or two for the footer and
/// a sentence for the help.
pub type Row = (Action, &'static str, bool, &'static str, &'static str);

/// A key table, one binding per line:
/// `Action "keys" show|help "footer hint" "help sentence";`
/// (`show`: in the footer and the help; `help`: in the help only).
#[macro_export]
macro_rules! key_table {
    ($($action:ident $keys:literal $show:ident $hint:literal $help:literal;)*) => {
        &[$(($crate::tui::action::Action::$action, $keys, $crate::key_table!(@$show), $hint, $help),)*]
    };
    (@show) => { true };
    (@help) => { false };
}
pub use key_table as table;

/// The global layer, written once: help everywhere.
const GLOBAL: &[Row] = table! {
    Help "? f1" show "help" "Show every key of this screen";
};

/// One binding of a table, with its keys parsed (and overridden).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
    pub action: Action,
    pub keys: Vec<Key>,
    pub hint: &'static str,
    pub help: &'static str,
    /// Whether the footer shows it (help always does).
    pub footer: bool,
}

/// What a key is, where it was pressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// A command.
    Action(Action),
    /// Typing: the key goes to the text being edited.
    Text,
    /// Nothing here uses it.
    Unbound,
}

/// Settings for keys: `action = keys` for every context, and per context
/// under `[keys.<context>]`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Overrides {
    pub everywhere: BTreeMap<String, Vec<String>>,
    pub scoped: BTreeMap<String, BTreeMap<String, Vec<String>>>,
}

/// The key tables, built from the defaults and the user's overrides.
#[derive(Clone, Debug, Default)]
pub struct Keymaps {
    tables: BTreeMap<Context, Vec<Binding>>,
    global: Vec<Binding>,
}

fn parse_row(row: &Row) -> Binding {
    let (action, keys, footer, hint, help) = *row;
    Binding {
        action,
        keys: keys
            .split_whitespace()
            .map(|k| Key::parse(k).unwrap_or_else(|| panic!("bad key `{k}` in a key table")))
            .collect(),
        hint,
        help,
        footer,
    }
}

/// A key press that types a character.
fn types(event: &KeyEvent) -> bool {
    matches!(event.code, KeyCode::Char(_))
        && !event
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

fn is_ctrl_c(event: &KeyEvent) -> bool {
    event.code == KeyCode::Char('c') && event.modifiers.contains(KeyModifiers::CONTROL)
}

impl Keymaps {
    /// The tables from their default rows.
    pub fn new(defaults: &[(Context, &[Row])]) -> Keymaps {
        let mut tables: BTreeMap<Context, Vec<Binding>> = BTreeMap::new();
        for (context, rows) in defaults {
            tables
                .entry(*context)
                .or_default()
                .extend(rows.iter().map(parse_row));
        }
        Keymaps {
            tables,
            global: GLOBAL.iter().map(parse_row).collect(),
        }
    }

    /// Applies the settings' overrides; returns what could not be used, one
    /// phrase each. An override replaces the action's keys (and takes those
    /// keys from other actions of the same table); in a context where
    /// typing goes into text, printable keys are left to the text.
    pub fn with_overrides(mut self, overrides: &Overrides) -> (Keymaps, Vec<String>) {
        let mut errors = Vec::new();
        let parse = |name: &str, keys: &[String], errors: &mut Vec<String>| {
            let Some(action) = Action::from_name(name) else {
                errors.push(format!("unknown action `{name}` under [keys]"));
                return None;
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
            (!parsed.is_empty()).then_some((action, parsed))
        };
        for (name, keys) in &overrides.everywhere {
            let Some((action, keys)) = parse(name, keys, &mut errors) else {
                continue;
            };
            let contexts: Vec<Context> = self.tables.keys().copied().collect();
            for context in contexts {
                let usable: Vec<Key> = keys
                    .iter()
                    .copied()
                    .filter(|k| !(context.is_text() && k.is_printable()))
                    .collect();
                if !usable.is_empty() {
                    self.bind(context, action, &usable);
                }
            }
            if let Some(b) = self.global.iter_mut().find(|b| b.action == action) {
                b.keys = keys;
            }
        }
        for (context_name, actions) in &overrides.scoped {
            let Some(context) = Context::from_name(context_name) else {
                errors.push(format!("unknown screen `{context_name}` under [keys]"));
                continue;
            };
            for (name, keys) in actions {
                let Some((action, keys)) = parse(name, keys, &mut errors) else {
                    continue;
                };
                if !self.table(context).iter().any(|b| b.action == action) {
                    errors.push(format!("`{name}` is not a key of `{context_name}`"));
                    continue;
                }
                let (typed, usable): (Vec<Key>, Vec<Key>) = keys
                    .into_iter()
                    .partition(|k| context.is_text() && k.is_printable());
                for k in typed {
                    errors.push(format!(
                        "`{}` cannot be `{name}` in `{context_name}`, where it types the letter",
                        k.label()
                    ));
                }
                if !usable.is_empty() {
                    self.bind(context, action, &usable);
                }
            }
        }
        (self, errors)
    }

    /// Gives `action` exactly `keys` in `context`, taking them from any
    /// other binding of that table.
    fn bind(&mut self, context: Context, action: Action, keys: &[Key]) {
        let Some(table) = self.tables.get_mut(&context) else {
            return;
        };
        if !table.iter().any(|b| b.action == action) {
            return;
        }
        for binding in table.iter_mut() {
            if binding.action == action {
                binding.keys = keys.to_vec();
            } else {
                binding.keys.retain(|k| !keys.contains(k));
            }
        }
    }

    pub fn table(&self, context: Context) -> &[Binding] {
        self.tables.get(&context).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The global layer, as it applies in `context` (no key that types).
    pub fn global(&self, context: Context) -> Vec<Binding> {
        self.global
            .iter()
            .map(|b| {
                let mut b = b.clone();
                b.keys.retain(|k| !(context.is_text() && k.is_printable()));
                b
            })
            .collect()
    }

    /// The action a key is bound to in a context's own table.
    pub fn lookup(&self, context: Context, event: &KeyEvent) -> Option<Action> {
        self.table(context)
            .iter()
            .find(|b| b.keys.iter().any(|k| k.matches(event)))
            .map(|b| b.action)
    }

    /// The one router: what a key means in `context`.
    pub fn route(&self, context: Context, event: &KeyEvent) -> Route {
        if is_ctrl_c(event) {
            return Route::Action(Action::Quit);
        }
        let text = context.is_text();
        if text && types(event) {
            return Route::Text;
        }
        if let Some(action) = self.lookup(context, event) {
            return Route::Action(action);
        }
        if let Some(b) = self
            .global(context)
            .iter()
            .find(|b| b.keys.iter().any(|k| k.matches(event)))
        {
            return Route::Action(b.action);
        }
        if text { Route::Text } else { Route::Unbound }
    }

    /// The first key bound to an action in a context (or the global layer),
    /// for messages such as "press u to undo".
    pub fn key_for(&self, context: Context, action: Action) -> Option<String> {
        self.table(context)
            .iter()
            .chain(self.global(context).iter())
            .find(|b| b.action == action && !b.keys.is_empty())
            .and_then(|b| b.keys.first())
            .map(Key::label)
    }

    /// The footer's entries for a context: `(keys, hint)`, with neighbours
    /// that share a hint ("move") merged into one entry (`↑/↓ move`), then
    /// the global layer.
    pub fn footer(&self, context: Context) -> Vec<(String, &'static str)> {
        let mut out: Vec<(String, &'static str)> = Vec::new();
        let global = self.global(context);
        let shown = self
            .table(context)
            .iter()
            .chain(global.iter())
            .filter(|b| b.footer);
        for binding in shown {
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

    /// Every binding of a context for the help: its table, then the global
    /// layer, then Ctrl-c.
    pub fn help(&self, context: Context) -> Vec<(String, &'static str)> {
        let label = |b: &Binding| b.keys.iter().map(Key::label).collect::<Vec<_>>().join(" ");
        let mut out: Vec<(String, &'static str)> = self
            .table(context)
            .iter()
            .chain(self.global(context).iter())
            .map(|b| (label(b), b.help))
            .collect();
        out.push(("Ctrl-c".into(), "Quit from anywhere"));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &[Row] = table! {
        Up "up k" show "move" "Move up";
        Down "down j" show "move" "Move down";
        Delete "d" show "delete" "Delete";
        Back "esc" show "back" "Back";
        Quit "q" show "quit" "Quit";
    };

    fn maps() -> Keymaps {
        Keymaps::new(&[
            (Context::Browse, TABLE),
            (
                Context::NotesEditing,
                table! { Back "esc" show "done" "Stop"; },
            ),
        ])
    }

    fn ev(key: &str) -> KeyEvent {
        Key::parse(key).unwrap().event()
    }

    #[test]
    fn footer_merges_moves_and_ends_with_help() {
        let footer = maps().footer(Context::Browse);
        assert_eq!(footer[0], ("↑/↓".to_string(), "move"));
        assert_eq!(footer.last().unwrap(), &("?".to_string(), "help"));
        let typing = maps().footer(Context::NotesEditing);
        assert_eq!(typing.last().unwrap(), &("F1".to_string(), "help"));
    }

    #[test]
    fn the_router_lets_text_have_printable_keys() {
        let maps = maps();
        assert_eq!(
            maps.route(Context::Browse, &ev("?")),
            Route::Action(Action::Help)
        );
        assert_eq!(maps.route(Context::NotesEditing, &ev("?")), Route::Text);
        assert_eq!(
            maps.route(Context::NotesEditing, &ev("f1")),
            Route::Action(Action::Help)
        );
        assert_eq!(
            maps.route(Context::NotesEditing, &ev("backspace")),
            Route::Text
        );
        assert_eq!(
            maps.route(Context::Browse, &ev("backspace")),
            Route::Unbound
        );
        assert_eq!(
            maps.route(Context::NotesEditing, &ev("ctrl-c")),
            Route::Action(Action::Quit)
        );
    }

    #[test]
    fn overrides_are_scoped_and_never_take_a_typed_letter() {
        let over = Overrides {
            everywhere: BTreeMap::from([
                ("back".to_string(), vec!["q".to_string()]),
                ("nope".to_string(), vec!["z".to_string()]),
            ]),
            scoped: BTreeMap::from([(
                "notes-editing".to_string(),
                BTreeMap::from([("back".to_string(), vec!["x".to_string()])]),
            )]),
        };
        let (maps, errors) = maps().with_overrides(&over);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[1].contains("types the letter"), "{errors:?}");
        // Browse: q now goes back, and no longer quits.
        assert_eq!(
            maps.route(Context::Browse, &ev("q")),
            Route::Action(Action::Back)
        );
        assert!(
            maps.footer(Context::Browse)
                .iter()
                .any(|(k, h)| k == "q" && *h == "back")
        );
        // Editing: q types, Esc still stops.
        assert_eq!(maps.route(Context::NotesEditing, &ev("q")), Route::Text);
        assert_eq!(
            maps.route(Context::NotesEditing, &ev("esc")),
            Route::Action(Action::Back)
        );
    }
}
