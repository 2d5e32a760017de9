//! Gathering every independent mistake so one build reports them all.

use proc_macro2::{Span, TokenStream};
use std::fmt::Display;

/// The mistakes found so far in one attribute and its item.
#[derive(Default)]
pub(crate) struct Errors {
    list: Vec<syn::Error>,
}

impl Errors {
    /// Records a mistake spanned at `span`.
    pub(crate) fn at(&mut self, span: Span, message: impl Display) {
        self.list.push(syn::Error::new(span, message));
    }

    /// Records a mistake spanned over the tokens of `node`.
    pub(crate) fn spanned(
        &mut self,
        node: &(impl quote::ToTokens + ?Sized),
        message: impl Display,
    ) {
        self.list.push(syn::Error::new_spanned(node, message));
    }

    /// Records an error produced by syn's parser.
    pub(crate) fn push(&mut self, error: syn::Error) {
        self.list.push(error);
    }

    /// Whether no mistake was recorded.
    pub(crate) fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// All mistakes as `compile_error!` invocations.
    pub(crate) fn to_compile_errors(&self) -> TokenStream {
        self.list.iter().map(syn::Error::to_compile_error).collect()
    }

    /// All mistakes as `compile_error!` invocations that exist only where the
    /// method does: each carries the method's `#[cfg]` attributes.
    pub(crate) fn to_compile_errors_under(&self, cfgs: &[&syn::Attribute]) -> TokenStream {
        let errors = self.list.iter().map(syn::Error::to_compile_error);
        errors
            .map(|error| quote::quote!(#(#cfgs)* #error))
            .collect()
    }
}

/// The closest candidate to `wanted`, when one is close enough to suggest.
pub(crate) fn closest<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(wanted, candidate), candidate))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// `"; did you mean `x`?"` when a close candidate exists, else nothing.
pub(crate) fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> String {
    match closest(wanted, candidates) {
        Some(candidate) => format!("; did you mean `{candidate}`?"),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_only_close_names() {
        assert_eq!(
            closest("contact_id", ["contactid", "user"]),
            Some("contactid")
        );
        assert_eq!(closest("owner", ["user", "body"]), None);
        assert_eq!(
            did_you_mean("pth", ["path", "method"]),
            "; did you mean `path`?"
        );
    }
}
