//! notion.

pub mod models;
