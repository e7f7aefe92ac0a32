//! Walking between fields: next, back, skip, jump, and the state of each
//! field for the overview.

use super::{FieldState, OverviewRow, ValidationError, Wizard};
use crate::domain::template::Field;

impl Wizard {
    fn check_current(&self) -> Result<(), ValidationError> {
        match self.current() {
            Some(f) if f.required && self.items_of(&f.id).is_empty() => {
                Err(ValidationError::Required {
                    field: f.id.clone(),
                    label: f.label.clone(),
                })
            }
            _ => Ok(()),
        }
    }

    /// On to the next field; a required field must be answered (or skipped).
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<(), ValidationError> {
        self.check_current()?;
        if !self.at_review() {
            self.step += 1;
        }
        Ok(())
    }

    /// Back one field (from the review, to the last field).
    pub fn back(&mut self) {
        self.step = self.step.min(self.steps.len()).saturating_sub(1);
    }

    /// Leaves the current field for later; a required one is asked for
    /// again when finishing.
    pub fn skip(&mut self) {
        if let Some(f) = self.current()
            && self.items_of(&f.id).is_empty()
        {
            let id = f.id.clone();
            self.skipped.insert(id);
        }
        if !self.at_review() {
            self.step += 1;
        }
    }

    /// Goes to step `step` (`steps().len()` is the review).
    pub fn jump(&mut self, step: usize) {
        self.step = step.min(self.steps.len());
    }

    /// Goes to the field with this id.
    pub fn jump_to(&mut self, field: &str) -> Result<(), ValidationError> {
        let at = self
            .steps
            .iter()
            .position(|s| s.field.id == field)
            .ok_or_else(|| ValidationError::UnknownField {
                field: field.into(),
            })?;
        self.step = at;
        Ok(())
    }

    pub fn state_of(&self, field: &Field) -> FieldState {
        let items = self.items_of(&field.id);
        if !items.is_empty() {
            FieldState::Answered {
                items: items.len(),
                cited: items.iter().filter(|i| !i.is_assumption()).count(),
            }
        } else if field.required {
            FieldState::Missing
        } else if self.skipped.contains(&field.id) {
            FieldState::Skipped
        } else {
            FieldState::Empty
        }
    }

    /// Every field with its state, for the overview.
    pub fn overview(&self) -> Vec<OverviewRow> {
        self.steps
            .iter()
            .enumerate()
            .map(|(i, s)| OverviewRow {
                step: i,
                section: s.section.clone(),
                label: s.field.label.clone(),
                required: s.field.required,
                state: self.state_of(&s.field),
            })
            .collect()
    }
}
