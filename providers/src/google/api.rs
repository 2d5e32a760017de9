//! The Google endpoint traits: Calendar, Gmail and Drive.

use alter_macros::vault_api;
use alter_runtime::__private::{Call, Endpoint, PathPart};
use alter_runtime::{Method, Result, User};
use futures_util::Stream;

use super::calendar::{
    CalendarList, CalendarListEntry, CalendarListQuery, Event, EventList, EventsQuery,
};
use super::drive::{File, FileContent, FileList, FilesQuery};
use super::gmail::{Message, MessageList, MessageRef, MessagesQuery, SendMessage};
use crate::paginate::{self, Paged};

/// Google Calendar v3 (`https://www.googleapis.com/calendar/v3`).
#[vault_api(provider = "google", crate = ::alter_runtime)]
pub trait GoogleCalendar: Paged {
    /// The first page of a calendar's events (`"primary"` is the user's main calendar).
    #[vault_endpoint(method = GET, path = "/calendar/v3/calendars/<calendar_id>/events")]
    async fn calendar_events(&self, user: &User, calendar_id: &str) -> Result<EventList>;

    /// A page of a calendar's events, with query parameters.
    #[vault_endpoint(method = GET, path = "/calendar/v3/calendars/<calendar_id>/events")]
    async fn calendar_events_with(
        &self,
        user: &User,
        calendar_id: &str,
        #[query(flatten)] query: &EventsQuery,
    ) -> Result<EventList>;

    /// Every event of a calendar, following `nextPageToken`.
    fn calendar_events_stream(
        &self,
        user: &User,
        calendar_id: &str,
        query: EventsQuery,
    ) -> impl Stream<Item = Result<Event>> + Send + 'static {
        let context = (self.clone(), user.clone(), calendar_id.to_owned(), query);
        paginate::stream(
            self.page_limit(),
            context,
            |(google, user, id, query), token| async move {
                let query = EventsQuery {
                    page_token: token.or(query.page_token),
                    ..query
                };
                google.calendar_events_with(&user, &id, &query).await
            },
        )
    }

    /// One event.
    #[vault_endpoint(method = GET, path = "/calendar/v3/calendars/<calendar_id>/events/<event_id>")]
    async fn calendar_event(&self, user: &User, calendar_id: &str, event_id: &str)
    -> Result<Event>;

    /// Creates an event and returns it as stored.
    #[vault_endpoint(method = POST, path = "/calendar/v3/calendars/<calendar_id>/events")]
    async fn insert_calendar_event(
        &self,
        user: &User,
        calendar_id: &str,
        #[body] event: &Event,
    ) -> Result<Event>;

    /// Changes the fields set in `patch` and returns the event as stored.
    #[vault_endpoint(method = PATCH, path = "/calendar/v3/calendars/<calendar_id>/events/<event_id>")]
    async fn patch_calendar_event(
        &self,
        user: &User,
        calendar_id: &str,
        event_id: &str,
        #[body] patch: &Event,
    ) -> Result<Event>;

    /// Deletes an event (Google answers 204).
    #[vault_endpoint(method = DELETE, path = "/calendar/v3/calendars/<calendar_id>/events/<event_id>")]
    async fn delete_calendar_event(
        &self,
        user: &User,
        calendar_id: &str,
        event_id: &str,
    ) -> Result<()>;

    /// The first page of the user's calendar list.
    #[vault_endpoint(method = GET, path = "/calendar/v3/users/me/calendarList")]
    async fn calendar_list(&self, user: &User) -> Result<CalendarList>;

    /// A page of the user's calendar list, with query parameters.
    #[vault_endpoint(method = GET, path = "/calendar/v3/users/me/calendarList")]
    async fn calendar_list_with(
        &self,
        user: &User,
        #[query(flatten)] query: &CalendarListQuery,
    ) -> Result<CalendarList>;

    /// Every calendar on the user's list, following `nextPageToken`.
    fn calendar_list_stream(
        &self,
        user: &User,
        query: CalendarListQuery,
    ) -> impl Stream<Item = Result<CalendarListEntry>> + Send + 'static {
        let context = (self.clone(), user.clone(), query);
        paginate::stream(
            self.page_limit(),
            context,
            |(google, user, query), token| async move {
                let query = CalendarListQuery {
                    page_token: token.or(query.page_token),
                    ..query
                };
                google.calendar_list_with(&user, &query).await
            },
        )
    }
}

