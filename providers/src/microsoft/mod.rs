//! microsoft.

pub mod models;
