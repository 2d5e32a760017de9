//! Writing the method: a `static` description of the endpoint, a chain of calls
//! that hands each argument to the runtime, and a `Send` future.
//!
//! The request logic lives in the runtime; every endpoint expands to the same
//! few lines, so a thousand endpoints cost little to compile.

use crate::args::Arg;
use crate::check::{Plan, Use};
use crate::options::Options;
use crate::signature::Output;
use crate::template::{Part, Template};
use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{GenericParam, Ident, Path, Signature, TraitItemFn, Type, parse_quote};

/// Everything the expansion of one endpoint needs, already checked.
pub(crate) struct Endpoint<'a> {
    /// The method, role attributes already removed from its arguments.
    pub(crate) item: TraitItemFn,
    pub(crate) options: &'a Options,
    pub(crate) template: &'a Template,
    pub(crate) args: &'a [Arg],
    pub(crate) plan: &'a Plan,
    pub(crate) output: &'a Output,
    /// The name used in traces, such as `Crm::contact`.
    pub(crate) name: String,
    /// Type and const parameters of the enclosing trait, when known.
    pub(crate) trait_params: &'a [TokenStream],
}

/// The path to the runtime: `crate = ...`, else `::alter_sdk`.
pub(crate) fn krate(options: &Options) -> Path {
    options
        .krate
        .clone()
        .unwrap_or_else(|| parse_quote!(::alter_sdk))
}

