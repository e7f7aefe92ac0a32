//! Turning byte offsets and snippets into the line and column people use.

/// The 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// Where `needle` first occurs, as a line and column.
pub fn find(text: &str, needle: &str) -> Option<(usize, usize)> {
    text.find(needle).map(|offset| line_col(text, offset))
}

/// Where the `nth` (0-based) occurrence of `needle` is, falling back to the
/// first when there are fewer.
pub fn find_nth(text: &str, needle: &str, nth: usize) -> Option<(usize, usize)> {
    text.match_indices(needle)
        .nth(nth)
        .or_else(|| text.match_indices(needle).next())
        .map(|(offset, _)| line_col(text, offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lines_and_characters() {
        let text = "a = 1\nnamé = \"x\"\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(find(text, "\"x\""), Some((2, 8)));
        assert_eq!(line_col(text, 10_000), (3, 1));
    }
}
