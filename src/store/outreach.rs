//! Outreach templates on disk: `templates/outreach/<id>.toml`.
//!
//! Loading reads and parses a file with the same schema rules as every
//! other file; compiling its subject and body reports each token mistake at
//! its line and column in the file (not in the string), so an editor can
//! jump there. Saving is atomic and refuses to replace a file that changed
//! on disk since it was read.

use super::codec::{self, Versioned};
use super::locate;
use super::{Problem, StoreError};
use crate::domain::Severity;
use crate::domain::id::is_valid_id;
use crate::domain::outreach::OutreachTemplate;
use crate::domain::outreach::template::{Compiled, Part, TemplateError};
use std::fs;
use std::path::{Path, PathBuf};

/// The folder of outreach templates, relative to the workspace.
pub const OUTREACH: &str = "templates/outreach";

impl Versioned for OutreachTemplate {
    fn schema(&self) -> u32 {
        self.schema
    }
    fn set_schema(&mut self, schema: u32) {
        self.schema = schema;
    }
}

/// The file of an outreach template, relative to the workspace.
pub fn outreach_file(id: &str) -> String {
    format!("{OUTREACH}/{id}.toml")
}

/// A template as read from its file, with the text (for pointing at lines).
#[derive(Clone, Debug)]
pub struct TemplateFile {
    pub template: OutreachTemplate,
    /// How to name the file to the user: relative to the workspace when it
    /// is inside it, else as given.
    pub path: String,
    pub text: String,
}

impl TemplateFile {
    /// Parses the subject and body; mistakes as `path:line:col` problems.
    pub fn compile(&self) -> Result<Compiled, Vec<Problem>> {
        self.template
            .compile()
            .map_err(|errors| errors.iter().map(|e| self.problem(e)).collect())
    }

    /// The well-formed part of the subject and body, with every mistake as
    /// a problem (for checking a template that has some).
    pub fn compile_all(&self) -> (Compiled, Vec<Problem>) {
        let (compiled, errors) = self.template.compile_all();
        (compiled, errors.iter().map(|e| self.problem(e)).collect())
    }

    /// A mistake in the subject or body, placed in the file.
    pub fn problem(&self, error: &TemplateError) -> Problem {
        let (line, column) = self.place(error.part, error.pos);
        Problem {
            path: self.path.clone(),
            line,
            column,
            severity: Severity::Error,
            message: error.message.clone(),
        }
    }

    /// A finding about a token, placed in the file.
    pub fn at(
        &self,
        part: Part,
        pos: crate::domain::outreach::token::Pos,
        severity: Severity,
        message: String,
    ) -> Problem {
        let (line, column) = self.place(Some(part), Some(pos));
        Problem {
            path: self.path.clone(),
            line,
            column,
            severity,
            message,
        }
    }

    /// The line and column in the file of a position in a part's text.
    pub fn place(
        &self,
        part: Option<Part>,
        pos: Option<crate::domain::outreach::token::Pos>,
    ) -> (usize, usize) {
        let Some(part) = part else {
            return (1, 1);
        };
        let key_place = || locate::find(&self.text, &format!("{} ", part.key())).unwrap_or((1, 1));
        let Some(span) = value_span(&self.text, part) else {
            return key_place();
        };
        let Some(pos) = pos else {
            return locate::line_col(&self.text, span.start);
        };
        let value = match part {
            Part::Subject => &self.template.subject,
            Part::Body => &self.template.body,
        };
        let raw = &self.text[span.content.clone()];
        match raw_offset(raw, span.basic, value, pos.offset) {
            Some(offset) => locate::line_col(&self.text, span.content.start + offset),
            None => locate::line_col(&self.text, span.start),
        }
    }
}

