#!/usr/bin/env bash
# The whole test suite: formatting, lints, unit, integration and CLI tests of
# every crate (the desktop app included). Installs system packages if missing.
# Corpus tests read ../shared/corpus beside the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
# The export tests read our files back with other tools, not with our code:
# Debian's Python (csv, json, html.parser, zipfile, markdown-it-py),
# LibreOffice (DOCX → PDF), pdftotext and pdffonts.
DRAFTWATCH_SETUP_EXTRA="python3 python3-markdown-it libreoffice-writer-nogui poppler-utils ${DRAFTWATCH_SETUP_EXTRA:-}" scripts/setup.sh
export INSTA_UPDATE=no
cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo test --workspace --locked
