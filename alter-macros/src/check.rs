//! Cross-checks between the path, the arguments and the method: every placeholder
//! gets exactly one argument, every argument has exactly one role.

use crate::args::{Arg, Role, header_name_from};
use crate::errors::{Errors, closest};
use crate::options::check_header_name;
use crate::template::Template;
use proc_macro2::TokenStream;
use syn::Ident;

/// How each argument reaches the request, in the order the expansion uses them.
pub(crate) struct Plan {
    /// The argument carrying the end user.
    pub(crate) user: Option<usize>,
    /// The argument of each placeholder, in placeholder order.
    pub(crate) path: Vec<usize>,
    /// Every other argument, in declaration order.
    pub(crate) values: Vec<(usize, Use)>,
}

/// What a non-path argument becomes.
pub(crate) enum Use {
    Query(String),
    QueryAll,
    Header(String),
    Body,
}

/// Binds `args` to `template`, recording every mistake.
pub(crate) fn bind(
    args: &[Arg],
    template: Option<&Template>,
    method: Option<&Ident>,
    fn_name: &Ident,
    errors: &mut Errors,
) -> Plan {
    let names: Vec<&str> = template.map_or_else(Vec::new, |t| {
        t.placeholders().map(|p| p.name.as_str()).collect()
    });
    let mut path: Vec<Option<usize>> = vec![None; names.len()];
    let mut plan = Plan {
        user: None,
        path: Vec::new(),
        values: Vec::new(),
    };
    let mut unmarked = Vec::new();
    for (index, arg) in args.iter().enumerate() {
        match &arg.role {
            Role::User(blame) => user(&mut plan, args, index, blame, errors),
            Role::Path(blame, name) => {
                let wanted = name
                    .as_ref()
                    .map_or_else(|| arg.name.clone(), |lit| lit.value());
                match names.iter().position(|n| *n == wanted) {
                    Some(slot) => claim(&mut path[slot], args, index, &wanted, blame, errors),
                    None => {
                        let hint = hint(&wanted, names.iter().copied());
                        let message =
                            format!("the path has no `<{wanted}>`; add it to the path{hint}");
                        errors.spanned(blame, message);
                    }
                }
            }
            Role::Unmarked => match names.iter().position(|n| *n == arg.name) {
                Some(slot) => claim(&mut path[slot], args, index, &arg.name, &arg.ident, errors),
                None => unmarked.push(index),
            },
            Role::Body(blame) => body(&mut plan, index, blame, method, errors),
            Role::Invalid => {}
            Role::Query(name) => {
                let name = name
                    .as_ref()
                    .map_or_else(|| arg.name.clone(), |lit| lit.value());
                plan.values.push((index, Use::Query(name)));
            }
            Role::QueryAll => plan.values.push((index, Use::QueryAll)),
            Role::Header(name) => {
                if let Some(lit) = name {
                    check_header_name(lit, errors);
                }
                let name = name
                    .as_ref()
                    .map_or_else(|| header_name_from(&arg.name), |l| l.value());
                plan.values.push((index, Use::Header(name)));
            }
        }
    }
    let suggested = unbound(template, &names, &path, args, &unmarked, errors);
    let malformed = template.is_some_and(|t| t.malformed);
    for index in unmarked
        .into_iter()
        .filter(|i| !suggested.contains(i) && !malformed)
    {
        no_role(&args[index], errors);
    }
    if plan.user.is_none() {
        let message = "no user argument; add `user: &User` (the end user the call acts for), \
                       or mark one with `#[user]`";
        errors.spanned(fn_name, message);
    }
    plan.path = path.into_iter().flatten().collect();
    plan
}

fn user(plan: &mut Plan, args: &[Arg], index: usize, blame: &TokenStream, errors: &mut Errors) {
    if !args[index].cfgs.is_empty() {
        errors.spanned(
            &args[index].cfgs[0],
            "the user argument must exist in every build; remove `#[cfg]`",
        );
    }
    if plan.user.is_some() {
        let message = "a second user argument; an endpoint acts for one user, so keep one";
        return errors.spanned(blame, message);
    }
    plan.user = Some(index);
}

fn claim(
    slot: &mut Option<usize>,
    args: &[Arg],
    index: usize,
    name: &str,
    blame: &dyn quote::ToTokens,
    errors: &mut Errors,
) {
    if !args[index].cfgs.is_empty() {
        let message =
            format!("`<{name}>` needs a value in every build; remove `#[cfg]` from its argument");
        errors.spanned(&args[index].cfgs[0], message);
    }
    match slot {
        Some(first) => {
            let first = &args[*first].ident;
            let message =
                format!("`<{name}>` already takes its value from `{first}`; remove one of the two");
            errors.spanned(blame, message);
        }
        None => *slot = Some(index),
    }
}

fn body(
    plan: &mut Plan,
    index: usize,
    blame: &TokenStream,
    method: Option<&Ident>,
    errors: &mut Errors,
) {
    if let Some(method) = method.filter(|m| *m == "GET" || *m == "HEAD") {
        let message = format!(
            "a `{method}` request has no body; send these values with `#[query]`, or use `method = POST`"
        );
        errors.spanned(blame, message);
    }
    if plan
        .values
        .iter()
        .any(|(_, use_)| matches!(use_, Use::Body))
    {
        let message =
            "a second `#[body]`; a request has one JSON body, so put both values in one struct";
        return errors.spanned(blame, message);
    }
    plan.values.push((index, Use::Body));
}

/// Reports placeholders nobody took; returns the unmarked arguments suggested for them.
fn unbound(
    template: Option<&Template>,
    names: &[&str],
    path: &[Option<usize>],
    args: &[Arg],
    unmarked: &[usize],
    errors: &mut Errors,
) -> Vec<usize> {
    let Some(template) = template else {
        return Vec::new();
    };
    if args.iter().any(|arg| matches!(arg.role, Role::Invalid)) {
        return Vec::new(); // an argument with a mistyped role may be the one meant
    }
    let mut suggested = Vec::new();
    let unbound = names
        .iter()
        .zip(path)
        .enumerate()
        .filter(|(i, (name, slot))| slot.is_none() && !names[..*i].contains(name));
    for (_, (name, _)) in unbound {
        let candidates = unmarked.iter().map(|&i| args[i].name.as_str());
        let close = closest(name, candidates);
        let hint = match close {
            Some(candidate) => {
                suggested.extend(unmarked.iter().filter(|&&i| args[i].name == candidate));
                format!("; did you mean `{candidate}`?")
            }
            None => {
                format!("\nadd an argument `{name}: &str`, or bind one with `#[path = \"{name}\"]`")
            }
        };
        errors.spanned(
            &template.lit,
            format!("no argument named `{name}` for `<{name}>`{hint}"),
        );
    }
    suggested
}

fn no_role(arg: &Arg, errors: &mut Errors) {
    let name = &arg.name;
    let message = format!(
        "argument `{name}` has no role; mark it `#[query]`, `#[header]` or `#[body]`, \
         or add `<{name}>` to the path"
    );
    errors.spanned(&arg.ident, message);
}

fn hint<'a>(wanted: &str, names: impl IntoIterator<Item = &'a str>) -> String {
    match closest(wanted, names) {
        Some(name) => format!(", or did you mean `<{name}>`?"),
        None => String::new(),
    }
}
