//! Reading and writing one file's TOML, with the schema rules every file
//! follows.

use super::Problem;
use super::locate;
use crate::domain::{Icp, Interview, Persona, SCHEMA, Severity, Template, WorkspaceMeta};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Every file type carries a schema version.
pub trait Versioned: Serialize + DeserializeOwned {
    fn schema(&self) -> u32;
    fn set_schema(&mut self, schema: u32);
}

macro_rules! versioned {
    ($($ty:ty),*) => {$(
        impl Versioned for $ty {
            fn schema(&self) -> u32 {
                self.schema
            }
            fn set_schema(&mut self, schema: u32) {
                self.schema = schema;
            }
        }
    )*};
}
versioned!(Icp, Persona, Interview, Template, WorkspaceMeta);

/// Parses one file, refusing schemas newer than this build reads.
pub fn decode<T: Versioned>(path: &str, bytes: &[u8]) -> Result<T, Problem> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = locate::line_col(
            &String::from_utf8_lossy(&bytes[..e.valid_up_to()]),
            e.valid_up_to(),
        );
        problem(path, line, column, "is not UTF-8 text".to_string())
    })?;
    match toml::from_str::<T>(text) {
        Ok(value) if value.schema() > SCHEMA => Err(newer(path, text, value.schema() as i64)),
        Ok(value) => Ok(value),
        Err(error) => {
            if let Some(schema) = schema_of(text)
                && schema > SCHEMA as i64
            {
                return Err(newer(path, text, schema));
            }
            if let Some(line) = crate::domain::conflict::marker_line(text) {
                return Err(problem(path, line, 1, crate::merge::scan::MARKERS.into()));
            }
            let (line, column) = error
                .span()
                .map_or((1, 1), |span| locate::line_col(text, span.start));
            let message = match error.span().and_then(|span| bare_date(text, span)) {
                Some(date) => format!(
                    "dates are written as text in quotes here: write \"{date}\", not the bare TOML date {date}"
                ),
                None => tidy(error.message()),
            };
            Err(problem(path, line, column, message))
        }
    }
}

/// Writes one file's TOML at the current schema.
pub fn encode<T: Versioned + Clone>(value: &T) -> Result<String, String> {
    if value.schema() == SCHEMA {
        toml::to_string(value).map_err(|e| e.to_string())
    } else {
        let mut upgraded = value.clone();
        upgraded.set_schema(SCHEMA);
        toml::to_string(&upgraded).map_err(|e| e.to_string())
    }
}

/// The bare TOML date or time at `span`, if that is what an "invalid type:
/// map" error points at (the toml crate hands dates to serde as a map).
fn bare_date(text: &str, span: std::ops::Range<usize>) -> Option<&str> {
    let value = text.get(span)?.trim();
    let looks_like_date = value.len() >= 8
        && value.as_bytes()[..4].iter().all(u8::is_ascii_digit)
        && value.as_bytes()[4] == b'-'
        || value.len() == 8 && value.as_bytes()[2] == b':';
    (looks_like_date && value.parse::<toml::value::Datetime>().is_ok()).then_some(value)
}

fn schema_of(text: &str) -> Option<i64> {
    #[derive(serde::Deserialize)]
    struct SchemaOnly {
        schema: Option<i64>,
    }
    toml::from_str::<SchemaOnly>(text).ok()?.schema
}

fn newer(path: &str, text: &str, schema: i64) -> Problem {
    let (line, column) = locate::find(text, "schema").unwrap_or((1, 1));
    problem(
        path,
        line,
        column,
        format!(
            "was written by a newer persona (schema {schema}; this version reads schema {SCHEMA}), so it is left untouched; update persona to open it"
        ),
    )
}

fn problem(path: &str, line: usize, column: usize, message: String) -> Problem {
    Problem {
        path: path.to_string(),
        line,
        column,
        severity: Severity::Error,
        message,
    }
}

/// TOML's messages end with a newline and sometimes start lowercase
/// fragments; keep them to one clean line.
fn tidy(message: &str) -> String {
    message.trim().replace('\n', "; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_toml_date_is_explained() {
        let text = "schema = 1\ntitle = \"Dana\"\ndate = 2026-09-12\n";
        let problem = decode::<Interview>("interviews/dana.toml", text.as_bytes()).unwrap_err();
        assert_eq!((problem.line, problem.column), (3, 8));
        assert_eq!(
            problem.message,
            "dates are written as text in quotes here: write \"2026-09-12\", not the bare TOML date 2026-09-12"
        );
        let text = "schema = 1\ntitle = \"Dana\"\nupdated = 2026-09-13T09:20:00Z\n";
        let problem = decode::<Interview>("interviews/dana.toml", text.as_bytes()).unwrap_err();
        assert!(
            problem.message.contains("\"2026-09-13T09:20:00Z\""),
            "{}",
            problem.message
        );
        // Any other type error keeps toml's own words.
        let text = "schema = 1\ntitle = 12\n";
        let problem = decode::<Interview>("interviews/dana.toml", text.as_bytes()).unwrap_err();
        assert!(
            problem.message.contains("invalid type"),
            "{}",
            problem.message
        );
    }
}
