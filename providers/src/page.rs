//! Listing pages whose next page is named by the `Link` response header
//! (GitHub and Sentry).

use std::ops::Deref;

use alter_runtime::__private::FromResponse;
use alter_runtime::{Response, Result};
use serde::de::DeserializeOwned;

use crate::link::next_link;
use crate::paginate::Paginated;

/// A page of a listing together with the link to the next page, read from the
/// `Link` header (GitHub, Sentry).
///
/// It dereferences to the body, so `page.iter()` walks a `Page<Vec<T>>` and
/// `page.items` reads a search result's items.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// The response body.
    pub body: T,
    /// The `next` link; `None` on the last page (and on a Sentry `next` link
    /// marked `results="false"`).
    pub next: Option<String>,
}

impl<T> Page<T> {
    /// The body, without the link.
    pub fn into_body(self) -> T {
        self.body
    }
}

impl<T> Deref for Page<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.body
    }
}

impl<T> IntoIterator for Page<Vec<T>> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.body.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a Page<Vec<T>> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.body.iter()
    }
}

impl<T: DeserializeOwned> FromResponse for Page<T> {
    fn from_response(response: Response) -> Result<Self> {
        let next = next_link(&link_header(&response));
        Ok(Page {
            body: response.json()?,
            next,
        })
    }
}

/// Every `Link` field of the response as one value: a server (or a proxy) may
/// split the links over several fields, which HTTP reads as one list.
fn link_header(response: &Response) -> String {
    let fields = response.headers().get_all("link").iter();
    let texts: Vec<_> = fields
        .map(|value| String::from_utf8_lossy(value.as_bytes()))
        .collect();
    texts.join(", ")
}

impl<T> Paginated for Page<Vec<T>> {
    type Item = T;

    fn next_page(&self) -> Option<&str> {
        self.next.as_deref()
    }

    fn into_items(self) -> Vec<T> {
        self.body
    }
}
