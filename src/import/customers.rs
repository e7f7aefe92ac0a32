//! A CRM export (CSV) → an ICP's best customers.
//!
//! Columns are found by header name, case-insensitively, with the names
//! CRMs use (`Account`, `Employees`, `ARR`, `Tech stack`, ...). Only a
//! company column is required. The delimiter (`,` `;` or tab) is sniffed
//! from the header line; quoted fields may hold delimiters, newlines and
//! doubled quotes; a byte-order mark is dropped.

use crate::domain::BestCustomer;

/// A row that could not be read, with the line it starts on (1-based).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// What a CSV gave.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    pub customers: Vec<BestCustomer>,
    /// Header names that matched no attribute, as written.
    pub ignored: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Company,
    Industry,
    Size,
    Revenue,
    Geography,
    Tools,
    Criterion,
}

/// Header names for each attribute, compared after lowercasing and
/// dropping everything but letters and digits.
const ALIASES: [(Column, &[&str]); 7] = [
    (
        Column::Company,
        &[
            "company",
            "companyname",
            "account",
            "accountname",
            "name",
            "organization",
            "organisation",
            "customer",
        ],
    ),
    (
        Column::Industry,
        &["industry", "vertical", "sector", "segment"],
    ),
    (
        Column::Size,
        &[
            "size",
            "employees",
            "companysize",
            "employeecount",
            "numberofemployees",
            "headcount",
            "staff",
        ],
    ),
    (
        Column::Revenue,
        &["revenue", "annualrevenue", "arr", "turnover", "sales"],
    ),
    (
        Column::Geography,
        &[
            "geography",
            "country",
            "region",
            "location",
            "geo",
            "city",
            "state",
        ],
    ),
    (
        Column::Tools,
        &[
            "tools",
            "techstack",
            "technologies",
            "technology",
            "stack",
            "software",
        ],
    ),
    (
        Column::Criterion,
        &["criterion", "criteria", "why", "reason", "whybest", "notes"],
    ),
];

fn column_for(header: &str) -> Option<Column> {
    let key: String = header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    ALIASES
        .iter()
        .find(|(_, names)| names.contains(&key.as_str()))
        .map(|(c, _)| *c)
}

/// The delimiter used most outside quotes on the first line.
fn sniff(text: &str) -> char {
    let mut counts = [(',', 0), (';', 0), ('\t', 0)];
    let mut quoted = false;
    for ch in text.chars() {
        match ch {
            '"' => quoted = !quoted,
            '\n' if !quoted => break,
            c if !quoted => {
                for (d, n) in counts.iter_mut() {
                    if *d == c {
                        *n += 1;
                    }
                }
            }
            _ => {}
        }
    }
    counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map_or(',', |(d, _)| *d)
}

/// A record: its fields and the line it starts on.
type Record = (usize, Vec<String>);

/// Splits CSV text into records (RFC 4180, plus any of the delimiters).
/// Blank lines are skipped.
fn records(text: &str, delim: char) -> Result<Vec<Record>, RowError> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line = 1;
    let mut start_line = 1;
    let mut field = String::new();
    let mut fields: Vec<String> = Vec::new();
    let mut quoted = false;
    let mut was_quoted = false;
    let mut at_field_start = true;
    let end_record = |fields: &mut Vec<String>, out: &mut Vec<Record>, start: usize| {
        let record = std::mem::take(fields);
        if !record.iter().all(|f| f.trim().is_empty()) {
            out.push((start, record));
        }
    };
    while let Some(ch) = chars.next() {
        if quoted {
            match ch {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                '\r' if chars.peek() == Some(&'\n') => {}
                c => field.push(c),
            }
            continue;
        }
        match ch {
            '"' if at_field_start => {
                quoted = true;
                was_quoted = true;
                at_field_start = false;
            }
            '"' if !was_quoted => field.push('"'),
            c if c == delim => {
                fields.push(std::mem::take(&mut field));
                at_field_start = true;
                was_quoted = false;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                fields.push(std::mem::take(&mut field));
                end_record(&mut fields, &mut out, start_line);
                line += 1;
                start_line = line;
                at_field_start = true;
                was_quoted = false;
            }
            c if was_quoted => {
                if !c.is_whitespace() {
                    return Err(RowError {
                        line,
                        message: format!(
                            "text `{c}` follows a closing quote; a quote inside a quoted field is written twice (\"\")"
                        ),
                    });
                }
            }
            c => {
                if !(at_field_start && c.is_whitespace() && field.is_empty()) {
                    field.push(c);
                }
                at_field_start = false;
            }
        }
    }
    if quoted {
        return Err(RowError {
            line: start_line,
            message: "a quoted field is never closed (a \" is missing)".into(),
        });
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        end_record(&mut fields, &mut out, start_line);
    }
    Ok(out)
}

/// Tools as a list: split on `;` or `,` (or `|`), trimmed, empty dropped.
pub fn split_tools(text: &str) -> Vec<String> {
    text.split([';', ',', '|', '\n'])
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect()
}