/// Where in a string's file text (`raw`) the character at `target` of its
/// value is: the same offset for a literal string; for a basic string,
/// found by walking its escapes (`\"`, `\n`, `\u00e9`, a line-ending
/// backslash). `None` when the walk and the value disagree.
fn raw_offset(raw: &str, basic: bool, value: &str, target: usize) -> Option<usize> {
    if !basic {
        return (raw == value).then_some(target);
    }
    let bytes = raw.as_bytes();
    let (mut r, mut v) = (0, 0);
    while v < target {
        if r >= raw.len() {
            return None;
        }
        if bytes[r] == b'\\' {
            let next = raw[r + 1..].chars().next()?;
            match next {
                'u' => (r, v) = (r + 6, v + decoded_len(value, v)),
                'U' => (r, v) = (r + 10, v + decoded_len(value, v)),
                'x' => (r, v) = (r + 4, v + decoded_len(value, v)),
                c if c.is_whitespace() => {
                    // A line-ending backslash: the break and the
                    // indentation after it are not in the value.
                    r += 1;
                    while let Some(c) = raw[r..].chars().next().filter(|c| c.is_whitespace()) {
                        r += c.len_utf8();
                    }
                }
                _ => (r, v) = (r + 2, v + 1),
            }
        } else {
            let c = raw[r..].chars().next()?;
            r += c.len_utf8();
            v += c.len_utf8();
        }
    }
    (v == target).then_some(r)
}

/// The length in bytes of the value's character at `at`.
fn decoded_len(value: &str, at: usize) -> usize {
    value
        .get(at..)
        .and_then(|s| s.chars().next())
        .map_or(1, char::len_utf8)
}

struct Span {
    /// The whole value, quotes included.
    start: usize,
    /// The string's text between its quotes (after the newline that may
    /// follow an opening `"""`).
    content: std::ops::Range<usize>,
    /// A basic string (double quotes), where backslash escapes count.
    basic: bool,
}

fn value_span(text: &str, part: Part) -> Option<Span> {
    #[derive(serde::Deserialize)]
    struct Spans {
        subject: Option<toml::Spanned<String>>,
        body: Option<toml::Spanned<String>>,
    }
    let spans: Spans = toml::from_str(text).ok()?;
    let spanned = match part {
        Part::Subject => spans.subject,
        Part::Body => spans.body,
    }?;
    let range = spanned.span();
    let raw = text.get(range.clone())?;
    let quote = ["\"\"\"", "'''", "\"", "'"]
        .into_iter()
        .find(|q| raw.starts_with(q) && raw.ends_with(q) && raw.len() >= 2 * q.len())?;
    let mut start = range.start + quote.len();
    if quote.len() == 3 {
        if text[start..].starts_with("\r\n") {
            start += 2;
        } else if text[start..].starts_with('\n') {
            start += 1;
        }
    }
    Some(Span {
        start: range.start,
        content: start..range.end - quote.len(),
        basic: quote.starts_with('"'),
    })
}

/// Reads one template: `what` is an id of the workspace's outreach
/// templates, or the path of a template file anywhere.
pub fn open(root: &Path, what: &str) -> Result<TemplateFile, String> {
    let as_path = PathBuf::from(what);
    let looks_like_path = what.contains('/') || what.contains('\\') || what.ends_with(".toml");
    let (file, shown, id) = if looks_like_path || (as_path.is_file() && !is_valid_id(what)) {
        let id = as_path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        // Inside the workspace, name it as the workspace does.
        let shown = fs::canonicalize(&as_path)
            .ok()
            .zip(fs::canonicalize(root).ok())
            .and_then(|(file, root)| {
                file.strip_prefix(&root)
                    .ok()
                    .map(|p| p.to_string_lossy().replace('\\', "/"))
            })
            .unwrap_or_else(|| what.to_string());
        (as_path, shown, id)
    } else {
        if !is_valid_id(what) {
            return Err(format!(
                "`{what}` is neither an outreach template id nor a file; `persona templates` lists the ids"
            ));
        }
        let relative = outreach_file(what);
        (root.join(&relative), relative, what.to_string())
    };
    let bytes = fs::read(&file).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound && !looks_like_path {
            format!(
                "there is no outreach template `{what}` ({shown} does not exist); `persona templates` lists them"
            )
        } else {
            format!("could not read {shown}: {e}")
        }
    })?;
    let mut template: OutreachTemplate =
        codec::decode(&shown, &bytes).map_err(|problem| problem.to_string())?;
    template.id = id;
    Ok(TemplateFile {
        template,
        path: shown,
        text: String::from_utf8_lossy(&bytes).into_owned(),
    })
}

