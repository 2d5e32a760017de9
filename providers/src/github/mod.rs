//! github.

pub mod models;
