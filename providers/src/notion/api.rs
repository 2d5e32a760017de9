//! The Notion endpoint trait.

use alter_macros::vault_api;
use alter_runtime::{Result, User};
use futures_util::Stream;

use super::models::{
    Block, ChildrenQuery, DatabaseQuery, List, Page, SearchQuery, SearchResult, User as NotionUser,
};
use crate::paginate::{self, Paged};

/// The Notion API (`https://api.notion.com/v1`).
///
/// Every call carries the handle's `Notion-Version` header.
#[vault_api(provider = "notion", crate = ::alter_runtime)]
pub trait NotionApi: Paged {
    /// `POST /v1/search`: a page of the pages and databases shared with the integration.
    #[vault_endpoint(method = POST, path = "/search")]
    async fn search(&self, user: &User, #[body] query: &SearchQuery) -> Result<List<SearchResult>>;

    /// Every search result, following `next_cursor` while `has_more`.
    fn search_stream(
        &self,
        user: &User,
        query: SearchQuery,
    ) -> impl Stream<Item = Result<SearchResult>> + Send + 'static {
        let context = (self.clone(), user.clone(), query);
        paginate::stream(
            self.page_limit(),
            context,
            |(notion, user, query), start_cursor| async move {
                let query = SearchQuery {
                    start_cursor: start_cursor.or(query.start_cursor),
                    ..query
                };
                notion.search(&user, &query).await
            },
        )
    }

    /// `GET /v1/pages/{id}`: a page and its property values.
    #[vault_endpoint(method = GET, path = "/pages/<page_id>")]
    async fn page(&self, user: &User, page_id: &str) -> Result<Page>;

    /// `POST /v1/databases/{id}/query`: a page of a database's rows.
    #[vault_endpoint(method = POST, path = "/databases/<database_id>/query")]
    async fn query_database(
        &self,
        user: &User,
        database_id: &str,
        #[body] query: &DatabaseQuery,
    ) -> Result<List<Page>>;

    /// Every row a database query matches, following `next_cursor` while `has_more`.
    fn query_database_stream(
        &self,
        user: &User,
        database_id: &str,
        query: DatabaseQuery,
    ) -> impl Stream<Item = Result<Page>> + Send + 'static {
        let context = (self.clone(), user.clone(), database_id.to_owned(), query);
        paginate::stream(
            self.page_limit(),
            context,
            |(notion, user, id, query), start_cursor| async move {
                let query = DatabaseQuery {
                    start_cursor: start_cursor.or(query.start_cursor),
                    ..query
                };
                notion.query_database(&user, &id, &query).await
            },
        )
    }

    /// `GET /v1/blocks/{id}/children`: a page of a block's (or a page's) child blocks.
    #[vault_endpoint(method = GET, path = "/blocks/<block_id>/children")]
    async fn block_children(
        &self,
        user: &User,
        block_id: &str,
        #[query(flatten)] query: &ChildrenQuery,
    ) -> Result<List<Block>>;

    /// Every child block, following `next_cursor` while `has_more`.
    fn block_children_stream(
        &self,
        user: &User,
        block_id: &str,
        query: ChildrenQuery,
    ) -> impl Stream<Item = Result<Block>> + Send + 'static {
        let context = (self.clone(), user.clone(), block_id.to_owned(), query);
        paginate::stream(
            self.page_limit(),
            context,
            |(notion, user, id, query), start_cursor| async move {
                let query = ChildrenQuery {
                    start_cursor: start_cursor.or(query.start_cursor),
                    ..query
                };
                notion.block_children(&user, &id, &query).await
            },
        )
    }

    /// `GET /v1/users/me`: the integration's bot user.
    #[vault_endpoint(method = GET, path = "/users/me")]
    async fn me(&self, user: &User) -> Result<NotionUser>;
}
