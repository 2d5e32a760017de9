//! The arguments of an endpoint method and the role each one plays.
//!
//! Role attributes (`#[user]`, `#[path]`, `#[query]`, `#[body]`, `#[header]`) are read
//! here and removed from the signature; every other attribute (`#[cfg]` included)
//! stays where the user wrote it.

use crate::errors::{Errors, closest};
use proc_macro2::{Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::{Attribute, FnArg, Ident, LitStr, Meta, Pat, Signature, Type};

/// One typed argument (not the receiver), kept with its tokens.
pub(crate) struct Arg {
    /// The name as written, `r#type` included.
    pub(crate) ident: Ident,
    /// The name without `r#`, used to match placeholders and name query values.
    pub(crate) name: String,
    pub(crate) ty: Type,
    pub(crate) role: Role,
    /// `#[cfg(...)]` attributes: the argument may not exist in every build.
    pub(crate) cfgs: Vec<Attribute>,
}

/// The role an argument was given by its attribute or its type.
#[derive(Clone)]
pub(crate) enum Role {
    /// No attribute: a path value when a placeholder has its name.
    Unmarked,
    /// The end user the call acts for (`&User` or `#[user]`).
    User(TokenStream),
    /// `#[path]` or `#[path = "placeholder"]`.
    Path(TokenStream, Option<LitStr>),
    /// `#[query]` or `#[query = "name"]`.
    Query(Option<LitStr>),
    /// `#[query(flatten)]`: a `Serialize` struct of query values.
    QueryAll,
    /// `#[body]`: the JSON body.
    Body(TokenStream),
    /// A malformed or misspelt role attribute, already reported.
    Invalid,
    /// `#[header]` or `#[header = "Name"]`.
    Header(Option<LitStr>),
}

const ROLES: &[&str] = &["user", "path", "query", "body", "header"];
const BUILTIN: &[&str] = &[
    "cfg", "cfg_attr", "allow", "warn", "deny", "forbid", "expect", "doc",
];

/// Reads the arguments of `sig`, removing role attributes from it.
pub(crate) fn parse(sig: &mut Signature, errors: &mut Errors) -> Vec<Arg> {
    let mut args = Vec::new();
    for input in sig.inputs.iter_mut() {
        let FnArg::Typed(typed) = input else { continue };
        let role = take_role(&mut typed.attrs, errors);
        let Some(ident) = plain_name(&typed.pat, errors) else {
            continue;
        };
        reject_impl_trait(&typed.ty, errors);
        let role = match role {
            Role::Unmarked if is_user_type(&typed.ty) => Role::User(typed.ty.to_token_stream()),
            role => role,
        };
        let cfgs = typed
            .attrs
            .iter()
            .filter(|a| a.path().is_ident("cfg"))
            .cloned()
            .collect();
        let name = ident.unraw().to_string();
        args.push(Arg {
            ident,
            name,
            ty: (*typed.ty).clone(),
            role,
            cfgs,
        });
    }
    args
}

fn plain_name(pat: &Pat, errors: &mut Errors) -> Option<Ident> {
    match pat {
        Pat::Ident(pat) if pat.subpat.is_none() => Some(pat.ident.clone()),
        _ => {
            errors.spanned(
                pat,
                "give this argument a plain name; the attribute passes arguments by name",
            );
            None
        }
    }
}

fn reject_impl_trait(ty: &Type, errors: &mut Errors) {
    let found = find_token(
        ty.to_token_stream(),
        &|tree| matches!(tree, TokenTree::Ident(ident) if ident == "impl"),
    );
    if let Some(span) = found {
        let message = "`impl Trait` arguments are not supported on endpoints; \
                       declare a type parameter instead: `fn name<V: Trait>(.., value: V)`";
        errors.at(span, message);
    }
}

/// The span of the first token (searched through groups) that `test` accepts.
pub(crate) fn find_token(
    tokens: proc_macro2::TokenStream,
    test: &dyn Fn(&TokenTree) -> bool,
) -> Option<Span> {
    tokens.into_iter().find_map(|tree| match &tree {
        TokenTree::Group(group) => find_token(group.stream(), test),
        _ => test(&tree).then(|| tree.span()),
    })
}

/// `ty` seen through parentheses and the invisible group a `macro_rules!` `$ty:ty`
/// fragment arrives in.
pub(crate) fn peel(mut ty: &Type) -> &Type {
    while let Type::Group(syn::TypeGroup { elem, .. }) | Type::Paren(syn::TypeParen { elem, .. }) =
        ty
    {
        ty = elem;
    }
    ty
}

/// `&User` or `User`, however the path to `User` is written.
fn is_user_type(ty: &Type) -> bool {
    let ty = match peel(ty) {
        Type::Reference(reference) => &reference.elem,
        _ => ty,
    };
    let Type::Path(path) = peel(ty) else {
        return false;
    };
    let last = path.path.segments.last();
    last.is_some_and(|segment| segment.ident == "User" && segment.arguments.is_none())
}

fn take_role(attrs: &mut Vec<Attribute>, errors: &mut Errors) -> Role {
    let mut role = Role::Unmarked;
    let mut first: Option<String> = None;
    attrs.retain(|attr| {
        let Some(name) = role_name(attr, errors) else {
            return true;
        };
        let parsed = read_role(attr, &name, errors);
        match &first {
            Some(previous) => {
                let message =
                    format!("this argument already has the role `#[{previous}]`; keep one");
                errors.spanned(attr, message);
            }
            None => {
                first = Some(name);
                role = parsed.unwrap_or(Role::Invalid);
            }
        }
        false
    });
    role
}

/// The role this attribute names; near misses are reported and treated as roles.
fn role_name(attr: &Attribute, errors: &mut Errors) -> Option<String> {
    let ident = attr.path().get_ident()?;
    let name = ident.to_string();
    if ROLES.contains(&name.as_str()) {
        return Some(name);
    }
    if BUILTIN.contains(&name.as_str()) {
        return None;
    }
    let suggestion = closest(&name, ROLES.iter().copied())?;
    errors.spanned(
        ident,
        format!("unknown argument attribute `#[{name}]`; did you mean `#[{suggestion}]`?"),
    );
    Some(String::from("unknown"))
}

fn read_role(attr: &Attribute, name: &str, errors: &mut Errors) -> Option<Role> {
    let span = attr.to_token_stream();
    let role = match (name, &attr.meta) {
        ("user", Meta::Path(_)) => Role::User(span),
        ("body", Meta::Path(_)) => Role::Body(span),
        ("path", Meta::Path(_)) => Role::Path(span, None),
        ("path", Meta::NameValue(_)) => Role::Path(span, Some(string_value(attr, errors)?)),
        ("query", Meta::Path(_)) => Role::Query(None),
        ("query", Meta::NameValue(_)) => Role::Query(Some(string_value(attr, errors)?)),
        ("query", Meta::List(list)) if list.tokens.to_string() == "flatten" => Role::QueryAll,
        ("header", Meta::Path(_)) => Role::Header(None),
        ("header", Meta::NameValue(_)) => Role::Header(Some(string_value(attr, errors)?)),
        ("unknown", _) => Role::Invalid,
        _ => {
            errors.spanned(attr, usage(name));
            Role::Invalid
        }
    };
    Some(role)
}

fn string_value(attr: &Attribute, errors: &mut Errors) -> Option<LitStr> {
    let mut value = attr.meta.require_name_value().ok().map(|meta| &meta.value);
    while let Some(syn::Expr::Group(group)) = value {
        value = Some(&group.expr);
    }
    if let Some(syn::Expr::Lit(syn::ExprLit {
        lit: syn::Lit::Str(lit),
        ..
    })) = value
    {
        return Some(lit.clone());
    }
    let name = attr
        .path()
        .get_ident()
        .map(ToString::to_string)
        .unwrap_or_default();
    errors.spanned(attr, usage(&name));
    None
}

fn usage(name: &str) -> String {
    match name {
        "path" => "write `#[path]` or `#[path = \"placeholder\"]`".into(),
        "query" => "write `#[query]`, `#[query = \"name\"]` or `#[query(flatten)]`".into(),
        "header" => "write `#[header]` or `#[header = \"Header-Name\"]`".into(),
        other => format!("write `#[{other}]` with nothing after it"),
    }
}

/// The header name of a `#[header]` argument without an explicit name: `if_match` → `if-match`.
pub(crate) fn header_name_from(arg_name: &str) -> String {
    arg_name.replace('_', "-")
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    fn roles(sig: Signature) -> (Vec<String>, String) {
        let mut sig = sig;
        let mut errors = Errors::default();
        let args = parse(&mut sig, &mut errors);
        let described = args
            .iter()
            .map(|arg| format!("{}:{}", arg.name, describe(&arg.role)))
            .collect();
        (described, errors.to_compile_errors().to_string())
    }

    fn describe(role: &Role) -> &'static str {
        match role {
            Role::Unmarked => "unmarked",
            Role::User(_) => "user",
            Role::Path(..) => "path",
            Role::Query(_) => "query",
            Role::QueryAll => "query_all",
            Role::Body(_) => "body",
            Role::Header(_) => "header",
            Role::Invalid => "invalid",
        }
    }

    #[test]
    fn reads_roles_and_strips_their_attributes() {
        let sig: Signature = parse_quote! {
            fn f(&self, who: &alter_sdk::User, r#type: &str, #[query] q: u8,
                 #[query(flatten)] all: &F, #[header] if_match: &str, #[cfg(x)] #[body] b: &B)
        };
        let mut stripped = sig.clone();
        let (described, errors) = roles(sig);
        assert_eq!(
            described,
            [
                "who:user",
                "type:unmarked",
                "q:query",
                "all:query_all",
                "if_match:header",
                "b:body"
            ]
        );
        assert_eq!(errors, "");
        parse(&mut stripped, &mut Errors::default());
        let text = stripped.to_token_stream().to_string();
        assert!(text.contains("# [cfg (x)] b"), "{text}");
        assert!(!text.contains("query") && !text.contains("body"), "{text}");
    }

    #[test]
    fn refuses_patterns_and_impl_trait() {
        let (described, errors) =
            roles(parse_quote!(fn f(&self, (a, b): (u8, u8), v: impl Display)));
        assert_eq!(described, ["v:unmarked"]);
        assert!(
            errors.contains("give this argument a plain name"),
            "{errors}"
        );
        assert!(
            errors.contains("`impl Trait` arguments are not supported"),
            "{errors}"
        );
    }

    #[test]
    fn header_names_come_from_argument_names() {
        assert_eq!(header_name_from("if_none_match"), "if-none-match");
    }
}
