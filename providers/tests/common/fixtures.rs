//! Reading the JSON fixtures under `tests/fixtures/`.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]
#![allow(
    dead_code,
    unreachable_pub,
    reason = "shared by several test crates, each using a part"
)]

use serde::Serialize;
use serde::de::DeserializeOwned;

/// The text of `tests/fixtures/<path>`.
pub fn text(path: &str) -> String {
    let full = format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("cannot read {full}: {e}"))
}

/// The fixture as a JSON value.
pub fn json(path: &str) -> serde_json::Value {
    serde_json::from_str(&text(path)).unwrap()
}

/// The fixture deserialized as `T`, after checking that `T` survives a round trip:
/// serializing and deserializing again gives an equal value.
pub fn model<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug>(path: &str) -> T {
    let parsed: T = serde_json::from_str(&text(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    let again: T = serde_json::from_value(serde_json::to_value(&parsed).unwrap()).unwrap();
    assert_eq!(parsed, again, "{path} does not round-trip");
    parsed
}
