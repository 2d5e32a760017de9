//! Typed endpoints and models for the providers alter-sdk knows.

pub mod github;
pub mod google;
pub mod link;
pub mod microsoft;
pub mod notion;
pub mod salesforce;
pub mod sentry;
pub mod slack;
