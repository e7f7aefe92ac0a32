//! Turning a file's bytes into UTF-8 text for the CSV parser: byte-order
//! marks, UTF-16, and Windows-1252 for files that are not UTF-8.

use std::io::{self, Read};

/// How much of the start of a file is looked at to find the delimiter.
const SNIFF_LIMIT: usize = 1 << 20;

/// How the bytes of a file were turned into text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    /// The file was not UTF-8: read as Windows-1252 from the first line
    /// that was not (every line before it was plain UTF-8).
    Windows1252,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

/// Windows-1252 bytes as text (the 0x80-0x9F block differs from Latin-1).
pub(super) fn windows_1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9f => HIGH[(b - 0x80) as usize],
            _ => b as char,
        })
        .collect()
}

/// The file's bytes as UTF-8: drops a UTF-8 byte-order mark, transcodes
/// UTF-16 (known by its byte-order mark), counts what was read.
pub(super) struct Decoder<R: Read> {
    inner: R,
    pub(super) encoding: Encoding,
    /// Bytes already decoded, not yet handed out.
    pending: Vec<u8>,
    at: usize,
    pub(super) consumed: u64,
    /// An odd byte of UTF-16 left from the last read.
    odd: Option<u8>,
    /// A high surrogate waiting for its pair.
    surrogate: Option<u16>,
    /// The text most recently handed out, to look back at a few bytes
    /// behind the parser, and where it starts in the decoded text.
    window: Vec<u8>,
    window_start: u64,
}

impl<R: Read> Decoder<R> {
    pub(super) fn new(mut inner: R) -> io::Result<Decoder<R>> {
        let mut head = [0u8; 3];
        let mut got = 0;
        while got < 3 {
            let n = inner.read(&mut head[got..])?;
            if n == 0 {
                break;
            }
            got += n;
        }
        let head = &head[..got];
        let (encoding, skip) = if head.starts_with(b"\xef\xbb\xbf") {
            (Encoding::Utf8, 3)
        } else if head.starts_with(b"\xff\xfe") {
            (Encoding::Utf16Le, 2)
        } else if head.starts_with(b"\xfe\xff") {
            (Encoding::Utf16Be, 2)
        } else {
            (Encoding::Utf8, 0)
        };
        let mut decoder = Decoder {
            inner,
            encoding,
            pending: Vec::new(),
            at: 0,
            consumed: got as u64,
            odd: None,
            surrogate: None,
            window: Vec::new(),
            window_start: 0,
        };
        let rest = head[skip..].to_vec();
        decoder.accept(&rest);
        Ok(decoder)
    }

    /// Remembers text handed out (the last 64 KB at least; the parser's
    /// buffer is smaller).
    fn remember(&mut self, text: &[u8]) {
        const KEEP: usize = 1 << 16;
        if self.window.len() + text.len() > 4 * KEEP {
            let drop = self.window.len().saturating_sub(KEEP);
            self.window.drain(..drop);
            self.window_start += drop as u64;
        }
        self.window.extend_from_slice(text);
    }

    /// A byte of the decoded text, if it is still remembered.
    pub(super) fn byte_at(&self, offset: u64) -> Option<u8> {
        let at = offset.checked_sub(self.window_start)?;
        self.window.get(usize::try_from(at).ok()?).copied()
    }

    /// Marks the file as read as Windows-1252 (see [`Encoding`]).
    pub(super) fn legacy(&mut self) {
        if self.encoding == Encoding::Utf8 {
            self.encoding = Encoding::Windows1252;
        }
    }

    /// Decodes raw bytes into `pending`.
    fn accept(&mut self, raw: &[u8]) {
        let little = match self.encoding {
            Encoding::Utf16Le => true,
            Encoding::Utf16Be => false,
            _ => {
                self.pending.extend_from_slice(raw);
                return;
            }
        };
        let mut bytes = raw.iter().copied();
        loop {
            let (a, b) = match self.odd.take() {
                Some(a) => match bytes.next() {
                    Some(b) => (a, b),
                    None => {
                        self.odd = Some(a);
                        return;
                    }
                },
                None => match (bytes.next(), bytes.next()) {
                    (Some(a), Some(b)) => (a, b),
                    (Some(a), None) => {
                        self.odd = Some(a);
                        return;
                    }
                    _ => return,
                },
            };
            let unit = if little {
                u16::from_le_bytes([a, b])
            } else {
                u16::from_be_bytes([a, b])
            };
            let ch = match (self.surrogate.take(), unit) {
                (None, 0xd800..=0xdbff) => {
                    self.surrogate = Some(unit);
                    continue;
                }
                (Some(high), 0xdc00..=0xdfff) => char::from_u32(
                    0x10000 + ((u32::from(high) - 0xd800) << 10) + (u32::from(unit) - 0xdc00),
                ),
                (Some(_), _) | (None, 0xdc00..=0xdfff) => Some('\u{fffd}'),
                (None, unit) => char::from_u32(u32::from(unit)),
            }
            .unwrap_or('\u{fffd}');
            let mut buf = [0u8; 4];
            self.pending
                .extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
        }
    }

    /// Reads from the file until `pending` holds a whole first line (or
    /// the sniffing limit), without handing anything out.
    pub(super) fn peek_first_line(&mut self) -> io::Result<Vec<u8>> {
        let mut chunk = vec![0u8; 1 << 14];
        loop {
            let text = &self.pending[self.at..];
            let mut quoted = false;
            let complete = text.iter().any(|&b| {
                if b == b'"' {
                    quoted = !quoted;
                }
                b == b'\n' && !quoted
            });
            if complete || text.len() >= SNIFF_LIMIT {
                return Ok(text.to_vec());
            }
            let n = self.inner.read(&mut chunk)?;
            if n == 0 {
                return Ok(text.to_vec());
            }
            self.consumed += n as u64;
            self.accept(&chunk[..n]);
        }
    }
}

impl<R: Read> Read for Decoder<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.at == self.pending.len() {
            self.pending.clear();
            self.at = 0;
            if self.encoding == Encoding::Utf8 || self.encoding == Encoding::Windows1252 {
                // Plain bytes: read straight into the caller's buffer.
                let n = self.inner.read(out)?;
                self.consumed += n as u64;
                self.remember(&out[..n]);
                return Ok(n);
            }
            let mut raw = vec![0u8; out.len().max(2)];
            let n = self.inner.read(&mut raw)?;
            if n == 0 {
                if self.odd.take().is_some() || self.surrogate.take().is_some() {
                    self.pending.extend_from_slice("\u{fffd}".as_bytes());
                    continue;
                }
                return Ok(0);
            }
            self.consumed += n as u64;
            self.accept(&raw[..n]);
        }
        let n = out.len().min(self.pending.len() - self.at);
        out[..n].copy_from_slice(&self.pending[self.at..self.at + n]);
        self.at += n;
        self.remember(&out[..n]);
        Ok(n)
    }
}
