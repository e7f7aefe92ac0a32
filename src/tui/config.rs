//! Settings from `config.toml` in the user's config folder. Everything is
//! optional; a file that cannot be read is reported once and the defaults
//! are used.
//!
//! ```toml
//! stale_after_days = 90
//! export_dir = "~/Documents/personas"
//!
//! [keys]                  # everywhere a key can be used that way
//! delete = "D"
//! export = ["x", "ctrl-e"]
//!
//! [keys.notes-editing]    # only while editing notes
//! save = "ctrl-w"
//!
//! [colors]
//! accent = "magenta"
//! ```

use super::keys::Overrides;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// A card not validated for longer than this is marked stale.
    pub stale_after_days: i64,
    /// Where exports go by default (the current folder when unset).
    pub export_dir: Option<PathBuf>,
    /// Key overrides by action name.
    pub keys: BTreeMap<String, Keys>,
    /// Colour overrides by role.
    pub colors: BTreeMap<String, String>,
}

/// Under `[keys]`: an action's key or keys, or a table of them for one
/// screen (`[keys.browse]`).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Keys {
    One(String),
    Many(Vec<String>),
    Scoped(BTreeMap<String, Keys>),
}

impl Keys {
    pub fn to_vec(&self) -> Vec<String> {
        match self {
            Keys::One(k) => vec![k.clone()],
            Keys::Many(ks) => ks.clone(),
            Keys::Scoped(_) => Vec::new(),
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            stale_after_days: 90,
            export_dir: None,
            keys: BTreeMap::new(),
            colors: BTreeMap::new(),
        }
    }
}

/// Where the settings live: `~/.config/persona/config.toml` on Linux.
pub fn path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "persona").map(|d| d.config_dir().join("config.toml"))
}

impl Config {
    /// Reads the settings; a missing file is simply the defaults, a broken
    /// one is the defaults plus one sentence saying what was wrong.
    pub fn load(path: Option<&Path>) -> (Config, Option<String>) {
        let Some(path) = path else {
            return (Config::default(), None);
        };
        match std::fs::read_to_string(path) {
            Ok(text) => match Config::parse(&text) {
                Ok(config) => (config, None),
                Err(message) => (
                    Config::default(),
                    Some(format!(
                        "Settings in {} were not used ({}); using the defaults.",
                        path.display(),
                        message
                    )),
                ),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Config::default(), None),
            Err(e) => (
                Config::default(),
                Some(format!(
                    "Could not read {} ({e}); using the defaults.",
                    path.display()
                )),
            ),
        }
    }

    pub fn parse(text: &str) -> Result<Config, String> {
        let config: Config = toml::from_str(text).map_err(|e| {
            let message = e.message().trim().to_string();
            match e.span() {
                Some(span) => {
                    let (line, col) = crate::store::locate::line_col(text, span.start);
                    format!("line {line}, column {col}: {message}")
                }
                None => message,
            }
        })?;
        if config.stale_after_days < 1 {
            return Err("stale_after_days must be at least 1".into());
        }
        Ok(config)
    }

    pub fn key_overrides(&self) -> Overrides {
        let mut out = Overrides::default();
        for (name, keys) in &self.keys {
            match keys {
                Keys::Scoped(table) => {
                    let scoped = table
                        .iter()
                        .map(|(action, keys)| (action.clone(), keys.to_vec()))
                        .collect();
                    out.scoped.insert(name.clone(), scoped);
                }
                keys => {
                    out.everywhere.insert(name.clone(), keys.to_vec());
                }
            }
        }
        out
    }

    /// The export folder with a leading `~` expanded.
    pub fn export_dir(&self) -> Option<PathBuf> {
        let dir = self.export_dir.as_ref()?;
        if let Ok(rest) = dir.strip_prefix("~")
            && let Some(home) = directories::BaseDirs::new()
        {
            return Some(home.home_dir().join(rest));
        }
        Some(dir.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_setting() {
        let config = Config::parse(
            "stale_after_days = 30\nexport_dir = \"/tmp/out\"\n[keys]\ndelete = \"D\"\nexport = [\"x\", \"ctrl-e\"]\n[colors]\naccent = \"magenta\"\n",
        )
        .unwrap();
        assert_eq!(config.stale_after_days, 30);
        assert_eq!(
            config.key_overrides().everywhere["export"],
            vec!["x", "ctrl-e"]
        );
        let scoped = Config::parse("[keys.notes-editing]\nsave = \"ctrl-w\"\n").unwrap();
        assert_eq!(
            scoped.key_overrides().scoped["notes-editing"]["save"],
            vec!["ctrl-w"]
        );
    }

    #[test]
    fn a_broken_file_gives_defaults_and_one_message() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "stale_after_days = \"soon\"\n").unwrap();
        let (config, message) = Config::load(Some(&path));
        assert_eq!(config, Config::default());
        let message = message.unwrap();
        assert!(message.contains("line 1"), "{message}");
        let (_, none) = Config::load(Some(&dir.path().join("missing.toml")));
        assert!(none.is_none());
    }
}
