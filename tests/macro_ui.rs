//! Compile-time contract of `#[vault_endpoint]`: every diagnostic is pinned by a
//! `tests/ui/fail` case, every supported form by a `tests/ui/pass` case.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/fail/*.rs");
}
