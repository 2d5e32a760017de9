//! sentry.

pub mod models;
