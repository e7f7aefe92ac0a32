//! Drawing the outreach screen: which template and which lead, the message
//! as that lead would get it (holes marked with the reason), what the
//! whole lead file would get, the template's mistakes, and the persona's
//! messaging matrix; while editing, the body's editor above the preview.

use super::OutreachState;
use crate::domain::Severity;
use crate::domain::outreach::campaign::{check_tokens, vocabulary};
use crate::domain::outreach::preview::{Piece, pieces};
use crate::domain::outreach::{Outcome, OutreachTemplate, Scope};
use crate::import::leads::field_names;
use crate::tui::ctx::Ctx;
use crate::tui::screens::card::matrix;
use crate::tui::text::{self, count};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

impl OutreachState {
    pub fn draw(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = ctx.theme;
        let persona = ctx.workspace.persona(&self.persona);
        let name = persona.map_or(self.persona.as_str(), |p| p.name.as_str());
        let block = Block::bordered()
            .border_style(theme.border_focused())
            .title(Line::styled(
                format!(
                    " Outreach: {} ",
                    text::fit(name, area.width.saturating_sub(14) as usize)
                ),
                theme.title(),
            ));
        let inner = block.inner(area);
        f.render_widget(block, area);
        ctx.drawn(|a| a.body = inner);
        let width = inner.width as usize;
        let Some(persona) = persona else {
            f.render_widget(
                Paragraph::new(Line::styled(
                    "This persona is no longer in the workspace.",
                    theme.dim(),
                )),
                inner,
            );
            return;
        };
        if self.templates.is_none() {
            f.render_widget(
                Paragraph::new(Line::styled("Reading the outreach templates…", theme.dim())),
                inner,
            );
            return;
        }
        let mut head = self.head_lines(ctx, width);
        let head_h = (head.len() as u16).min(inner.height.saturating_sub(1));
        let [top, rest] =
            Layout::vertical([Constraint::Length(head_h), Constraint::Min(0)]).areas(inner);
        head.truncate(head_h as usize);
        f.render_widget(Paragraph::new(head), top);

        let Some(template) = self.current() else {
            let mut lines = Vec::new();
            for l in text::wrap(
                "There is no outreach template for this persona yet: n makes one in templates/outreach/, ready to edit.",
                width,
            ) {
                lines.push(Line::styled(l, theme.dim()));
            }
            for p in &self.problems {
                lines.push(Line::styled(
                    text::fit(&p.to_string(), width),
                    theme.error(),
                ));
            }
            matrix::push(&mut lines, ctx.workspace, persona, width, theme, None);
            f.render_widget(Paragraph::new(lines).scroll((self.scroll, 0)), rest);
            return;
        };
        let preview = self.preview_lines(ctx, &template, width);
        let mut side = Vec::new();
        matrix::push(&mut side, ctx.workspace, persona, width, theme, None);

        if self.typing {
            let [edit, below] =
                Layout::vertical([Constraint::Percentage(50), Constraint::Min(3)]).areas(rest);
            self.draw_editor(f, edit, ctx);
            let block = Block::default()
                .borders(Borders::TOP)
                .border_style(theme.border())
                .title(Line::styled(" Live preview ", theme.title()));
            let inside = block.inner(below);
            f.render_widget(block, below);
            f.render_widget(
                Paragraph::new(preview)
                    .wrap(Wrap { trim: false })
                    .scroll((self.scroll, 0)),
                inside,
            );
            return;
        }
        if inner.width >= 100 {
            let [left, right] =
                Layout::horizontal([Constraint::Percentage(58), Constraint::Fill(1)])
                    .spacing(2)
                    .areas(rest);
            f.render_widget(
                Paragraph::new(preview)
                    .wrap(Wrap { trim: false })
                    .scroll((self.scroll, 0)),
                left,
            );
            let mut side = Vec::new();
            matrix::push(
                &mut side,
                ctx.workspace,
                persona,
                right.width as usize,
                theme,
                None,
            );
            f.render_widget(Paragraph::new(side).scroll((self.scroll, 0)), right);
        } else {
            let mut all = preview;
            all.extend(side);
            f.render_widget(
                Paragraph::new(all)
                    .wrap(Wrap { trim: false })
                    .scroll((self.scroll, 0)),
                rest,
            );
        }
    }

