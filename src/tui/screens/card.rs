//! The card of an ICP or persona: every section of its template, each
//! attribute marked as backed by interviews (with a count) or as an
//! assumption, and how long ago it was last checked against new notes.

use crate::domain::{
    EntityRef, Field, FieldKind, Fields, Item, Kind, Profile, Template, Value, Workspace,
};
use crate::tui::action::Action;
use crate::tui::app::{App, Screen};
use crate::tui::effect::Effect;
use crate::tui::keymap::Context;
use crate::tui::modal::Modal;
use crate::tui::search::Query;
use crate::tui::text;
use crate::tui::theme::Theme;
use crate::tui::widgets::spans::{marked, plain};
use jiff::civil::Date;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use std::cell::Cell;

pub struct CardState {
    pub entity: EntityRef,
    /// Which attribute (item) is selected, counting from the top.
    pub cursor: usize,
    pub scroll: Cell<usize>,
}

impl CardState {
    pub fn new(entity: EntityRef) -> CardState {
        CardState {
            entity,
            cursor: 0,
            scroll: Cell::new(0),
        }
    }
}

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

/// The items of a card in display order (what the cursor walks over).
pub fn items<'a>(ws: &'a Workspace, entity: &EntityRef) -> Vec<&'a Item> {
    let Some(p) = profile(ws, entity) else {
        return Vec::new();
    };
    sections(ws.template(p.template_id()), p.fields())
        .into_iter()
        .flat_map(|(_, fields)| fields.into_iter().flat_map(|f| f.items.iter()))
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

