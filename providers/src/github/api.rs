//! The GitHub endpoint trait.

use alter_macros::vault_api;
use alter_runtime::__private::Endpoint;
use alter_runtime::{Method, Result, User};
use futures_util::Stream;

use super::models::{
    AuthenticatedUser, Contents, Issue, IssuesQuery, NewIssue, Organization, PullRequest,
    PullsQuery, Repository, SearchResults,
};
use crate::page::Page;
use crate::paginate::{self, Paged, Paginated};

/// The headers every GitHub call carries.
const HEADERS: &[(&str, &str)] = &[
    ("Accept", "application/vnd.github+json"),
    ("X-GitHub-Api-Version", "2022-11-28"),
];

/// A `Link: rel="next"` URL, fetched with GitHub's headers.
static NEXT_PAGE: Endpoint = Endpoint {
    name: "GithubApi::next_page",
    provider: "github",
    method: Method::GET,
    base_url: None,
    path: &[],
    headers: HEADERS,
    timeout: None,
    reason: None,
    check: None,
};

impl<T> Paginated for Page<SearchResults<T>> {
    type Item = T;

    fn next_page(&self) -> Option<&str> {
        self.next.as_deref()
    }

    fn into_items(self) -> Vec<T> {
        self.body.items
    }
}

/// The GitHub REST API (`https://api.github.com`, or a GitHub Enterprise
/// Server's `https://HOST/api/v3` set as the vault's base URL for `github`).
///
/// Every call sends `Accept: application/vnd.github+json` and
/// `X-GitHub-Api-Version: 2022-11-28`. Listings come as [`Page`]s that carry
/// the `Link` header's next URL; the `..._stream` methods follow it.
#[vault_api(
    provider = "github",
    crate = ::alter_runtime,
    headers("Accept" = "application/vnd.github+json", "X-GitHub-Api-Version" = "2022-11-28")
)]
pub trait GithubApi: Paged {
    /// The user the token belongs to.
    #[vault_endpoint(method = GET, path = "/user")]
    async fn authenticated_user(&self, user: &User) -> Result<AuthenticatedUser>;

    /// An organization.
    #[vault_endpoint(method = GET, path = "/orgs/<org>")]
    async fn organization(&self, user: &User, org: &str) -> Result<Organization>;

    /// A repository.
    #[vault_endpoint(method = GET, path = "/repos/<owner>/<repo>")]
    async fn repository(&self, user: &User, owner: &str, repo: &str) -> Result<Repository>;

    /// The first page of a repository's open issues (pull requests included, as GitHub lists them).
    #[vault_endpoint(method = GET, path = "/repos/<owner>/<repo>/issues")]
    async fn issues(&self, user: &User, owner: &str, repo: &str) -> Result<Page<Vec<Issue>>>;

    /// A page of a repository's issues, filtered.
    #[vault_endpoint(method = GET, path = "/repos/<owner>/<repo>/issues")]
    async fn issues_with(
        &self,
        user: &User,
        owner: &str,
        repo: &str,
        #[query(flatten)] query: &IssuesQuery,
    ) -> Result<Page<Vec<Issue>>>;

    /// Every issue matching `query`, following the `Link` header.
    fn issues_stream(
        &self,
        user: &User,
        owner: &str,
        repo: &str,
        query: IssuesQuery,
    ) -> impl Stream<Item = Result<Issue>> + Send + 'static {
        let context = (
            self.clone(),
            user.clone(),
            owner.to_owned(),
            repo.to_owned(),
            query,
        );
        paginate::stream(
            self.page_limit(),
            context,
            |(github, user, owner, repo, query), next| async move {
                match next {
                    None => github.issues_with(&user, &owner, &repo, &query).await,
                    Some(url) => paginate::follow(&github, &NEXT_PAGE, &user, url).await,
                }
            },
        )
    }

    /// One issue.
    #[vault_endpoint(method = GET, path = "/repos/<owner>/<repo>/issues/<number>")]
    async fn issue(&self, user: &User, owner: &str, repo: &str, number: u64) -> Result<Issue>;

    /// Opens an issue and returns it.
    #[vault_endpoint(method = POST, path = "/repos/<owner>/<repo>/issues")]
    async fn create_issue(
        &self,
        user: &User,
        owner: &str,
        repo: &str,
        #[body] issue: &NewIssue,
    ) -> Result<Issue>;

    /// The first page of a repository's pull requests.
    #[vault_endpoint(method = GET, path = "/repos/<owner>/<repo>/pulls")]
    async fn pull_requests(
        &self,
        user: &User,
        owner: &str,
        repo: &str,
        #[query(flatten)] query: &PullsQuery,
    ) -> Result<Page<Vec<PullRequest>>>;

    /// Every pull request matching `query`, following the `Link` header.
    fn pull_requests_stream(
        &self,
        user: &User,
        owner: &str,
        repo: &str,
        query: PullsQuery,
    ) -> impl Stream<Item = Result<PullRequest>> + Send + 'static {
        let context = (
            self.clone(),
            user.clone(),
            owner.to_owned(),
            repo.to_owned(),
            query,
        );
        paginate::stream(
            self.page_limit(),
            context,
            |(github, user, owner, repo, query), next| async move {
                match next {
                    None => github.pull_requests(&user, &owner, &repo, &query).await,
                    Some(url) => paginate::follow(&github, &NEXT_PAGE, &user, url).await,
                }
            },
        )
    }

    /// A file (or a directory listing) at `path`, which may span several
    /// segments (`src/lib.rs`); `git_ref` is a branch, tag or commit (default:
    /// the default branch).
    #[vault_endpoint(method = GET, path = "/repos/<owner>/<repo>/contents/<path..>")]
    async fn contents(
        &self,
        user: &User,
        owner: &str,
        repo: &str,
        path: &str,
        #[query = "ref"] git_ref: Option<&str>,
    ) -> Result<Contents>;

    /// The first page of an issue search (`q` uses GitHub's search syntax).
    #[vault_endpoint(method = GET, path = "/search/issues")]
    async fn search_issues(
        &self,
        user: &User,
        #[query] q: &str,
    ) -> Result<Page<SearchResults<Issue>>>;

    /// Every issue a search finds, following the `Link` header.
    fn search_issues_stream(
        &self,
        user: &User,
        q: &str,
    ) -> impl Stream<Item = Result<Issue>> + Send + 'static {
        let context = (self.clone(), user.clone(), q.to_owned());
        paginate::stream(
            self.page_limit(),
            context,
            |(github, user, q), next| async move {
                match next {
                    None => github.search_issues(&user, &q).await,
                    Some(url) => paginate::follow(&github, &NEXT_PAGE, &user, url).await,
                }
            },
        )
    }
}
