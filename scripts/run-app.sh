#!/usr/bin/env bash
# Launches the Draftwatch window on the default workspace, which is seeded with
# the sample drafts of drafts/ the first time. Installs system packages if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec cargo run "$@"
