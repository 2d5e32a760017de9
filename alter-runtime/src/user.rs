//! The end user a call is made for, as the attribute map the vault matches
//! connections against.

use serde::Serialize;
use serde_json::{Map, Value};

/// The attributes that identify an end user's connection in the vault, sent
/// to the vault as given (any JSON values).
///
/// A call needs at least one attribute: one made for `User::default()` is
/// refused with [`Error::InvalidRequest`](crate::Error::InvalidRequest)
/// before any I/O, since the vault could otherwise answer with any user's
/// connection.
///
/// ```
/// use alter_runtime::User;
/// let alice = User::id("alice");
/// let member = User::from_attributes([("org_id", "acme"), ("role", "admin")]);
/// let both = User::id("bob").attribute("team_size", 12);
/// assert_eq!(serde_json::to_string(&alice).unwrap(), r#"{"user_id":"alice"}"#);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(transparent)]
#[must_use = "a user does nothing until given to a call"]
pub struct User {
    attributes: Map<String, Value>,
}

impl User {
    /// The common case: `{"user_id": id}`.
    pub fn id(id: impl Into<String>) -> User {
        User::default().attribute("user_id", id.into())
    }

    /// A user from any attribute pairs.
    pub fn from_attributes<I, K, V>(attributes: I) -> User
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: Into<Value>,
    {
        let attributes = attributes
            .into_iter()
            .map(|(k, v)| (k.into(), v.into()))
            .collect();
        User { attributes }
    }

    /// Adds (or replaces) one attribute.
    pub fn attribute(mut self, name: impl Into<String>, value: impl Into<Value>) -> User {
        self.attributes.insert(name.into(), value.into());
        self
    }

    /// The attribute map.
    pub fn attributes(&self) -> &Map<String, Value> {
        &self.attributes
    }
}

impl From<Map<String, Value>> for User {
    fn from(attributes: Map<String, Value>) -> User {
        User { attributes }
    }
}

impl From<&User> for User {
    fn from(user: &User) -> User {
        user.clone()
    }
}
