//! What the method signature must look like: `async`, `&self`, no body, a `Result`.

use crate::errors::Errors;
use proc_macro2::{Spacing, TokenStream, TokenTree};
use quote::ToTokens;
use syn::{FnArg, GenericArgument, GenericParam, PathArguments, ReturnType, TraitItemFn, Type};

/// What the return type tells the expansion.
pub(crate) struct Output {
    /// The whole return type as written, such as `Result<Contact>`.
    pub(crate) ty: Type,
    /// The success type; `None` for `()`, sent with `send_unit`.
    pub(crate) response: Option<Type>,
    /// The `Result` identifier, where a failed error conversion is reported.
    pub(crate) result: proc_macro2::Span,
}

/// Checks the signature and body of `item`, recording every mistake.
pub(crate) fn check(item: &TraitItemFn, errors: &mut Errors) -> Option<Output> {
    let sig = &item.sig;
    if let Some(block) = &item.default {
        let message = "remove this body; `#[vault_endpoint]` writes the body of the method";
        errors.at(block.brace_token.span.open(), message);
    }
    if sig.asyncness.is_none() {
        let ident = &sig.ident;
        errors.spanned(
            &sig.fn_token,
            format!("endpoint methods are `async`; write `async fn {ident}`"),
        );
    }
    if let Some(token) = &sig.constness {
        errors.spanned(
            token,
            "remove `const`; an endpoint makes a request at run time",
        );
    }
    if let Some(token) = &sig.unsafety {
        errors.spanned(token, "remove `unsafe`; calling an endpoint is safe");
    }
    if let Some(abi) = &sig.abi {
        errors.spanned(abi, "remove the `extern` ABI; endpoints are Rust methods");
    }
    check_receiver(item, errors);
    output(sig, errors)
}

/// Reports and removes defaults of the method's own parameters (`<T = u8>`), which
/// only types and traits may have, so the compiler does not report them again.
pub(crate) fn take_defaults(sig: &mut syn::Signature, errors: &mut Errors) {
    for param in &mut sig.generics.params {
        let (name, default) = match param {
            GenericParam::Type(param) => (
                &param.ident,
                param.default.take().map(|d| d.to_token_stream()),
            ),
            GenericParam::Const(param) => (
                &param.ident,
                param.default.take().map(|d| d.to_token_stream()),
            ),
            GenericParam::Lifetime(_) => continue,
        };
        if let Some(default) = default {
            let message = format!(
                "a method's generic parameter cannot have a default; write `{name}` without \
                 one, or move the parameter to the trait with `#[vault_api]`"
            );
            errors.spanned(&default, message);
        }
    }
}

fn check_receiver(item: &TraitItemFn, errors: &mut Errors) {
    let message = "take the handle as `&self`: the first argument must be `&self`";
    match item.sig.inputs.first() {
        Some(FnArg::Receiver(receiver)) => {
            let shared = matches!(&*receiver.ty, Type::Reference(r) if r.mutability.is_none());
            if !shared {
                errors.spanned(receiver, message);
            }
        }
        _ => {
            let message = "add `&self` as the first argument; the handle gives access to the vault";
            errors.at(item.sig.paren_token.span.open(), message);
        }
    }
}

fn output(sig: &syn::Signature, errors: &mut Errors) -> Option<Output> {
    let ReturnType::Type(_, ty) = &sig.output else {
        let message = "add a return type, like `-> Result<Contact>` (or `-> Result<()>`)";
        errors.at(sig.paren_token.span.close(), message);
        return None;
    };
    let Some((result, success)) = result_success(ty) else {
        let message = "the return type must be a `Result`, like `Result<Contact>`, `Result<()>` \
                       or `Result<Response>`";
        errors.spanned(ty, message);
        return None;
    };
    if let Some(span) = borrowed(success.to_token_stream()) {
        let message = "the response type must own its data (no `&` or lifetime): \
                       the returned future outlives the arguments";
        errors.at(span, message);
        return None;
    }
    let response =
        (!matches!(success, Type::Tuple(t) if t.elems.is_empty())).then(|| success.clone());
    Some(Output {
        ty: (**ty).clone(),
        response,
        result,
    })
}

/// The `Result` span and `T` in `Result<T>` or `Result<T, E>`, whatever path leads
/// to `Result`.
fn result_success(ty: &Type) -> Option<(proc_macro2::Span, &Type)> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last().filter(|s| s.ident == "Result")?;
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first()? {
        GenericArgument::Type(ty) => Some((last.ident.span(), ty)),
        _ => None,
    }
}

/// The span of a `&`, a non-`'static` lifetime or an `impl` in `tokens`.
fn borrowed(tokens: TokenStream) -> Option<proc_macro2::Span> {
    let mut trees = tokens.into_iter().peekable();
    while let Some(tree) = trees.next() {
        let found = match &tree {
            TokenTree::Punct(p) if p.as_char() == '&' => true,
            TokenTree::Punct(p) if p.as_char() == '\'' && p.spacing() == Spacing::Joint => {
                !matches!(trees.peek(), Some(TokenTree::Ident(i)) if i == "static")
            }
            TokenTree::Ident(ident) => ident == "impl",
            TokenTree::Group(group) => match borrowed(group.stream()) {
                Some(span) => return Some(span),
                None => false,
            },
            _ => false,
        };
        if found {
            return Some(tree.span());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn response(item: TokenStream) -> (Option<String>, String) {
        let item: TraitItemFn = syn::parse2(item).unwrap_or_else(|e| panic!("{e}"));
        let mut errors = Errors::default();
        let output = check(&item, &mut errors);
        let response = output.map(|o| {
            o.response
                .map_or("()".into(), |t| t.to_token_stream().to_string())
        });
        (response, errors.to_compile_errors().to_string())
    }

    #[test]
    fn unit_and_typed_responses() {
        let (unit, _) = response(quote!(
            async fn f(&self) -> Result<()>;
        ));
        assert_eq!(unit.as_deref(), Some("()"));
        let (typed, _) = response(quote!(
            async fn f(&self) -> alter_sdk::Result<Vec<Cow<'static, str>>, E>;
        ));
        assert_eq!(typed.as_deref(), Some("Vec < Cow < 'static , str > >"));
    }

    #[test]
    fn borrowed_responses_are_refused() {
        for item in [
            quote!(
                async fn f<'a>(&'a self) -> Result<Cow<'a, str>>;
            ),
            quote!(
                async fn f(&self) -> Result<&str>;
            ),
            quote!(
                async fn f(&self) -> Result<impl Deserialize>;
            ),
        ] {
            let (response, errors) = response(item);
            assert_eq!(response, None);
            assert!(errors.contains("must own its data"), "{errors}");
        }
    }

    #[test]
    fn receivers_other_than_shared_self_are_refused() {
        for item in [
            quote!(
                async fn f(self) -> Result<()>;
            ),
            quote!(
                async fn f(self: Box<Self>) -> Result<()>;
            ),
        ] {
            let (_, errors) = response(item);
            assert!(errors.contains("take the handle as `&self`"), "{errors}");
        }
        let (_, errors) = response(quote!(
            async fn f(self: &Self) -> Result<()>;
        ));
        assert_eq!(errors, "");
    }
}
