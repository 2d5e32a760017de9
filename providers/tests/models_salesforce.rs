//! Salesforce models against payloads written for this project.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

#[path = "common/fixtures.rs"]
mod fixtures;

use alter_providers::salesforce::models::{CreateResult, QueryResult, Record, SObjectDescribe};

#[test]
fn query_last_page() {
    let result: QueryResult = fixtures::model("salesforce/query.json");
    assert!(result.done);
    assert_eq!(result.total_size, 2);
    assert_eq!(result.next_records_url, None);
    let first = &result.records[0];
    assert_eq!(first.id(), Some("003Hs00004XyZaBIAV"));
    assert_eq!(first.str("LastName"), Some("Moreno"));
    assert_eq!(first.attributes.as_ref().unwrap().kind, "Contact");
    assert!(result.records[1].fields["Email"].is_null());
}

#[test]
fn query_first_of_many_pages() {
    let result: QueryResult = fixtures::model("salesforce/query.paginated.json");
    assert!(!result.done);
    assert_eq!(
        result.next_records_url.as_deref(),
        Some("/services/data/v62.0/query/01gHs00000AbCdEIAZ-2000")
    );
    assert_eq!(result.records[1].fields["Amount"], 125500.5);
}

#[test]
fn typed_records() {
    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Opportunity {
        id: String,
        stage_name: String,
        is_closed: bool,
    }
    let result: QueryResult<Opportunity> = fixtures::model("salesforce/query.paginated.json");
    assert_eq!(result.records[0].stage_name, "Negotiation");
    assert!(result.records[1].is_closed);
}

#[test]
fn record_create_and_describe() {
    let created: CreateResult = fixtures::model("salesforce/sobjects.create.json");
    assert!(created.success);
    assert_eq!(created.id, "003Hs00004NeWcOIAV");

    let account: Record = fixtures::model("salesforce/sobjects.get.json");
    assert_eq!(account.str("Name"), Some("Northwind Marine"));
    assert_eq!(account.fields["NumberOfEmployees"], 230);

    let describe: SObjectDescribe = fixtures::model("salesforce/sobjects.describe.json");
    assert_eq!(describe.name, "Account");
    assert_eq!(describe.key_prefix.as_deref(), Some("001"));
    assert_eq!(describe.fields.len(), 3);
    assert_eq!(describe.fields[2].kind, "picklist");
    assert!(describe.fields[2].custom);
    let tier = &describe.fields[2].picklist_values[0];
    assert_eq!(
        (tier.value.as_str(), tier.label.as_deref()),
        ("Gold", Some("Gold"))
    );
    assert!(tier.active && !tier.default_value);
    assert!(!describe.fields[0].createable && describe.fields[1].updateable);
    assert!(describe.fields[1].reference_to.is_empty());
    assert_eq!(describe.label_plural.as_deref(), Some("Accounts"));
    assert!(describe.deletable);
    assert_eq!(
        describe.extra["urls"]["rowTemplate"],
        "/services/data/v62.0/sobjects/Account/{ID}"
    );
}
