//! Changing the answers of the current field: typed text, list items,
//! their order, and the quotes they cite.

use super::parse::{self, keep_cites, same_text};
use super::{ValidationError, Wizard};
use crate::domain::template::FieldKind;
use crate::domain::value::{Citation, Item};

impl Wizard {
    /// Answers the current field with typed text. Text kinds take it as is
    /// (one line for short text), numbers and choices are checked, a range
    /// reads `20-200` or `20 to 200`, a list takes one item per line and
    /// tags are split at commas. Citations stay with the items they backed.
    pub fn answer(&mut self, text: &str) -> Result<(), ValidationError> {
        let field = self.current_field()?;
        let items = match field.kind {
            FieldKind::List | FieldKind::Tags => {
                let old = self.items();
                let parts: Vec<&str> = if field.kind == FieldKind::Tags {
                    text.split([',', '\n']).collect()
                } else {
                    text.lines().collect()
                };
                let mut items: Vec<Item> = Vec::new();
                for part in parts {
                    let Some(value) = parse::value(&field, part)? else {
                        continue;
                    };
                    if field.kind == FieldKind::Tags
                        && items.iter().any(|i| same_text(&i.value, &value))
                    {
                        continue;
                    }
                    let cites = old
                        .iter()
                        .find(|i| i.value == value)
                        .map(|i| i.cites.clone())
                        .unwrap_or_default();
                    items.push(Item::new(value).citing(cites));
                }
                items
            }
            _ => match parse::value(&field, text)? {
                // The old item's citations stay (its value is not copied: a
                // long answer would be, on every key).
                Some(value) => {
                    let mut item = Item::new(value);
                    if let Some(old) = self.items().first() {
                        item.cites = old.cites.clone();
                        item.extra = old.extra.clone();
                    }
                    vec![item]
                }
                None => Vec::new(),
            },
        };
        self.set(&field.id, items);
        Ok(())
    }

    /// Answers a range field from its two ends.
    pub fn answer_range(&mut self, min: &str, max: &str) -> Result<(), ValidationError> {
        let field = self.current_field()?;
        let old = self.items().first().cloned();
        let items = match parse::range(&field, min, max)? {
            Some(value) => vec![keep_cites(old.as_ref(), value)],
            None => Vec::new(),
        };
        self.set(&field.id, items);
        Ok(())
    }

    /// Adds an item to a list or tags field (other kinds: sets the value).
    /// Returns the new item's index.
    pub fn add_item(&mut self, text: &str) -> Result<usize, ValidationError> {
        let field = self.current_field()?;
        if !field.kind.is_multi() {
            self.answer(text)?;
            return Ok(0);
        }
        let Some(value) = parse::value(&field, text)? else {
            return Ok(self.items().len().saturating_sub(1));
        };
        let mut items = self.items().to_vec();
        if field.kind == FieldKind::Tags
            && let Some(at) = items.iter().position(|i| same_text(&i.value, &value))
        {
            return Ok(at);
        }
        items.push(Item::new(value));
        let at = items.len() - 1;
        self.set(&field.id, items);
        Ok(at)
    }

    /// Replaces the text of item `index`, keeping its citations; empty text
    /// removes it.
    pub fn set_item(&mut self, index: usize, text: &str) -> Result<(), ValidationError> {
        let field = self.current_field()?;
        let mut items = self.items().to_vec();
        if index >= items.len() {
            return self.add_item(text).map(|_| ());
        }
        match parse::value(&field, text)? {
            Some(value) => items[index].value = value,
            None => {
                items.remove(index);
            }
        }
        self.set(&field.id, items);
        Ok(())
    }

    pub fn remove_item(&mut self, index: usize) {
        let Some(field) = self.current().map(|f| f.id.clone()) else {
            return;
        };
        let mut items = self.items().to_vec();
        if index < items.len() {
            items.remove(index);
            self.set(&field, items);
        }
    }

    /// Moves item `index` one place up (`up`) or down; returns where it is.
    pub fn move_item(&mut self, index: usize, up: bool) -> usize {
        let Some(field) = self.current().map(|f| f.id.clone()) else {
            return index;
        };
        let mut items = self.items().to_vec();
        let to = if up {
            index.checked_sub(1)
        } else {
            Some(index + 1).filter(|&t| t < items.len())
        };
        match to {
            Some(to) if index < items.len() => {
                items.swap(index, to);
                self.set(&field, items);
                to
            }
            _ => index,
        }
    }

    /// Cites a highlight for item `index` of the current field, or takes the
    /// citation back when it is already there. Returns whether it now cites.
    pub fn cite(&mut self, index: usize, citation: Citation) -> Result<bool, ValidationError> {
        let field = self.current_field()?;
        let mut items = self.items().to_vec();
        let Some(item) = items.get_mut(index) else {
            return Err(ValidationError::NothingToCite { field: field.id });
        };
        let now = match item.cites.iter().position(|c| *c == citation) {
            Some(at) => {
                item.cites.remove(at);
                false
            }
            None => {
                item.cites.push(citation);
                true
            }
        };
        self.set(&field.id, items);
        Ok(now)
    }

    /// Adds a quote's words as a new item citing it (a list or tags field),
    /// or as the answer of a text field. Returns the item's index.
    pub fn add_quote_as_item(
        &mut self,
        citation: Citation,
        text: &str,
    ) -> Result<usize, ValidationError> {
        let field = self.current_field()?;
        let value = match field.kind {
            FieldKind::ShortText | FieldKind::List | FieldKind::Tags | FieldKind::LongText => {
                parse::value(&field, text)?
            }
            kind => {
                return Err(ValidationError::QuoteNotAValue {
                    field: field.id,
                    kind: kind.label(),
                });
            }
        };
        let Some(value) = value else {
            return Err(ValidationError::NothingToCite { field: field.id });
        };
        let item = Item::new(value).citing([citation]);
        let mut items = if field.kind.is_multi() {
            self.items().to_vec()
        } else {
            Vec::new()
        };
        items.push(item);
        let at = items.len() - 1;
        self.set(&field.id, items);
        Ok(at)
    }
}
