#!/usr/bin/env bash
# Runs the official Python client (alter-sdk 0.2.0 from PyPI) against `alter-local-vault serve`.
# Called from the repository root by .ci/run; needs python3 (with venv) and network for pip.
set -euo pipefail
cd "$(dirname "$0")/../.."

cargo build -p alter-local-vault --bin alter-local-vault
target_dir="$(cargo metadata --format-version 1 --no-deps \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"
binary="$target_dir/debug/alter-local-vault"

venv="${ALTER_CI_VENV:-$target_dir/official-client-venv}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "alter-sdk==0.2.0"

RUST_LOG="${RUST_LOG:-warn}" "$venv/bin/python" .ci/official-client/scenarios.py "$binary"
