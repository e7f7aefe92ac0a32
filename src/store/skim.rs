//! An interview read only for the highlights a card quotes. Its notes are
//! most of its file, and finding the end of a long multi-line TOML string
//! is most of the time parsing one; `show ID` reads a few dozen of them.
//! So when the notes' end can be found for certain by a plain search, they
//! are cut out before the file is parsed, and the interview comes back
//! with empty notes. Anything unusual, and any file that does not parse
//! once cut, is parsed whole, so a problem is always reported on the file
//! as it is.

use super::Problem;
use super::codec;
use crate::domain::Interview;
use memchr::memmem;

/// The interview in `bytes` (the file at `path`), without its notes when
/// they can be skipped (see [`without_notes`]).
pub fn decode(path: &str, bytes: &[u8]) -> Result<Interview, Problem> {
    let cut = std::str::from_utf8(bytes).ok().and_then(without_notes);
    if let Some(cut) = cut
        && let Ok(interview) = codec::decode::<Interview>(path, cut.as_bytes())
    {
        return Ok(interview);
    }
    codec::decode(path, bytes)
}

/// `text` with the top-level `notes = """…"""` written as `notes = ""`,
/// when that is certain to be the same file but for the notes:
/// - the key is at the start of a line, before any table header and any
///   other multi-line string (so it is a top-level key, not text inside
///   another value);
/// - the notes hold no backslash, so no escape can hide their end, and
///   they end at the first `"""`, which no fourth quote follows.
pub fn without_notes(text: &str) -> Option<String> {
    const KEY: &[u8] = b"\nnotes = \"\"\"";
    let bytes = text.as_bytes();
    let key = memmem::find(bytes, KEY)?;
    let before = &bytes[..key];
    let opened = |marker: &[u8]| memmem::find(before, marker).is_some();
    if opened(b"\n[") || opened(b"\"\"\"") || opened(b"'''") {
        return None;
    }
    let start = key + KEY.len();
    let length = memmem::find(&bytes[start..], b"\"\"\"")?;
    let end = start + length;
    if memchr::memchr(b'\\', &bytes[start..end]).is_some() || bytes.get(end + 3) == Some(&b'"') {
        return None;
    }
    let value = key + KEY.len() - 3;
    let mut out = String::with_capacity(text.len() - length);
    out.push_str(&text[..value]);
    out.push_str("\"\"");
    out.push_str(&text[end + 3..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "schema = 1\ntitle = \"Olivia Moreau, Ridgeline Supply\"\ndate = \"2026-03-12\"\nnotes = \"\"\"\nWe count stock on Mondays. \"The sync breaks\" when two tills sell the last one.\n\n\"\"\"\n\n[[highlights]]\nid = \"h1\"\ntext = \"The sync breaks\"\ntags = [\"pain-point\"]\n";

    #[test]
    fn the_notes_are_cut_and_the_highlights_kept() {
        let cut = without_notes(FILE).expect("plain notes are cut");
        assert_eq!(
            cut,
            "schema = 1\ntitle = \"Olivia Moreau, Ridgeline Supply\"\ndate = \"2026-03-12\"\nnotes = \"\"\n\n[[highlights]]\nid = \"h1\"\ntext = \"The sync breaks\"\ntags = [\"pain-point\"]\n"
        );
        let skimmed = decode("interviews/olivia.toml", FILE.as_bytes()).unwrap();
        let whole: Interview = codec::decode("interviews/olivia.toml", FILE.as_bytes()).unwrap();
        assert_eq!(skimmed.notes, "");
        assert_eq!(skimmed.highlights, whole.highlights);
        assert_eq!(skimmed.title, whole.title);
        assert_eq!(skimmed.date, whole.date);
    }

    #[test]
    fn notes_whose_end_is_not_certain_are_parsed_whole() {
        let cases = [
            // An escape could hide the end.
            FILE.replace("two tills", "two \\\"\"\" tills"),
            // A fourth quote: the last quote of the notes ends them.
            FILE.replace("one.\n\n\"\"\"", "one \"\"\"\""),
            // Another multi-line value comes first: the key could be its text.
            FILE.replace(
                "title = \"Olivia Moreau, Ridgeline Supply\"",
                "title = \"\"\"\nOlivia\n\"\"\"",
            ),
            // After a table header: not the interview's own notes.
            FILE.replace("date = ", "[extra]\ndate = "),
        ];
        for case in &cases {
            assert_eq!(without_notes(case), None, "{case}");
        }
    }

    #[test]
    fn a_broken_file_is_reported_as_it_is_on_disk() {
        // The mistake is after the notes: its line is the file's line.
        let broken = FILE.replace("id = \"h1\"", "id = h1");
        let skimmed = decode("interviews/olivia.toml", broken.as_bytes()).unwrap_err();
        let whole =
            codec::decode::<Interview>("interviews/olivia.toml", broken.as_bytes()).unwrap_err();
        assert_eq!(skimmed, whole);
        assert_eq!(skimmed.line, 10);
    }
}
