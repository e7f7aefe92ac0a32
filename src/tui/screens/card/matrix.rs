//! A persona's messaging matrix as card lines: for each row the pain it
//! addresses (the card's own item), the value, the proof with what backs
//! it (interviews, best customers, or an assumption), the call to action
//! and the funnel stage. The card and the outreach screen both show it.

use crate::domain::outreach::matrix;
use crate::domain::{Persona, Workspace};
use crate::tui::text::{self, count};
use crate::tui::theme::Theme;
use crate::tui::widgets::spans::plain;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// What backs a row's proof, in words, with its style.
pub fn backing(ws: &Workspace, persona: &Persona, row: &matrix::MessagingRow) -> (String, bool) {
    let found = matrix::evidence(ws, persona, row);
    let mut parts = Vec::new();
    if found.interviews > 0 {
        parts.push(format!(
            "✓ {}",
            count(found.interviews, "interview", "interviews")
        ));
    }
    if !found.customers.is_empty() {
        let names: Vec<&str> = found.customers.iter().map(|c| c.label()).collect();
        parts.push(format!(
            "✓ best customer{} {}",
            if names.len() == 1 { "" } else { "s" },
            names.join(", ")
        ));
    }
    if parts.is_empty() {
        return ("? assumption".into(), false);
    }
    (parts.join(" · "), true)
}

/// The "MESSAGING MATRIX" section; `selected` marks one row.
pub fn push(
    lines: &mut Vec<Line<'static>>,
    ws: &Workspace,
    persona: &Persona,
    width: usize,
    theme: &Theme,
    selected: Option<usize>,
) {
    lines.push(Line::default());
    lines.push(Line::styled(
        text::fit(
            &format!("MESSAGING MATRIX ({})", persona.messaging.len()),
            width,
        ),
        theme.heading(),
    ));
    if persona.messaging.is_empty() {
        wrap(
            lines,
            "none yet: m (in the outreach screen) or the wizard's last step adds rows: for a pain point of the card, the value, its proof, the call to action and the funnel stage",
            width,
            "  ",
            theme.dim(),
        );
        return;
    }
    for (i, row) in persona.messaging.iter().enumerate() {
        let pain = matrix::pain_text(persona, row)
            .unwrap_or_else(|| format!("no pain `{}` on the card", row.pain));
        let lead = if selected == Some(i) {
            "  ▸ "
        } else {
            "  • "
        };
        let stage = format!("{} · ", row.stage.key());
        let base = if selected == Some(i) {
            theme.selected()
        } else {
            Style::new()
        };
        let first = 4 + stage.len();
        let mut wrapped =
            text::wrap_at_most(&pain, width.saturating_sub(first).max(8), 4).into_iter();
        lines.push(Line::from(vec![
            Span::styled(lead, theme.key()),
            Span::styled(stage, theme.dim()),
            Span::styled(
                wrapped.next().unwrap_or_default(),
                base.patch(theme.label()),
            ),
        ]));
        for more in wrapped {
            lines.push(Line::styled(
                format!("{}{more}", " ".repeat(first)),
                base.patch(theme.label()),
            ));
        }
        for (label, value) in [("Value", &row.value), ("Proof", &row.proof)] {
            let shown = if value.trim().is_empty() {
                "(empty)"
            } else {
                value.as_str()
            };
            wrap(lines, &format!("{label}: {shown}"), width, "      ", base);
        }
        let (backing, backed) = backing(ws, persona, row);
        lines.push(Line::from(vec![
            Span::raw("      "),
            plain(
                &backing,
                if backed {
                    theme.backed()
                } else {
                    theme.assumption()
                },
                width.saturating_sub(6),
            ),
        ]));
        if !row.cta.trim().is_empty() {
            wrap(lines, &format!("CTA: {}", row.cta), width, "      ", base);
        }
    }
}

fn wrap(lines: &mut Vec<Line<'static>>, text: &str, width: usize, indent: &str, style: Style) {
    for l in text::wrap_at_most(text, width.saturating_sub(indent.len()).max(8), 6) {
        lines.push(Line::styled(format!("{indent}{l}"), style));
    }
}
