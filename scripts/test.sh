#!/usr/bin/env bash
# The whole test suite: the front end's type check and unit tests, formatting,
# lints, a check of the dependencies (licences, sources, bans, security
# advisories: deny.toml), unit, integration and CLI tests of every crate, the
# end-to-end tests that drive the app window (under Xvfb), and a check that the
# TypeScript types still match the Rust ones. Installs what it needs if missing.
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
# The dependency check; building it from crates.io takes about 4 CPU-minutes
# (5.5 minutes on a busy 2-core machine), once per machine.
if ! command -v cargo-deny >/dev/null 2>&1; then
  cargo install cargo-deny --version 0.20.2 --locked
fi
export INSTA_UPDATE=no
(cd ui && npm run --silent check && npm test --silent)
cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -- -D warnings
scripts/check-cycles.py crates/core/src crates/cli/src src-tauri/src

# Dependencies: licences, bans and sources are checked from Cargo.lock and the
# crates' own files. The security advisories need the RustSec database,
# which is fetched from GitHub. The test suite makes no network call of its own
# unless asked: with DRAFTWATCH_FETCH_ADVISORIES=1 it fetches the database
# first; otherwise a copy already on the machine is used if there is one, and
# if not the check is skipped with a warning that says so (set
# DRAFTWATCH_REQUIRE_ADVISORIES=1 to fail instead).
cargo deny --locked check --hide-inclusion-graph licenses bans sources
advisories_skipped=""
advisories_banner() {
  {
    echo "################################################################################"
    echo "# WARNING: the RustSec security advisories were NOT checked: $1"
    echo "# Licences, bans and sources were checked. Run \`cargo deny check advisories\`"
    echo "# on a machine that reaches github.com, or copy a clone of the advisory database"
    echo "# into \$CARGO_HOME/advisory-dbs."
    echo "################################################################################"
  } >&2
}
if [[ "${DRAFTWATCH_FETCH_ADVISORIES:-}" == 1 ]] && timeout 300 cargo deny fetch db; then
  cargo deny --locked check --hide-inclusion-graph advisories
elif compgen -G "${CARGO_HOME:-$HOME/.cargo}/advisory-dbs/advisory-db-*/crates" >/dev/null; then
  echo "WARNING: the RustSec advisory database could not be fetched; checking against the copy already on this machine, which may be out of date." >&2
  cargo deny --locked --offline check --hide-inclusion-graph advisories
elif [[ "${DRAFTWATCH_REQUIRE_ADVISORIES:-}" == 1 ]]; then
  advisories_banner "there is no copy of the database on this machine, and DRAFTWATCH_REQUIRE_ADVISORIES=1."
  exit 1
else
  advisories_skipped="there is no copy of the advisory database on this machine (DRAFTWATCH_FETCH_ADVISORIES=1 fetches one from github.com)."
  advisories_banner "$advisories_skipped"
fi

xvfb-run -a -s "-screen 0 1280x800x24" cargo test --workspace --locked
scripts/check-bindings.sh
if [[ -n "$advisories_skipped" ]]; then
  advisories_banner "$advisories_skipped"
fi
