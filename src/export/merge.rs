//! Merge files: one row per lead with its filled message, in the columns a
//! sales tool imports.
//!
//! Every message is already filled (see `domain::outreach::render`), so the
//! tool only carries it: the subject and body go in as the tool's own
//! custom variables (lemlist and Instantly make every extra column one;
//! HubSpot and Apollo map them to contact properties), next to the columns
//! the tool recognises for the contact itself. Cells are written through
//! [`super::csv_safe`].

use crate::domain::outreach::{Lead, Message};

/// The tools a merge file can be shaped for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// Plain snake_case columns.
    #[default]
    Plain,
    Lemlist,
    Instantly,
    Hubspot,
    Apollo,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Plain,
        Format::Lemlist,
        Format::Instantly,
        Format::Hubspot,
        Format::Apollo,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Format::Plain => "plain",
            Format::Lemlist => "lemlist",
            Format::Instantly => "instantly",
            Format::Hubspot => "hubspot",
            Format::Apollo => "apollo",
        }
    }

    pub fn parse(text: &str) -> Option<Format> {
        Format::ALL
            .into_iter()
            .find(|f| f.key().eq_ignore_ascii_case(text.trim()))
    }

    /// How to use the file in the tool, in one or two sentences.
    pub fn hint(self, has_subject: bool) -> String {
        let (subject, body) = (self.header(Column::Subject), self.header(Column::Body));
        let put = |subject_token: &str, body_token: &str| {
            if has_subject {
                format!("write {subject_token} as the email's subject and {body_token} as its text")
            } else {
                format!("write {body_token} as the message")
            }
        };
        match self {
            Format::Plain => {
                if has_subject {
                    "Each row's subject and body are final text, ready to send as they are.".into()
                } else {
                    "Each row's body is final text, ready to send as it is.".into()
                }
            }
            Format::Lemlist => format!(
                "In lemlist, import the file into a campaign (every extra column becomes a variable) and {}.",
                put("{{subject}}", "{{body}}")
            ),
            Format::Instantly => format!(
                "In Instantly, upload the file to a campaign, keep the extra columns as custom variables, and {}.",
                put("{{subject}}", "{{body}}")
            ),
            Format::Hubspot => format!(
                "In HubSpot, import the file as contacts (create the properties \"{subject}\" and \"{body}\" when asked), then in the sequence's template {}.",
                put(
                    "{{ contact.outreach_subject }}",
                    "{{ contact.outreach_body }}"
                )
            ),
            Format::Apollo => format!(
                "In Apollo, import the file as contacts, map \"{subject}\" and \"{body}\" to custom contact fields, and put those fields' variables in the sequence step."
            ),
        }
    }

    fn header(self, column: Column) -> &'static str {
        use Column::*;
        use Format::*;
        match (self, column) {
            (Plain | Instantly | Lemlist, Email) => "email",
            (Hubspot | Apollo, Email) => "Email",
            (Plain | Instantly, FirstName) => "first_name",
            (Lemlist, FirstName) => "firstName",
            (Hubspot | Apollo, FirstName) => "First Name",
            (Plain | Instantly, LastName) => "last_name",
            (Lemlist, LastName) => "lastName",
            (Hubspot | Apollo, LastName) => "Last Name",
            (Plain, Company) => "company",
            (Lemlist, Company) => "companyName",
            (Instantly, Company) => "company_name",
            (Hubspot, Company) => "Company Name",
            (Apollo, Company) => "Company",
            (Plain | Instantly, JobTitle) => "job_title",
            (Lemlist, JobTitle) => "jobTitle",
            (Hubspot, JobTitle) => "Job Title",
            (Apollo, JobTitle) => "Title",
            (Plain | Instantly, Linkedin) => "linkedin",
            (Lemlist, Linkedin) => "linkedinUrl",
            (Hubspot, Linkedin) => "LinkedIn URL",
            (Apollo, Linkedin) => "Person Linkedin Url",
            (Plain | Instantly | Lemlist, Phone) => "phone",
            (Hubspot, Phone) => "Phone Number",
            (Apollo, Phone) => "Phone",
            (Plain | Instantly | Lemlist, Persona) => "persona",
            (Hubspot | Apollo, Persona) => "Outreach Persona",
            (Plain | Instantly | Lemlist, Template) => "template",
            (Hubspot | Apollo, Template) => "Outreach Template",
            (Plain | Instantly | Lemlist, Tier) => "tier",
            (Hubspot | Apollo, Tier) => "Fit Tier",
            (Plain | Instantly | Lemlist, Subject) => "subject",
            (Hubspot | Apollo, Subject) => "Outreach Subject",
            (Plain | Instantly | Lemlist, Body) => "body",
            (Hubspot | Apollo, Body) => "Outreach Body",
        }
    }
}

/// The columns of a merge file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Email,
    FirstName,
    LastName,
    Company,
    JobTitle,
    Linkedin,
    Phone,
    Persona,
    Template,
    Tier,
    Subject,
    Body,
}

/// The shape of one merge file: which columns, named for which tool.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shape {
    format: Format,
    columns: Vec<Column>,
}