/// Gmail v1 (`https://www.googleapis.com/gmail/v1`), for the connected user's mailbox.
#[vault_api(provider = "google", crate = ::alter_runtime)]
pub trait GoogleGmail: Paged {
    /// The first page of message references, newest first.
    #[vault_endpoint(method = GET, path = "/gmail/v1/users/me/messages")]
    async fn gmail_messages(&self, user: &User) -> Result<MessageList>;

    /// A page of message references, with a search query or labels.
    #[vault_endpoint(method = GET, path = "/gmail/v1/users/me/messages")]
    async fn gmail_messages_with(
        &self,
        user: &User,
        #[query(flatten)] query: &MessagesQuery,
    ) -> Result<MessageList>;

    /// Every message reference, following `nextPageToken`.
    fn gmail_messages_stream(
        &self,
        user: &User,
        query: MessagesQuery,
    ) -> impl Stream<Item = Result<MessageRef>> + Send + 'static {
        let context = (self.clone(), user.clone(), query);
        paginate::stream(
            self.page_limit(),
            context,
            |(google, user, query), token| async move {
                let query = MessagesQuery {
                    page_token: token.or(query.page_token),
                    ..query
                };
                google.gmail_messages_with(&user, &query).await
            },
        )
    }

    /// One message; `format` is `full` (Gmail's default), `metadata`, `minimal` or `raw`.
    #[vault_endpoint(method = GET, path = "/gmail/v1/users/me/messages/<message_id>")]
    async fn gmail_message(
        &self,
        user: &User,
        message_id: &str,
        #[query] format: Option<&str>,
    ) -> Result<Message>;

    /// Sends a message and returns its id, thread and labels.
    #[vault_endpoint(method = POST, path = "/gmail/v1/users/me/messages/send")]
    async fn send_gmail(&self, user: &User, #[body] message: &SendMessage) -> Result<Message>;
}

/// The download endpoint: the metadata path with `alt=media`, which a path
/// template cannot express, so its call is built here in the shape the
/// attribute generates.
static DRIVE_DOWNLOAD: Endpoint = Endpoint {
    name: "GoogleDrive::download_drive_file",
    provider: "google",
    method: Method::GET,
    base_url: None,
    path: &[
        PathPart::Literal("/drive/v3/files/"),
        PathPart::Segment {
            index: 0,
            name: "file_id",
        },
    ],
    headers: &[],
    timeout: None,
    reason: None,
    check: None,
};

/// Google Drive v3 (`https://www.googleapis.com/drive/v3`).
#[vault_api(provider = "google", crate = ::alter_runtime)]
pub trait GoogleDrive: Paged {
    /// The first page of the files the user can see.
    #[vault_endpoint(method = GET, path = "/drive/v3/files")]
    async fn drive_files(&self, user: &User) -> Result<FileList>;

    /// A page of files, with a search query, fields selector or page size.
    #[vault_endpoint(method = GET, path = "/drive/v3/files")]
    async fn drive_files_with(
        &self,
        user: &User,
        #[query(flatten)] query: &FilesQuery,
    ) -> Result<FileList>;

    /// Every file matching `query`, following `nextPageToken`.
    fn drive_files_stream(
        &self,
        user: &User,
        query: FilesQuery,
    ) -> impl Stream<Item = Result<File>> + Send + 'static {
        let context = (self.clone(), user.clone(), query);
        paginate::stream(
            self.page_limit(),
            context,
            |(google, user, query), token| async move {
                let query = FilesQuery {
                    page_token: token.or(query.page_token),
                    ..query
                };
                google.drive_files_with(&user, &query).await
            },
        )
    }

    /// A file's metadata: Drive's default fields only (id, name, MIME type).
    #[vault_endpoint(method = GET, path = "/drive/v3/files/<file_id>")]
    async fn drive_file(&self, user: &User, file_id: &str) -> Result<File>;

    /// A file's metadata with the fields `fields` names, such as
    /// `id, name, size, modifiedTime, parents` (or `*` for all).
    #[vault_endpoint(method = GET, path = "/drive/v3/files/<file_id>")]
    async fn drive_file_with(
        &self,
        user: &User,
        file_id: &str,
        #[query] fields: &str,
    ) -> Result<File>;

    /// A file's content (`alt=media`); Google Docs formats need an export instead.
    fn download_drive_file(
        &self,
        user: &User,
        file_id: &str,
    ) -> impl Future<Output = Result<FileContent>> + Send + 'static {
        let call = Call::new(self, &DRIVE_DOWNLOAD, user)
            .path(file_id)
            .query("alt", "media");
        call.send::<FileContent>()
    }
}
