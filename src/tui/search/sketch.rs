//! A few hundred bits per card that rule out most cards for a typed word
//! without reading their text.

/// The letters of a card's name, and the characters and pairs of
/// characters next to each other in its lowercased attribute text, for plain
/// ASCII words: a word with a letter not in the name cannot match the name
/// fuzzily, and a word with a character or pair not in the text is not in
/// it. Letters and digits each have their own bit, everything else shares
/// one; so a word of one or two letters or digits is in the text exactly when
/// the sketch says so (the text is not read), and for longer words the
/// sketch only rules cards out and the matchers decide the rest.
#[derive(Clone, Copy)]
#[cfg_attr(test, derive(Debug, PartialEq))]
pub(super) struct Sketch {
    name: u64,
    chars: u64,
    pairs: [u64; PAIR_WORDS],
}

/// Letters, digits, and one class for everything else.
const CLASSES: usize = 37;
const PAIR_WORDS: usize = (CLASSES * CLASSES).div_ceil(64);

fn class(b: u8) -> usize {
    match b {
        b'a'..=b'z' => usize::from(b - b'a'),
        b'0'..=b'9' => 26 + usize::from(b - b'0'),
        _ => 36,
    }
}

fn pair_bit(a: u8, b: u8) -> usize {
    class(a) * CLASSES + class(b)
}

impl Sketch {
    pub(super) fn of_text(text: &super::CardText) -> Sketch {
        Sketch::of(&text.name, &text.attrs.to_lowercase())
    }

    fn of(name: &str, attrs_lower: &str) -> Sketch {
        let name = if name.is_ascii() {
            name.bytes().fold(0, |mask, b| mask | letter_bit(b))
        } else {
            // Accented letters match their plain ones: rule nothing out.
            u64::MAX
        };
        let mut chars = 0u64;
        let mut pairs = [0u64; PAIR_WORDS];
        let bytes = attrs_lower.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            chars |= 1 << class(b);
            if i > 0 {
                let bit = pair_bit(bytes[i - 1], b);
                pairs[bit / 64] |= 1 << (bit % 64);
            }
        }
        Sketch { name, chars, pairs }
    }
}

fn letter_bit(b: u8) -> u64 {
    match b.to_ascii_lowercase() {
        c @ b'a'..=b'z' => 1 << (c - b'a'),
        c @ b'0'..=b'9' => 1 << (26 + c - b'0'),
        c => 1 << (36 + c % 28),
    }
}

/// What a typed word needs of a card's sketch (`None`: not plain ASCII,
/// so nothing is ruled out).
#[derive(Clone)]
pub(super) struct Needs {
    name: u64,
    chars: u64,
    pairs: Vec<usize>,
    /// The word is one or two lowercase letters or digits: the sketch
    /// alone says whether the text holds it.
    pub(super) exact: bool,
}

impl Needs {
    pub(super) fn of(word: &str) -> Option<Needs> {
        if !word.is_ascii() {
            return None;
        }
        let lower = word.to_ascii_lowercase();
        let bytes = lower.as_bytes();
        let mut pairs: Vec<usize> = bytes.windows(2).map(|w| pair_bit(w[0], w[1])).collect();
        pairs.sort_unstable();
        pairs.dedup();
        Some(Needs {
            name: bytes.iter().fold(0, |mask, &b| mask | letter_bit(b)),
            chars: bytes.iter().fold(0, |mask, &b| mask | 1 << class(b)),
            pairs,
            exact: bytes.len() <= 2
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()),
        })
    }

    pub(super) fn in_name(&self, sketch: &Sketch) -> bool {
        sketch.name & self.name == self.name
    }

    pub(super) fn in_attrs(&self, sketch: &Sketch) -> bool {
        sketch.chars & self.chars == self.chars
            && self
                .pairs
                .iter()
                .all(|&bit| sketch.pairs[bit / 64] & (1 << (bit % 64)) != 0)
    }
}
