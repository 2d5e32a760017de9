//! Call third-party APIs on behalf of your users through the Alter Vault token vault.

pub use alter_macros::{vault_api, vault_endpoint};
pub use alter_providers as providers;
pub use alter_runtime::*;

/// The names most programs need: `use alter_sdk::prelude::*;`.
pub mod prelude {
    pub use alter_macros::{vault_api, vault_endpoint};
    pub use alter_providers::prelude::*;
    pub use alter_runtime::prelude::*;
}
