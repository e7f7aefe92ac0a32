//! The token syntax of outreach templates, and its parser.
//!
//! A token is `{{ name }}`, optionally followed by filters:
//! `{{ first_name | default: "there" }}`, `{{ company | upcase }}`. A name is
//! one or more words of letters, digits, `_` or `-` joined by dots
//! (`persona.key_message`, `pain.value`); case does not matter. A filter
//! argument is a string in double or single quotes. A token opens and
//! closes on one line. `{{` always opens a token and `}}` always closes one:
//! a message can never carry them as text (sending tools would read them as
//! their own tokens). Which names exist is decided later, against the lead
//! file and the persona (see [`super::vocabulary`]); the parser checks only
//! the shape.
//!
//! Errors carry the line and column (1-based, counted in characters) of the
//! text that was parsed; the store turns them into places in the file.

use std::fmt;

/// A parsed template text: literal text and tokens, in order.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    pub parts: Vec<Part>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    Text(String),
    Token(Token),
}

/// Where something is in the parsed text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Byte offset in the parsed text.
    pub offset: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    /// The name's words, lowercased: `["persona", "key_message"]`.
    pub path: Vec<String>,
    pub filters: Vec<Filter>,
    /// Where the `{{` is.
    pub pos: Pos,
    /// The token exactly as written, braces included.
    pub source: String,
}

impl Token {
    /// The name as the documentation writes it: `persona.key_message`.
    pub fn name(&self) -> String {
        self.path.join(".")
    }

    /// The fallback text, when the token has a `default` filter.
    pub fn default(&self) -> Option<&str> {
        self.filters.iter().find_map(|f| match f {
            Filter::Default(text) => Some(text.as_str()),
            _ => None,
        })
    }
}

/// What a filter does to a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Filter {
    /// Used when the value is missing or blank.
    Default(String),
    /// First letter upper case, the rest lower case: `DANA` → `Dana`.
    Capitalize,
    Upcase,
    Downcase,
    /// Outer whitespace removed.
    Strip,
    /// The first word only: `Dana Marie` → `Dana`.
    FirstWord,
}

impl Filter {
    /// Every filter name, for messages and completion.
    pub const NAMES: [&'static str; 6] = [
        "default",
        "capitalize",
        "upcase",
        "downcase",
        "strip",
        "first_word",
    ];

    /// Applies the filter; `None` is a missing value.
    pub fn apply(&self, value: Option<String>) -> Option<String> {
        match (self, value) {
            (Filter::Default(text), None) => Some(text.clone()),
            (_, None) => None,
            (Filter::Default(_), Some(v)) => Some(v),
            (Filter::Capitalize, Some(v)) => {
                let mut chars = v.chars();
                Some(match chars.next() {
                    Some(first) => first
                        .to_uppercase()
                        .chain(chars.flat_map(char::to_lowercase))
                        .collect(),
                    None => v,
                })
            }
            (Filter::Upcase, Some(v)) => Some(v.to_uppercase()),
            (Filter::Downcase, Some(v)) => Some(v.to_lowercase()),
            (Filter::Strip, Some(v)) => Some(v.trim().to_string()),
            (Filter::FirstWord, Some(v)) => {
                Some(v.split_whitespace().next().unwrap_or("").to_string())
            }
        }
    }
}

/// A mistake in the token syntax.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub pos: Pos,
    pub message: String,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.pos.line, self.pos.column, self.message)
    }
}

/// Parses a template text. Every mistake is reported (not only the first),
/// each at its place.
pub fn parse(text: &str) -> Result<Parsed, Vec<SyntaxError>> {
    let (parsed, errors) = parse_all(text);
    if errors.is_empty() {
        Ok(parsed)
    } else {
        Err(errors)
    }
}

