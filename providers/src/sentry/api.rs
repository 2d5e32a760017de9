//! The Sentry endpoint trait.

use alter_macros::vault_api;
use alter_runtime::__private::Endpoint;
use alter_runtime::{Method, Result, User};
use futures_util::Stream;

use super::models::{Event, Issue, IssuesQuery, Organization, Project};
use crate::page::Page;
use crate::paginate::{self, Paged};

/// A `Link: rel="next"` URL.
static NEXT_PAGE: Endpoint = Endpoint {
    name: "SentryApi::next_page",
    provider: "sentry",
    method: Method::GET,
    base_url: None,
    path: &[],
    headers: &[],
    timeout: None,
    reason: None,
    check: None,
};

/// Follows the `Link` header from a first page made by `first` with `args`.
macro_rules! link_stream {
    ($sentry:expr, $user:expr, ($($arg:ident),*), $first:ident) => {{
        let context = ($sentry.clone(), $user.clone(), $($arg),*);
        paginate::stream($sentry.page_limit(), context, |(sentry, user, $($arg),*), next| async move {
            match next {
                None => sentry.$first(&user, $(&$arg),*).await,
                Some(url) => paginate::follow(&sentry, &NEXT_PAGE, &user, url).await,
            }
        })
    }};
}

/// The Sentry web API (`https://sentry.io/api/0`, a region such as
/// `https://de.sentry.io/api/0`, or a self-hosted install).
///
/// Listings come as [`Page`]s; the `..._stream` methods follow the `Link`
/// header until Sentry marks the next link `results="false"`.
#[vault_api(provider = "sentry", crate = ::alter_runtime)]
pub trait SentryApi: Paged {
    /// The first page of the organizations the token can see.
    #[vault_endpoint(method = GET, path = "/organizations/")]
    async fn organizations(&self, user: &User) -> Result<Page<Vec<Organization>>>;

    /// Every organization, following the `Link` header.
    fn organizations_stream(
        &self,
        user: &User,
    ) -> impl Stream<Item = Result<Organization>> + Send + 'static {
        link_stream!(self, user, (), organizations)
    }

    /// The first page of an organization's projects.
    #[vault_endpoint(method = GET, path = "/organizations/<org>/projects/")]
    async fn projects(&self, user: &User, org: &str) -> Result<Page<Vec<Project>>>;

    /// Every project of an organization, following the `Link` header.
    fn projects_stream(
        &self,
        user: &User,
        org: &str,
    ) -> impl Stream<Item = Result<Project>> + Send + 'static {
        let org = org.to_owned();
        link_stream!(self, user, (org), projects)
    }

    /// The first page of an organization's issues (Sentry's default: unresolved, last 14 days).
    #[vault_endpoint(method = GET, path = "/organizations/<org>/issues/")]
    async fn issues(
        &self,
        user: &User,
        org: &str,
        #[query(flatten)] query: &IssuesQuery,
    ) -> Result<Page<Vec<Issue>>>;

    /// Every issue matching `query`, following the `Link` header.
    fn issues_stream(
        &self,
        user: &User,
        org: &str,
        query: IssuesQuery,
    ) -> impl Stream<Item = Result<Issue>> + Send + 'static {
        let org = org.to_owned();
        link_stream!(self, user, (org, query), issues)
    }

    /// The first page of a project's error events, newest first.
    #[vault_endpoint(method = GET, path = "/projects/<org>/<project>/events/")]
    async fn project_events(
        &self,
        user: &User,
        org: &str,
        project: &str,
    ) -> Result<Page<Vec<Event>>>;

    /// Every error event of a project, following the `Link` header.
    fn project_events_stream(
        &self,
        user: &User,
        org: &str,
        project: &str,
    ) -> impl Stream<Item = Result<Event>> + Send + 'static {
        let (org, project) = (org.to_owned(), project.to_owned());
        link_stream!(self, user, (org, project), project_events)
    }

    /// One issue, by its numeric id or short id.
    #[vault_endpoint(method = GET, path = "/organizations/<org>/issues/<issue_id>/")]
    async fn issue(&self, user: &User, org: &str, issue_id: &str) -> Result<Issue>;
}
