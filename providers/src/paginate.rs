//! One paginator for every provider's scheme.
//!
//! A page type says where the next page is ([`Paginated::next_page`]): a
//! cursor (Google `nextPageToken`, Slack `next_cursor`, Notion `next_cursor`)
//! or a link (GitHub and Sentry `Link` headers, Graph `@odata.nextLink`,
//! Salesforce `nextRecordsUrl`). The endpoint supplies a fetch function that
//! turns "no cursor" into the first request and a cursor into the next one;
//! [`pages`] drives it. Each fetch is one call through the vault, so every
//! page gets a fresh token and its own audit record.
//!
//! The paginator ends on an absent or empty next value, fails when a cursor
//! or link repeats (a provider looping would otherwise never end), and fails
//! when a listing needs more pages than its limit allows.

use std::collections::HashSet;
use std::future::Future;

use alter_runtime::__private::{Call, Endpoint, FromResponse};
use alter_runtime::{Error, Result, User, VaultHandle};
use futures_util::stream::{self, Stream, TryStreamExt};

/// How many pages a stream fetches at most, unless the handle says otherwise.
pub const DEFAULT_PAGE_LIMIT: usize = 100;

/// A handle whose list endpoints stream: cloneable, shareable across tasks,
/// and bounded in how many pages one stream may fetch.
pub trait Paged: VaultHandle + Clone + Send + Sync + 'static {
    /// The most pages one stream fetches before it fails; default
    /// [`DEFAULT_PAGE_LIMIT`].
    fn page_limit(&self) -> usize {
        DEFAULT_PAGE_LIMIT
    }
}

/// A page of a listing: its items, and where the next page is.
pub trait Paginated {
    /// What the page lists.
    type Item;

    /// The next cursor or link; `None` or an empty string ends the listing.
    fn next_page(&self) -> Option<&str>;

    /// The items of the page, in order.
    fn into_items(self) -> Vec<Self::Item>;
}

/// Where the paginator stands.
enum Position {
    First,
    Next(String),
    Repeated(String),
    Done,
}

struct State<F> {
    fetch: F,
    position: Position,
    seen: HashSet<String>,
    fetched: usize,
    limit: usize,
}

/// A stream of pages: `fetch(None)` gets the first, `fetch(Some(next))` the following ones.
///
/// It ends after the page without a next value; it yields an error (and ends)
/// when a next value repeats, or when more than `limit` pages would be needed.
pub fn pages<P, F, Fut>(limit: usize, fetch: F) -> impl Stream<Item = Result<P>> + Send + 'static
where
    P: Paginated + Send + 'static,
    F: FnMut(Option<String>) -> Fut + Send + 'static,
    Fut: Future<Output = Result<P>> + Send + 'static,
{
    let state = State {
        fetch,
        position: Position::First,
        seen: HashSet::new(),
        fetched: 0,
        limit,
    };
    stream::try_unfold(state, step)
}

/// The items of every page, in order.
pub fn items<P, S>(pages: S) -> impl Stream<Item = Result<P::Item>> + Send + 'static
where
    P: Paginated + Send + 'static,
    P::Item: Send + 'static,
    S: Stream<Item = Result<P>> + Send + 'static,
{
    pages
        .map_ok(|page| stream::iter(page.into_items().into_iter().map(Ok)))
        .try_flatten()
}

/// The items of a listing, fetching pages as needed.
///
/// `fetch(context, None)` gets the first page and `fetch(context, Some(next))`
/// a following one; it receives its own clone of `context` each time, so the
/// future it returns owns everything it needs.
pub(crate) fn stream<C, P, F, Fut>(
    limit: usize,
    context: C,
    fetch: F,
) -> impl Stream<Item = Result<P::Item>> + Send + 'static
where
    C: Clone + Send + 'static,
    P: Paginated + Send + 'static,
    P::Item: Send + 'static,
    F: Fn(C, Option<String>) -> Fut + Send + 'static,
    Fut: Future<Output = Result<P>> + Send + 'static,
{
    items(pages(limit, move |next| fetch(context.clone(), next)))
}

/// Fetches the page at an absolute `url` (a next link) as `endpoint`, through `handle`.
///
/// The runtime refuses the link before any I/O when its host is not one the
/// provider's token may go to.
pub(crate) async fn follow<H, T>(
    handle: &H,
    endpoint: &'static Endpoint,
    user: &User,
    url: String,
) -> Result<T>
where
    H: VaultHandle + ?Sized,
    T: FromResponse,
{
    Call::new(handle, endpoint, user).url(url).send().await
}

