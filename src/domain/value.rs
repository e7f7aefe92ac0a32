//! Attribute values and the evidence behind them.
//!
//! Every field of an ICP or persona holds a list of [`Item`]s (single-valued
//! kinds hold at most one). Each item may cite highlights from interviews; an
//! item that cites none is an assumption.

use super::compact_id::CompactId;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Unknown keys kept as they were read, so files written by a newer version
/// (or by hand) survive a load and save.
pub type Extra = toml::Table;

/// A number as people write it: whole numbers are stored without `.0`.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct Number(f64);

impl Number {
    /// A finite number; `None` for NaN or infinity.
    pub fn new(value: f64) -> Option<Number> {
        value.is_finite().then_some(Number(value))
    }

    pub fn get(self) -> f64 {
        self.0
    }

    fn as_whole(self) -> Option<i64> {
        let v = self.0;
        (v.fract() == 0.0 && v.abs() < 9_007_199_254_740_992.0).then_some(v as i64)
    }

    /// Parses what a person types: `1200`, `1,200`, `12.5`, `1 200`.
    pub fn parse(text: &str) -> Option<Number> {
        let cleaned: String = text
            .trim()
            .chars()
            .filter(|c| !matches!(c, ',' | '_' | ' ' | '\u{a0}'))
            .collect();
        if cleaned.is_empty() {
            return None;
        }
        cleaned.parse::<f64>().ok().and_then(Number::new)
    }
}

impl fmt::Display for Number {
    /// Whole numbers get thousands separators (`18,000,000`); others keep
    /// their decimals.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.as_whole() {
            Some(whole) => {
                let digits = whole.unsigned_abs().to_string();
                let mut grouped = String::new();
                for (i, ch) in digits.chars().enumerate() {
                    if i > 0 && (digits.len() - i) % 3 == 0 {
                        grouped.push(',');
                    }
                    grouped.push(ch);
                }
                if whole < 0 {
                    write!(f, "-")?;
                }
                write!(f, "{grouped}")
            }
            None => write!(f, "{}", self.0),
        }
    }
}

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.as_whole() {
            Some(whole) => serializer.serialize_i64(whole),
            None => serializer.serialize_f64(self.0),
        }
    }
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Number;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "a finite number")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Number, E> {
                Ok(Number(v as f64))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Number, E> {
                Ok(Number(v as f64))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Number, E> {
                Number::new(v).ok_or_else(|| E::custom("a number must be finite, not nan or inf"))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// The value of one item.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    Number(Number),
    Range { min: Number, max: Number },
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Text(text) => write!(f, "{text}"),
            Value::Number(n) => write!(f, "{n}"),
            Value::Range { min, max } => write!(f, "{min}–{max}"),
        }
    }
}

/// A reference to one highlight: `interview-id#highlight-id` on disk.
/// Both ids are [`CompactId`]s (read as `&str`): a workspace holds well
/// over a million citations, and two heap strings each were a good part of
/// the app's memory.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Citation {
    pub interview: CompactId,
    pub highlight: CompactId,
}

impl Citation {
    pub fn new(interview: impl AsRef<str>, highlight: impl AsRef<str>) -> Citation {
        Citation {
            interview: CompactId::new(interview.as_ref()),
            highlight: CompactId::new(highlight.as_ref()),
        }
    }

    pub fn parse(text: &str) -> Result<Citation, String> {
        match text.split_once('#') {
            Some((interview, highlight))
                if !interview.is_empty() && !highlight.is_empty() && !highlight.contains('#') =>
            {
                Ok(Citation::new(interview, highlight))
            }
            _ => Err(format!(
                "citation `{text}` should look like `interview-id#highlight-id`"
            )),
        }
    }
}

impl fmt::Display for Citation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}", self.interview, self.highlight)
    }
}

