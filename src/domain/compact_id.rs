//! A short id kept without its own allocation: a citation names an
//! interview and a highlight, and 50,000 personas hold about 1.4 million
//! citations, so two heap strings per citation were a good part of the
//! app's memory. Ids of up to [`INLINE`] bytes (nearly all: `h3`,
//! `dana-acme-2026-09-12`) sit inside the value; longer ones in a box of
//! their exact size. It reads as a `&str` everywhere (it derefs to one).

use serde::{Serialize, Serializer};
use std::borrow::Borrow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

/// The longest id kept inline.
pub const INLINE: usize = 22;

#[derive(Clone)]
pub struct CompactId(Repr);

#[derive(Clone)]
enum Repr {
    Inline { len: u8, bytes: [u8; INLINE] },
    Boxed(Box<str>),
}

impl CompactId {
    pub fn new(text: &str) -> CompactId {
        if text.len() <= INLINE {
            let mut bytes = [0; INLINE];
            bytes[..text.len()].copy_from_slice(text.as_bytes());
            CompactId(Repr::Inline {
                len: text.len() as u8,
                bytes,
            })
        } else {
            CompactId(Repr::Boxed(text.into()))
        }
    }

    fn bytes(&self) -> &[u8] {
        match &self.0 {
            Repr::Inline { len, bytes } => &bytes[..usize::from(*len)],
            Repr::Boxed(text) => text.as_bytes(),
        }
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            // Only ever filled from a `&str`, cut at its end: always UTF-8.
            Repr::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or_default()
            }
            Repr::Boxed(text) => text,
        }
    }
}

impl Deref for CompactId {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for CompactId {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for CompactId {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for CompactId {
    fn from(text: &str) -> CompactId {
        CompactId::new(text)
    }
}

impl From<&String> for CompactId {
    fn from(text: &String) -> CompactId {
        CompactId::new(text)
    }
}

impl From<String> for CompactId {
    fn from(text: String) -> CompactId {
        CompactId::new(&text)
    }
}

impl From<&CompactId> for CompactId {
    fn from(id: &CompactId) -> CompactId {
        id.clone()
    }
}

impl From<CompactId> for String {
    fn from(id: CompactId) -> String {
        id.as_str().to_string()
    }
}

impl fmt::Display for CompactId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for CompactId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

/// Equal bytes are equal text: comparing them skips checking that the
/// inline bytes are UTF-8 (which `as_str` does), a good part of the time
/// of finding a citation among a card's.
impl PartialEq for CompactId {
    fn eq(&self, other: &CompactId) -> bool {
        self.bytes() == other.bytes()
    }
}

impl Eq for CompactId {}

impl PartialOrd for CompactId {
    fn partial_cmp(&self, other: &CompactId) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for CompactId {
    fn cmp(&self, other: &CompactId) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

/// Hashes as the `str` it holds, so maps keyed by it answer to `&str`.
impl Hash for CompactId {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

macro_rules! eq_with {
    ($($ty:ty),*) => {$(
        impl PartialEq<$ty> for CompactId {
            fn eq(&self, other: &$ty) -> bool {
                self.as_str() == AsRef::<str>::as_ref(other)
            }
        }
        impl PartialEq<CompactId> for $ty {
            fn eq(&self, other: &CompactId) -> bool {
                AsRef::<str>::as_ref(self) == other.as_str()
            }
        }
    )*};
}
eq_with!(str, &str, String);

impl Serialize for CompactId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_ids_read_back_as_written() {
        for text in [
            "",
            "h3",
            "interview-08162",
            "exactly-twenty-two-by!",
            "dana-whitfield-acme-outdoor-2026-09-12",
            "日本-é",
        ] {
            let id = CompactId::new(text);
            assert_eq!(id.as_str(), text);
            assert_eq!(id, text);
            assert_eq!(id, text.to_string());
            assert_eq!(id.to_string(), text);
        }
        assert_eq!(size_of::<CompactId>(), size_of::<String>());
        assert!(CompactId::new("a") < CompactId::new("b"));
    }
}
