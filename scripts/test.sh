#!/usr/bin/env bash
# The whole test suite: formatting, lints, unit, integration and CLI tests of
# every crate (the desktop app included). Installs system packages if missing.
# Corpus tests read ../shared/corpus beside the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
# python3: the export tests read our CSV, JSON-LD and HTML back with Python's
# own csv, json and html.parser modules, not with our code.
DRAFTWATCH_SETUP_EXTRA="python3 ${DRAFTWATCH_SETUP_EXTRA:-}" scripts/setup.sh
export INSTA_UPDATE=no
cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo test --workspace --locked