impl Serialize for Citation {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Citation {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Read from the text as lent, with no copy of it per cite.
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Citation;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "a citation `interview-id#highlight-id`")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Citation, E> {
                Citation::parse(text).map_err(E::custom)
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

/// One value of a field, with the highlights that back it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawItem", into = "RawItem")]
pub struct Item {
    pub value: Value,
    pub cites: Vec<Citation>,
    pub extra: Extra,
}

impl Item {
    pub fn text(text: impl Into<String>) -> Item {
        Item::new(Value::Text(text.into()))
    }

    pub fn new(value: Value) -> Item {
        Item {
            value,
            cites: Vec::new(),
            extra: Extra::new(),
        }
    }

    pub fn citing(mut self, cites: impl IntoIterator<Item = Citation>) -> Item {
        self.cites.extend(cites);
        self
    }

    /// An item that cites nothing is a guess, not research.
    pub fn is_assumption(&self) -> bool {
        self.cites.is_empty()
    }

    /// The item's own id, when it has one (see [`super::identity`]). It is
    /// kept with the unknown keys, so code that copies `extra` from an old
    /// item to its edited version keeps the id too.
    pub fn id(&self) -> Option<&str> {
        match self.extra.get(ITEM_ID) {
            Some(toml::Value::String(id)) if !id.is_empty() => Some(id),
            _ => None,
        }
    }

    pub fn set_id(&mut self, id: impl Into<String>) {
        self.extra
            .insert(ITEM_ID.into(), toml::Value::String(id.into()));
    }
}

/// The key of an item's id on disk.
const ITEM_ID: &str = "id";

/// The on-disk shape of an item: its `id` when it has one, exactly one of
/// `text`, `number`, or `min` and `max`, then `cites`.
#[derive(Serialize, Deserialize)]
struct RawItem {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<toml::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    number: Option<Number>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    min: Option<Number>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max: Option<Number>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    cites: Vec<Citation>,
    #[serde(flatten)]
    extra: Extra,
}

impl TryFrom<RawItem> for Item {
    type Error = String;

    fn try_from(raw: RawItem) -> Result<Item, String> {
        let value = match (raw.text, raw.number, raw.min, raw.max) {
            (Some(text), None, None, None) => Value::Text(text),
            (None, Some(number), None, None) => Value::Number(number),
            // A range that starts above its end still loads (so nothing is
            // lost); `validate` reports it.
            (None, None, Some(min), Some(max)) => Value::Range { min, max },
            (None, None, Some(_), None) | (None, None, None, Some(_)) => {
                return Err("a range needs both `min` and `max`".into());
            }
            _ => {
                return Err(
                    "an item needs exactly one of `text`, `number`, or `min` with `max`".into(),
                );
            }
        };
        let mut extra = raw.extra;
        if let Some(id) = raw.id {
            extra.insert(ITEM_ID.into(), id);
        }
        Ok(Item {
            value,
            cites: raw.cites,
            extra,
        })
    }
}

impl From<Item> for RawItem {
    fn from(item: Item) -> RawItem {
        let (text, number, min, max) = match item.value {
            Value::Text(text) => (Some(text), None, None, None),
            Value::Number(n) => (None, Some(n), None, None),
            Value::Range { min, max } => (None, None, Some(min), Some(max)),
        };
        let mut extra = item.extra;
        let id = extra.remove(ITEM_ID);
        RawItem {
            id,
            text,
            number,
            min,
            max,
            cites: item.cites,
            extra,
        }
    }
}

/// The values of an entity's fields, by field id, in a stable order.
pub type Fields = std::collections::BTreeMap<String, Vec<Item>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_and_show_like_people_write_them() {
        assert_eq!(Number::parse("1,200").unwrap().to_string(), "1,200");
        assert_eq!(Number::parse("18000000").unwrap().to_string(), "18,000,000");
        assert_eq!(Number::parse(" 12.5 ").unwrap().to_string(), "12.5");
        assert_eq!(Number::parse("-4000").unwrap().to_string(), "-4,000");
        assert!(Number::parse("twelve").is_none());
        assert!(Number::parse("inf").is_none());
        assert!(Number::parse("").is_none());
    }

    #[test]
    fn citations_need_both_parts() {
        assert_eq!(
            Citation::parse("dana-acme#h2").unwrap(),
            Citation::new("dana-acme", "h2")
        );
        assert!(Citation::parse("dana-acme").is_err());
        assert!(Citation::parse("#h2").is_err());
        assert!(Citation::parse("a#b#c").is_err());
    }
}
