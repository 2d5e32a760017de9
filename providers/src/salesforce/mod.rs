//! salesforce.

pub mod models;