pub fn lines(app: &App, entity: &EntityRef, opts: &CardOptions) -> CardLines {
    let ws = &app.workspace;
    let theme = &app.theme;
    let mut out = CardLines {
        lines: Vec::new(),
        item_lines: Vec::new(),
        first_match: None,
    };
    let Some(p) = profile(ws, entity) else {
        out.lines.push(Line::styled(
            format!("{entity} is no longer in the workspace."),
            theme.dim(),
        ));
        return out;
    };
    let width = opts.width.max(10);
    let name_marks = opts
        .query
        .map(|q| q.highlights(p.name(), true))
        .unwrap_or_default();
    out.lines.push(Line::from(marked(
        p.name(),
        &name_marks,
        theme.title(),
        theme.matched(),
    )));

    let template = ws.template(p.template_id());
    let mut about = vec![Span::styled(entity.kind.label().to_string(), theme.label())];
    if let Some(persona) = ws
        .persona(&entity.id)
        .filter(|_| entity.kind == Kind::Persona)
    {
        let icp = ws
            .icp(&persona.icp)
            .map(|i| i.name.as_str())
            .unwrap_or(&persona.icp);
        about.push(Span::styled(" in ", theme.dim()));
        about.push(plain(icp, theme.label()));
    }
    about.push(Span::styled(" · template ", theme.dim()));
    about.push(plain(
        template.map(|t| t.name.as_str()).unwrap_or(p.template_id()),
        theme.dim(),
    ));
    out.lines.push(Line::from(about));

    let stale_days = app.config.stale_after_days;
    out.lines.push(match freshness(p.last_validated(), app.today, stale_days) {
        Freshness::Fresh { days } => Line::from(vec![
            Span::styled("Last validated ", theme.dim()),
            Span::raw(format!("{} ({})", p.last_validated().map(|d| d.to_string()).unwrap_or_default(), ago(days))),
        ]),
        Freshness::Stale { days } => Line::from(vec![
            Span::styled("⚠ STALE", theme.stale()),
            Span::raw(format!(
                " last validated {} ({}, over {stale_days} days): check it against new interviews",
                p.last_validated().map(|d| d.to_string()).unwrap_or_default(),
                ago(days)
            )),
        ]),
        Freshness::Never => Line::from(vec![
            Span::styled("⚠ STALE", theme.stale()),
            Span::raw(" never validated against interviews"),
        ]),
    });
    let summary = crate::domain::EvidenceSummary::of(ws, p.fields());
    out.lines.push(Line::from(vec![
        Span::styled(format!("✓ {} backed", summary.backed), theme.backed()),
        Span::raw(" by interview quotes, "),
        Span::styled(
            format!(
                "? {} assumption{}",
                summary.assumptions,
                if summary.assumptions == 1 { "" } else { "s" }
            ),
            theme.assumption(),
        ),
    ]));
    if template.is_none() {
        out.lines.push(Line::styled(
            format!(
                "The template `{}` was not found; showing the attributes as stored.",
                text::clean(p.template_id())
            ),
            theme.error(),
        ));
    }

    let mut n = 0;
    for (title, fields) in sections(template, p.fields()) {
        out.lines.push(Line::default());
        out.lines.push(Line::styled(
            text::clean(&title).to_uppercase(),
            theme.heading(),
        ));
        for field in fields {
            if field.items.is_empty() {
                out.lines.push(Line::from(vec![
                    Span::raw("  "),
                    plain(&field.label, theme.label()),
                    Span::styled(": not filled in", theme.dim()),
                ]));
                continue;
            }
            out.lines.push(Line::from(vec![
                Span::raw("  "),
                plain(&field.label, theme.label()),
            ]));
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
                push_item(
                    &mut out.lines,
                    app,
                    item,
                    field.unit,
                    selected,
                    width,
                    opts.query,
                    theme,
                );
                n += 1;
            }
        }
    }
    if let Some(icp) = ws.icp(&entity.id).filter(|_| entity.kind == Kind::Icp) {
        if !icp.best_customers.is_empty() {
            out.lines.push(Line::default());
            out.lines
                .push(Line::styled("BEST CUSTOMERS", theme.heading()));
            for c in &icp.best_customers {
                let details: Vec<&str> = [
                    c.industry.as_str(),
                    c.size.as_str(),
                    c.revenue.as_str(),
                    c.geography.as_str(),
                ]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect();
                out.lines.push(Line::from(vec![
                    Span::raw("  "),
                    plain(&c.company, theme.label()),
                    plain(&format!("  {}", details.join(" · ")), theme.dim()),
                ]));
                if !c.criterion.is_empty() {
                    for l in text::wrap(&text::clean(&c.criterion), width.saturating_sub(6)) {
                        out.lines
                            .push(Line::styled(format!("    {l}"), theme.dim()));
                    }
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
                plain(name, theme.label()),
            ]));
        }
    }
    out
}

fn ago(days: i64) -> String {
    match days {
        0 => "today".into(),
        1 => "yesterday".into(),
        d => format!("{d} days ago"),
    }
}

