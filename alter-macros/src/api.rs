//! `#[vault_api(...)]` on a trait: defaults for every `#[vault_endpoint]` inside it.
//!
//! The trait attribute runs before the attributes of its methods, so it expands
//! those methods itself, knowing the trait's name and generic parameters.

use crate::endpoint::{self, Context, is_endpoint};
use crate::errors::Errors;
use crate::options::{self, Level};
use proc_macro2::TokenStream;
use quote::{ToTokens, quote};
use syn::{Attribute, GenericParam, ItemTrait, Meta, TraitItem};

/// Expands `#[vault_api(attr)]` on `item`.
pub(crate) fn expand(attr: TokenStream, item: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    let defaults = options::parse(attr, Level::Trait, &mut errors);
    let mut item_trait = match syn::parse2::<ItemTrait>(item.clone()) {
        Ok(item_trait) => item_trait,
        Err(_) => {
            errors.at(
                proc_macro2::Span::call_site(),
                "`#[vault_api]` goes on a trait",
            );
            let errors = errors.to_compile_errors();
            return quote!(#errors #item);
        }
    };
    let mut context = Context {
        defaults,
        trait_name: Some(item_trait.ident.clone()),
        trait_params: trait_params(&item_trait),
        blame: TokenStream::new(),
    };
    for trait_item in &mut item_trait.items {
        let TraitItem::Fn(method) = trait_item else {
            continue;
        };
        let Some(position) = method.attrs.iter().position(is_endpoint) else {
            continue;
        };
        let attr = method.attrs.remove(position);
        context.blame = attr.to_token_stream();
        let mut method_errors = Errors::default();
        let options = options::parse(attr_tokens(&attr), Level::Method, &mut method_errors);
        let expanded = endpoint::method(method.clone(), options, &context, method_errors);
        *trait_item = TraitItem::Verbatim(expanded);
    }
    let errors = errors.to_compile_errors();
    let item_trait = item_trait.into_token_stream();
    quote!(#errors #item_trait)
}

fn attr_tokens(attr: &Attribute) -> TokenStream {
    match &attr.meta {
        Meta::List(list) => list.tokens.clone(),
        _ => TokenStream::new(),
    }
}

/// Every generic parameter of the trait, as `use<..>` names it: a returned future
/// captures all of them.
fn trait_params(item_trait: &ItemTrait) -> Vec<TokenStream> {
    let params = item_trait.generics.params.iter();
    params
        .map(|param| match param {
            GenericParam::Type(param) => param.ident.to_token_stream(),
            GenericParam::Const(param) => param.ident.to_token_stream(),
            GenericParam::Lifetime(param) => param.lifetime.to_token_stream(),
        })
        .collect()
}
