//! What every provider handle shares: the vault it calls through and the page
//! limit of its streams.

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
