use super::*;
use crate::domain::{BestCustomer, Icp, WorkspaceMeta};

fn workspace() -> Workspace {
    let mut ws = Workspace::new(WorkspaceMeta::new("w"));
    let mut priya = Interview::new("priya-nair", "Priya Nair, Summit Supply Co.");
    priya.interviewee = "Priya Nair".into();
    priya.role = "Finance Director".into();
    priya.company = "Summit Supply Co.".into();
    priya.notes = "Priya at Summit said SUMMIT SUPPLY pays by invoice INV-2026-0042; call +1 801 555 0199. Sage Intacct runs the books.".into();
    let mut survey = Interview::new("survey", "Summit Supply shoppers");
    survey.interviewee = "Summit Supply web shoppers (212 replies)".into();
    survey.role = "Shoppers".into();
    survey.company = "Summit Supply Co.".into();
    ws.interviews = vec![priya, survey];
    let mut icp = Icp::new("icp", "Outdoor", "icp");
    icp.best_customers.push(BestCustomer {
        company: "Summit Supply Co.".into(),
        industry: "Outdoor retail".into(),
        size: "160".into(),
        ..BestCustomer::default()
    });
    ws.icps = vec![icp];
    ws
}

#[test]
fn people_and_companies_become_descriptions() {
    let ws = workspace();
    let settings = Settings {
        allow: vec!["sage intacct".into()],
        ..Settings::default()
    };
    let out = super::workspace(&ws, &settings);
    let priya = &out.interviews[0];
    assert_eq!(priya.id, "interview-1");
    assert_eq!(
        priya.interviewee,
        "Finance Director at a company in outdoor retail, 160 staff"
    );
    assert_eq!((priya.role.as_str(), priya.company.as_str()), ("", ""));
    let company = "[a company in outdoor retail, 160 staff]";
    assert_eq!(
        priya.notes,
        format!(
            "[Finance Director] at {company} said {company} pays by invoice [number]; call [phone]. Sage Intacct runs the books."
        )
    );
    let survey = &out.interviews[1];
    assert_eq!(
        survey.interviewee,
        "Shoppers at a company in outdoor retail, 160 staff (212 replies)"
    );
    assert_eq!(survey.title, format!("{company} shoppers"));
    assert_eq!(
        out.icps[0].best_customers[0].company,
        "A company in outdoor retail, 160 staff"
    );
}

#[test]
fn the_workspace_can_describe_its_companies() {
    let ws = workspace();
    let mut settings = Settings::default();
    settings
        .describe
        .insert("summit supply co.".into(), "a regional outfitter".into());
    let out = super::workspace(&ws, &settings);
    assert_eq!(
        out.interviews[0].interviewee,
        "Finance Director at a regional outfitter"
    );
}