/// Parses what can be parsed and lists the mistakes: the tokens that are
/// well formed are kept (so they can be checked too), a broken one is
/// left out.
pub fn parse_all(text: &str) -> (Parsed, Vec<SyntaxError>) {
    let mut parts = Vec::new();
    let mut errors = Vec::new();
    let mut literal = String::new();
    let mut line = Line {
        number: 1,
        start: 0,
    };
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let at = |offset| line.pos(text, offset);
        if rest.starts_with("{{") {
            let line_end = rest.find('\n').map_or(text.len(), |n| i + n);
            let Some(n) = text[i + 2..line_end].find("}}") else {
                errors.push(SyntaxError {
                    pos: at(i),
                    message: "`{{` opens a token that is not closed with `}}` on the same line"
                        .into(),
                });
                literal.push_str("{{");
                i += 2;
                continue;
            };
            let end = i + 2 + n;
            match token(text, i + 2, end, at(i), &at) {
                Ok(mut token) => {
                    token.source = text[i..end + 2].to_string();
                    if !literal.is_empty() {
                        parts.push(Part::Text(std::mem::take(&mut literal)));
                    }
                    parts.push(Part::Token(token));
                }
                Err(error) => errors.push(error),
            }
            i = end + 2;
        } else if rest.starts_with("}}") {
            errors.push(SyntaxError {
                pos: at(i),
                message: "`}}` closes no token: a token is written `{{ name }}`".into(),
            });
            i += 2;
        } else if let Some(found) = foreign(rest) {
            errors.push(SyntaxError {
                pos: at(i),
                message: found.message,
            });
            literal.push_str(&rest[..found.len]);
            i += found.len;
        } else {
            let ch = rest.chars().next().expect("not at the end");
            if ch == '\n' {
                line = Line {
                    number: line.number + 1,
                    start: i + 1,
                };
            }
            literal.push(ch);
            i += ch.len_utf8();
        }
    }
    if !literal.is_empty() {
        parts.push(Part::Text(literal));
    }
    (Parsed { parts }, errors)
}

/// The line being parsed: its number and where it starts.
#[derive(Clone, Copy)]
struct Line {
    number: usize,
    start: usize,
}

impl Line {
    fn pos(self, text: &str, offset: usize) -> Pos {
        Pos {
            line: self.number,
            column: text[self.start..offset].chars().count() + 1,
            offset,
        }
    }
}

/// Parses what is between `{{` and `}}`.
fn token(
    text: &str,
    start: usize,
    end: usize,
    pos: Pos,
    at: &dyn Fn(usize) -> Pos,
) -> Result<Token, SyntaxError> {
    let mut cursor = Cursor {
        text,
        i: start,
        end,
    };
    cursor.skip_spaces();
    if cursor.i == end {
        return Err(SyntaxError {
            pos,
            message: "empty token `{{ }}`: write a name such as `{{ first_name }}`".into(),
        });
    }
    let path = cursor.path().map_err(|(offset, message)| SyntaxError {
        pos: at(offset),
        message,
    })?;
    let mut filters = Vec::new();
    loop {
        cursor.skip_spaces();
        if cursor.i == end {
            break;
        }
        if !cursor.eat('|') {
            let offset = cursor.i;
            let found: String = text[offset..end].trim_end().to_string();
            return Err(SyntaxError {
                pos: at(offset),
                message: format!(
                    "unexpected `{found}` in a token: after the name comes `}}}}` or a filter such as `| default: \"there\"`"
                ),
            });
        }
        cursor.skip_spaces();
        let filter_at = cursor.i;
        let name = cursor.word();
        if name.is_empty() {
            return Err(SyntaxError {
                pos: at(filter_at),
                message: format!(
                    "a filter name is missing after `|`; filters are {}",
                    filter_list()
                ),
            });
        }
        cursor.skip_spaces();
        let mut args = Vec::new();
        if cursor.eat(':') {
            loop {
                cursor.skip_spaces();
                let arg_at = cursor.i;
                args.push(cursor.string().map_err(|message| SyntaxError {
                    pos: at(arg_at),
                    message,
                })?);
                cursor.skip_spaces();
                if !cursor.eat(',') {
                    break;
                }
            }
        }
        let filter = match (name.to_ascii_lowercase().as_str(), args.as_slice()) {
            ("default", [text]) => Filter::Default(text.clone()),
            ("default", _) => {
                return Err(SyntaxError {
                    pos: at(filter_at),
                    message: "`default` takes one text in quotes: `| default: \"there\"`".into(),
                });
            }
            (simple, []) if simple != "default" => match simple {
                "capitalize" => Filter::Capitalize,
                "upcase" => Filter::Upcase,
                "downcase" => Filter::Downcase,
                "strip" => Filter::Strip,
                "first_word" => Filter::FirstWord,
                _ => {
                    return Err(SyntaxError {
                        pos: at(filter_at),
                        message: format!("unknown filter `{name}`; filters are {}", filter_list()),
                    });
                }
            },
            (other, _) if Filter::NAMES.contains(&other) => {
                return Err(SyntaxError {
                    pos: at(filter_at),
                    message: format!("the filter `{name}` takes no argument"),
                });
            }
            _ => {
                return Err(SyntaxError {
                    pos: at(filter_at),
                    message: format!("unknown filter `{name}`; filters are {}", filter_list()),
                });
            }
        };
        filters.push(filter);
    }
    Ok(Token {
        path,
        filters,
        pos,
        source: String::new(),
    })
}

