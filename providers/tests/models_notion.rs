//! Notion models against the Notion fixtures (two copied from Notion's MIT
//! OpenAPI spec, the others written for this project).

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

#[path = "common/fixtures.rs"]
mod fixtures;

use alter_providers::notion::models::{Block, List, Page, SearchResult, User};
use serde_json::{Value, json};

#[test]
fn users_me() {
    let me: User = fixtures::model("notion/users.me.json");
    assert_eq!(me.id, "16d84278-ab0e-484c-9bdd-b35da3bd8905");
    assert_eq!(me.kind.as_deref(), Some("bot"));
    assert_eq!(me.avatar_url, None);
    assert_eq!(me.extra["bot"]["owner"]["user"]["name"], "Example User");
    assert_eq!(me.email(), None, "a bot has no email");
    let owner = me.bot_owner().unwrap();
    assert_eq!(owner.id, "5389a034-eb5c-47b5-8a9e-f79c99ef166c");
    assert_eq!(owner.email(), Some("user@example.com"));
}

#[test]
fn comments_list() {
    let list: List<Value> = fixtures::model("notion/comments.list.json");
    assert!(!list.has_more);
    assert_eq!(list.next_cursor, None);
    assert_eq!(list.kind.as_deref(), Some("comment"));
    assert_eq!(
        list.results[0]["rich_text"][0]["plain_text"],
        "Single comment"
    );
}

#[test]
fn page() {
    let page: Page = fixtures::model("notion/pages.retrieve.json");
    assert_eq!(page.id, "1b2c3d4e-5f60-4718-92a3-b4c5d6e7f809");
    assert_eq!(page.title().as_deref(), Some("Warehouse move"));
    let parent = page.parent.as_ref().unwrap();
    assert_eq!(parent.kind, "database_id");
    assert_eq!(parent.id(), Some("0f0e0d0c-0b0a-4909-8807-060504030201"));
    assert_eq!(page.properties["Status"]["status"]["name"], "In progress");
    assert_eq!(page.icon.as_ref().unwrap()["emoji"], "📦");
    assert_eq!(page.cover, None);
    assert_eq!(page.in_trash, Some(false));
    assert_eq!(page.public_url, None);
    let creator = page.created_by.as_ref().unwrap();
    assert_eq!(creator.id, "a1a1a1a1-b2b2-4c3c-8d4d-e5e5e5e5e5e5");
    assert_eq!(
        page.last_edited_by.as_ref().unwrap().id,
        "f6f6f6f6-0707-4818-9191-a2a2a2a2a2a2"
    );
}

#[test]
fn search() {
    let list: List<SearchResult> = fixtures::model("notion/search.json");
    assert!(list.has_more);
    assert_eq!(
        list.next_cursor.as_deref(),
        Some("2c7d9e1f-3a4b-4c5d-9e6f-708192a3b4c5")
    );
    let SearchResult::Page(page) = &list.results[0] else {
        panic!("a page first")
    };
    assert_eq!(page.parent.as_ref().unwrap().id(), None, "workspace parent");
    assert_eq!(page.title().as_deref(), Some("Warehouse move"));
    let SearchResult::Database(database) = &list.results[1] else {
        panic!("a database")
    };
    assert_eq!(database.title_text(), "Projects");
    assert_eq!(database.id, "0f0e0d0c-0b0a-4909-8807-060504030201");
    assert_eq!(database.parent.as_ref().unwrap().kind, "page_id");
    assert_eq!(database.properties["Name"]["type"], "title");
    assert_eq!(
        database.url.as_deref(),
        Some("https://www.notion.so/0f0e0d0c0b0a49098807060504030201")
    );
}

#[test]
fn database_query() {
    let list: List<Page> = fixtures::model("notion/databases.query.json");
    assert_eq!(list.results.len(), 2);
    assert!(list.results[1].archived);
    assert_eq!(list.results[1].title().as_deref(), Some("Fleet audit"));
    assert!(!list.has_more);
}

#[test]
fn block_children() {
    let list: List<Block> = fixtures::model("notion/blocks.children.list.json");
    assert_eq!(list.results[0].kind, "heading_1");
    assert_eq!(list.results[0].plain_text().as_deref(), Some("Checklist"));
    assert!(list.results[1].has_children);
    assert_eq!(
        list.results[1].last_edited_time.as_deref(),
        Some("2025-09-03T10:00:00.000Z")
    );
    assert_eq!(list.results[1].extra["to_do"]["checked"], true);
    assert_eq!(
        list.next_cursor.as_deref(),
        Some("9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f")
    );
}

#[test]
fn search_under_a_newer_version_reads_data_sources_and_skips_unknown_kinds() {
    let list: List<SearchResult> = serde_json::from_value(json!({
        "object": "list", "has_more": false, "next_cursor": null,
        "results": [
            {"object": "data_source", "id": "5e6f7a8b-0000-4c1d-9e2f-3a4b5c6d7e8f",
             "title": [{"type": "text", "plain_text": "Tasks"}], "properties": {}},
            {"object": "agent", "id": "7b8c9d0e-1111-4f2a-8b3c-4d5e6f7a8b9c"}
        ]
    }))
    .unwrap();
    let SearchResult::DataSource(source) = &list.results[0] else {
        panic!("a data source first")
    };
    assert_eq!(source.title_text(), "Tasks");
    assert!(matches!(list.results[1], SearchResult::Other));
}
