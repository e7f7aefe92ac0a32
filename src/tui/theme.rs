//! Colours and emphasis. With `NO_COLOR` set every style keeps its
//! modifiers (bold, reversed, underline) and drops its colours, so the
//! selection, matches and marks stay visible without colour.

use ratatui::style::{Color, Modifier, Style};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    pub color: bool,
    pub accent: Color,
    pub backed: Color,
    pub assumption: Color,
    pub stale: Color,
    pub error: Color,
    pub dim: Color,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            color: true,
            accent: Color::Cyan,
            backed: Color::Green,
            assumption: Color::Yellow,
            stale: Color::Red,
            error: Color::Red,
            dim: Color::DarkGray,
        }
    }
}

impl Theme {
    pub fn plain() -> Theme {
        Theme {
            color: false,
            ..Theme::default()
        }
    }

    /// Reads `[colors]` from the settings (`accent = "magenta"`, `"#ff8800"`).
    pub fn with_colors(mut self, colors: &BTreeMap<String, String>) -> (Theme, Vec<String>) {
        let mut errors = Vec::new();
        for (name, value) in colors {
            let Ok(color) = value.parse::<Color>() else {
                errors.push(format!("`{value}` under [colors] is not a colour"));
                continue;
            };
            match name.as_str() {
                "accent" => self.accent = color,
                "backed" => self.backed = color,
                "assumption" => self.assumption = color,
                "stale" => self.stale = color,
                "error" => self.error = color,
                "dim" => self.dim = color,
                other => errors.push(format!("unknown colour `{other}` under [colors]")),
            }
        }
        (self, errors)
    }

    fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    pub fn title(&self) -> Style {
        self.fg(self.accent).add_modifier(Modifier::BOLD)
    }
    pub fn heading(&self) -> Style {
        self.fg(self.accent).add_modifier(Modifier::BOLD)
    }
    pub fn label(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(self.dim)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    /// A selection in a pane that does not have the focus.
    pub fn selected_unfocused(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }
    pub fn matched(&self) -> Style {
        self.fg(Color::Yellow)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }
    pub fn backed(&self) -> Style {
        self.fg(self.backed)
    }
    pub fn assumption(&self) -> Style {
        self.fg(self.assumption).add_modifier(Modifier::ITALIC)
    }
    pub fn stale(&self) -> Style {
        self.fg(self.stale).add_modifier(Modifier::BOLD)
    }
    pub fn error(&self) -> Style {
        self.fg(self.error).add_modifier(Modifier::BOLD)
    }
    pub fn key(&self) -> Style {
        self.fg(self.accent).add_modifier(Modifier::BOLD)
    }
    pub fn border(&self) -> Style {
        self.dim()
    }
    pub fn border_focused(&self) -> Style {
        self.fg(self.accent)
    }
}
