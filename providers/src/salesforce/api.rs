//! The Salesforce endpoint trait.

use alter_macros::vault_api;
use alter_runtime::__private::Endpoint;
use alter_runtime::{Method, Result, User};
use futures_util::Stream;
use serde_json::Value;

use super::models::{CreateResult, QueryResult, Record, SObjectDescribe};
use crate::paginate::{self, Paged};

/// A `nextRecordsUrl`, resolved against the instance URL.
static NEXT_RECORDS: Endpoint = Endpoint {
    name: "SalesforceApi::next_records",
    provider: "salesforce",
    method: Method::GET,
    base_url: None,
    path: &[],
    headers: &[],
    timeout: None,
    reason: None,
    check: None,
};

/// The Salesforce REST API of one organization, at
/// `{instance_url}/services/data/{api_version}`.
#[vault_api(provider = "salesforce", crate = ::alter_runtime)]
pub trait SalesforceApi: Paged {
    /// The organization's instance URL, such as `https://acme.my.salesforce.com`,
    /// against which `nextRecordsUrl` paths are resolved.
    fn instance_url(&self) -> &str;

    /// Runs a SOQL query and returns its first page (up to 2,000 records).
    #[vault_endpoint(method = GET, path = "/query")]
    async fn query(&self, user: &User, #[query] q: &str) -> Result<QueryResult>;

    /// Every record a SOQL query matches, following `nextRecordsUrl`.
    fn query_stream(
        &self,
        user: &User,
        q: &str,
    ) -> impl Stream<Item = Result<Record>> + Send + 'static {
        let context = (self.clone(), user.clone(), q.to_owned());
        paginate::stream(
            self.page_limit(),
            context,
            |(salesforce, user, q), next| async move {
                match next {
                    None => salesforce.query(&user, &q).await,
                    Some(path) => {
                        let url =
                            format!("{}{path}", salesforce.instance_url().trim_end_matches('/'));
                        paginate::follow(&salesforce, &NEXT_RECORDS, &user, url).await
                    }
                }
            },
        )
    }

    /// One record of type `sobject` (`Account`, `Contact`, `Custom__c`, ...).
    #[vault_endpoint(method = GET, path = "/sobjects/<sobject>/<id>")]
    async fn record(&self, user: &User, sobject: &str, id: &str) -> Result<Record>;

    /// Creates a record from its fields (`{"Name": "Acme"}`); Salesforce answers 201.
    #[vault_endpoint(method = POST, path = "/sobjects/<sobject>/")]
    async fn create_record(
        &self,
        user: &User,
        sobject: &str,
        #[body] fields: &Value,
    ) -> Result<CreateResult>;

    /// Updates the given fields of a record; Salesforce answers 204.
    #[vault_endpoint(method = PATCH, path = "/sobjects/<sobject>/<id>")]
    async fn update_record(
        &self,
        user: &User,
        sobject: &str,
        id: &str,
        #[body] fields: &Value,
    ) -> Result<()>;

    /// The fields and properties of an sObject type.
    #[vault_endpoint(method = GET, path = "/sobjects/<sobject>/describe/")]
    async fn describe(&self, user: &User, sobject: &str) -> Result<SObjectDescribe>;
}
