//! The pipeline for one method: parse, check, then expand, or on a mistake emit the
//! errors beside a stand-in method so the rest of the trait stays usable.

use crate::errors::Errors;
use crate::expand::{self, Endpoint};
use crate::options::{self, Level, Options};
use crate::{args, check, signature, template};
use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote};
use syn::{Attribute, FnArg, Ident, ReturnType, TraitItemFn, Type, parse_quote};

/// What the enclosing attribute or trait contributes.
pub(crate) struct Context {
    /// Options of `#[vault_api]`, filling what the method leaves out.
    pub(crate) defaults: Options,
    /// The trait's name, when known, for the endpoint's trace name.
    pub(crate) trait_name: Option<Ident>,
    /// Generic parameters of the trait, when known.
    pub(crate) trait_params: Vec<TokenStream>,
    /// Where to report a missing option: the `#[vault_endpoint]` attribute
    /// (no tokens: the attribute being expanded).
    pub(crate) blame: TokenStream,
}

/// `#[vault_endpoint(...)]` used on its own.
pub(crate) fn expand(attr: TokenStream, item: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    let options = options::parse(attr, Level::Method, &mut errors);
    let context = Context {
        defaults: Options::default(),
        trait_name: None,
        trait_params: Vec::new(),
        blame: TokenStream::new(),
    };
    match syn::parse2::<TraitItemFn>(item.clone()) {
        Ok(item) => method(item, options, &context, errors),
        Err(_) => {
            let message = "`#[vault_endpoint]` goes on a trait method without a body, like \
                           `async fn contact(&self, user: &User, id: &str) -> Result<Contact>;`";
            errors.at(Span::call_site(), message);
            let errors = errors.to_compile_errors();
            quote!(#errors #item)
        }
    }
}

/// Expands one endpoint method; `errors` holds mistakes already found in its options.
pub(crate) fn method(
    mut item: TraitItemFn,
    options: Options,
    context: &Context,
    mut errors: Errors,
) -> TokenStream {
    let options = options.or_defaults(&context.defaults);
    repeated_attribute(&mut item, &mut errors);
    signature::take_defaults(&mut item.sig, &mut errors);
    let output = signature::check(&item, &mut errors);
    let args = args::parse(&mut item.sig, &mut errors);
    let template = options
        .path
        .as_ref()
        .map(|lit| template::parse(lit, &mut errors));
    missing(&options, &context.blame, &mut errors);
    let method = options.method.as_ref();
    let plan = check::bind(
        &args,
        template.as_ref(),
        method,
        &item.sig.ident,
        &mut errors,
    );

    let complete = options.provider.is_some() && options.method.is_some() && errors.is_empty();
    let (Some(output), Some(template), true) = (&output, &template, complete) else {
        // a method under `#[cfg]` inside `#[vault_api]` is seen before the `#[cfg]` is
        // evaluated; its mistakes count only in builds that have it
        let cfgs: Vec<_> = item
            .attrs
            .iter()
            .filter(|a| a.path().is_ident("cfg"))
            .collect();
        let errors = errors.to_compile_errors_under(&cfgs);
        let stand_in = stand_in(item, output.map(|output| output.ty), context);
        return quote!(#errors #stand_in);
    };
    let name = match &context.trait_name {
        Some(trait_name) => format!("{trait_name}::{}", item.sig.ident),
        None => item.sig.ident.to_string(),
    };
    expand::method(Endpoint {
        item,
        options: &options,
        template,
        args: &args,
        plan: &plan,
        output,
        name,
        trait_params: &context.trait_params,
    })
}

/// Whether `attr` is `#[vault_endpoint]`, however its path is written.
pub(crate) fn is_endpoint(attr: &Attribute) -> bool {
    let last = attr.path().segments.last();
    last.is_some_and(|segment| segment.ident == "vault_endpoint")
}

fn repeated_attribute(item: &mut TraitItemFn, errors: &mut Errors) {
    item.attrs.retain(|attr| {
        if is_endpoint(attr) {
            errors.spanned(
                attr,
                "`#[vault_endpoint]` is given twice on this method; keep one",
            );
        }
        !is_endpoint(attr)
    });
}

fn missing(options: &Options, blame: &TokenStream, errors: &mut Errors) {
    let required = [
        (
            "provider",
            options.provider.is_none(),
            "provider = \"github\"",
        ),
        ("method", options.method.is_none(), "method = GET"),
        ("path", options.path.is_none(), "path = \"/users/<login>\""),
    ];
    for (name, absent, example) in required {
        if absent && !options.seen.iter().any(|seen| seen == name) {
            errors.spanned(
                blame,
                format!("missing `{name}`; add `{example}` to the attribute"),
            );
        }
    }
}

/// A method with the same signature as the finished one, whose future never
/// resolves: callers and implementors keep compiling while the errors are fixed.
fn stand_in(mut item: TraitItemFn, output: Option<Type>, context: &Context) -> TokenStream {
    if item.default.is_some() {
        return quote!(#[allow(unused_variables)] #item);
    }
    // a valid return type owns its data, so the future borrows no argument, as the
    // finished method's does; otherwise it may borrow, or its callers get new errors
    // (an `impl Trait` argument, already reported, cannot be named in `use<..>`)
    let impl_argument = crate::args::find_token(
        item.sig.inputs.to_token_stream(),
        &|tree| matches!(tree, proc_macro2::TokenTree::Ident(ident) if ident == "impl"),
    );
    let captures = (output.is_some() && impl_argument.is_none())
        .then(|| expand::captures(&context.trait_params, &item.sig));
    // the type as written, even when it is not a `Result`, is what callers expect
    let written = match &item.sig.output {
        ReturnType::Type(_, ty) => Some((**ty).clone()),
        ReturnType::Default => None,
    };
    let output = output.or(written).unwrap_or_else(|| parse_quote!(()));
    // a missing `&self` is reported; callers already write `handle.method(..)`
    if !matches!(item.sig.inputs.first(), Some(FnArg::Receiver(_))) {
        item.sig.inputs.insert(0, parse_quote!(&self));
    }
    item.sig = expand::future_signature(item.sig, &output, captures.as_deref());
    let TraitItemFn { attrs, sig, .. } = item;
    quote! {
        #(#attrs)*
        #[allow(unused_variables)]
        #sig {
            ::core::future::pending()
        }
    }
}
