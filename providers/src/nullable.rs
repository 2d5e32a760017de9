//! Fields a provider documents as nullable where `null` and an empty value
//! mean the same thing, such as GitHub's `assignees`.

use serde::{Deserialize, Deserializer};

/// Reads `null` as the type's default (an empty list, for a `Vec`).
///
/// Use with `#[serde(default, deserialize_with = "crate::nullable::or_default")]`
/// so that an absent field reads as the default too.
pub(crate) fn or_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}
