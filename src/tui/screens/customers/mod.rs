//! An ICP's best customers: the list with the traits that matter (accounts
//! by industry, size, revenue and country; shoppers by place, lifetime
//! value, orders and tags), in the order of the rule they were picked by,
//! filtered and sorted by any column; one customer's traits against the
//! whole customer list (share among the best, share among all, lift);
//! editing one attribute, removing a customer (u brings them back), and
//! importing an export with its column mapping shown before anything is
//! written.

mod columns;
mod view;

pub use view::percent;

use crate::domain::icp::EDITABLE;
use crate::domain::{BestCustomer, Icp};
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::effect::Effect;
use crate::tui::item_ops;
use crate::tui::keys::{Context, Row, table};
use crate::tui::modal::{Choose, Confirm, Modal, Pending, Prompt};
use crate::tui::out::{Nav, Out};
use crate::tui::text::fit;
use crate::tui::widgets::input::LineInput;
use crate::tui::widgets::picker::{Choice, Look, Picker};
use columns::{Sort, ordered};
use ratatui::Frame;
use ratatui::layout::Rect;
use std::cell::Cell;

pub const KEYS: &[(Context, &[Row])] = &[(
    Context::Customers,
    table! {
        Up "up k" show "move" "Move up";
        Down "down j" show "move" "Move down";
        PageUp "pgup" help "page" "One page up";
        PageDown "pgdn" help "page" "One page down";
        Top "home g" help "top" "Go to the top";
        Bottom "end G" help "bottom" "Go to the bottom";
        Open "enter" show "traits" "Show the customer's traits against all customers (again: back to the list)";
        Sort "s" show "sort" "Sort by the next column (first: the rule the best were picked by)";
        Filter "/" show "filter" "Show only customers matching some words (empty: all)";
        Edit "e" show "edit" "Edit one attribute of the customer";
        Delete "d" show "remove" "Remove the customer from the best (asks first; u brings them back)";
        Undo "u" help "undo" "Bring back the customer removed last";
        Import "I" show "import" "Import a customer export (the column mapping is shown before anything is written)";
        Tally "t" help "tally" "The tally of this ICP: traits of the best against all customers";
        Back "esc q" show "back" "Back";
    },
)];

pub struct CustomersState {
    pub icp: String,
    /// The selected customer, by its place in the ICP's list.
    pub selected: usize,
    pub sort: Sort,
    pub filter: String,
    /// Showing the selected customer's traits instead of the list.
    pub detail: bool,
    pub offset: Cell<usize>,
    pub scroll: u16,
    /// Customers removed here, newest last, to bring back with `u`.
    removed: Vec<(usize, BestCustomer)>,
}

impl CustomersState {
    /// On the first customer in the rule's order.
    pub fn new(icp: &Icp) -> CustomersState {
        let first = ordered(icp, Sort::Rule, "").first().map_or(0, |(i, _)| *i);
        CustomersState {
            icp: icp.id.clone(),
            selected: first,
            sort: Sort::Rule,
            filter: String::new(),
            detail: false,
            offset: Cell::new(0),
            scroll: 0,
            removed: Vec::new(),
        }
    }

