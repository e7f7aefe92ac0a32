//! HubSpot's deals export (CRM > Deals > Export): one row per deal.
//!
//! Columns read (by their labels, as HubSpot writes them): `Deal Stage`
//! (`Appointment scheduled` … `Closed won`, `Closed lost`, or the internal
//! `closedwon`/`closedlost`), `Is Closed Won` and `Is closed` when
//! exported, `Amount` (or `Amount in company currency`), `Create Date`,
//! `Close Date`, `Days to close`, `Closed Lost Reason`, `Pipeline` (the
//! stream), and for assignment a `Persona` column (a contact property
//! exported with the deal), `Ideal Customer Profile Tier` or a `fit_tier`,
//! and a campaign or sequence column. `Deal Name`, `Associated Company`,
//! `Associated Contact` and `Deal owner` are read only for the persona
//! rules and scoring, and never kept.

use super::deals::DealColumns;
use super::values::date;
use super::{Headers, Imported, Rows, TEMPLATE, TIER, at, cell, missing};
use crate::domain::metrics::{Record, Source};
use crate::import::columns::{Field, Mapping};

pub fn read(headers: &Headers, mapping: &Mapping, rows: Rows) -> Result<Imported, String> {
    let deals = DealColumns::find(headers, mapping);
    if !deals.any() {
        return Err(missing(
            Source::HubspotDeals,
            "Deal Stage (or Is Closed Won)",
            headers,
        ));
    }
    let mut out = Imported::new(Source::HubspotDeals, mapping, ("deal", "deals"));
    let template = headers.find(TEMPLATE);
    let tier = headers.find(TIER);
    let pipeline = mapping.columns_of(Field::Pipeline).first().copied();
    for (column, what) in deals.read_as() {
        out.reads(headers, Some(column), what);
    }
    out.reads(headers, pipeline, "pipeline (the stream)");
    out.reads(headers, template, "template");
    out.reads(headers, tier, "tier");
    let mut pipelines: Vec<String> = Vec::new();
    let mut no_stage = 0;
    for row in rows {
        let row = row?;
        out.rows += 1;
        if !deals.has_value(&row) {
            no_stage += 1;
        }
        let (counts, created, lost_reason) = deals.counts(&row)?;
        if let Some(created_at) = deals.created.map(|c| row.get(c))
            && !super::values::is_blank(created_at)
            && date(created_at).is_none()
        {
            return Err(at(
                &row,
                format!("the create date `{}` is not a date", created_at.trim()),
            ));
        }
        if let Some(p) = cell(&row, pipeline)
            && !pipelines.iter().any(|q| q == p)
        {
            pipelines.push(p.to_string());
        }
        out.records.push(Record {
            line: row.line(),
            date: created,
            tier: cell(&row, tier).map(str::to_string),
            template: cell(&row, template).map(str::to_string),
            counts,
            lost_reason,
            cells: row.cells().map(str::to_string).collect(),
        });
    }
    // A deals export's stream is its pipelines, not its campaigns.
    out.scope = pipelines;
    if no_stage > 0 {
        out.notes.push(format!(
            "{no_stage} deals have no stage and were counted as open"
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crate::domain::metrics::{Counts, Source};
    use crate::import::outcomes::read;

    const EXPORT: &str = "\u{feff}\"Record ID\",\"Deal Name\",\"Deal Stage\",\"Close Date\",\"Deal owner\",\"Amount\",\"Create Date\",\"Pipeline\",\"Associated Company\",\"Closed Lost Reason\",\"Persona\"\r\n\
        \"9012345001\",\"Acme Outdoor - POS rollout\",\"Closed won\",\"2026-10-14 16:02\",\"Jamie Rivera\",\"18000\",\"2026-08-20 09:15\",\"Sales Pipeline\",\"Acme Outdoor\",\"\",\"Operations Olivia\"\r\n\
        \"9012345002\",\"Ridgeline Sports - inventory\",\"Closed lost\",\"2026-10-02 11:40\",\"Jamie Rivera\",\"9500\",\"2026-09-01 10:00\",\"Sales Pipeline\",\"Ridgeline Sports\",\"Chose a competitor\",\"Finance Frank\"\r\n\
        \"9012345003\",\"Summit Supply - pilot\",\"Contract sent\",\"\",\"Alex Chen\",\"4200\",\"2026-10-05 14:30\",\"Sales Pipeline\",\"Summit Supply\",\"\",\"\"\r\n";

    #[test]
    fn a_hubspot_export_reads_as_deals() {
        let got = read(Source::HubspotDeals, EXPORT.as_bytes(), &[]).unwrap();
        assert_eq!(got.rows, 3);
        assert_eq!(got.scope, vec!["Sales Pipeline"]);
        let total = Counts::sum(got.records.iter().map(|r| &r.counts));
        assert_eq!((total.deals, total.won, total.lost), (3, 1, 1));
        assert_eq!(total.won_amount, 18000.0);
        assert_eq!(total.cycle_days, vec![55]);
        assert_eq!(
            got.records[1].lost_reason.as_deref(),
            Some("Chose a competitor")
        );
        assert_eq!(got.records[2].date, Some(jiff::civil::date(2026, 10, 5)));
    }

    #[test]
    fn another_file_is_refused() {
        let err = read(Source::HubspotDeals, b"Email,Opened\na@b.c,yes\n", &[]).unwrap_err();
        assert!(
            err.starts_with("it does not look like a HubSpot deals export: it has no Deal Stage"),
            "{err}"
        );
    }
}