    /// Which template, which lead.
    fn head_lines(&self, ctx: &Ctx, width: usize) -> Vec<Line<'static>> {
        let theme = ctx.theme;
        let shown = self.shown();
        let mut lines = Vec::new();
        if let Some(file) = self.file() {
            let t = &file.template;
            let mut about = format!(
                "Template {}/{}: {} · {}",
                self.selected + 1,
                shown.len(),
                if t.name.trim().is_empty() {
                    &t.id
                } else {
                    &t.name
                },
                t.channel.key()
            );
            if let Some(stage) = t.stage {
                about.push_str(&format!(" · {stage}"));
            }
            let mut spans = vec![Span::styled(
                text::fit(&about, width.saturating_sub(12)),
                theme.label(),
            )];
            if self.dirty() {
                spans.push(Span::styled(" (unsaved)", theme.stale()));
            }
            lines.push(Line::from(spans));
            lines.push(Line::styled(text::fit(&file.path, width), theme.dim()));
        }
        let leads = match &self.leads {
            Some(l) if !l.rows.is_empty() => format!(
                "Lead {}/{}{} of {} (line {})",
                self.lead + 1,
                l.rows.len(),
                if l.more { "+" } else { "" },
                l.name,
                l.rows[self.lead.min(l.rows.len() - 1)].line
            ),
            Some(l) => format!("{} has no leads; previewing a sample lead", l.name),
            None => "A sample lead (o opens a lead file; ← → go through its rows)".into(),
        };
        lines.push(Line::styled(text::fit(&leads, width), theme.dim()));
        lines.push(Line::default());
        lines
    }

    /// The message for the lead on screen, what the file would get, and
    /// the template's mistakes.
    fn preview_lines(
        &self,
        ctx: &Ctx,
        template: &OutreachTemplate,
        width: usize,
    ) -> Vec<Line<'static>> {
        let theme = ctx.theme;
        let ws = ctx.workspace;
        let mut lines = Vec::new();
        let Some(me) = ws.persona(&self.persona) else {
            return lines;
        };
        let (compiled, syntax) = template.compile_all();
        let (lead, real) = self.lead_of(me);
        let campaign = self.campaign(ctx, template, &compiled, real);
        let columns = self
            .leads
            .as_ref()
            .map(|l| l.columns.clone())
            .unwrap_or_default();
        let words = match &campaign {
            Ok(c) => c.vocabulary(ws, &field_names(), &columns),
            Err(_) => vocabulary(ws, &[me], &field_names(), &columns),
        };
        // What the template itself gets wrong, wherever the lead.
        let clean = !self.dirty();
        let file = self.file();
        let mut mistakes: Vec<String> = syntax
            .iter()
            .map(|e| match file.filter(|_| clean) {
                Some(file) => file.problem(e).to_string(),
                None => format!(
                    "{} {}: {}",
                    e.part.map_or("template", |p| p.key()),
                    e.pos
                        .map(|p| format!("{}:{}", p.line, p.column))
                        .unwrap_or_default(),
                    e.message
                ),
            })
            .collect();
        for (part, token, report) in check_tokens(&compiled, &words) {
            if let Err(message) = report.meaning {
                mistakes.push(match file.filter(|_| clean) {
                    Some(file) => file
                        .at(part, token.pos, Severity::Error, message)
                        .to_string(),
                    None => format!(
                        "{} {}:{}: {message}",
                        part.key(),
                        token.pos.line,
                        token.pos.column
                    ),
                });
            }
        }
        if !mistakes.is_empty() {
            lines.push(Line::styled(
                format!("MISTAKES ({})", mistakes.len()),
                theme.heading(),
            ));
            for m in mistakes {
                for l in text::wrap(&m, width) {
                    lines.push(Line::styled(l, theme.error()));
                }
            }
            lines.push(Line::default());
        }
        let mut persona = me;
        let who = [
            lead.get("first_name").unwrap_or_default().to_string()
                + " "
                + lead.get("last_name").unwrap_or_default(),
            lead.get("job_title").unwrap_or_default().to_string(),
            lead.get("company").unwrap_or_default().to_string(),
            lead.get("email")
                .map(|e| format!("<{e}>"))
                .unwrap_or_default(),
        ]
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
        lines.push(Line::from(vec![
            Span::styled("To: ", theme.label()),
            Span::raw(text::fit(&who, width.saturating_sub(4))),
        ]));
        match &campaign {
            Err(e) => lines.push(Line::styled(text::fit(e, width), theme.error())),
            Ok(c) => match c.run(&lead, None) {
                Outcome::Message { persona: p, .. } => {
                    persona = p;
                    lines.push(Line::styled(
                        text::fit(&format!("✓ gets this message, as {}", p.name), width),
                        theme.backed(),
                    ));
                }
                Outcome::Skipped { persona: p, why } => {
                    if let Some(p) = p {
                        persona = p;
                    }
                    for l in text::wrap(&format!("✗ skipped: {}", c.reason(&why)), width) {
                        lines.push(Line::styled(l, theme.error()));
                    }
                }
            },
        }
        let scope = Scope {
            lead: &lead,
            persona: Some(persona),
            stage: template.stage,
        };
        lines.push(Line::default());
        let mut subject = vec![Span::styled("Subject: ", theme.label())];
        for line in piece_lines(&pieces(&compiled.subject, &scope, &words), theme) {
            subject.extend(line);
        }
        lines.push(Line::from(subject));
        lines.push(Line::default());
        for spans in piece_lines(&pieces(&compiled.body, &scope, &words), theme) {
            lines.push(Line::from(spans));
        }

        if let Some(summary) = &self.summary {
            lines.push(Line::default());
            lines.push(Line::styled("THE LEAD FILE", theme.heading()));
            lines.push(Line::styled(
                format!(
                    "{} of {} get this message",
                    summary.messages,
                    count(summary.total, "lead", "leads")
                ),
                if summary.messages > 0 {
                    theme.backed()
                } else {
                    theme.error()
                },
            ));
            for (why, n) in &summary.skipped {
                lines.push(Line::raw(text::fit(
                    &format!("  {n:>4} skipped: {why}"),
                    width,
                )));
            }
        }
        lines
    }

    fn draw_editor(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = ctx.theme;
        let Some(draft) = &self.draft else {
            return;
        };
        let block = Block::bordered()
            .border_style(theme.border_focused())
            .title(Line::styled(
                " Body (Tab completes a {{ token }}) ",
                theme.title(),
            ));
        let inner = block.inner(area);
        f.render_widget(block, area);
        let (editor_area, offered) = if self.completions.is_empty() || inner.height < 3 {
            (inner, None)
        } else {
            let [a, b] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
            (a, Some(b))
        };
        f.render_widget(&draft.editor, editor_area);
        let c = draft.editor.screen_cursor();
        let (top, left) = draft.editor.scroll_offset();
        let row = c.row.saturating_sub(top as usize) as u16;
        let col = c.col.saturating_sub(left as usize) as u16;
        if row < editor_area.height && col < editor_area.width {
            f.set_cursor_position((editor_area.x + col, editor_area.y + row));
        }
        if let Some(offered) = offered {
            let names = self.completions.join("  ");
            f.render_widget(
                Paragraph::new(Line::styled(
                    text::fit(&format!("Tab: {names}"), offered.width as usize),
                    theme.dim(),
                )),
                offered,
            );
        }
    }
}

/// Pieces as lines of spans (a piece may hold line breaks); holes show the
/// token and why it has no value.
fn piece_lines(pieces: &[Piece], theme: &crate::tui::theme::Theme) -> Vec<Vec<Span<'static>>> {
    let mut lines: Vec<Vec<Span<'static>>> = vec![Vec::new()];
    let mut push = |text: &str, style: Style| {
        for (i, part) in text.split('\n').enumerate() {
            if i > 0 {
                lines.push(Vec::new());
            }
            if !part.is_empty() {
                let shown = text::clean(part).into_owned();
                if let Some(last) = lines.last_mut() {
                    last.push(Span::styled(shown, style));
                }
            }
        }
    };
    for piece in pieces {
        match piece {
            Piece::Text(t) => push(t, Style::new()),
            Piece::Filled(t) => push(t, theme.backed()),
            Piece::Gap {
                token,
                why,
                unknown,
            } => push(
                &format!("⟦{} — {}⟧", token.trim(), why),
                if *unknown {
                    theme.error()
                } else {
                    theme.assumption()
                },
            ),
        }
    }
    lines
}