    fn current<'a>(&self, icp: &'a Icp) -> Option<(usize, &'a BestCustomer)> {
        let list = ordered(icp, self.sort, &self.filter);
        let at = list.iter().position(|(i, _)| *i == self.selected)?;
        list.get(at).copied()
    }

    pub fn update(&mut self, action: Action, ctx: &Ctx) -> Vec<Out> {
        let Some(icp) = ctx.workspace.icp(&self.icp) else {
            return vec![Out::Back];
        };
        let list = ordered(icp, self.sort, &self.filter);
        let at = list
            .iter()
            .position(|(i, _)| *i == self.selected)
            .unwrap_or(0) as isize;
        let last = list.len() as isize - 1;
        let page = ctx.page(true) as isize;
        let to = match action {
            Action::Up => Some(at - 1),
            Action::Down => Some(at + 1),
            Action::PageUp => Some(at - page),
            Action::PageDown => Some(at + page),
            Action::Top => Some(0),
            Action::Bottom => Some(last),
            _ => None,
        };
        if let Some(to) = to {
            if self.detail {
                // In the traits view the keys scroll.
                self.scroll = match action {
                    Action::Up => self.scroll.saturating_sub(1),
                    Action::Down => self.scroll.saturating_add(1),
                    Action::PageUp => self.scroll.saturating_sub(page as u16),
                    Action::PageDown => self.scroll.saturating_add(page as u16),
                    _ => 0,
                };
                return Vec::new();
            }
            if let Some((i, _)) = list.get(to.clamp(0, last.max(0)) as usize) {
                self.selected = *i;
            }
            return Vec::new();
        }
        let current = list.get(at as usize).copied();
        match action {
            Action::Open => {
                if current.is_some() {
                    self.detail = !self.detail;
                    self.scroll = 0;
                    Vec::new()
                } else {
                    vec![Out::say(nothing_here(icp, &self.filter))]
                }
            }
            Action::Back if self.detail => {
                self.detail = false;
                Vec::new()
            }
            Action::Back => vec![Out::Back],
            Action::Sort => {
                self.sort = self.sort.next(icp);
                let name = self.sort.name(icp);
                self.keep_selection(icp, current.map(|(i, _)| i));
                vec![Out::say(format!("Sorted by {name}."))]
            }
            Action::Filter => vec![Out::Open(Modal::Prompt(Prompt {
                title: "Filter best customers".into(),
                label: "Words a customer must have (name, industry, place, tags, tools...); empty shows all:".into(),
                input: LineInput::new(&self.filter),
                pending: Pending::FilterCustomers,
            }))],
            Action::Tally => vec![Out::Push(Nav::TallyOf {
                icp: self.icp.clone(),
            })],
            Action::Import => vec![Out::Open(Modal::Prompt(Prompt {
                title: "Import customers".into(),
                label: "The export (CSV), then any options of `persona import-customers`, e.g. `orders.csv --best-by lifetime_value --top 10%`:".into(),
                input: LineInput::new(&format!("{}/", ctx.export_dir.display())),
                pending: Pending::ImportCustomers,
            }))],
            Action::Edit => match current {
                Some((i, c)) => {
                    let choices = EDITABLE
                        .iter()
                        .map(|(name, label)| {
                            let now = c.attribute(name).unwrap_or_default();
                            let now = if now.is_empty() { "—".to_string() } else { fit(&now, 30) };
                            Choice::new(name.to_string(), format!("{label}: {now}"))
                        })
                        .collect();
                    vec![Out::Open(Modal::Picker(Choose {
                        title: format!("Edit “{}”: which attribute?", fit(c.label(), 40)),
                        picker: Picker::new(choices, Look::Plain),
                        pending: Pending::EditCustomer {
                            customer: i,
                            field: None,
                        },
                    }))]
                }
                None => vec![Out::say(nothing_here(icp, &self.filter))],
            },
            Action::Delete => match current {
                Some((i, c)) => vec![Out::Open(Modal::Confirm(Confirm {
                    title: "Remove best customer".into(),
                    message: format!(
                        "Remove “{}” from the best customers of “{}”? The whole-list counts stay as they are; u brings the customer back.",
                        fit(c.label(), 50),
                        fit(&icp.name, 40)
                    ),
                    pending: Pending::RemoveCustomer { customer: i },
                }))],
                None => vec![Out::say(nothing_here(icp, &self.filter))],
            },
            Action::Undo => match self.removed.pop() {
                Some((i, customer)) => {
                    let mut changed = icp.clone();
                    let at = i.min(changed.best_customers.len());
                    let label = customer.label().to_string();
                    changed.best_customers.insert(at, customer);
                    self.selected = at;
                    vec![save(changed, format!("Brought back “{}”.", fit(&label, 50)))]
                }
                None => item_ops::undo(ctx),
            },
            _ => Vec::new(),
        }
    }

    /// Keeps the same customer selected after the order changed (or the
    /// first one when it is filtered out).
    fn keep_selection(&mut self, icp: &Icp, was: Option<usize>) {
        let list = ordered(icp, self.sort, &self.filter);
        self.selected = match was {
            Some(i) if list.iter().any(|(j, _)| *j == i) => i,
            _ => list.first().map_or(0, |(i, _)| *i),
        };
    }

    /// A popup opened here was answered.
    pub fn finish(&mut self, pending: Pending, input: String, ctx: &Ctx) -> Vec<Out> {
        let Some(icp) = ctx.workspace.icp(&self.icp) else {
            return vec![Out::Back];
        };
        match pending {
            Pending::FilterCustomers => {
                let was = self.current(icp).map(|(i, _)| i);
                self.filter = input.trim().to_string();
                self.keep_selection(icp, was);
                let shown = ordered(icp, self.sort, &self.filter).len();
                if self.filter.is_empty() {
                    vec![Out::say("Showing every best customer.")]
                } else {
                    vec![Out::say(format!(
                        "{shown} of {} match “{}”.",
                        icp.best_customers.len(),
                        fit(&self.filter, 30)
                    ))]
                }
            }
            Pending::ImportCustomers => {
                if input.trim().is_empty() || input.trim().ends_with('/') {
                    return vec![Out::warn(
                        "Type the path of a customer export; nothing was imported.",
                    )];
                }
                vec![Out::Do(Effect::PreviewCustomers {
                    icp: self.icp.clone(),
                    input,
                })]
            }
            Pending::ConfirmCustomers { input } => vec![Out::Do(Effect::ImportCustomers {
                icp: self.icp.clone(),
                input,
            })],
            Pending::EditCustomer {
                customer,
                field: None,
            } => {
                let Some(c) = icp.best_customers.get(customer) else {
                    return vec![Out::warn("That customer is no longer in the list.")];
                };
                let label = EDITABLE
                    .iter()
                    .find(|(n, _)| *n == input)
                    .map_or(input.as_str(), |(_, l)| l);
                vec![Out::Open(Modal::Prompt(Prompt {
                    title: format!("Edit “{}”", fit(c.label(), 40)),
                    label: format!("{label}:"),
                    input: LineInput::new(&c.attribute(&input).unwrap_or_default()),
                    pending: Pending::EditCustomer {
                        customer,
                        field: Some(input),
                    },
                }))]
            }
            Pending::EditCustomer {
                customer,
                field: Some(field),
            } => {
                let mut changed = icp.clone();
                let Some(c) = changed.best_customers.get_mut(customer) else {
                    return vec![Out::warn("That customer is no longer in the list.")];
                };
                if c.attribute(&field).as_deref() == Some(input.trim()) {
                    return vec![Out::say("Nothing was changed.")];
                }
                if let Err(e) = c.set_attribute(&field, &input) {
                    return vec![Out::warn(crate::tui::text::sentence(&e))];
                }
                let message = format!(
                    "Saved {} of “{}”.",
                    field.replace('_', " "),
                    fit(c.label(), 50)
                );
                vec![save(changed, message)]
            }
            Pending::RemoveCustomer { customer } => {
                let mut changed = icp.clone();
                if customer >= changed.best_customers.len() {
                    return vec![Out::warn("That customer is no longer in the list.")];
                }
                let gone = changed.best_customers.remove(customer);
                let message = format!(
                    "Removed “{}” from the best customers; u brings them back.",
                    fit(gone.label(), 50)
                );
                self.removed.push((customer, gone.clone()));
                self.detail = false;
                self.selected = customer.min(changed.best_customers.len().saturating_sub(1));
                vec![save_removing(changed, message, Some(gone))]
            }
            _ => Vec::new(),
        }
    }

    pub fn draw(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        view::draw(self, f, area, ctx)
    }
}

/// Saving the ICP with its changed list.
fn save(icp: Icp, message: String) -> Out {
    save_removing(icp, message, None)
}

/// Saves the ICP; `removed` (a customer taken out of its list) is kept in
/// the trash first.
fn save_removing(mut icp: Icp, message: String, removed: Option<BestCustomer>) -> Out {
    icp.updated = Some(crate::domain::now());
    Out::Do(Effect::SaveIcp {
        icp,
        message,
        removed: removed.map(Box::new),
    })
}

fn nothing_here(icp: &Icp, filter: &str) -> String {
    if icp.best_customers.is_empty() {
        "No best customers yet: press I to import a customer export.".into()
    } else {
        format!(
            "No best customer matches “{}”: / changes the filter.",
            fit(filter, 30)
        )
    }
}
