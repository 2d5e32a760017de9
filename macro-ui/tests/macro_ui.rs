//! Compile-time contract of `#[vault_endpoint]`: every diagnostic is pinned by a
//! `tests/ui/fail` case, every supported form by a `tests/ui/pass` case.

use std::path::Path;
use std::process::Command;
use std::{fs, io};

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/fail/*.rs");
}

/// The pass cases build in a crate that has every dev-dependency of the SDK; this
/// one builds `downstream_crate.rs` in a crate whose only dependency is `alter-sdk`.
#[test]
fn a_crate_depending_on_alter_sdk_alone() -> io::Result<()> {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = here.parent().unwrap_or(here);
    let dir = root.join("target/tests/downstream");
    fs::create_dir_all(dir.join("src"))?;
    let manifest = format!(
        "[package]\nname = \"downstream\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\
         publish = false\n\n[dependencies]\nalter-sdk = {{ path = {:?} }}\n\n[workspace]\n",
        root.display().to_string()
    );
    fs::write(dir.join("Cargo.toml"), manifest)?;
    fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock"))?;
    let case = here.join("tests/ui/pass/downstream_crate.rs");
    fs::copy(case, dir.join("src/main.rs"))?;

    let output = Command::new(env!("CARGO"))
        .args(["check", "--offline", "--quiet", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", root.join("target/tests/trybuild"))
        .env_remove("RUSTFLAGS")
        .output()?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(stderr, "", "the downstream crate builds without warnings");
    Ok(())
}