fn filter_list() -> String {
    Filter::NAMES
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

struct Cursor<'a> {
    text: &'a str,
    i: usize,
    end: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.i..self.end].chars().next()
    }

    fn eat(&mut self, ch: char) -> bool {
        if self.peek() == Some(ch) {
            self.i += ch.len_utf8();
            true
        } else {
            false
        }
    }

    fn skip_spaces(&mut self) {
        while let Some(ch) = self.peek().filter(|c| *c == ' ' || *c == '\t') {
            self.i += ch.len_utf8();
        }
    }

    fn word(&mut self) -> String {
        let start = self.i;
        while let Some(ch) = self
            .peek()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        {
            self.i += ch.len_utf8();
        }
        self.text[start..self.i].to_string()
    }

    /// `name(.name)*`, lowercased.
    fn path(&mut self) -> Result<Vec<String>, (usize, String)> {
        let mut path = Vec::new();
        loop {
            let at = self.i;
            let word = self.word();
            if word.is_empty() {
                let found: String = self.text[at..self.end]
                    .trim_end()
                    .chars()
                    .take(30)
                    .collect();
                let message = if found.starts_with('{') {
                    "too many braces: a token is written `{{ name }}`".to_string()
                } else if path.is_empty() {
                    format!(
                        "`{found}` is not a token name: names use letters, digits, `_` and `-`, for example `{{{{ first_name }}}}`"
                    )
                } else {
                    "a name is missing after `.`".to_string()
                };
                return Err((at, message));
            }
            path.push(word.to_ascii_lowercase());
            if !self.eat('.') {
                break;
            }
        }
        // `first name` (a space inside the name) reads as a name followed by junk.
        let save = self.i;
        self.skip_spaces();
        if let Some(ch) = self.peek()
            && (ch.is_ascii_alphanumeric() || ch == '_')
        {
            let found = self.text[save..self.end].trim().to_string();
            return Err((
                save,
                format!(
                    "a token name has no spaces: `{} {found}`; write it with `_`, as in `{{{{ first_name }}}}`",
                    path.join(".")
                ),
            ));
        }
        self.i = save;
        Ok(path)
    }

    /// A string in double or single quotes; `\"`, `\'` and `\\` inside.
    fn string(&mut self) -> Result<String, String> {
        let quote = match self.peek() {
            Some(q @ ('"' | '\'' | '“' | '‘')) => q,
            _ => return Err("a filter argument is text in quotes: `default: \"there\"`".into()),
        };
        let close = match quote {
            '“' => '”',
            '‘' => '’',
            q => q,
        };
        self.i += quote.len_utf8();
        let mut out = String::new();
        loop {
            let Some(ch) = self.peek() else {
                return Err(format!("the text starting here is not closed with {close}"));
            };
            self.i += ch.len_utf8();
            if ch == close {
                return Ok(out);
            }
            if ch == '\\'
                && let Some(next) = self.peek()
            {
                self.i += next.len_utf8();
                out.push(next);
                continue;
            }
            out.push(ch);
        }
    }
}

/// Another tool's placeholder syntax, which would be sent as it is.
struct Foreign {
    len: usize,
    message: String,
}

