//! The Slack endpoint trait and Slack's `"ok": false` convention.

use alter_macros::vault_api;
use alter_runtime::{Error, Response, Result, User};
use futures_util::Stream;
use serde::Deserialize;

use super::models::{
    AuthTest, Conversation, ConversationList, ConversationsQuery, History, HistoryQuery, Message,
    PostMessage, PostedMessage, UserInfo,
};
use crate::paginate::{self, Paged};

/// The envelope every Slack Web API answer has.
#[derive(Deserialize)]
struct Envelope {
    ok: Option<bool>,
}

/// Slack answers HTTP 200 with `"ok": false` when a method fails: that answer
/// becomes an [`Error::ProviderApi`] whose `code` is Slack's `error`
/// (`invalid_auth`, `not_in_channel`, ...). `"ok": true` passes, with or
/// without a `warning`; so does a body that is not a Slack envelope.
pub fn check_ok(response: &Response) -> Result<()> {
    match serde_json::from_slice::<Envelope>(response.bytes()) {
        Ok(Envelope { ok: Some(false) }) => Err(Error::from_provider_response(response)),
        _ => Ok(()),
    }
}

/// Slack's error code (`invalid_auth`, `not_in_channel`, ...) when `error` is
/// a failed Slack call.
pub fn error_code(error: &Error) -> Option<&str> {
    let provider = error.provider_api()?;
    let is_slack = provider.details.get("provider").and_then(|p| p.as_str()) == Some("slack");
    if is_slack {
        provider.code.as_deref()
    } else {
        None
    }
}

/// The Slack Web API (`https://slack.com/api`).
///
/// Every method is checked with [`check_ok`].
#[vault_api(provider = "slack", crate = ::alter_runtime, check = crate::slack::check_ok)]
pub trait SlackApi: Paged {
    /// `chat.postMessage`: posts a message and returns it with its `ts`.
    #[vault_endpoint(method = POST, path = "/chat.postMessage")]
    async fn post_message(
        &self,
        user: &User,
        #[body] message: &PostMessage,
    ) -> Result<PostedMessage>;

    /// `conversations.list`: the first page of public channels.
    #[vault_endpoint(method = GET, path = "/conversations.list")]
    async fn conversations(&self, user: &User) -> Result<ConversationList>;

    /// `conversations.list` with kinds, archive filter, page size or cursor.
    #[vault_endpoint(method = GET, path = "/conversations.list")]
    async fn conversations_with(
        &self,
        user: &User,
        #[query(flatten)] query: &ConversationsQuery,
    ) -> Result<ConversationList>;

    /// Every conversation, following `response_metadata.next_cursor`.
    fn conversations_stream(
        &self,
        user: &User,
        query: ConversationsQuery,
    ) -> impl Stream<Item = Result<Conversation>> + Send + 'static {
        let context = (self.clone(), user.clone(), query);
        paginate::stream(
            self.page_limit(),
            context,
            |(slack, user, query), cursor| async move {
                let cursor = cursor.or(query.cursor);
                let query = ConversationsQuery { cursor, ..query };
                slack.conversations_with(&user, &query).await
            },
        )
    }

    /// `conversations.history`: a page of a conversation's messages, newest first.
    #[vault_endpoint(method = GET, path = "/conversations.history")]
    async fn history(&self, user: &User, #[query(flatten)] query: &HistoryQuery)
    -> Result<History>;

    /// Every message of a conversation, following `response_metadata.next_cursor`.
    fn history_stream(
        &self,
        user: &User,
        query: HistoryQuery,
    ) -> impl Stream<Item = Result<Message>> + Send + 'static {
        let context = (self.clone(), user.clone(), query);
        paginate::stream(
            self.page_limit(),
            context,
            |(slack, user, query), cursor| async move {
                let cursor = cursor.or(query.cursor);
                let query = HistoryQuery { cursor, ..query };
                slack.history(&user, &query).await
            },
        )
    }

    /// `users.info`: a workspace member.
    #[vault_endpoint(method = GET, path = "/users.info")]
    async fn user_info(&self, user: &User, #[query = "user"] user_id: &str) -> Result<UserInfo>;

    /// `auth.test`: who the token belongs to.
    #[vault_endpoint(method = POST, path = "/auth.test")]
    async fn auth_test(&self, user: &User) -> Result<AuthTest>;
}
