//! Provider handles: how the vault reaches them (`vault.google()` and
//! friends) and what every handle shares, the vault it calls through and the
//! page limit of its streams.

use alter_runtime::AlterVault;

use crate::github::Github;
use crate::google::Google;
use crate::microsoft::Microsoft;
use crate::notion::Notion;
use crate::salesforce::Salesforce;
use crate::sentry::Sentry;
use crate::slack::Slack;

/// Reaches each provider's handle from the vault: `vault.google()`, ...
///
/// A handle is a cheap clone of the vault plus the provider's settings; make
/// one per use or keep one around.
pub trait VaultProviders {
    /// Google Calendar, Gmail and Drive.
    fn google(&self) -> Google;
    /// The GitHub REST API.
    fn github(&self) -> Github;
    /// The Slack Web API.
    fn slack(&self) -> Slack;
    /// Microsoft Graph v1.0.
    fn microsoft(&self) -> Microsoft;
    /// The Salesforce REST API of the organization at `instance_url`.
    fn salesforce(&self, instance_url: &str) -> Salesforce;
    /// The Sentry web API.
    fn sentry(&self) -> Sentry;
    /// The Notion API.
    fn notion(&self) -> Notion;
}

impl VaultProviders for AlterVault {
    fn google(&self) -> Google {
        Google::new(self.clone())
    }

    fn github(&self) -> Github {
        Github::new(self.clone())
    }

    fn slack(&self) -> Slack {
        Slack::new(self.clone())
    }

    fn microsoft(&self) -> Microsoft {
        Microsoft::new(self.clone())
    }

    fn salesforce(&self, instance_url: &str) -> Salesforce {
        Salesforce::new(self.clone(), instance_url)
    }

    fn sentry(&self) -> Sentry {
        Sentry::new(self.clone())
    }

    fn notion(&self) -> Notion {
        Notion::new(self.clone())
    }
}

/// Implements `VaultHandle` and `Paged` for a handle struct with the fields
/// `vault: AlterVault` and `page_limit: usize`, plus its page-limit setter.
macro_rules! handle_basics {
    ($handle:ident) => {
        impl $handle {
            /// Sets the most pages one stream fetches before failing
            /// (default [`DEFAULT_PAGE_LIMIT`](crate::DEFAULT_PAGE_LIMIT)).
            pub fn with_page_limit(mut self, limit: usize) -> Self {
                self.page_limit = limit;
                self
            }
        }

        impl ::alter_runtime::VaultHandle for $handle {
            fn vault(&self) -> &::alter_runtime::AlterVault {
                &self.vault
            }

            fn configure(&self, call: &mut ::alter_runtime::CallOptions) {
                self.configure_call(call);
            }
        }

        impl $crate::paginate::Paged for $handle {
            fn page_limit(&self) -> usize {
                self.page_limit
            }
        }
    };
}

pub(crate) use handle_basics;