async fn step<P, F, Fut>(mut state: State<F>) -> Result<Option<(P, State<F>)>>
where
    P: Paginated,
    F: FnMut(Option<String>) -> Fut,
    Fut: Future<Output = Result<P>>,
{
    let cursor = match std::mem::replace(&mut state.position, Position::Done) {
        Position::Done => return Ok(None),
        Position::Repeated(next) => return Err(repeated(&next)),
        Position::First => None,
        Position::Next(next) => Some(next),
    };
    if state.fetched >= state.limit {
        return Err(limit_reached(state.limit));
    }

    let page = (state.fetch)(cursor).await?;
    state.fetched += 1;
    state.position = match page.next_page() {
        None | Some("") => Position::Done,
        Some(next) if !state.seen.insert(next.to_owned()) => Position::Repeated(next.to_owned()),
        Some(next) => Position::Next(next.to_owned()),
    };
    Ok(Some((page, state)))
}

fn repeated(next: &str) -> Error {
    let mut details = serde_json::Map::new();
    details.insert("next_page".into(), next.into());
    Error::Sdk {
        message: "pagination repeated a cursor or link it already followed".into(),
        details: Box::new(details),
    }
}

fn limit_reached(limit: usize) -> Error {
    let mut details = serde_json::Map::new();
    details.insert("page_limit".into(), limit.into());
    Error::Sdk {
        message: format!("pagination stopped at its limit of {limit} pages"),
        details: Box::new(details),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]
mod tests {
    use super::*;
    use futures_util::StreamExt;

    #[derive(Debug, PartialEq)]
    struct Page(Vec<u32>, Option<&'static str>);

    impl Paginated for Page {
        type Item = u32;
        fn next_page(&self) -> Option<&str> {
            self.1
        }
        fn into_items(self) -> Vec<u32> {
            self.0
        }
    }

    /// Serves the given pages in order, recording the cursors asked for.
    fn server(
        mut script: Vec<Page>,
        asked: std::sync::Arc<std::sync::Mutex<Vec<Option<String>>>>,
    ) -> impl FnMut(Option<String>) -> std::future::Ready<Result<Page>> {
        script.reverse();
        move |cursor| {
            asked.lock().unwrap().push(cursor);
            std::future::ready(script.pop().ok_or_else(|| Error::InvalidRequest {
                message: "no more pages scripted".into(),
            }))
        }
    }

    async fn run(limit: usize, script: Vec<Page>) -> (Vec<Result<u32>>, Vec<Option<String>>) {
        let asked = std::sync::Arc::default();
        let stream = items(pages(limit, server(script, std::sync::Arc::clone(&asked))));
        let got = stream.collect::<Vec<_>>().await;
        let asked = asked.lock().unwrap().clone();
        (got, asked)
    }

    #[tokio::test]
    async fn three_pages_then_the_end() {
        let script = vec![
            Page(vec![1, 2], Some("a")),
            Page(vec![3], Some("b")),
            Page(vec![4], None),
        ];
        let (got, asked) = run(10, script).await;
        let got: Vec<u32> = got.into_iter().map(Result::unwrap).collect();
        assert_eq!(got, [1, 2, 3, 4]);
        assert_eq!(asked, [None, Some("a".into()), Some("b".into())]);
    }

    #[tokio::test]
    async fn empty_cursor_ends() {
        let (got, asked) = run(10, vec![Page(vec![1], Some("a")), Page(vec![2], Some(""))]).await;
        assert_eq!(got.len(), 2);
        assert_eq!(asked.len(), 2);
    }

    #[tokio::test]
    async fn repeated_cursor_yields_the_page_then_an_error() {
        let script = vec![
            Page(vec![1], Some("a")),
            Page(vec![2], Some("a")),
            Page(vec![9], None),
        ];
        let (got, asked) = run(10, script).await;
        assert_eq!(got.len(), 3);
        assert_eq!(got[1].as_ref().unwrap(), &2);
        let error = got[2].as_ref().unwrap_err();
        assert!(error.message().contains("repeated"), "{error}");
        assert_eq!(error.details().unwrap()["next_page"], "a");
        assert_eq!(asked.len(), 2, "the repeated cursor is not fetched again");
    }

    #[tokio::test]
    async fn limit_stops_with_an_error() {
        let script = vec![
            Page(vec![1], Some("a")),
            Page(vec![2], Some("b")),
            Page(vec![3], None),
        ];
        let (got, asked) = run(2, script).await;
        assert_eq!(got.len(), 3);
        let error = got[2].as_ref().unwrap_err();
        assert_eq!(error.details().unwrap()["page_limit"], 2);
        assert_eq!(asked.len(), 2);
    }

    #[tokio::test]
    async fn fetch_errors_end_the_stream() {
        let (got, _) = run(10, vec![Page(vec![1], Some("a"))]).await;
        assert_eq!(got.len(), 2);
        assert!(matches!(got[1], Err(Error::InvalidRequest { .. })));
    }
}
