//! The crate's error type.

use std::error::Error as StdError;

/// What can go wrong while opening, configuring or running the local vault.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The SQLite database could not be opened, migrated, read or written.
    #[error("storage error: {message}")]
    Storage {
        /// What the vault was doing.
        message: String,
        /// The underlying database error.
        #[source]
        source: Box<dyn StdError + Send + Sync>,
    },
    /// The policy text is not valid Cedar.
    #[error("invalid policies: {0}")]
    Policy(String),
    /// A value given to the vault is not acceptable (an empty provider, a bad URL, ...).
    #[error("invalid input: {0}")]
    InvalidInput(String),
    /// The OAuth authorization flow of [`connect`](crate::connect) did not end in a token: the
    /// browser did not come back in time, the provider refused the consent or the code
    /// exchange, or its token endpoint could not be reached.
    #[error("authorization failed: {0}")]
    Authorization(String),
    /// The named record does not exist.
    #[error("not found: {0}")]
    NotFound(String),
    /// The server could not listen on its address (in use, or not this machine's).
    #[error("cannot listen on {address}")]
    Bind {
        /// The address asked for.
        address: std::net::SocketAddr,
        /// Why the operating system refused.
        #[source]
        source: std::io::Error,
    },
    /// The server stopped with an I/O error, or a loopback listener could not be opened.
    #[error("server error: {0}")]
    Io(#[from] std::io::Error),
    /// A background task failed before it could answer.
    #[error("background task failed: {0}")]
    Task(String),
}

impl Error {
    pub(crate) fn storage(
        message: impl Into<String>,
        source: impl StdError + Send + Sync + 'static,
    ) -> Self {
        Error::Storage {
            message: message.into(),
            source: Box::new(source),
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(source: rusqlite::Error) -> Self {
        Error::storage("database query failed", source)
    }
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
