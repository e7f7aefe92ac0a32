//! The header names each field goes by in real exports.

use super::Field;

pub(super) const ALIASES: &[(Field, &str)] = &[
    (
        Field::Company,
        concat!(
            "company companyname account accountname organization organisation ",
            "organizationname organisationname business businessname customer ",
            "associatedcompany primaryassociatedcompany employer firma unternehmen ",
            "entreprise societe empresa",
        ),
    ),
    (
        Field::Domain,
        concat!(
            "domain companydomain companydomainname website websiteurl ",
            "companywebsite web homepage url emaildomain",
        ),
    ),
    (
        Field::Industry,
        concat!(
            "industry industries primaryindustry industrytype vertical sector ",
            "segment branche secteur industria",
        ),
    ),
    (
        Field::Employees,
        concat!(
            "employees employee numberofemployees noofemployees numemployees ",
            "employeecount employeerange employeesrange employeesize companysize ",
            "companyheadcount headcount size staff teamsize mitarbeiter effectif ",
            "empleados",
        ),
    ),
    (
        Field::Revenue,
        concat!(
            "revenue annualrevenue revenuerange estimatedrevenuerange ",
            "estimatedrevenue companyrevenue arr annualrecurringrevenue turnover ",
            "umsatz chiffredaffaires ingresos",
        ),
    ),
    (
        Field::Currency,
        concat!(
            "currency currencycode currencyisocode annualrevenuecurrency ",
            "accountcurrency opportunitycurrency dealcurrency dealcurrencycode ",
            "wahrung devise moneda",
        ),
    ),
    (Field::City, "city town stadt ort ville ciudad"),
    (
        Field::Region,
        concat!(
            "region state province stateregion stateprovince statecode provincecode ",
            "provincename county bundesland",
        ),
    ),
    (
        Field::Country,
        "country countrycode countryregion countryname nation land pays pais",
    ),
    (
        Field::PostalCode,
        "postalcode zip zipcode postcode plz codepostal",
    ),
    (
        Field::Location,
        concat!(
            "location geography geo headquarterslocation hqlocation headquarters ",
            "fulladdress",
        ),
    ),
    (
        Field::Tools,
        concat!(
            "tools techstack technologystack technologies technology ",
            "webtechnologies technographics installedtechnologies stack software",
        ),
    ),
    (
        Field::LifecycleStage,
        "lifecyclestage lifecycle accountstage customerstage companystage",
    ),
    (
        Field::Founded,
        "founded foundedyear yearfounded foundeddate foundedon founding gegrundet",
    ),
    (
        Field::Funding,
        concat!(
            "funding totalfunding totalfundingamount totalfundingamountinusd ",
            "totalmoneyraised fundingtotal moneyraised",
        ),
    ),
    (
        Field::FundingStage,
        concat!(
            "fundingstage lastfundingtype latestfunding latestfundinground ",
            "recentfundinground lastfundinground fundingstatus",
        ),
    ),
    (
        Field::CompanyLinkedin,
        concat!(
            "companylinkedinurl linkedincompanypage linkedincompanyprofileurl ",
            "companylinkedin linkedincompanyurl",
        ),
    ),
    (
        Field::Criterion,
        "criterion criteria whybest why reason notes bestbecause warum grund pourquoi",
    ),
    (
        Field::RecordId,
        concat!(
            "id recordid opportunityid dealid objectid hubspotid salesforceid ",
            "apollorecordid",
        ),
    ),
    (
        Field::AccountId,
        concat!(
            "accountid companyid zoominfocompanyid apolloaccountid crunchbaseid ",
            "associatedcompanyid associatedcompanyids hubspotcompanyid",
        ),
    ),
    (
        Field::ContactId,
        "contactid leadid zoominfocontactid apollocontactid personid hubspotcontactid",
    ),
    (
        Field::CustomerId,
        concat!(
            "customerid customernumber customerno customernr shopifycustomerid ",
            "stripecustomerid wooid userid kundennummer",
        ),
    ),
    (
        Field::LifetimeValue,
        concat!(
            "lifetimevalue customerlifetimevalue ltv clv totalspent totalspend ",
            "amountspent moneyspent lifetimespend lifetimespent totalordervalue ",
            "totalorderedvalue totalsales historicclv totalrevenue",
        ),
    ),
    (
        Field::Orders,
        concat!(
            "orders totalorders orderscount ordercount numberoforders noorders ",
            "paymentcount purchases numberofpurchases purchasecount transactions",
        ),
    ),
    (
        Field::AverageOrderValue,
        concat!(
            "aov averageordervalue avgordervalue averageorder averageordertotal ",
            "averageorderamount avgorder averagespend",
        ),
    ),
    (
        Field::FirstOrder,
        concat!(
            "firstorder firstorderdate firstorderat firstpurchase firstpurchasedate ",
            "datefirstorder customersince",
        ),
    ),
    (
        Field::LastOrder,
        concat!(
            "lastorder lastorderdate lastorderat lastpurchase lastpurchasedate ",
            "datelastorder lastactive datelastactive",
        ),
    ),
    (
        Field::Tags,
        "tags tag customertags labels label contacttags",
    ),
    (
        Field::AcceptsMarketing,
        concat!(
            "acceptsmarketing acceptsemailmarketing emailmarketingconsent ",
            "emailmarketingconsentstate marketingoptin optin emailoptin newsletter ",
            "subscribed marketingconsent",
        ),
    ),
    (
        Field::FirstName,
        "firstname givenname forename first vorname prenom",
    ),
    (
        Field::LastName,
        "lastname surname familyname last nachname nomdefamille",
    ),
    (
        Field::FullName,
        concat!(
            "name fullname contactname customername personname cardname billingname ",
            "shippingname leadname",
        ),
    ),
    (Field::Username, "username userlogin login handle"),
    (
        Field::Email,
        concat!(
            "email emailaddress mail workemail businessemail contactemail ",
            "customeremail primaryemail personalemail emailid",
        ),
    ),
    (
        Field::Phone,
        concat!(
            "phone phonenumber telephone tel mobile mobilephone mobilephonenumber ",
            "cellphone workdirectphone directphone directphonenumber firstphone ",
            "corporatephone homephone otherphone telefon",
        ),
    ),
    (
        Field::JobTitle,
        "title jobtitle position jobposition designation role jobrole headline contactjobtitle",
    ),
    (
        Field::Seniority,
        concat!(
            "seniority senioritylevel managementlevel joblevel ",
            "jobtitlehierarchylevel level",
        ),
    ),
    (
        Field::Department,
        "department departments jobfunction function subdepartments",
    ),
    (Field::Persona, "persona buyerpersona hspersona"),
    (
        Field::LeadStatus,
        concat!(
            "leadstatus hsleadstatus contactstage contactstatus prospectstatus ",
            "leadstage",
        ),
    ),
    (
        Field::Linkedin,
        concat!(
            "linkedin linkedinurl personlinkedinurl linkedinprofile ",
            "linkedinprofileurl linkedincontactprofileurl profileurl",
        ),
    ),
    (
        Field::DealName,
        "dealname opportunityname opportunity deal dealtitle",
    ),
    (
        Field::DealStage,
        "dealstage opportunitystage stagename salesstage",
    ),
    (
        Field::DealType,
        "dealtype opportunitytype opportunityrecordtype",
    ),
    (
        Field::Amount,
        concat!(
            "amount dealamount opportunityamount dealvalue amountincompanycurrency ",
            "totalcontractvalue acv tcv",
        ),
    ),
    (
        Field::Probability,
        "probability dealprobability winprobability",
    ),
    (
        Field::CreateDate,
        concat!(
            "createdate createddate created createdat datecreated createdon ",
            "dateregistered registered signup signupdate registrationdate ",
            "datejoined",
        ),
    ),
    (
        Field::CloseDate,
        "closedate closeddate dateclosed closedat expectedclosedate",
    ),
    (Field::Pipeline, "pipeline dealpipeline salespipeline"),
    (
        Field::LostReason,
        "lostreason closedlostreason lossreason reasonlost reasonforloss",
    ),
    (Field::Won, "won iswon closedwon isclosedwon"),
    (
        Field::Owner,
        concat!(
            "owner dealowner opportunityowner accountowner contactowner ",
            "companyowner leadowner recordowner",
        ),
    ),
];
