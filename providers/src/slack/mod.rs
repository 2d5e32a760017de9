//! slack.

pub mod models;