/// Every outreach template of the workspace, sorted by id, with the files
/// that could not be read (bad names, bad TOML) as problems.
pub fn list(root: &Path) -> (Vec<TemplateFile>, Vec<Problem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let Ok(entries) = fs::read_dir(root.join(OUTREACH)) else {
        return (files, problems);
    };
    let mut names: Vec<String> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.') && n.ends_with(".toml"))
        .collect();
    names.sort();
    for name in names {
        let id = name.trim_end_matches(".toml");
        if !is_valid_id(id) {
            problems.push(Problem {
                path: format!("{OUTREACH}/{name}"),
                line: 1,
                column: 1,
                severity: Severity::Error,
                message:
                    "is not loaded: names must be ids made of lowercase letters, digits and `-`"
                        .into(),
            });
            continue;
        }
        match open(root, id) {
            Ok(file) => files.push(file),
            Err(message) => problems.push(problem_from(&outreach_file(id), &message)),
        }
    }
    (files, problems)
}

/// Every problem of every outreach template, for `persona validate`:
/// files that do not load, token mistakes, personas that do not exist, and
/// token names that mean nothing. A bare name that is no lead field is a
/// warning (a lead file's column may supply it); an unknown `persona.` or
/// `pain.` name is an error. `lead_fields` are the canonical lead field
/// names.
pub fn validate(root: &Path, ws: &crate::domain::Workspace, lead_fields: &[&str]) -> Vec<Problem> {
    use crate::domain::outreach::campaign::{check_tokens, vocabulary};
    let (files, mut problems) = list(root);
    for file in &files {
        let (compiled, syntax) = file.compile_all();
        problems.extend(syntax);
        let mut personas = Vec::new();
        for id in &file.template.personas {
            match ws.persona(id) {
                Some(persona) => personas.push(persona),
                None => {
                    let (line, column) =
                        locate::find(&file.text, &format!("\"{id}\"")).unwrap_or((1, 1));
                    problems.push(Problem {
                        path: file.path.clone(),
                        line,
                        column,
                        severity: Severity::Error,
                        message: format!("is for persona `{id}`, which does not exist"),
                    });
                }
            }
        }
        if file.template.personas.is_empty() {
            personas = ws.personas.iter().collect();
        }
        let words = vocabulary(ws, &personas, lead_fields, &[]);
        for (part, token, report) in check_tokens(&compiled, &words) {
            if let Err(message) = report.meaning {
                let bare = token.path.len() == 1 && token.path[0] != "persona";
                let severity = if bare {
                    Severity::Warning
                } else {
                    Severity::Error
                };
                problems.push(file.at(part, token.pos, severity, message));
            }
        }
    }
    problems.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    problems
}

/// Writes a template atomically to `templates/outreach/<id>.toml`.
/// `expected` is the text it was read from (`None` for a new template): if
/// the file on disk is not that any more, nothing is written.
pub fn save(
    root: &Path,
    template: &OutreachTemplate,
    expected: Option<&str>,
) -> Result<(), StoreError> {
    let relative = outreach_file(&template.id);
    super::check_new_id(crate::domain::Kind::Template, &template.id)?;
    let path = root.join(&relative);
    let now = fs::read_to_string(&path).ok();
    match (expected, now.as_deref()) {
        (None, Some(_)) => return Err(StoreError::Occupied { path: relative }),
        (Some(_), None) => return Err(StoreError::Vanished { path: relative }),
        (Some(then), Some(now)) if then != now => {
            return Err(StoreError::ChangedOnDisk { path: relative });
        }
        _ => {}
    }
    let text = codec::encode(template).map_err(|message| StoreError::Encode {
        path: relative.clone(),
        message,
    })?;
    super::atomic::write_atomic(&path, text.as_bytes()).map_err(|source| StoreError::Write {
        path: relative,
        source,
    })
}

