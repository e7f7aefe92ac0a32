//! The lines of a card, for the card screen and browse's preview: every
//! section of the template, each attribute marked as backed by interviews
//! (with a count) or as an assumption, how long ago it was last checked
//! against new notes, and an ICP's best customers and personas.

use crate::domain::{
    EntityRef, EvidenceSummary, Field, FieldKind, Fields, Item, Kind, Profile, Template, Value,
    Workspace,
};
use crate::tui::ctx::Ctx;
use crate::tui::search::Query;
use crate::tui::text::{self, count};
use crate::tui::theme::Theme;
use crate::tui::widgets::spans::{marked, plain};
use jiff::civil::Date;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// How fresh a card is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Freshness {
    Fresh { days: i64 },
    Stale { days: i64 },
    Never,
}

pub fn freshness(last: Option<Date>, today: Date, threshold: i64) -> Freshness {
    let Some(last) = last else {
        return Freshness::Never;
    };
    let days = last.until(today).map(|s| s.get_days() as i64).unwrap_or(0);
    if days > threshold {
        Freshness::Stale { days }
    } else {
        Freshness::Fresh { days }
    }
}

/// The profile (ICP or persona) behind an entity.
pub fn profile<'a>(ws: &'a Workspace, entity: &EntityRef) -> Option<&'a dyn Profile> {
    match entity.kind {
        Kind::Icp => ws.icp(&entity.id).map(|i| i as &dyn Profile),
        Kind::Persona => ws.persona(&entity.id).map(|p| p as &dyn Profile),
        _ => None,
    }
}

/// A field to show: from the template, or found in the file but not in it.
struct Shown<'a> {
    id: &'a str,
    label: String,
    unit: Option<&'a str>,
    items: &'a [Item],
}

/// Sections in template order, then anything the template does not name.
fn sections<'a>(
    template: Option<&'a Template>,
    fields: &'a Fields,
) -> Vec<(String, Vec<Shown<'a>>)> {
    let mut out = Vec::new();
    let mut named = std::collections::BTreeSet::new();
    if let Some(template) = template {
        for section in &template.sections {
            let shown = section
                .fields
                .iter()
                .map(|f: &'a Field| {
                    named.insert(f.id.as_str());
                    Shown {
                        id: &f.id,
                        label: f.label.clone(),
                        unit: f
                            .unit
                            .as_deref()
                            .filter(|_| matches!(f.kind, FieldKind::Number | FieldKind::Range)),
                        items: fields.get(&f.id).map(Vec::as_slice).unwrap_or(&[]),
                    }
                })
                .collect();
            out.push((section.title.clone(), shown));
        }
    }
    let others: Vec<Shown> = fields
        .iter()
        .filter(|(id, _)| !named.contains(id.as_str()))
        .map(|(id, items)| Shown {
            id,
            label: id.replace(['_', '-'], " "),
            unit: None,
            items,
        })
        .collect();
    if !others.is_empty() {
        out.push((
            if template.is_some() {
                "Other attributes"
            } else {
                "Attributes"
            }
            .to_string(),
            others,
        ));
    }
    out
}

/// The items of a card in display order (what the cursor walks over), with
/// the id of the field each belongs to.
pub fn items<'a>(ws: &'a Workspace, entity: &EntityRef) -> Vec<(&'a str, &'a Item)> {
    let Some(p) = profile(ws, entity) else {
        return Vec::new();
    };
    sections(ws.template(p.template_id()), p.fields())
        .into_iter()
        .flat_map(|(_, fields)| {
            fields
                .into_iter()
                .flat_map(|f| f.items.iter().map(move |i| (f.id, i)))
        })
        .collect()
}

fn value_text(value: &Value, unit: Option<&str>) -> String {
    match unit {
        Some(unit) => format!("{value} {unit}"),
        None => value.to_string(),
    }
}

/// The lines of a card, laid out for `width` columns, and the first line of
/// each item (for scrolling the cursor into view).
pub struct CardLines {
    pub lines: Vec<Line<'static>>,
    pub item_lines: Vec<usize>,
    /// The first line with a filter match in it, if any.
    pub first_match: Option<usize>,
}

pub struct CardOptions<'a> {
    pub width: usize,
    pub cursor: Option<usize>,
    pub query: Option<&'a Query>,
}

/// Wrapped lines of one style.
fn wrapped(lines: &mut Vec<Line<'static>>, text: &str, width: usize, indent: &str, style: Style) {
    for l in text::wrap(text, width.saturating_sub(indent.len()).max(8)) {
        lines.push(Line::styled(format!("{indent}{l}"), style));
    }
}