/// The finished trait method.
pub(crate) fn method(endpoint: Endpoint<'_>) -> TokenStream {
    let krate = krate(endpoint.options);
    let mut item = endpoint.item.clone();
    let captures = captures(endpoint.trait_params, &item.sig);
    item.sig = future_signature(item.sig, &endpoint.output.ty, Some(&captures));
    item.sig
        .generics
        .make_where_clause()
        .predicates
        .push(parse_quote! {
            Self: #krate::__private::VaultHandle
        });
    let statics = endpoint_static(&endpoint, &krate);
    let calls = calls(&endpoint, &krate);
    let send = send(endpoint.output, &local("__call", endpoint.args));
    // `?` turns the SDK's error into the caller's; a failure is reported at the return type
    let received = quote_spanned!(endpoint.output.result=> (#send)?);
    let TraitItemFn { attrs, sig, .. } = item;
    quote! {
        #(#attrs)*
        #[allow(clippy::needless_question_mark)] // `?` converts into the caller's error type
        #sig {
            #statics
            #calls
            async move { ::core::result::Result::Ok(#received) }
        }
    }
}

/// `sig` without `async`, returning `impl Future<Output = #output> + Send [+ use<..>]`.
pub(crate) fn future_signature(
    mut sig: Signature,
    output: &Type,
    captures: Option<&[TokenStream]>,
) -> Signature {
    sig.asyncness = None;
    let precise = captures.map(|list| quote!(+ use<#(#list),*>));
    sig.output = parse_quote! {
        -> impl ::core::future::Future<Output = #output> + ::core::marker::Send #precise
    };
    sig
}

/// `Self`, the trait's parameters and the method's type and const parameters: the
/// future borrows nothing else (none of the method's lifetimes).
pub(crate) fn captures(trait_params: &[TokenStream], sig: &Signature) -> Vec<TokenStream> {
    let own = sig.generics.params.iter().filter_map(|param| match param {
        GenericParam::Type(param) => Some(param.ident.to_token_stream()),
        GenericParam::Const(param) => Some(param.ident.to_token_stream()),
        GenericParam::Lifetime(_) => None,
    });
    std::iter::once(quote!(Self))
        .chain(trait_params.iter().cloned())
        .chain(own)
        .collect()
}

fn endpoint_static(endpoint: &Endpoint<'_>, krate: &Path) -> TokenStream {
    let options = endpoint.options;
    let name = &endpoint.name;
    let provider = &options.provider;
    let method = &options.method;
    let base_url = optional(options.base_url.as_ref().map(|url| quote!(#url)));
    let path = path_parts(endpoint.template, krate);
    let headers = options
        .headers
        .iter()
        .map(|(name, value)| quote!((#name, #value)));
    let timeout = optional(options.timeout.map(|millis| {
        let millis = proc_macro2::Literal::u64_unsuffixed(millis);
        quote!(::core::time::Duration::from_millis(#millis))
    }));
    let reason = optional(options.reason.as_ref().map(|reason| quote!(#reason)));
    let check = optional(options.check.as_ref().map(|check| quote!(#check)));
    let endpoint = local("__endpoint", endpoint.args);
    // the `static` sits in its own block, where no argument is named
    quote! {
        let #endpoint: &'static #krate::__private::Endpoint = {
            static __ENDPOINT: #krate::__private::Endpoint = #krate::__private::Endpoint {
                name: #name,
                provider: #provider,
                method: #krate::__private::Method::#method,
                base_url: #base_url,
                path: &[#(#path),*],
                headers: &[#(#headers),*],
                timeout: #timeout,
                reason: #reason,
                check: #check,
            };
            &__ENDPOINT
        };
    }
}

fn optional(value: Option<TokenStream>) -> TokenStream {
    match value {
        Some(value) => quote!(::core::option::Option::Some(#value)),
        None => quote!(::core::option::Option::None),
    }
}

fn path_parts(template: &Template, krate: &Path) -> Vec<TokenStream> {
    let mut index = 0usize;
    let mut parts = Vec::new();
    for part in &template.parts {
        parts.push(match part {
            Part::Literal(text) => quote!(#krate::__private::PathPart::Literal(#text)),
            Part::Placeholder(placeholder) => {
                let kind = if placeholder.rest {
                    quote!(Rest)
                } else {
                    quote!(Segment)
                };
                let position = proc_macro2::Literal::usize_unsuffixed(index);
                let name = &placeholder.name;
                index += 1;
                quote!(#krate::__private::PathPart::#kind { index: #position, name: #name })
            }
        });
    }
    parts
}

/// The name of a generated local, lengthened until no argument has it, so that
/// neither shadows the other. (A hygienic name would do the same, but would split
/// the compiler's errors about the response type in two.)
fn local(name: &str, args: &[Arg]) -> Ident {
    let mut name = name.to_owned();
    while args.iter().any(|arg| arg.ident == name.as_str()) {
        name.push('_');
    }
    Ident::new(&name, Span::call_site())
}

/// `let __call = Call::new(..).path(..)...;`, then one `let` per argument from the
/// first `#[cfg]`-gated one on, so that each can carry its `#[cfg]`.
fn calls(endpoint: &Endpoint<'_>, krate: &Path) -> TokenStream {
    let plan = endpoint.plan;
    let args = endpoint.args;
    let endpoint_local = local("__endpoint", args);
    let local = local("__call", args);
    let user = plan.user.map(|index| value(&args[index]));
    let paths = plan.path.iter().map(|&index| {
        let value = value(&args[index]);
        quote!(.path(#value))
    });
    let split = plan
        .values
        .iter()
        .position(|(index, _)| !args[*index].cfgs.is_empty());
    let (chained, gated) = plan.values.split_at(split.unwrap_or(plan.values.len()));
    let chained = chained
        .iter()
        .map(|(index, use_)| call(&args[*index], use_));
    let gated = gated.iter().map(|(index, use_)| {
        let cfgs = &args[*index].cfgs;
        let call = call(&args[*index], use_);
        quote! { #(#cfgs)* let #local = #local #call; }
    });
    quote! {
        let #local = #krate::__private::Call::new(self, #endpoint_local, #user)
            #(#paths)* #(#chained)*;
        #(#gated)*
    }
}

fn call(arg: &Arg, use_: &Use) -> TokenStream {
    let value = value(arg);
    match use_ {
        Use::Query(name) => quote!(.query(#name, #value)),
        Use::QueryAll => quote!(.query_all(#value)),
        Use::Header(name) => quote!(.header(#name, #value)),
        Use::Body => quote!(.body(#value)),
    }
}

/// The argument as a reference: as written when it already is one. The `&` takes
/// the argument's span, so that a trait the type lacks is reported at the argument.
fn value(arg: &Arg) -> TokenStream {
    let ident = &arg.ident;
    match crate::args::peel(&arg.ty) {
        Type::Reference(_) => quote!(#ident),
        _ => quote_spanned!(ident.span()=> &#ident),
    }
}

/// Spanned at the response type, so that a type the runtime cannot read is
/// reported there, once.
fn send(output: &Output, local: &Ident) -> TokenStream {
    match &output.response {
        Some(ty) => {
            let span = ty.span();
            let local = Ident::new(&local.to_string(), span);
            let ty = located_at(ty.to_token_stream(), span);
            quote_spanned!(span=> #local.send::<#ty>().await)
        }
        None => quote!(#local.send_unit().await),
    }
}

/// `tokens` shown at `span` (their name resolution unchanged). The compiler reports
/// a bound the call and its type argument both need once per distinct span: with
/// `Vec<Model>` at its own place and the call at `Vec`, it would be reported twice.
fn located_at(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut tree| {
            if let proc_macro2::TokenTree::Group(group) = &tree {
                let inner = located_at(group.stream(), span);
                let mut group = proc_macro2::Group::new(group.delimiter(), inner);
                group.set_span(group.span().located_at(span));
                tree = group.into();
            }
            tree.set_span(tree.span().located_at(span));
            tree
        })
        .collect()
}
