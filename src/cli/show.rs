//! `persona show`: one item as markdown or JSON.

use super::lookup::resolve;
use super::{Outcome, emit, emit_json};
use crate::domain::Kind;
use crate::export::json::{self, Freshness};
use crate::export::markdown::{self, Links, Options};
use crate::text;
use std::path::Path;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The id; prefix with `icp:`, `persona:` or `interview:` when several kinds share it
    id: String,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

pub fn run(root: &Path, Args { id: query, json }: Args) -> Outcome {
    let query = query.as_str();
    // An ICP's page names its personas and their job titles only.
    let loaded = super::lookup::load_for(
        root,
        std::slice::from_ref(&query.to_string()),
        crate::store::fs::Personas::Named,
    )?;
    let ws = &loaded.workspace;
    let (kind, id) = resolve(&loaded, query)?;
    let plain = Options {
        front_matter: false,
        links: Links::None,
    };
    let icp = || ws.icp(&id).expect("resolved");
    let persona = || ws.persona(&id).expect("resolved");
    let interview = || ws.interview(&id).expect("resolved");
    // Only the form asked for is rendered; staleness (today's date and the
    // settings file) shows only in JSON.
    if json {
        let fresh = Freshness {
            today: today(),
            stale_after_days: stale_after_days(),
        };
        emit_json(&match kind {
            Kind::Icp => json::icp(ws, icp(), fresh),
            Kind::Persona => json::persona(ws, persona(), fresh),
            Kind::Interview | Kind::Template => json::interview(ws, interview()),
        })?;
    } else {
        let markdown = match kind {
            Kind::Icp => markdown::icp(ws, icp(), &plain),
            Kind::Persona => markdown::persona(ws, persona(), &plain),
            Kind::Interview | Kind::Template => markdown::interview(ws, interview(), &plain),
        };
        emit(&text::visible(&markdown, true))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The staleness threshold from the settings file, as the app reads it.
fn stale_after_days() -> i64 {
    let path = crate::tui::config::path();
    crate::tui::config::Config::load(path.as_deref())
        .0
        .stale_after_days
}

/// Today's date where the user is. Jiff's look-up of the system time zone
/// lists its whole zoneinfo database first (about 40 folders: a tenth of
/// what `show` costs); without `TZ`, `/etc/localtime` is read as jiff
/// itself would read it when it is not a link into that database.
fn today() -> jiff::civil::Date {
    #[cfg(unix)]
    if std::env::var_os("TZ").is_none()
        && let Ok(data) = std::fs::read("/etc/localtime")
        && let Ok(zone) = jiff::tz::TimeZone::tzif("Local", &data)
    {
        return jiff::Timestamp::now().to_zoned_datetime(zone).date();
    }
    jiff::ZonedDateTime::now().date()
}
