#!/usr/bin/env bash
# The whole test suite: the front end's type check and unit tests, formatting,
# lints, unit, integration and CLI tests of every crate, the end-to-end tests
# that drive the app window (under Xvfb), and a check that the TypeScript
# types still match the Rust ones. Installs what it needs if missing.
# Corpus tests read ../shared/corpus beside the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
# The export tests read our files back with other tools, not with our code:
# Debian's Python (csv, json, html.parser, zipfile, markdown-it-py),
# LibreOffice (DOCX → PDF), pdftotext and pdffonts.
# The end-to-end tests need an X server (Xvfb) and WebKit's WebDriver.
DRAFTWATCH_SETUP_EXTRA="python3 python3-markdown-it libreoffice-writer-nogui poppler-utils \
  xvfb xauth webkit2gtk-driver ${DRAFTWATCH_SETUP_EXTRA:-}" scripts/setup.sh
if ! command -v tauri-driver >/dev/null 2>&1; then
  cargo install tauri-driver --version 2.1.0 --locked
fi
export INSTA_UPDATE=no
(cd ui && npm run --silent check && npm test --silent)
cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -- -D warnings
xvfb-run -a -s "-screen 0 1280x800x24" cargo test --workspace --locked
scripts/check-bindings.sh