pub fn lines(ctx: &Ctx, entity: &EntityRef, opts: &CardOptions) -> CardLines {
    let ws = ctx.workspace;
    let theme = ctx.theme;
    let mut out = CardLines {
        lines: Vec::new(),
        item_lines: Vec::new(),
        first_match: None,
    };
    let width = opts.width.max(10);
    let Some(p) = profile(ws, entity) else {
        wrapped(
            &mut out.lines,
            &format!("{entity} is no longer in the workspace."),
            width,
            "",
            theme.dim(),
        );
        return out;
    };
    let name = text::fit(p.name(), width);
    let name_marks = opts
        .query
        .map(|q| q.highlights(&name, true))
        .unwrap_or_default();
    out.lines.push(Line::from(marked(
        &name,
        &name_marks,
        theme.title(),
        theme.matched(),
        width,
    )));

    let template = ws.template(p.template_id());
    let mut about = entity.kind.label().to_string();
    if let Some(persona) = ws
        .persona(&entity.id)
        .filter(|_| entity.kind == Kind::Persona)
    {
        let icp = ws
            .icp(&persona.icp)
            .map(|i| i.name.as_str())
            .unwrap_or(&persona.icp);
        about.push_str(&format!(" in {}", text::fit(icp, width)));
    }
    let template_name = template.map(|t| t.name.as_str()).unwrap_or(p.template_id());
    about.push_str(&format!(" · template {}", text::fit(template_name, width)));
    wrapped(&mut out.lines, &about, width, "", theme.dim());

    let stale_days = ctx.config.stale_after_days;
    let last = p
        .last_validated()
        .map(|d| d.to_string())
        .unwrap_or_default();
    let (mark, rest) = match freshness(p.last_validated(), ctx.today, stale_days) {
        Freshness::Fresh { days } => ("", format!("Last validated {last} ({})", ago(days))),
        Freshness::Stale { days } => (
            "⚠ STALE ",
            format!(
                "last validated {last} ({}, over {stale_days} days): check it against new interviews",
                ago(days)
            ),
        ),
        Freshness::Never => ("⚠ STALE ", "never validated against interviews".to_string()),
    };
    for (i, l) in text::wrap(&format!("{mark}{rest}"), width)
        .into_iter()
        .enumerate()
    {
        match l.strip_prefix(mark) {
            Some(after) if i == 0 && !mark.is_empty() => out.lines.push(Line::from(vec![
                Span::styled(mark.trim_end().to_string(), theme.stale()),
                Span::raw(format!(" {after}")),
            ])),
            _ => out.lines.push(Line::raw(l)),
        }
    }
    super::outcomes::flags(&mut out.lines, ctx, entity, width);
    super::outcomes::summary(&mut out.lines, ctx, entity, width);
    let summary = EvidenceSummary::of(ws, p.fields());
    let backed = Span::styled(format!("✓ {} backed", summary.backed), theme.backed());
    let by = Span::raw(" by interview quotes, ");
    let guesses = Span::styled(
        format!(
            "? {}",
            count(summary.assumptions, "assumption", "assumptions")
        ),
        theme.assumption(),
    );
    if backed.width() + by.width() + guesses.width() <= width {
        out.lines.push(Line::from(vec![backed, by, guesses]));
    } else {
        out.lines
            .push(Line::from(vec![backed, Span::raw(" by quotes,")]));
        out.lines.push(Line::from(guesses));
    }
    if template.is_none() {
        wrapped(
            &mut out.lines,
            &format!(
                "The template `{}` was not found; showing the attributes as stored.",
                p.template_id()
            ),
            width,
            "",
            theme.error(),
        );
    }

    let mut n = 0;
    for (title, fields) in sections(template, p.fields()) {
        out.lines.push(Line::default());
        out.lines.push(Line::styled(
            text::fit(&title.to_uppercase(), width),
            theme.heading(),
        ));
        for field in fields {
            let label = plain(&field.label, theme.label(), width.saturating_sub(20));
            if field.items.is_empty() {
                out.lines.push(Line::from(vec![
                    Span::raw("  "),
                    label,
                    Span::styled(": not filled in", theme.dim()),
                ]));
                continue;
            }
            out.lines.push(Line::from(vec![Span::raw("  "), label]));
            for item in field.items {
                let selected = opts.cursor == Some(n);
                let start = out.lines.len();
                out.item_lines.push(start);
                if out.first_match.is_none()
                    && opts
                        .query
                        .is_some_and(|q| q.touches(&value_text(&item.value, field.unit)))
                {
                    out.first_match = Some(start);
                }
                let item_line = ItemLine {
                    item,
                    unit: field.unit,
                    selected,
                    width,
                    query: opts.query,
                };
                item_line.push(&mut out.lines, ws, theme);
                n += 1;
            }
        }
    }
    if let Some(persona) = ws
        .persona(&entity.id)
        .filter(|p| entity.kind == Kind::Persona && !p.messaging.is_empty())
    {
        super::matrix::push(&mut out.lines, ws, persona, width, theme, None);
    }
    if let Some(icp) = ws.icp(&entity.id).filter(|_| entity.kind == Kind::Icp) {
        if !icp.best_customers.is_empty() {
            out.lines.push(Line::default());
            out.lines
                .push(Line::styled("BEST CUSTOMERS", theme.heading()));
            for c in &icp.best_customers {
                let place = c.place();
                let details: Vec<&str> = [
                    c.industry.as_str(),
                    c.size.as_str(),
                    c.revenue.as_str(),
                    place.as_str(),
                ]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect();
                let company = plain(c.label(), theme.label(), width.saturating_sub(2));
                let room = width.saturating_sub(4 + text::width(&company.content));
                out.lines.push(Line::from(vec![
                    Span::raw("  "),
                    company,
                    plain(&format!("  {}", details.join(" · ")), theme.dim(), room),
                ]));
                if !c.criterion.is_empty() {
                    wrapped(&mut out.lines, &c.criterion, width, "    ", theme.dim());
                }
            }
        }
        let personas: Vec<&str> = ws.personas_of(&icp.id).map(|p| p.name.as_str()).collect();
        out.lines.push(Line::default());
        out.lines.push(Line::styled(
            format!("PERSONAS ({})", personas.len()),
            theme.heading(),
        ));
        if personas.is_empty() {
            out.lines.push(Line::styled("  none yet", theme.dim()));
        }
        for name in personas {
            out.lines.push(Line::from(vec![
                Span::raw("  • "),
                plain(name, theme.label(), width.saturating_sub(4)),
            ]));
        }
    }
    out
}

