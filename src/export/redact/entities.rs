//! One function per kind of thing: what of it is redacted, and how.

use super::Redactor;
use crate::domain::outreach::MessagingRow;
use crate::domain::privacy::{Context, DetailKind, looks_like_person};
use crate::domain::{
    BestCustomer, Citation, Extra, Fields, Highlight, Icp, Interview, Item, Persona, Value,
};

impl Redactor {
    pub fn interview(&self, interview: &Interview) -> Interview {
        // Every field is named (no `..`): a field added to the type does not
        // compile until it is redacted here, or said to need nothing.
        let Interview {
            id: _,
            schema: _,
            title: _,
            date: _,
            interviewee: _,
            role: _,
            company: _,
            source: _,
            source_detail: _,
            icp: _,
            created: _,
            updated: _,
            reviewed: _,
            notes: _,
            highlights: _,
            extra: _,
        } = interview;
        let mut out = interview.clone();
        out.id = self.new_id(&interview.id);
        out.title = self.text(&interview.title, Context::Notes);
        let company = self.description_of(&interview.company).map(str::to_string);
        let person = looks_like_person(interview.interviewee.trim())
            .then(|| self.known.interviewee_of(&interview.id))
            .flatten();
        match person {
            Some(person) => {
                out.interviewee = self.people[person].0.clone();
                out.role = String::new();
                out.company = String::new();
            }
            None => {
                // A group ("web shoppers (212 replies)"): who they were,
                // keeping the count.
                let role = interview.role.trim();
                let count = interview
                    .interviewee
                    .rfind('(')
                    .map(|i| interview.interviewee[i..].trim())
                    .filter(|p| p.ends_with(')') && p.chars().any(|c| c.is_ascii_digit()));
                let named = !interview.interviewee.trim().is_empty();
                let mut who = match (role.is_empty(), &company) {
                    (false, Some(c)) => format!("{role} at {c}"),
                    (false, None) => role.to_string(),
                    (true, Some(c)) => format!("people at {c}"),
                    (true, None) if named => "respondents".to_string(),
                    (true, None) => String::new(),
                };
                if let Some(count) = count {
                    who = format!("{who} {count}");
                }
                out.interviewee = who;
                out.role = String::new();
                out.company = String::new();
            }
        }
        // "Call with Acme's buyer": the source as written may name them.
        out.source_detail = self.text(&interview.source_detail, Context::Notes);
        out.notes = self.text(&interview.notes, Context::Notes);
        for highlight in &mut out.highlights {
            let Highlight {
                id: _,
                text: _,
                tags: _,
                extra: _,
            } = highlight;
            highlight.text = self.text(&highlight.text, Context::Notes);
            highlight.extra = self.extra(&highlight.extra, Context::Notes);
        }
        out.extra = self.extra(&interview.extra, Context::Notes);
        out
    }

    pub fn icp(&self, icp: &Icp) -> Icp {
        // Every field is named (no `..`): a field added to the type does not
        // compile until it is redacted here, or said to need nothing.
        let Icp {
            id: _,
            schema: _,
            name: _,
            template: _,
            created: _,
            updated: _,
            last_validated: _,
            fields: _,
            best_by: _,
            best_customers: _,
            baseline: _,
            extra: _,
        } = icp;
        // The baseline holds counts per trait value: aggregates, kept.
        let mut out = icp.clone();
        // The list's name is often its file's, which may name the client.
        for best_by in &mut out.best_by {
            best_by.list = self.text(&best_by.list, Context::Card);
            best_by.criterion = self.text(&best_by.criterion, Context::Card);
        }
        // Baselines are kept by list name, redacted the same way.
        out.baseline = icp
            .baseline
            .iter()
            .map(|(list, baseline)| {
                let mut baseline = baseline.clone();
                baseline.file = self.text(&baseline.file, Context::Card);
                (self.text(list, Context::Card), baseline)
            })
            .collect();
        out.name = self.text(&icp.name, Context::Card);
        out.fields = self.fields(&icp.fields);
        out.best_customers = icp
            .best_customers
            .iter()
            .enumerate()
            .map(|(i, c)| self.best_customer(c, i + 1))
            .collect();
        out.extra = self.extra(&icp.extra, Context::Card);
        out
    }

    pub fn persona(&self, persona: &Persona) -> Persona {
        // Every field is named (no `..`): a field added to the type does not
        // compile until it is redacted here, or said to need nothing.
        let Persona {
            id: _,
            icp: _,
            schema: _,
            name: _,
            template: _,
            created: _,
            updated: _,
            last_validated: _,
            fields: _,
            rules: _,
            messaging: _,
            extra: _,
        } = persona;
        // `rules` match job titles and persona names: nothing personal.
        let mut out = persona.clone();
        out.name = self.text(&persona.name, Context::Card);
        out.fields = self.fields(&persona.fields);
        out.extra = self.extra(&persona.extra, Context::Card);
        // The messaging matrix: its texts like a card's, its citations to
        // the renamed interviews, its customers by the same description as
        // the ICP's best customers (so the evidence still resolves).
        for row in &mut out.messaging {
            // `pain` is the id of a pain item, `stage` a word.
            let MessagingRow {
                pain: _,
                value: _,
                proof: _,
                cites: _,
                customers: _,
                cta: _,
                stage: _,
                extra: _,
            } = row;
            for text in [&mut row.value, &mut row.proof, &mut row.cta] {
                *text = self.text(text, Context::Card);
            }
            for citation in &mut row.cites {
                citation.interview = self.new_id(&citation.interview).into();
            }
            for customer in &mut row.customers {
                *customer = self.company_name(customer);
            }
            row.extra = self.extra(&row.extra, Context::Card);
        }
        out
    }

