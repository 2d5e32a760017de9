//! The `#[vault_endpoint]` and `#[vault_api]` attributes of `alter-sdk`.

mod api;
mod args;
mod check;
mod endpoint;
mod errors;
mod expand;
mod options;
mod signature;
mod template;

#[cfg(test)]
mod snapshot_tests;

use proc_macro::TokenStream;

/// Turns a trait method without a body into a typed call through the vault.
#[proc_macro_attribute]
pub fn vault_endpoint(attr: TokenStream, item: TokenStream) -> TokenStream {
    endpoint::expand(attr.into(), item.into()).into()
}

/// Gives defaults to every `#[vault_endpoint]` method of a trait.
#[proc_macro_attribute]
pub fn vault_api(attr: TokenStream, item: TokenStream) -> TokenStream {
    api::expand(attr.into(), item.into()).into()
}
