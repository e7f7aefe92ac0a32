//! `persona import-customers`: best customers from a customer export.

use super::lookup::missing;
use super::{Failure, Outcome, columns, emit, emit_json, load, note, plural};
use crate::domain::{CustomerKind, Icp, Kind};
use crate::import::columns::Field;
use crate::import::customers::{self, Cut, ImportError, Options, Report, grouped};
use crate::store::{FsStore, Store};
use crate::text;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Adds or updates an ICP's best customers from a customer export (CRM,
/// shop, payments, data vendor or a sheet). With --best-by, the file is
/// the whole customer list: the best are picked by the rule and the rest
/// become the baseline the tally compares them with. A customer already
/// there gets only the columns the file has; nothing is blanked. A row that
/// cannot be imported stops the whole import unless --skip-bad is given.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("cut").args(["top", "min"])))]
pub struct Args {
    /// The export: comma-, semicolon- or tab-separated, with a header row
    file: PathBuf,
    /// The ICP to add them to
    #[arg(long, value_name = "ID", required = true)]
    icp: String,
    /// What the rows are (told from the columns when left out)
    #[arg(long, value_enum)]
    kind: Option<KindArg>,
    /// Pick the best by this field (lifetime_value, orders, average_order_value, retention, revenue, employees) or any column
    #[arg(long, value_name = "FIELD_OR_COLUMN", requires = "cut")]
    best_by: Option<String>,
    /// With --best-by: how many are best, a count (50) or a share (10%)
    #[arg(long, value_name = "N|N%", requires = "best_by")]
    top: Option<String>,
    /// With --best-by: the lowest value that makes a customer one of the best
    #[arg(long, value_name = "VALUE", requires = "best_by")]
    min: Option<String>,
    /// Read FIELD from COLUMN (a header or its number); FIELD= drops a field. Repeatable
    #[arg(long = "map", value_name = "FIELD=COLUMN", value_parser = parse_map)]
    map: Vec<(Field, String)>,
    /// The currency of amounts the file names none for (Shopify and WooCommerce exports give none), e.g. USD
    #[arg(long, value_name = "CODE")]
    currency: Option<String>,
    /// Keep shoppers' names and e-mails (left out by default: the workspace is shared)
    #[arg(long)]
    keep_names: bool,
    /// Show the mapping, the counts and the first rows as they would be stored; write nothing
    #[arg(long)]
    dry_run: bool,
    /// Import the rows that can be, naming each line skipped
    #[arg(long)]
    skip_bad: bool,
    /// Print the report as JSON
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum KindArg {
    Accounts,
    Shoppers,
}

fn parse_map(text: &str) -> Result<(Field, String), String> {
    let (field, column) = text.split_once('=').ok_or_else(|| {
        format!("`{text}` is not FIELD=COLUMN (for example lifetime_value=Spend)")
    })?;
    let field = Field::from_name(field).ok_or_else(|| {
        let names: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
        format!(
            "unknown field `{}`; the fields are {}",
            field.trim(),
            names.join(", ")
        )
    })?;
    Ok((field, column.trim().to_string()))
}

/// How many times a save is retried when another process changed the ICP
/// meanwhile (each time the file is merged again into the fresh ICP).
const ATTEMPTS: usize = 5;

/// The options the arguments ask for, or why they are wrong.
fn options(args: &Args) -> Result<Options, String> {
    let cut = match (&args.top, &args.min) {
        (Some(top), _) => Some((customers::parse_top(top)?, top.clone())),
        (None, Some(min)) => Some((customers::parse_min(min)?, min.clone())),
        (None, None) => None,
    };
    if let Some(code) = &args.currency
        && !(code.trim().len() == 3 && code.trim().chars().all(|c| c.is_ascii_alphabetic()))
    {
        return Err(format!(
            "--currency {}: give a three-letter currency code such as USD or EUR",
            text::line(code)
        ));
    }
    Ok(Options {
        kind: args.kind.map(|k| match k {
            KindArg::Accounts => CustomerKind::Account,
            KindArg::Shoppers => CustomerKind::Shopper,
        }),
        best_by: args
            .best_by
            .clone()
            .zip(cut)
            .map(|(by, (cut, text)): (String, (Cut, String))| (by, cut, text)),
        overrides: args.map.clone(),
        keep_names: args.keep_names,
        skip_bad: args.skip_bad,
        currency: args.currency.clone(),
    })
}

/// What the app's import prompt asks for: the export's path, then any
/// options of this command (`orders.csv --best-by lifetime_value --top
/// 10%`). The path may hold spaces; the options start at the first ` --`.
pub fn parse_words(input: &str) -> Result<(PathBuf, Options), String> {
    let input = input.trim();
    let (path, rest) = match input.find(" --") {
        Some(at) => (input[..at].trim(), &input[at..]),
        None => (input, ""),
    };
    if path.is_empty() {
        return Err("type the path of a customer export first".into());
    }
    let mut words = vec!["import-customers".to_string(), path.to_string()];
    words.extend(["--icp".to_string(), "-".to_string()]);
    words.extend(rest.split_whitespace().map(str::to_string));
    #[derive(clap::Parser)]
    struct Line {
        #[command(flatten)]
        args: Args,
    }
    let parsed = <Line as clap::Parser>::try_parse_from(&words).map_err(|e| {
        let text = e.to_string();
        let first = text.lines().next().unwrap_or("").trim();
        first.trim_start_matches("error: ").to_string()
    })?;
    let args = parsed.args;
    if args.dry_run || args.json {
        return Err(
            "--dry-run and --json are for the command line; the app always shows the import first"
                .into(),
        );
    }
    Ok((args.file.clone(), options(&args)?))
}

pub fn run(root: &Path, args: Args) -> Outcome {
    let options = options(&args).map_err(Failure)?;
    let file = args.file.as_path();
    let shown = text::line(&file.display().to_string());
    let today = jiff::ZonedDateTime::now().date();
    let mut progress = Progress::new(&shown);
    let mut attempt = 0;
    let (report, icp, changed) = loop {
        attempt += 1;
        let (mut store, found) = load_icp(root, &args.icp)?;
        let mut icp = found.clone();
        // A shopper keyed by e-mail needs the workspace's salt; a new one
        // is written only once the import has succeeded.
        let kept = crate::import::salt::read_salt(root).map_err(Failure)?;
        let mut fresh: Option<Vec<u8>> = None;
        let mut salt = || match &kept {
            Some(salt) => Ok(salt.clone()),
            None => {
                let salt = crate::import::salt::new_salt()?;
                fresh = Some(salt.clone());
                Ok(salt)
            }
        };
        let result = customers::import(
            file,
            &options,
            &mut icp,
            &mut salt,
            today,
            &mut |done, total, pass| progress.show(done, total, pass),
        );
        progress.clear();
        let report = result.map_err(|e| failure(&shown, e))?;
        if args.dry_run || icp == found {
            // A dry run, or nothing to change: the file stays as it was.
            let changed = icp != found;
            break (report, icp, changed);
        }
        if let Some(salt) = &fresh {
            let on_disk = crate::import::salt::keep_salt(root, salt).map_err(Failure)?;
            if &on_disk != salt && attempt < ATTEMPTS {
                // Another import made the salt meanwhile: key with theirs.
                continue;
            }
        }
        icp.updated = Some(crate::domain::now());
        match store.save_icp(&icp) {
            Ok(()) => break (report, icp, true),
            Err(e) if e.is_conflict() && attempt < ATTEMPTS => continue,
            Err(e) => return Err(Failure(format!("{e}; nothing was imported"))),
        }
    };
    for skipped in &report.skipped {
        note(&format!(
            "{shown}:{}: skipped: {}",
            skipped.line, skipped.message
        ));
    }
    if args.json {
        #[derive(serde::Serialize)]
        struct Out<'a> {
            file: String,
            icp: &'a str,
            dry_run: bool,
            #[serde(flatten)]
            report: &'a Report,
        }
        emit_json(&Out {
            file: file.display().to_string(),
            icp: &icp.id,
            dry_run: args.dry_run,
            report: &report,
        })?;
    } else {
        emit(&describe(&shown, &icp, &report, args.dry_run, changed))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The workspace's store and the ICP, or why there is none to import into.
fn load_icp(root: &Path, id: &str) -> Result<(FsStore, Icp), Failure> {
    let (store, loaded) = load(root)?;
    match loaded.workspace.icp(id) {
        Some(icp) => Ok((store, icp.clone())),
        None => Err(Failure(format!(
            "{}; nothing was imported",
            missing(&loaded, id, Some(Kind::Icp))
        ))),
    }
}

fn failure(file: &str, error: ImportError) -> Failure {
    match error {
        ImportError::Fatal(message) => Failure(format!("{file}: {}", text::line(&message))),
        ImportError::Rows(rows) => {
            const SHOWN: usize = 20;
            for row in rows.iter().take(SHOWN) {
                note(&format!("{file}:{}: {}", row.line, row.message));
            }
            if rows.len() > SHOWN {
                note(&format!("{file}: ... and {} more", rows.len() - SHOWN));
            }
            let n = rows.len();
            Failure(format!(
                "{file}: {n} {} cannot be imported (listed above, first line {}), so nothing was imported; fix {} or pass --skip-bad to import the rest",
                plural(n, "row", "rows"),
                rows[0].line,
                plural(n, "it", "them"),
            ))
        }
    }
}

/// The report as a marketer reads it.
pub fn describe(file: &str, icp: &Icp, r: &Report, dry_run: bool, changed: bool) -> String {
    let mut out = String::new();
    if dry_run {
        out.push_str("Dry run: nothing was written.\n");
    }
    let how = if r.kind_detected {
        "told from the columns; --kind changes it"
    } else {
        "as asked"
    };
    out.push_str(&format!(
        "Read {} {} of {file}{}: {} ({how}), {} separated, {}.\n",
        grouped(r.rows as u64),
        plural(r.rows, "row", "rows"),
        r.source
            .map(|s| format!(" ({s} export)"))
            .unwrap_or_default(),
        if r.kind == "shopper" {
            "shoppers"
        } else {
            "accounts"
        },
        match r.delimiter.as_str() {
            "," => "comma",
            ";" => "semicolon",
            _ => "tab",
        },
        r.encoding
    ));
    out.push_str("Columns read:\n");
    let rows: Vec<Vec<String>> = r
        .mapped
        .iter()
        .map(|m| {
            vec![
                format!("  {}", text::line(&m.column)),
                format!("→ {}", m.field),
                if m.kept {
                    String::new()
                } else if Field::from_name(m.field).is_some_and(Field::is_personal) {
                    "(personal data, not kept)".into()
                } else {
                    "(not kept; --map FIELD=COLUMN keeps it)".into()
                },
            ]
        })
        .collect();
    out.push_str(&columns(&rows));
    let list = |names: &[String]| {
        names
            .iter()
            .map(|n| text::line(n))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let unmapped_personal: Vec<String> = r
        .personal
        .iter()
        .filter(|p| !r.mapped.iter().any(|m| &m.column == *p))
        .cloned()
        .collect();
    if !unmapped_personal.is_empty() {
        out.push_str(&format!(
            "Not read (personal data): {}\n",
            list(&unmapped_personal)
        ));
    }
    if !r.ignored.is_empty() {
        out.push_str(&format!("Not read (no field): {}\n", list(&r.ignored)));
    }
    if let Some(best) = &r.best_by {
        out.push_str(&format!(
            "Best customers: {}.\n",
            text::line(&best.criterion)
        ));
        if r.without_value > 0 {
            out.push_str(&format!(
                "  {} {} no value to rank by: counted in the baseline only.\n",
                grouped(r.without_value as u64),
                plural(r.without_value, "row has", "rows have"),
            ));
        }
        if !r.mixed_currencies.is_empty() {
            out.push_str(&format!(
                "  The values are in {} currencies ({}) and were ranked as written, not converted.\n",
                r.mixed_currencies.len(),
                r.mixed_currencies.join(", ")
            ));
        }
    }
    let fields = if r.updated_fields.is_empty() {
        String::new()
    } else {
        let mut by_count: Vec<(&&str, &usize)> = r.updated_fields.iter().collect();
        by_count.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        format!(
            " ({})",
            by_count
                .iter()
                .map(|(f, n)| format!("{f} {n}"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    out.push_str(&format!(
        "{} {}, updated {}{fields}, unchanged {}.\n",
        if dry_run { "Would add" } else { "Added" },
        grouped(r.added as u64),
        grouped(r.updated as u64),
        grouped(r.unchanged as u64)
    ));
    if !r.skipped.is_empty() {
        out.push_str(&format!(
            "  Skipped {} {} (named on stderr).\n",
            r.skipped.len(),
            plural(r.skipped.len(), "row", "rows")
        ));
    }
    if !r.duplicates.is_empty() {
        let lines: Vec<String> = r.duplicates.iter().take(10).map(u64::to_string).collect();
        out.push_str(&format!(
            "  {} {} the same customer as an earlier row and {} merged into it (line {}{}).\n",
            r.duplicates.len(),
            plural(r.duplicates.len(), "row was", "rows were"),
            plural(r.duplicates.len(), "was", "were"),
            lines.join(", "),
            if r.duplicates.len() > 10 { ", ..." } else { "" }
        ));
    }
    if !r.demoted.is_empty() {
        let names: Vec<String> = r.demoted.iter().take(10).map(|n| text::line(n)).collect();
        out.push_str(&format!(
            "  {} earlier best {} no longer picked by the rule and {} taken out: {}{}.\n",
            r.demoted.len(),
            plural(r.demoted.len(), "customer is", "customers are"),
            plural(r.demoted.len(), "was", "were"),
            names.join(", "),
            if r.demoted.len() > 10 { ", ..." } else { "" }
        ));
    }
    out.push_str(&format!(
        "The ICP `{}` {} {} best {}",
        icp.id,
        if dry_run { "would have" } else { "now has" },
        grouped(r.best_customers as u64),
        plural(r.best_customers, "customer", "customers")
    ));
    match r.baseline {
        Some(n) => out.push_str(&format!(
            "; the baseline counts {} {} (`persona tally --icp {}` compares them).\n",
            grouped(n as u64),
            plural(n, "customer", "customers"),
            icp.id
        )),
        None => out.push_str(".\n"),
    }
    if !dry_run && !changed {
        out.push_str("Nothing changed, so the ICP's file was left as it was.\n");
    }
    if dry_run && !r.preview.is_empty() {
        #[derive(serde::Serialize)]
        struct Preview<'a> {
            best_customers: &'a [crate::domain::BestCustomer],
        }
        out.push_str("\nThe first customers as they would be stored:\n\n");
        let toml = toml::to_string(&Preview {
            best_customers: &r.preview,
        })
        .unwrap_or_default();
        out.push_str(&text::visible(&toml, true));
    }
    out
}

/// A progress line on stderr for long imports, when stderr is a terminal.
struct Progress {
    file: String,
    start: Instant,
    last: Option<Instant>,
    on: bool,
    shown: bool,
}

impl Progress {
    fn new(file: &str) -> Progress {
        Progress {
            file: file.to_string(),
            start: Instant::now(),
            last: None,
            on: std::io::stderr().is_terminal(),
            shown: false,
        }
    }

    fn show(&mut self, done: u64, total: u64, (pass, passes): (u8, u8)) {
        let now = Instant::now();
        let due = now.duration_since(self.start) > Duration::from_millis(400)
            && self
                .last
                .is_none_or(|l| now.duration_since(l) > Duration::from_millis(150));
        if !self.on || !due || total == 0 {
            return;
        }
        self.last = Some(now);
        self.shown = true;
        let percent = (done.min(total) * 100) / total;
        let step = if passes > 1 {
            format!(" (pass {pass} of {passes})")
        } else {
            String::new()
        };
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\rReading {}: {percent:>3}%{step}  ", self.file);
        let _ = err.flush();
    }

    fn clear(&mut self) {
        if self.shown {
            let mut err = std::io::stderr().lock();
            let width = text::width(&self.file) + 40;
            let _ = write!(err, "\r{}\r", " ".repeat(width));
            let _ = err.flush();
            self.shown = false;
        }
    }
}
