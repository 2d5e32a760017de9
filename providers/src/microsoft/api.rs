//! The Microsoft Graph endpoint trait.

use alter_macros::vault_api;
use alter_runtime::__private::Endpoint;
use alter_runtime::{Method, Result, User};
use futures_util::Stream;

use super::models::{Collection, DriveItem, Event, GraphUser, Message, ODataQuery, SendMail};
use crate::paginate::{self, Paged};

/// An `@odata.nextLink`, fetched exactly as Graph sent it.
static NEXT_LINK: Endpoint = Endpoint {
    name: "MicrosoftGraph::next_link",
    provider: "microsoft",
    method: Method::GET,
    base_url: None,
    path: &[],
    headers: &[],
    timeout: None,
    reason: None,
    check: None,
};

/// Follows `@odata.nextLink` from a first page made by `first`.
macro_rules! odata_stream {
    ($graph:expr, $user:expr, $query:expr, $first:ident) => {{
        let context = ($graph.clone(), $user.clone(), $query);
        paginate::stream(
            $graph.page_limit(),
            context,
            |(graph, user, query), next| async move {
                match next {
                    None => graph.$first(&user, &query).await,
                    Some(url) => paginate::follow(&graph, &NEXT_LINK, &user, url).await,
                }
            },
        )
    }};
}

/// Microsoft Graph v1.0 (`https://graph.microsoft.com/v1.0`; national clouds
/// through the vault's base URL for `microsoft`).
///
/// Listings come as [`Collection`]s; the `..._stream` methods follow
/// `@odata.nextLink` byte for byte.
#[vault_api(provider = "microsoft", crate = ::alter_runtime)]
pub trait MicrosoftGraph: Paged {
    /// `GET /me`: the signed-in user.
    #[vault_endpoint(method = GET, path = "/me")]
    async fn me(&self, user: &User) -> Result<GraphUser>;

    /// `GET /me/messages`: a page of the user's mail, with OData options.
    #[vault_endpoint(method = GET, path = "/me/messages")]
    async fn messages(
        &self,
        user: &User,
        #[query(flatten)] query: &ODataQuery,
    ) -> Result<Collection<Message>>;

    /// Every message, following `@odata.nextLink`.
    fn messages_stream(
        &self,
        user: &User,
        query: ODataQuery,
    ) -> impl Stream<Item = Result<Message>> + Send + 'static {
        odata_stream!(self, user, query, messages)
    }

    /// `POST /me/sendMail` (Graph answers 202 with no body).
    #[vault_endpoint(method = POST, path = "/me/sendMail")]
    async fn send_mail(&self, user: &User, #[body] mail: &SendMail) -> Result<()>;

    /// `GET /me/events`: a page of the user's calendar events, with OData options.
    #[vault_endpoint(method = GET, path = "/me/events")]
    async fn events(
        &self,
        user: &User,
        #[query(flatten)] query: &ODataQuery,
    ) -> Result<Collection<Event>>;

    /// Every event, following `@odata.nextLink`.
    fn events_stream(
        &self,
        user: &User,
        query: ODataQuery,
    ) -> impl Stream<Item = Result<Event>> + Send + 'static {
        odata_stream!(self, user, query, events)
    }

    /// `GET /me/drive/root/children`: a page of the items in the root of the user's OneDrive.
    #[vault_endpoint(method = GET, path = "/me/drive/root/children")]
    async fn drive_root_children(
        &self,
        user: &User,
        #[query(flatten)] query: &ODataQuery,
    ) -> Result<Collection<DriveItem>>;

    /// Every item in the drive root, following `@odata.nextLink`.
    fn drive_root_children_stream(
        &self,
        user: &User,
        query: ODataQuery,
    ) -> impl Stream<Item = Result<DriveItem>> + Send + 'static {
        odata_stream!(self, user, query, drive_root_children)
    }
}
