//! API keys: generated at random, stored as SHA-256 hashes, compared in constant time.

use rusqlite::{Connection, params};
use sha2::{Digest, Sha256};
use subtle::{Choice, ConstantTimeEq};
use uuid::Uuid;

use super::{Store, from_unix, now_unix, parse_uuid};
use crate::error::{Error, Result};
use crate::model::ApiKeyInfo;
use crate::validate;

/// Every key starts with this, as the protocol requires.
pub(crate) const KEY_PREFIX: &str = "alter_key_";

/// Characters of a key kept in clear to recognise it in listings.
const SHOWN_CHARS: usize = KEY_PREFIX.len() + 6;

impl Store {
    /// Creates a key named `name`; the clear key is returned once and never stored.
    pub(crate) async fn create_api_key(&self, name: String) -> Result<(String, ApiKeyInfo)> {
        validate::api_key_name(&name)?;
        let key = generate_key()?;
        let hash = hash_key(&key);
        let prefix = key[..SHOWN_CHARS].to_string();
        self.call(move |conn| {
            let id = Uuid::new_v4();
            let created = now_unix();
            conn.execute(
                "INSERT INTO api_keys (id, name, key_hash, prefix, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id.to_string(), name, hash.to_vec(), prefix, created],
            )?;
            let info = ApiKeyInfo {
                id,
                name,
                prefix,
                created_at: from_unix(created),
            };
            Ok((key, info))
        })
        .await
    }

    /// The id of the key matching `presented`, if any.
    pub(crate) async fn verify_api_key(&self, presented: String) -> Result<Option<Uuid>> {
        let wanted = hash_key(&presented);
        self.call(move |conn| find_key(conn, &wanted)).await
    }

    /// Deletes a key; `NotFound` when there is none with this id.
    pub(crate) async fn remove_api_key(&self, id: Uuid) -> Result<()> {
        self.call(move |conn| {
            let removed = conn.execute(
                "DELETE FROM api_keys WHERE id = ?1",
                params![id.to_string()],
            )?;
            match removed {
                0 => Err(Error::NotFound(format!("no API key with id {id}"))),
                _ => Ok(()),
            }
        })
        .await
    }

    /// All keys, oldest first.
    pub(crate) async fn api_keys(&self) -> Result<Vec<ApiKeyInfo>> {
        self.call(|conn| {
            let mut statement = conn.prepare(
                "SELECT id, name, prefix, created_at FROM api_keys ORDER BY created_at, rowid",
            )?;
            let rows = statement.query_map([], |row| {
                Ok(ApiKeyInfo {
                    id: parse_uuid(&row.get::<_, String>(0)?)?,
                    name: row.get(1)?,
                    prefix: row.get(2)?,
                    created_at: from_unix(row.get(3)?),
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
        .await
    }
}

/// Compares the wanted hash with every stored one, without stopping at the first match, so the
/// time taken does not depend on where (or whether) the key is stored.
fn find_key(conn: &Connection, wanted: &[u8; 32]) -> Result<Option<Uuid>> {
    let mut statement = conn.prepare("SELECT id, key_hash FROM api_keys")?;
    let rows = statement.query_map([], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, Vec<u8>>(1)?))
    })?;
    let mut found = None;
    for row in rows {
        let (id, hash) = row?;
        let equal: Choice = hash.as_slice().ct_eq(wanted.as_slice());
        if bool::from(equal) {
            found = Some(parse_uuid(&id)?);
        }
    }
    Ok(found)
}

fn generate_key() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| Error::Task(format!("no randomness for a new key: {e}")))?;
    Ok(format!("{KEY_PREFIX}{}", hex::encode(bytes)))
}

/// A plain, fast SHA-256 is the right tool here: a key carries 256 random bits, so there is
/// nothing to guess and a slow password hash would only slow down every request.
fn hash_key(key: &str) -> [u8; 32] {
    Sha256::digest(key.as_bytes()).into()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]
mod tests {
    use super::*;

    #[test]
    fn keys_have_the_protocol_prefix_and_differ() {
        let first = generate_key().unwrap();
        let second = generate_key().unwrap();
        assert!(first.starts_with(KEY_PREFIX));
        assert_eq!(first.len(), KEY_PREFIX.len() + 64);
        assert_ne!(first, second);
    }

    #[test]
    fn hash_is_sha256() {
        assert_eq!(
            hex::encode(hash_key("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