/// Parses a whole CSV. Every bad row is reported; any bad row means no
/// customers (the caller imports all or nothing).
pub fn parse(text: &str) -> Result<Parsed, Vec<RowError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delim = sniff(text);
    let rows = records(text, delim).map_err(|e| vec![e])?;
    let Some(((_, header), body)) = rows.split_first() else {
        return Err(vec![RowError {
            line: 1,
            message: "the file is empty; it needs a header row naming the columns".into(),
        }]);
    };
    let mut columns: Vec<Option<Column>> = Vec::new();
    let mut ignored = Vec::new();
    for name in header {
        let column = column_for(name).filter(|c| !columns.contains(&Some(*c)));
        if column.is_none() && !name.trim().is_empty() {
            ignored.push(name.trim().to_string());
        }
        columns.push(column);
    }
    if !columns.contains(&Some(Column::Company)) {
        return Err(vec![RowError {
            line: 1,
            message: format!(
                "no company column in the header ({}); name one `company`, `account` or `name`",
                header
                    .iter()
                    .map(|h| format!("`{}`", h.trim()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }]);
    }
    let mut customers = Vec::new();
    let mut errors = Vec::new();
    for (line, fields) in body {
        if fields.len() > header.len()
            && fields[header.len()..].iter().any(|f| !f.trim().is_empty())
        {
            errors.push(RowError {
                line: *line,
                message: format!(
                    "{} fields where the header has {}",
                    fields.len(),
                    header.len()
                ),
            });
            continue;
        }
        let mut c = BestCustomer::default();
        for (column, value) in columns.iter().zip(fields) {
            let value = value.trim().to_string();
            match column {
                Some(Column::Company) => c.company = value,
                Some(Column::Industry) => c.industry = value,
                Some(Column::Size) => c.size = value,
                Some(Column::Revenue) => c.revenue = value,
                Some(Column::Geography) => c.geography = value,
                Some(Column::Tools) => c.tools = split_tools(&value),
                Some(Column::Criterion) => c.criterion = value,
                None => {}
            }
        }
        if c.company.is_empty() {
            errors.push(RowError {
                line: *line,
                message: "the company is empty".into(),
            });
            continue;
        }
        customers.push(c);
    }
    if errors.is_empty() {
        Ok(Parsed { customers, ignored })
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_by_alias_and_case() {
        let csv = "Account Name,Vertical,Employees,ARR,Country,Tech Stack,Why,Owner\nAcme Outdoor,Outdoor retail,120,$18M,US,Shopify; Klaviyo,Renewed twice,Jo\n";
        let p = parse(csv).unwrap();
        assert_eq!(p.ignored, ["Owner"]);
        let c = &p.customers[0];
        assert_eq!(c.company, "Acme Outdoor");
        assert_eq!(c.industry, "Outdoor retail");
        assert_eq!(c.size, "120");
        assert_eq!(c.revenue, "$18M");
        assert_eq!(c.geography, "US");
        assert_eq!(c.tools, ["Shopify", "Klaviyo"]);
        assert_eq!(c.criterion, "Renewed twice");
    }

    #[test]
    fn quotes_bom_and_other_delimiters() {
        let csv = "\u{feff}company;tools;why\r\n\"Acme; Inc\";\"Shopify, NetSuite\";\"He said \"\"best\"\"\nand more\"\r\n\r\nBeta;;\n";
        let p = parse(csv).unwrap();
        assert_eq!(p.customers.len(), 2);
        assert_eq!(p.customers[0].company, "Acme; Inc");
        assert_eq!(p.customers[0].tools, ["Shopify", "NetSuite"]);
        assert_eq!(p.customers[0].criterion, "He said \"best\"\nand more");
        assert_eq!(p.customers[1].company, "Beta");
        let tabs = parse("Company\tRegion\nAcme\tEU\n").unwrap();
        assert_eq!(tabs.customers[0].geography, "EU");
    }

    #[test]
    fn missing_columns_are_fine_but_company_is_required() {
        let p = parse("name\nAcme\n").unwrap();
        assert_eq!(p.customers[0].company, "Acme");
        assert_eq!(p.customers[0].industry, "");
        let e = parse("industry,size\nretail,10\n").unwrap_err();
        assert_eq!(e[0].line, 1);
        assert!(e[0].message.contains("no company column"));
    }

    #[test]
    fn bad_rows_are_reported_with_their_line() {
        let csv = "company,industry\nAcme,retail\n\"multi\nline\",x\n,empty\nToo,many,fields\n";
        let e = parse(csv).unwrap_err();
        let lines: Vec<usize> = e.iter().map(|e| e.line).collect();
        assert_eq!(lines, [5, 6]);
        let unclosed = parse("company\nAcme\n\"Beta\n").unwrap_err();
        assert_eq!(unclosed[0].line, 3);
        let stray = parse("company,x\n\"Acme\"x,1\n").unwrap_err();
        assert_eq!(stray[0].line, 2);
        assert_eq!(parse("").unwrap_err()[0].line, 1);
    }
}