/// A `path:line:col: message` string (as [`codec::decode`] words it) back
/// into a problem.
fn problem_from(path: &str, message: &str) -> Problem {
    let rest = message.strip_prefix(path).and_then(|r| r.strip_prefix(':'));
    let parsed = rest.and_then(|rest| {
        let mut parts = rest.splitn(3, ':');
        let line = parts.next()?.trim().parse().ok()?;
        let column = parts.next()?.trim().parse().ok()?;
        Some((line, column, parts.next()?.trim().to_string()))
    });
    let (line, column, message) = parsed.unwrap_or((1, 1, message.to_string()));
    Problem {
        path: path.to_string(),
        line,
        column,
        severity: Severity::Error,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workspace_with(name: &str, text: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join(OUTREACH)).unwrap();
        fs::write(dir.path().join(OUTREACH).join(name), text).unwrap();
        dir
    }

    #[test]
    fn token_mistakes_point_into_the_file() {
        let text = "schema = 1\nname = \"First touch\"\nsubject = \"Hi {{ first name }}\"\nbody = \"\"\"\nHello {{ company }},\n\nthanks {{ x | shout }}\n\"\"\"\n";
        let dir = workspace_with("first-touch.toml", text);
        let file = open(dir.path(), "first-touch").unwrap();
        assert_eq!(file.path, "templates/outreach/first-touch.toml");
        let problems: Vec<String> = file
            .compile()
            .unwrap_err()
            .iter()
            .map(|p| p.to_string())
            .collect();
        assert_eq!(
            problems,
            vec![
                "templates/outreach/first-touch.toml:3:23: a token name has no spaces: `first name`; write it with `_`, as in `{{ first_name }}`",
                "templates/outreach/first-touch.toml:7:15: unknown filter `shout`; filters are `default`, `capitalize`, `upcase`, `downcase`, `strip`, `first_word`",
            ]
        );
    }

    #[test]
    fn escapes_still_point_at_the_right_line() {
        // body = "Say \"hi\" \u00e9\n{{ oops"
        let text = "name = \"x\"\nsubject = \"s\"\nbody = \"Say \\\"hi\\\" \\u00e9\\t{{ oops\"\n";
        let dir = workspace_with("x.toml", text);
        let file = open(dir.path(), "x").unwrap();
        let problems = file.compile().unwrap_err();
        assert_eq!((problems[0].line, problems[0].column), (3, 28));
        // A line-ending backslash in a multi-line string.
        let text = "name = \"x\"\nsubject = \"s\"\nbody = \"\"\"\nOne \\\n    two {{ }}\n\"\"\"\n";
        let dir = workspace_with("y.toml", text);
        let problems = open(dir.path(), "y").unwrap().compile().unwrap_err();
        assert_eq!((problems[0].line, problems[0].column), (5, 9));
    }

    #[test]
    fn files_by_id_or_path_and_clear_errors() {
        let dir = workspace_with("a.toml", "name = \"A\"\nsubject = \"s\"\nbody = \"b\"\n");
        let by_path = dir.path().join(OUTREACH).join("a.toml");
        let file = open(dir.path(), by_path.to_str().unwrap()).unwrap();
        assert_eq!(file.template.id, "a");
        assert_eq!(file.path, "templates/outreach/a.toml");
        assert_eq!(
            open(dir.path(), "nope").unwrap_err(),
            "there is no outreach template `nope` (templates/outreach/nope.toml does not exist); `persona templates` lists them"
        );
        fs::write(dir.path().join(OUTREACH).join("bad.toml"), "name = \n").unwrap();
        fs::write(dir.path().join(OUTREACH).join("Bad Name.toml"), "").unwrap();
        let (files, problems) = list(dir.path());
        assert_eq!(files.len(), 1);
        assert_eq!(problems.len(), 2);
        assert!(
            problems
                .iter()
                .any(|p| p.path == "templates/outreach/bad.toml" && p.line == 1)
        );
    }

    #[test]
    fn saves_atomically_and_never_over_a_change() {
        let dir = tempfile::tempdir().unwrap();
        let mut t = OutreachTemplate::new("hello", "Hello");
        t.subject = "Hi".into();
        t.body = "Hi {{ first_name }}".into();
        save(dir.path(), &t, None).unwrap();
        let text = fs::read_to_string(dir.path().join(outreach_file("hello"))).unwrap();
        assert!(text.starts_with("schema = 1\nname = \"Hello\"\n"), "{text}");
        assert!(matches!(
            save(dir.path(), &t, None),
            Err(StoreError::Occupied { .. })
        ));
        t.body = "Hello {{ first_name }}".into();
        assert!(matches!(
            save(dir.path(), &t, Some("old text")),
            Err(StoreError::ChangedOnDisk { .. })
        ));
        save(dir.path(), &t, Some(&text)).unwrap();
        assert_eq!(
            open(dir.path(), "hello").unwrap().template.body,
            "Hello {{ first_name }}"
        );
    }
}
