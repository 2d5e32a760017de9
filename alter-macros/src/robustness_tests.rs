//! The attributes never panic, whatever they are given: a panic in a proc macro
//! reaches the user as an internal-compiler-style error with no span.

use crate::{api, endpoint};
use proc_macro2::TokenStream;

fn tokens(text: &str) -> TokenStream {
    text.parse()
        .unwrap_or_else(|error| panic!("test input {text:?}: {error}"))
}

const ATTRS: &[&str] = &[
    "",
    ",",
    "provider",
    "provider =",
    "provider = \"\"",
    "provider = \"GitHub\", method = get, path = \"\"",
    "provider = \"x\", method = G::ET, path = \"<\"",
    "provider = \"x\", method = \"\", path = \"<<>>\"",
    "provider = \"x\", method = GET, path = \"/<..>/<r#>/<é>/<a>>/<\"",
    "provider = \"x\", method = GET, path = \"/<a..>/<a..>/>\"",
    "provider = \"x\", method = GET, path = \"/é/<ü>/<a b>/<r#type..>\"",
    "provider = \"x\", method = GET, path = \"/a\", timeout = \"18446744073709551615m\"",
    "provider = \"x\", method = GET, path = \"/a\", timeout = \"ms\", reason = 1",
    "provider = \"x\", method = GET, path = \"/a\", headers(), headers(\"a\")",
    "provider = \"x\", method = GET, path = \"/a\", headers(\"\" = \"\", \"é\" = \"\\n\")",
    "provider = \"x\", method = GET, path = \"/a\", base_url = \"\", check = 1, crate = \"\"",
    "r#type = y, r#match = z, 1 = 2, (a), [b]",
];

const ITEMS: &[&str] = &[
    "",
    "fn",
    "struct S;",
    "fn f() {}",
    "async fn f();",
    "async fn f(&self) -> Result;",
    "async fn f(&self) -> Result<>;",
    "async fn f(&self) -> Result<'a>;",
    "async fn f(&self) -> Result<&'static str>;",
    "async fn f(self: Box<Self>, (a, b): (u8, u8), _: u8, mut c: u8) -> Result<()>;",
    "async fn f(&self, #[user] #[query] #[path = 1] #[header(x)] #[body = 2] u: User) -> Result<()>;",
    "async fn f(&self, #[usr] u: &User, #[query(flatten, x)] q: Q, #[query = \"\"] a: u8) -> Result<()>;",
    "async fn f<'a, T: 'a, const N: usize>(&'a mut self, user: &'a User, a: impl X) -> Result<T> where T: X;",
    "const unsafe extern \"C\" fn f(&self, user: &User) -> Vec<u8> { 1 }",
    "#[vault_endpoint] #[vault_endpoint()] async fn f(&self, user: &User) -> Result<()>;",
];

#[test]
fn no_input_makes_vault_endpoint_panic() {
    for attr in ATTRS {
        for item in ITEMS {
            let _ = endpoint::expand(tokens(attr), tokens(item));
        }
    }
}

#[test]
fn no_input_makes_vault_api_panic() {
    for attr in ATTRS {
        for item in ITEMS {
            let item = format!("trait T<'a, U = u8> {{ #[vault_endpoint({attr})] {item} }}");
            let _ = api::expand(tokens(attr), tokens(&item));
            let _ = api::expand(tokens(attr), tokens(item.trim_start_matches("trait T")));
        }
    }
}
