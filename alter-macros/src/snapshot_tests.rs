//! Snapshots of formatted expansions of representative endpoints.

use crate::{api, endpoint};
use proc_macro2::TokenStream;
use quote::quote;

/// Formats the output of `#[vault_endpoint]` inside a trait, as it lands.
fn endpoint(attr: TokenStream, item: TokenStream) -> String {
    let expanded = endpoint::expand(attr, item);
    pretty(quote!(trait Crm { #expanded }))
}

fn pretty(tokens: TokenStream) -> String {
    let file = syn::parse2::<syn::File>(tokens.clone());
    file.map_or_else(
        |error| format!("{error}\n{tokens}"),
        |file| prettyplease::unparse(&file),
    )
}

#[test]
fn get_with_a_path_value() {
    insta::assert_snapshot!(endpoint(
        quote!(
            provider = "hubspot",
            method = GET,
            path = "/crm/v3/objects/contacts/<contact_id>"
        ),
        quote! {
            /// One contact.
            async fn contact(&self, user: &User, contact_id: &str) -> Result<Contact>;
        },
    ));
}

#[test]
fn post_with_a_body_and_every_option() {
    insta::assert_snapshot!(endpoint(
        quote!(
            provider = "hubspot",
            method = POST,
            path = "/crm/v3/objects/contacts",
            base_url = "https://api.hubapi.example",
            headers("Accept" = "application/json"),
            timeout = "30s",
            reason = "create a contact",
            check = crate::conventions::ok_field,
            crate = ::my_sdk::alter,
        ),
        quote! {
            async fn create_contact(&self, user: &User, #[body] contact: &NewContact)
                -> Result<Contact>;
        },
    ));
}

#[test]
fn query_header_raw_and_cfg_arguments() {
    insta::assert_snapshot!(endpoint(
        quote!(
            provider = "github",
            method = GET,
            path = "/repos/<owner>/<repo>/issues/<type>"
        ),
        quote! {
            #[cfg(feature = "issues")]
            async fn issues(
                &self,
                #[user] who: &User,
                owner: &str,
                repo: String,
                r#type: u64,
                #[query] state: Option<&str>,
                #[query = "per_page"] limit: u32,
                #[cfg(feature = "labels")]
                #[query]
                labels: &[&str],
                #[query(flatten)] page: &Page,
                #[header] if_none_match: Option<&str>,
            ) -> Result<Vec<Issue>>;
        },
    ));
}

#[test]
fn unit_return_and_a_multi_segment_path() {
    insta::assert_snapshot!(endpoint(
        quote!(
            provider = "github",
            method = DELETE,
            path = "/repos/<owner>/<repo>/contents/<path..>"
        ),
        quote! {
            async fn delete_file(&self, user: &User, owner: &str, repo: &str, path: &str, #[body] change: &Change)
                -> Result<()>;
        },
    ));
}

#[test]
fn trait_defaults_and_generics() {
    let expanded = api::expand(
        quote!(
            provider = "hubspot",
            base_url = "https://api.hubapi.example",
            headers("Accept" = "application/json")
        ),
        quote! {
            /// A CRM.
            pub trait Crm<M: DeserializeOwned> {
                /// Objects of any kind.
                #[vault_endpoint(method = GET, path = "/crm/v3/objects/<kind>", headers("Accept" = "text/plain"))]
                async fn objects<'a, Q: Serialize>(&'a self, user: &'a User, kind: &str, #[query(flatten)] filter: &Q)
                    -> Result<M>
                where
                    Q: Sync;

                /// Not an endpoint.
                fn plain(&self) -> u32 { 1 }
            }
        },
    );
    insta::assert_snapshot!(pretty(expanded));
}

#[test]
fn a_mistake_leaves_a_stand_in_method() {
    insta::assert_snapshot!(endpoint(
        quote!(
            provider = "hubspot",
            method = GET,
            path = "/contacts/<contact_id>"
        ),
        quote! {
            async fn contact(&self, user: &User, contactid: &str) -> Result<Contact>;
        },
    ));
}

#[test]
fn arguments_named_like_the_generated_locals() {
    insta::assert_snapshot!(endpoint(
        quote!(provider = "hubspot", method = GET, path = "/a/<__call>"),
        quote! {
            async fn a(&self, #[user] __endpoint: &User, __call: &str, #[query] __call_: u8)
                -> Result<Contact>;
        },
    ));
}