fn foreign(rest: &str) -> Option<Foreign> {
    // Mailchimp merge tags: *|FNAME|*
    if let Some(inner) = rest.strip_prefix("*|")
        && let Some(end) = inner.find("|*")
        && end > 0
        && inner[..end]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
    {
        return Some(Foreign {
            len: end + 4,
            message: format!(
                "`*|{}|*` is a Mailchimp merge tag, which would be sent as it is; write a token such as `{{{{ first_name }}}}`",
                &inner[..end]
            ),
        });
    }
    // A single-brace placeholder: {first_name}
    if let Some(inner) = rest.strip_prefix('{')
        && !inner.starts_with('{')
        && let Some(end) = inner.find('}')
        && end > 0
        && inner[..end]
            .trim()
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        && inner[..end].trim().chars().any(|c| c.is_ascii_alphabetic())
    {
        let name = inner[..end].trim();
        return Some(Foreign {
            len: end + 2,
            message: format!(
                "`{{{name}}}` has single braces and would be sent as it is; write `{{{{ {name} }}}}`"
            ),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<Token> {
        parse(text)
            .unwrap()
            .parts
            .into_iter()
            .filter_map(|p| match p {
                Part::Token(t) => Some(t),
                Part::Text(_) => None,
            })
            .collect()
    }

    fn errors(text: &str) -> Vec<String> {
        parse(text)
            .unwrap_err()
            .into_iter()
            .map(|e| e.to_string())
            .collect()
    }

    #[test]
    fn tokens_with_and_without_filters() {
        let parsed = parse("Hi {{first_name}}, {{ company | upcase }}!").unwrap();
        assert_eq!(parsed.parts.len(), 5);
        let t = tokens("Hi {{ first_name | default: \"there\" }}, see {{ persona.key_message }}");
        assert_eq!(t[0].path, vec!["first_name"]);
        assert_eq!(t[0].default(), Some("there"));
        assert_eq!(t[0].source, "{{ first_name | default: \"there\" }}");
        assert_eq!(
            t[0].pos,
            Pos {
                line: 1,
                column: 4,
                offset: 3
            }
        );
        assert_eq!(t[1].name(), "persona.key_message");
        assert_eq!(t[1].default(), None);
        let t = tokens("{{ First_Name | capitalize | default: 'you, friend' }}");
        assert_eq!(t[0].path, vec!["first_name"]);
        assert_eq!(
            t[0].filters,
            vec![Filter::Capitalize, Filter::Default("you, friend".into())]
        );
        let t = tokens("{{ x | default: \"say \\\"hi\\\"\" }}");
        assert_eq!(t[0].default(), Some("say \"hi\""));
    }

    #[test]
    fn positions_count_lines_and_characters() {
        let t = tokens("Hej Zoë,\n\nHow is 増田 {{ company }}?");
        assert_eq!((t[0].pos.line, t[0].pos.column), (3, 11));
    }

    #[test]
    fn every_mistake_is_reported_at_its_place() {
        assert_eq!(
            errors("Hi {{ first_name,\nthanks }} {{ }}"),
            vec![
                "1:4: `{{` opens a token that is not closed with `}}` on the same line",
                "2:8: `}}` closes no token: a token is written `{{ name }}`",
                "2:11: empty token `{{ }}`: write a name such as `{{ first_name }}`",
            ]
        );
        assert_eq!(
            errors("{{ first name }}"),
            vec![
                "1:9: a token name has no spaces: `first name`; write it with `_`, as in `{{ first_name }}`"
            ]
        );
        assert_eq!(
            errors("x {{ company | shout }}"),
            vec![
                "1:16: unknown filter `shout`; filters are `default`, `capitalize`, `upcase`, `downcase`, `strip`, `first_word`"
            ]
        );
        assert_eq!(
            errors("{{ a | default }}"),
            vec!["1:8: `default` takes one text in quotes: `| default: \"there\"`"]
        );
        assert_eq!(
            errors("{{ a | default: there }}"),
            vec!["1:17: a filter argument is text in quotes: `default: \"there\"`"]
        );
        assert_eq!(
            errors("{{ a | default: \"there }}"),
            vec!["1:17: the text starting here is not closed with \""]
        );
        assert_eq!(
            errors("{{{ a }}}")[0],
            "1:3: too many braces: a token is written `{{ name }}`"
        );
        assert_eq!(
            errors("{{ persona. }}")[0],
            "1:12: a name is missing after `.`"
        );
        assert_eq!(
            errors("{{ a b }}")[0],
            "1:5: a token name has no spaces: `a b`; write it with `_`, as in `{{ first_name }}`"
        );
        assert_eq!(
            errors("{{ a | upcase: \"x\" }}")[0],
            "1:8: the filter `upcase` takes no argument"
        );
        assert_eq!(
            errors("{{ a ! }}")[0],
            "1:6: unexpected `!` in a token: after the name comes `}}` or a filter such as `| default: \"there\"`"
        );
        assert_eq!(
            errors("{{ é }}")[0].split(':').take(2).collect::<Vec<_>>(),
            vec!["1", "4"]
        );
    }

    #[test]
    fn other_tools_placeholders_are_caught() {
        assert_eq!(
            errors("Hi *|FNAME|*,"),
            vec![
                "1:4: `*|FNAME|*` is a Mailchimp merge tag, which would be sent as it is; write a token such as `{{ first_name }}`"
            ]
        );
        assert_eq!(
            errors("Hi {first_name},"),
            vec![
                "1:4: `{first_name}` has single braces and would be sent as it is; write `{{ first_name }}`"
            ]
        );
        // Braces around other text are text.
        assert!(parse("Costs {≈ $20} or {1,2}; a json {\"a\": 1}").is_ok());
    }

    #[test]
    fn filters_apply_in_order() {
        let v = |s: &str| Some(s.to_string());
        assert_eq!(Filter::Capitalize.apply(v("dANA")), v("Dana"));
        assert_eq!(Filter::Capitalize.apply(v("élodie")), v("Élodie"));
        assert_eq!(Filter::FirstWord.apply(v("Dana Marie")), v("Dana"));
        assert_eq!(Filter::Default("there".into()).apply(None), v("there"));
        assert_eq!(Filter::Default("there".into()).apply(v("Dana")), v("Dana"));
        assert_eq!(Filter::Upcase.apply(None), None);
    }
}