    /// An account keeps its industry, size, revenue, geography and tools;
    /// its name becomes its description. Names and contacts of a shopper
    /// kept with `--keep-names` are masked.
    pub fn best_customer(&self, customer: &BestCustomer, number: usize) -> BestCustomer {
        // Every field is named (no `..`): a field added to the type does not
        // compile until it is redacted here, or said to need nothing.
        let BestCustomer {
            id: _,
            kind: _,
            company: _,
            name: _,
            email: _,
            domain: _,
            industry: _,
            size: _,
            size_band: _,
            revenue: _,
            revenue_band: _,
            currency: _,
            geography: _,
            city: _,
            region: _,
            country: _,
            country_code: _,
            tools: _,
            lifecycle_stage: _,
            founded: _,
            funding: _,
            funding_stage: _,
            lifetime_value: _,
            lifetime_value_band: _,
            orders: _,
            average_order_value: _,
            first_order: _,
            last_order: _,
            since: _,
            tags: _,
            accepts_marketing: _,
            criterion: _,
            more: _,
            extra: _,
        } = customer;
        // Kept: the kind, firmographics, place, figures, dates and consent.
        let mut out = customer.clone();
        // The CRM's or shop's record id leads straight back to the customer:
        // a number in the list stands in for it.
        if !out.id.is_empty() {
            out.id = format!("customer-{number}");
        }
        // A company's web domain names it as surely as its name.
        out.domain = String::new();
        out.tags = customer
            .tags
            .iter()
            .map(|t| self.text(t, Context::Card))
            .collect();
        out.company = self.company_name(&customer.company);
        out.criterion = self.text(&customer.criterion, Context::Card);
        // A shopper's name and e-mail, kept with `--keep-names`.
        if !out.name.is_empty() {
            out.name = DetailKind::Name.mask().to_string();
        }
        if !out.email.is_empty() {
            out.email = DetailKind::Email.mask().to_string();
        }
        for value in out.more.values_mut() {
            *value = self.text(value, Context::Card);
        }
        out.extra = self.extra(&customer.extra, Context::Card);
        for (key, value) in out.extra.iter_mut() {
            let personal = [
                "name",
                "first_name",
                "last_name",
                "full_name",
                "customer_name",
                "contact_name",
                "contact",
            ]
            .contains(&key.as_str());
            let contact = ["email", "e_mail", "phone", "mobile"].contains(&key.as_str());
            if value.is_str() && (personal || contact) {
                let mask = if personal {
                    DetailKind::Name.mask()
                } else if key.contains("mail") {
                    DetailKind::Email.mask()
                } else {
                    DetailKind::Phone.mask()
                };
                *value = toml::Value::String(mask.to_string());
            }
        }
        out
    }

    fn fields(&self, fields: &Fields) -> Fields {
        fields
            .iter()
            .map(|(id, items)| {
                let items = items.iter().map(|item| self.item(item)).collect();
                (id.clone(), items)
            })
            .collect()
    }

    fn item(&self, item: &Item) -> Item {
        let Item {
            value: _,
            cites: _,
            extra: _,
        } = item;
        let value = match &item.value {
            Value::Text(text) => Value::Text(self.text(text, Context::Card)),
            other => other.clone(),
        };
        Item {
            value,
            cites: item
                .cites
                .iter()
                .map(|c| Citation::new(self.new_id(&c.interview), &c.highlight))
                .collect(),
            extra: self.extra(&item.extra, Context::Card),
        }
    }

    /// Keys this version does not know, their texts redacted too.
    fn extra(&self, extra: &Extra, context: Context) -> Extra {
        extra
            .iter()
            .map(|(key, value)| (key.clone(), self.value(value, context, 0)))
            .collect()
    }

    fn value(&self, value: &toml::Value, context: Context, depth: usize) -> toml::Value {
        match value {
            toml::Value::String(s) => toml::Value::String(self.text(s, context)),
            // Deeper than any real file: dropped rather than walked.
            _ if depth > 32 => toml::Value::String(String::new()),
            toml::Value::Array(items) => toml::Value::Array(
                items
                    .iter()
                    .map(|v| self.value(v, context, depth + 1))
                    .collect(),
            ),
            toml::Value::Table(table) => toml::Value::Table(
                table
                    .iter()
                    .map(|(k, v)| (k.clone(), self.value(v, context, depth + 1)))
                    .collect(),
            ),
            other => other.clone(),
        }
    }
}