#[allow(clippy::too_many_arguments)]
fn push_item(
    lines: &mut Vec<Line<'static>>,
    app: &App,
    item: &Item,
    unit: Option<&str>,
    selected: bool,
    width: usize,
    query: Option<&Query>,
    theme: &Theme,
) {
    let backing = app.workspace.interviews_backing(item);
    let mark = if backing > 0 {
        Span::styled(
            format!(
                "✓ {backing} interview{}",
                if backing == 1 { "" } else { "s" }
            ),
            theme.backed(),
        )
    } else if item.cites.is_empty() {
        Span::styled("? assumption".to_string(), theme.assumption())
    } else {
        Span::styled("? cites missing quotes".to_string(), theme.error())
    };
    let indent = 4;
    let body = text::clean(&value_text(&item.value, unit)).into_owned();
    let base = if selected {
        theme.selected()
    } else {
        ratatui::style::Style::new()
    };
    let wrapped = text::wrap(&body, width.saturating_sub(indent + 1).max(8));
    let mut offset = 0;
    let count = wrapped.len();
    for (i, part) in wrapped.into_iter().enumerate() {
        let lead = if i == 0 {
            if selected { "  ▸ " } else { "  • " }
        } else {
            "    "
        };
        let marks: Vec<usize> = query
            .map(|q| q.highlights(&body, false))
            .unwrap_or_default()
            .into_iter()
            .filter_map(|m| m.checked_sub(offset))
            .collect();
        let part_len = part.chars().count();
        let mut spans = vec![Span::styled(
            lead,
            if selected { theme.key() } else { theme.dim() },
        )];
        spans.extend(marked(&part, &marks, base, theme.matched()));
        offset += part_len + 1;
        let used = indent + text::width(&part);
        if i + 1 == count && used + 2 + text::width(&mark.content) <= width {
            spans.push(Span::raw("  "));
            spans.push(mark.clone());
        } else if i + 1 == count {
            lines.push(Line::from(spans));
            spans = vec![Span::raw("      "), mark.clone()];
        }
        lines.push(Line::from(spans));
    }
}

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let page = app.page();
    let Screen::Card(card) = &mut app.screen else {
        return Vec::new();
    };
    let count = items(&app.workspace, &card.entity).len();
    let last = count.saturating_sub(1);
    let step = (page / 3).max(1);
    match action {
        Action::Up => card.cursor = card.cursor.saturating_sub(1),
        Action::Down => card.cursor = (card.cursor + 1).min(last),
        Action::PageUp => card.cursor = card.cursor.saturating_sub(step),
        Action::PageDown => card.cursor = (card.cursor + step).min(last),
        Action::Top => card.cursor = 0,
        Action::Bottom => card.cursor = last,
        Action::Quotes => {
            let item = items(&app.workspace, &card.entity)
                .get(card.cursor)
                .map(|i| i.cites.is_empty());
            match item {
                Some(false) => app.modal = Some(Modal::Quotes { scroll: 0 }),
                Some(true) => {
                    app.say("This attribute is an assumption: no interview quote backs it yet.")
                }
                None => app.say("This card has no attributes yet."),
            }
        }
        Action::Back => app.screen = Screen::Browse,
        Action::Edit => {
            let entity = card.entity.clone();
            super::wizard::open_edit(app, &entity);
        }
        Action::Evidence => {
            let cites = items(&app.workspace, &card.entity)
                .get(card.cursor)
                .map(|i| i.cites.clone())
                .unwrap_or_default();
            let entity = card.entity.clone();
            crate::tui::screens::interview::open_evidence(app, entity, cites);
        }
        Action::Help => {
            app.modal = Some(Modal::Help {
                context: Context::Card,
                scroll: 0,
            })
        }
        other => {
            let entity = card.entity.clone();
            return crate::tui::item_ops::on_item(app, other, Some(entity));
        }
    }
    Vec::new()
}

pub fn draw(app: &App, card: &CardState, f: &mut Frame, area: Rect) {
    let block = Block::bordered()
        .border_style(app.theme.border())
        .title(Line::styled(
            format!(" {} card ", card.entity.kind.label()),
            app.theme.title(),
        ));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let mut areas = app.areas.get();
    areas.body = inner;
    app.areas.set(areas);
    let built = lines(
        app,
        &card.entity,
        &CardOptions {
            width: inner.width as usize,
            cursor: Some(card.cursor),
            query: None,
        },
    );
    let height = inner.height as usize;
    let mut scroll = card.scroll.get();
    if let Some(&line) = built.item_lines.get(card.cursor) {
        let end = built
            .item_lines
            .get(card.cursor + 1)
            .copied()
            .unwrap_or(built.lines.len());
        if card.cursor == 0 {
            scroll = 0;
        } else if line < scroll {
            scroll = line.saturating_sub(1);
        } else if end > scroll + height {
            scroll = end.saturating_sub(height).min(line);
        }
    }
    scroll = scroll.min(built.lines.len().saturating_sub(height));
    card.scroll.set(scroll);
    let visible: Vec<Line> = built.lines.into_iter().skip(scroll).take(height).collect();
    f.render_widget(Paragraph::new(visible), inner);
}
