//! Serde models of the Salesforce REST API.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::paginate::Paginated;

/// A page of SOQL query results.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QueryResult<T = Record> {
    /// Number of records the whole query matched.
    pub total_size: u64,
    /// Whether this is the last page.
    pub done: bool,
    /// Path of the next page (relative to the instance URL) while `done` is false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_records_url: Option<String>,
    /// The records of this page.
    #[serde(default = "Vec::new")]
    pub records: Vec<T>,
}

/// A record of any sObject type: its fields as sent, plus `attributes`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Type and URL of the record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributes: Option<Attributes>,
    /// The fields (`Id`, `Name`, custom `X__c` ...), as sent.
    #[serde(flatten)]
    pub fields: Map<String, Value>,
}

impl Record {
    /// The record id (the `Id` field), when selected.
    pub fn id(&self) -> Option<&str> {
        self.fields.get("Id")?.as_str()
    }

    /// A field as text, when present and a string.
    pub fn str(&self, field: &str) -> Option<&str> {
        self.fields.get(field)?.as_str()
    }
}

/// The `attributes` of a record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attributes {
    /// sObject type, e.g. `Account`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Path of the record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// The answer of a record creation (HTTP 201).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateResult {
    /// Id of the new record.
    pub id: String,
    /// Whether it was created.
    pub success: bool,
    /// Errors (empty on success).
    #[serde(default)]
    pub errors: Vec<Value>,
}

/// The describe of an sObject type.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SObjectDescribe {
    /// API name, e.g. `Account`.
    pub name: String,
    /// Label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Id prefix of its records, e.g. `001`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_prefix: Option<String>,
    /// Whether it is a custom object.
    #[serde(default)]
    pub custom: bool,
    /// Whether records can be created.
    #[serde(default)]
    pub createable: bool,
    /// Whether records can be updated.
    #[serde(default)]
    pub updateable: bool,
    /// Whether it can be queried.
    #[serde(default)]
    pub queryable: bool,
    /// Plural label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_plural: Option<String>,
    /// Whether records can be deleted.
    #[serde(default)]
    pub deletable: bool,
    /// The fields.
    #[serde(default)]
    pub fields: Vec<FieldDescribe>,
    /// Fields this model does not name (urls, child relationships, ...).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The describe of one field.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldDescribe {
    /// API name.
    pub name: String,
    /// Label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Field type: `id`, `string`, `picklist`, `reference`, ...
    #[serde(rename = "type")]
    pub kind: String,
    /// Maximum length, for text types.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length: Option<u64>,
    /// Whether it may be null.
    #[serde(default)]
    pub nillable: bool,
    /// Whether it is a custom field.
    #[serde(default)]
    pub custom: bool,
    /// Whether it can be set on creation.
    #[serde(default)]
    pub createable: bool,
    /// Whether it can be updated.
    #[serde(default)]
    pub updateable: bool,
    /// For a reference, the sObject types it may point to.
    #[serde(default)]
    pub reference_to: Vec<String>,
    /// For a picklist, its values.
    #[serde(default)]
    pub picklist_values: Vec<PicklistValue>,
    /// Fields this model does not name (picklist values, references, ...).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One value of a picklist field.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PicklistValue {
    /// The value stored in records.
    pub value: String,
    /// The label shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Whether it can be chosen.
    #[serde(default)]
    pub active: bool,
    /// Whether it is the default.
    #[serde(default)]
    pub default_value: bool,
}

impl<T> Paginated for QueryResult<T> {
    type Item = T;

    fn next_page(&self) -> Option<&str> {
        if self.done {
            None
        } else {
            self.next_records_url.as_deref()
        }
    }

    fn into_items(self) -> Vec<T> {
        self.records
    }
}