impl Shape {
    /// `with_tier` when leads were scored; `with_subject` when the template
    /// has one; `reach` the lead field the channel sends to (`email`,
    /// `linkedin`, `phone`), which comes first.
    pub fn new(format: Format, reach: Option<&str>, with_tier: bool, with_subject: bool) -> Shape {
        let mut columns = vec![
            Column::Email,
            Column::FirstName,
            Column::LastName,
            Column::Company,
            Column::JobTitle,
        ];
        match reach {
            Some("linkedin") => columns.insert(0, Column::Linkedin),
            Some("phone") => columns.insert(0, Column::Phone),
            _ => {}
        }
        columns.extend([Column::Persona, Column::Template]);
        if with_tier {
            columns.push(Column::Tier);
        }
        if with_subject {
            columns.push(Column::Subject);
        }
        columns.push(Column::Body);
        Shape { format, columns }
    }

    pub fn header(&self) -> Vec<&'static str> {
        self.columns
            .iter()
            .map(|c| self.format.header(*c))
            .collect()
    }

    /// One lead's row.
    pub fn row(&self, row: &MergeRow) -> Vec<String> {
        let lead = |field: &str| row.lead.get(field).unwrap_or("").to_string();
        self.columns
            .iter()
            .map(|column| match column {
                Column::Email => lead("email"),
                Column::FirstName => lead("first_name"),
                Column::LastName => lead("last_name"),
                Column::Company => lead("company"),
                Column::JobTitle => lead("job_title"),
                Column::Linkedin => lead("linkedin"),
                Column::Phone => lead("phone"),
                Column::Persona => row.persona.to_string(),
                Column::Template => row.template.to_string(),
                Column::Tier => row.tier.unwrap_or("").to_string(),
                Column::Subject => row.message.subject.clone(),
                Column::Body => row.message.body.clone(),
            })
            .collect()
    }
}

/// What one row of a merge file is made of.
#[derive(Clone, Copy, Debug)]
pub struct MergeRow<'a> {
    pub lead: &'a Lead,
    /// The persona's id.
    pub persona: &'a str,
    /// The template's id.
    pub template: &'a str,
    pub tier: Option<&'a str>,
    pub message: &'a Message,
}

/// The columns of the skipped file.
pub const SKIPPED_HEADER: [&str; 8] = [
    "line",
    "email",
    "first_name",
    "last_name",
    "company",
    "job_title",
    "persona",
    "reason",
];

/// One skipped lead: where it is in the lead file, who it is, and why it
/// got no message.
pub fn skipped_row(lead: &Lead, persona: Option<&str>, reason: &str) -> Vec<String> {
    let get = |field: &str| lead.get(field).unwrap_or("").to_string();
    vec![
        lead.line.to_string(),
        get("email"),
        get("first_name"),
        get("last_name"),
        get("company"),
        get("job_title"),
        persona.unwrap_or("").to_string(),
        reason.to_string(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_tool_gets_its_own_column_names() {
        let plain = Shape::new(Format::Plain, Some("email"), true, true);
        assert_eq!(
            plain.header(),
            [
                "email",
                "first_name",
                "last_name",
                "company",
                "job_title",
                "persona",
                "template",
                "tier",
                "subject",
                "body"
            ]
        );
        let lemlist = Shape::new(Format::Lemlist, Some("linkedin"), false, false);
        assert_eq!(
            lemlist.header(),
            [
                "linkedinUrl",
                "email",
                "firstName",
                "lastName",
                "companyName",
                "jobTitle",
                "persona",
                "template",
                "body"
            ]
        );
        assert_eq!(
            Shape::new(Format::Hubspot, Some("email"), false, true).header(),
            [
                "Email",
                "First Name",
                "Last Name",
                "Company Name",
                "Job Title",
                "Outreach Persona",
                "Outreach Template",
                "Outreach Subject",
                "Outreach Body"
            ]
        );
        assert_eq!(Format::parse("HubSpot"), Some(Format::Hubspot));
        assert!(Format::Lemlist.hint(true).contains("{{subject}}"));
        assert!(
            Format::Hubspot
                .hint(true)
                .contains("{{ contact.outreach_body }}")
        );
    }

    #[test]
    fn rows_carry_the_lead_and_the_message() {
        let lead = Lead::new(
            4,
            [
                ("email", "dana@acme.example"),
                ("first_name", "Dana"),
                ("company", "Acme"),
            ],
            Vec::<(&str, &str)>::new(),
        );
        let message = Message {
            subject: "Acme's Mondays".into(),
            body: "Hi Dana,\nshort note.".into(),
        };
        let shape = Shape::new(Format::Instantly, Some("email"), true, true);
        let row = shape.row(&MergeRow {
            lead: &lead,
            persona: "operations-olivia",
            template: "olivia-first-touch",
            tier: Some("A"),
            message: &message,
        });
        assert_eq!(
            row,
            [
                "dana@acme.example",
                "Dana",
                "",
                "Acme",
                "",
                "operations-olivia",
                "olivia-first-touch",
                "A",
                "Acme's Mondays",
                "Hi Dana,\nshort note."
            ]
        );
        assert_eq!(skipped_row(&lead, None, "no persona")[0], "4");
    }
}
