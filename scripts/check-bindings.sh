#!/usr/bin/env bash
# Regenerates the TypeScript side of the IPC boundary and fails if that changed
# anything: the committed files must match the Rust code.
# - ui/src/lib/bindings: ts-rs types of every type that crosses it (draftwatch-core
#   types with `#[ts(export)]`, and the app's IpcError);
# - ui/src/lib/commands.ts: one typed function per command of src-tauri/src/commands.rs.
# The app's files are written by an explicit step (the example write-bindings), never
# by its tests; its test `committed_typescript_matches_the_rust_code` compares them.
# `number` for 64-bit integers is set in .cargo/config.toml; so is the export folder
# of other test runs (target/ts-bindings), which this script overrides: it alone
# writes the committed files.
set -euo pipefail
cd "$(dirname "$0")/.."

bindings=ui/src/lib/bindings
# Rewrite from scratch, so the files of a type that lost its export show up as deleted.
rm -rf "$bindings"
export TS_RS_EXPORT_DIR="$PWD/$bindings"
cargo test -q -p draftwatch-core --features ts --lib export_bindings
cargo run -q -p draftwatch-app --example write-bindings

if [ ! -d "$bindings" ] || [ -z "$(ls -A "$bindings")" ]; then
    echo "No TypeScript bindings were written to $bindings: see the cargo output above." >&2
    exit 1
fi
if [ -n "$(git status --porcelain -- "$bindings" ui/src/lib/commands.ts)" ]; then
    git status --short -- "$bindings" ui/src/lib/commands.ts >&2
    echo "TypeScript bindings are out of date: run scripts/check-bindings.sh and commit ui/src/lib/bindings and ui/src/lib/commands.ts" >&2
    exit 1
fi
echo "TypeScript bindings are up to date."
