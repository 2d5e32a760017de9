//! Every argument role: user, path, query (single, renamed, flattened), header, body.

use alter_sdk::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Page {
    pub limit: u32,
    pub after: Option<String>,
}

#[derive(Serialize)]
pub struct Note {
    pub body: String,
}

pub trait Notes {
    #[vault_endpoint(provider = "hubspot", method = PATCH, path = "/contacts/<contact>/notes/<note_id>")]
    async fn update(
        &self,
        #[user] acting_for: &User,
        #[path = "contact"] contact_id: uuid::Uuid,
        note_id: i64,
        #[query] archived: bool,
        #[query = "propertiesWithHistory"] history: &[&str],
        #[query(flatten)] page: &Page,
        #[header] if_match: Option<&str>,
        #[header = "X-Request-Id"] request_id: String,
        #[body] note: &Note,
    ) -> Result<()>;
}

impl Notes for AlterVault {}

fn main() {}
