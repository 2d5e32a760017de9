//! Cross-checks between the path, the arguments and the method: every placeholder
//! gets exactly one argument, every argument has exactly one role.

use crate::args::{Arg, Role, header_name_from};
use crate::errors::{Errors, closest};
use crate::headers::check_header_name;
use crate::template::Template;
use quote::ToTokens;
use syn::{Ident, LitStr};

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
    let names = template.map_or_else(Vec::new, |t| {
        t.placeholders().map(|p| p.name.as_str()).collect()
    });
    let mut binder = Binder {
        args,
        slots: vec![None; names.len()],
        names,
        method,
        plan: Plan {
            user: None,
            path: Vec::new(),
            values: Vec::new(),
        },
        unmarked: Vec::new(),
        errors,
    };
    for index in 0..args.len() {
        binder.arg(index);
    }
    binder.finish(template, fn_name)
}

struct Binder<'a> {
    args: &'a [Arg],
    names: Vec<&'a str>,
    /// The argument of each placeholder so far.
    slots: Vec<Option<usize>>,
    method: Option<&'a Ident>,
    plan: Plan,
    /// Arguments with no attribute and no placeholder of their name.
    unmarked: Vec<usize>,
    errors: &'a mut Errors,
}

impl Binder<'_> {
    fn arg(&mut self, index: usize) {
        let arg = &self.args[index];
        match &arg.role {
            Role::User(blame) => self.user(index, blame),
            Role::Path(blame, name) => self.path(index, &renamed(name, &arg.name), blame),
            Role::Unmarked => match self.names.contains(&arg.name.as_str()) {
                true => self.path(index, &arg.name, &arg.ident),
                false => self.unmarked.push(index),
            },
            Role::Body(blame) => self.body(index, blame),
            Role::Query(name) => self.value(index, Use::Query(renamed(name, &arg.name))),
            Role::QueryAll => self.value(index, Use::QueryAll),
            Role::Header(name) => {
                match name {
                    Some(lit) => check_header_name(lit, self.errors),
                    // a name made from a non-ASCII identifier is no header name
                    None if !arg.name.is_ascii() => {
                        let message = format!(
                            "`{}` cannot name a header (headers are ASCII); \
                             write `#[header = \"X-Name\"]`",
                            arg.name
                        );
                        self.errors.spanned(&arg.ident, message);
                    }
                    None => {
                        let derived = LitStr::new(&header_name_from(&arg.name), arg.ident.span());
                        check_header_name(&derived, self.errors);
                    }
                }
                let name = name
                    .as_ref()
                    .map_or_else(|| header_name_from(&arg.name), LitStr::value);
                self.header_once(&name, arg);
                self.value(index, Use::Header(name));
            }
            Role::Invalid => {}
        }
    }

    fn value(&mut self, index: usize, use_: Use) {
        self.plan.values.push((index, use_));
    }

    /// Two arguments for one header would silently drop the first.
    fn header_once(&mut self, name: &str, arg: &Arg) {
        let earlier = self.plan.values.iter().find(
            |(_, use_)| matches!(use_, Use::Header(earlier) if earlier.eq_ignore_ascii_case(name)),
        );
        if let Some((earlier, _)) = earlier {
            let earlier = &self.args[*earlier].ident;
            let message = format!(
                "the header `{name}` already takes its value from `{earlier}`; remove one of the two"
            );
            self.errors.spanned(&arg.ident, message);
        }
    }

    fn user(&mut self, index: usize, blame: &impl ToTokens) {
        if let Some(cfg) = self.args[index].cfgs.first() {
            let message = "the user argument must exist in every build; remove `#[cfg]`";
            self.errors.spanned(cfg, message);
        }
        if self.plan.user.is_some() {
            let message = "a second user argument; an endpoint acts for one user, so keep one";
            return self.errors.spanned(blame, message);
        }
        self.plan.user = Some(index);
    }

    fn path(&mut self, index: usize, name: &str, blame: &impl ToTokens) {
        let Some(slot) = self.names.iter().position(|n| *n == name) else {
            let hint = match closest(name, self.names.iter().copied()) {
                Some(close) => format!(", or did you mean `<{close}>`?"),
                None => String::new(),
            };
            let message = format!("the path has no `<{name}>`; add it to the path{hint}");
            return self.errors.spanned(blame, message);
        };
        if let Some(cfg) = self.args[index].cfgs.first() {
            let message = format!(
                "`<{name}>` needs a value in every build; remove `#[cfg]` from its argument"
            );
            self.errors.spanned(cfg, message);
        }
        match self.slots[slot] {
            Some(first) => {
                let first = &self.args[first].ident;
                let message = format!(
                    "`<{name}>` already takes its value from `{first}`; remove one of the two"
                );
                self.errors.spanned(blame, message);
            }
            None => self.slots[slot] = Some(index),
        }
    }

    fn body(&mut self, index: usize, blame: &impl ToTokens) {
        if let Some(method) = self.method.filter(|m| *m == "GET" || *m == "HEAD") {
            let message = format!(
                "a `{method}` request has no body; send these values with `#[query]`, or use `method = POST`"
            );
            self.errors.spanned(blame, message);
        }
        if self
            .plan
            .values
            .iter()
            .any(|(_, use_)| matches!(use_, Use::Body))
        {
            let message =
                "a second `#[body]`; a request has one JSON body, so put both values in one struct";
            return self.errors.spanned(blame, message);
        }
        self.value(index, Use::Body);
    }

    fn finish(mut self, template: Option<&Template>, fn_name: &Ident) -> Plan {
        let suggested = match template {
            Some(template) => self.unbound(template),
            None => Vec::new(),
        };
        // without a readable path, an argument may be meant for a placeholder
        let malformed = template.is_none_or(|t| t.malformed);
        for &index in self
            .unmarked
            .iter()
            .filter(|i| !suggested.contains(i) && !malformed)
        {
            no_role(&self.args[index], self.errors);
        }
        if self.plan.user.is_none() {
            let message = "no user argument; add `user: &User` (the end user the call acts for), \
                           or mark one with `#[user]`";
            self.errors.spanned(fn_name, message);
        }
        self.plan.path = self.slots.into_iter().flatten().collect();
        self.plan
    }

    /// Reports placeholders nobody took; returns the unmarked arguments suggested for them.
    fn unbound(&mut self, template: &Template) -> Vec<usize> {
        if self
            .args
            .iter()
            .any(|arg| matches!(arg.role, Role::Invalid))
        {
            return Vec::new(); // an argument with a mistyped role may be the one meant
        }
        let mut suggested = Vec::new();
        for (i, name) in self.names.iter().enumerate() {
            if self.slots[i].is_some() || self.names[..i].contains(name) {
                continue;
            }
            if let Some(arg) = self.args.iter().find(|arg| arg.name == *name) {
                let role = describe(&arg.role);
                let message = format!(
                    "`<{name}>` gets no value: the argument `{name}` is {role}; \
                     remove that attribute to send it in the path"
                );
                self.errors.spanned(&template.lit, message);
                continue;
            }
            let candidates = self
                .unmarked
                .iter()
                .map(|&index| self.args[index].name.as_str());
            let hint = match closest(name, candidates) {
                Some(close) => {
                    let args = self.args;
                    suggested.extend(
                        self.unmarked
                            .iter()
                            .filter(|&&index| args[index].name == close),
                    );
                    format!("; did you mean `{close}`?")
                }
                None => format!(
                    "\nadd an argument `{name}: &str`, or bind one with `#[path = \"{name}\"]`"
                ),
            };
            self.errors.spanned(
                &template.lit,
                format!("no argument named `{name}` for `<{name}>`{hint}"),
            );
        }
        suggested
    }
}

/// How a message names the role of an argument that is not a path value.
fn describe(role: &Role) -> &'static str {
    match role {
        Role::User(_) => "the user",
        Role::Query(_) => "a `#[query]` value",
        Role::QueryAll => "a `#[query(flatten)]` struct",
        Role::Header(_) => "a `#[header]`",
        Role::Body(_) => "the `#[body]`",
        Role::Path(..) => "bound to another placeholder",
        Role::Unmarked | Role::Invalid => "not a path value",
    }
}

fn renamed(name: &Option<LitStr>, arg_name: &str) -> String {
    name.as_ref()
        .map_or_else(|| arg_name.to_owned(), LitStr::value)
}

fn no_role(arg: &Arg, errors: &mut Errors) {
    let name = &arg.name;
    let message = format!(
        "argument `{name}` has no role; mark it `#[query]`, `#[header]` or `#[body]`, \
         or add `<{name}>` to the path"
    );
    errors.spanned(&arg.ident, message);
}
