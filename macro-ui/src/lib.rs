//! Compile-time tests of `#[vault_endpoint]` and `#[vault_api]`; this crate has nothing to use.
//!
//! `tests/ui/fail` pins every diagnostic (a `.rs` case beside its `.stderr`), `tests/ui/pass`
//! every supported form. After a toolchain update, refresh the pinned messages with
//! `TRYBUILD=overwrite cargo test -p alter-macro-ui` and read the diff.