fn ago(days: i64) -> String {
    match days {
        0 => "today".into(),
        1 => "yesterday".into(),
        // A date ahead of this machine's clock (another time zone, a clock
        // set wrong) is said as such, not as "-4 days ago".
        -1 => "tomorrow".into(),
        d if d < 0 => format!("{} days ahead", -d),
        d => format!("{d} days ago"),
    }
}

/// The most lines one attribute takes on a card.
const MOST_LINES: usize = 60;

/// One attribute: its value wrapped under a bullet, then how it is backed.
struct ItemLine<'a> {
    item: &'a Item,
    unit: Option<&'a str>,
    selected: bool,
    width: usize,
    query: Option<&'a Query>,
}

impl ItemLine<'_> {
    fn push(&self, lines: &mut Vec<Line<'static>>, ws: &Workspace, theme: &Theme) {
        let item = self.item;
        let backing = ws.interviews_backing(item);
        let mark = if backing > 0 {
            Span::styled(
                format!("✓ {}", count(backing, "interview", "interviews")),
                theme.backed(),
            )
        } else if item.cites.is_empty() {
            Span::styled("? assumption".to_string(), theme.assumption())
        } else {
            Span::styled("? cites missing quotes".to_string(), theme.error())
        };
        let indent = 4;
        let body = value_text(&item.value, self.unit);
        let base = if self.selected {
            theme.selected()
        } else {
            Style::new()
        };
        // A card shows at most a screenful or two of one attribute: the
        // rest is in the file (and wrapping 10 MB on every frame is not).
        let wrapped = text::wrap_at_most(
            &body,
            self.width.saturating_sub(indent + 1).max(8),
            MOST_LINES,
        );
        let count = wrapped.len();
        for (i, part) in wrapped.into_iter().enumerate() {
            let lead = match (i, self.selected) {
                (0, true) => "  ▸ ",
                (0, false) => "  • ",
                _ => "    ",
            };
            let marks = self
                .query
                .map(|q| q.highlights(&part, false))
                .unwrap_or_default();
            let mut spans = vec![Span::styled(
                lead,
                if self.selected {
                    theme.key()
                } else {
                    theme.dim()
                },
            )];
            let room = self.width.saturating_sub(indent);
            spans.extend(marked(&part, &marks, base, theme.matched(), room));
            let used = indent + text::width(&part);
            if i + 1 == count && used + 2 + text::width(&mark.content) <= self.width {
                spans.push(Span::raw("  "));
                spans.push(mark.clone());
            } else if i + 1 == count {
                lines.push(Line::from(spans));
                spans = vec![Span::raw("      "), mark.clone()];
            }
            lines.push(Line::from(spans));
        }
    }
}
