#!/usr/bin/env bash
# Fuzz draftwatch-core's importers and structure parser with cargo-fuzz (libFuzzer).
#
#   fuzz/run.sh [SECONDS] [TARGET...]
#
# Runs each TARGET (default: all of them, see `cargo fuzz list`) for SECONDS
# (default 300), one after another, single process. The working corpus is
# fuzz/corpus/<target>/ (git-ignored); the committed seeds in fuzz/seeds/<target>/
# are passed as an extra, read-only corpus directory. Crashing inputs (panics,
# timeouts over 10 s, more than 2 GiB of memory) land in fuzz/artifacts/<target>/,
# as does the run's log (last-run.log).
#
# Needs cargo-fuzz (`cargo install cargo-fuzz --locked`). Only stable Rust is
# installed, so RUSTC_BOOTSTRAP=1 lets it accept the -Z flags libFuzzer needs.
# Environment knobs:
#   FUZZ_SANITIZER  address (default) or none (faster, still finds panics/hangs/OOMs)
#   CARGO_BUILD_JOBS  compile jobs (default 1: the machine has 2 cores)
#   FUZZ_ARGS       extra libFuzzer flags, e.g. "-max_len=65536"
#
# Exit status: 0 if no target crashed, 1 if one did, 2 if the build failed.

set -u -o pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
cd "$root"

secs="${1:-300}"
[ $# -gt 0 ] && shift
case "$secs" in
    ''|*[!0-9]*) echo "usage: fuzz/run.sh [SECONDS] [TARGET...]" >&2; exit 2 ;;
esac

export RUSTC_BOOTSTRAP=1
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-1}"
sanitizer="${FUZZ_SANITIZER:-address}"
# -O: optimised; -a: with debug assertions and overflow checks (as the app's dev
# builds have them), so arithmetic overflow is a crash too.
build_flags=(-O -a --sanitizer "$sanitizer")

if [ $# -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <(cargo fuzz list)
fi

# Build every target first, then run the binaries directly: every target then
# fuzzes the same snapshot of draftwatch-core, and a source edit during the
# session cannot trigger a rebuild (or a build failure) between targets.
echo "== building ${targets[*]} (sanitizer: $sanitizer)"
# (One cargo invocation builds all targets.)
cargo fuzz build "${build_flags[@]}" || { echo "== build failed" >&2; exit 2; }
bin_dir="fuzz/target/x86_64-unknown-linux-gnu/release"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_odr_violation=0}"

crashed=0
summary=()
for t in "${targets[@]}"; do
    corpus="fuzz/corpus/$t"
    seeds="fuzz/seeds/$t"
    artifacts="fuzz/artifacts/$t"
    mkdir -p "$corpus" "$artifacts" "$seeds"
    log="$artifacts/last-run.log"
    before="$(ls "$artifacts" | grep -E '^(crash|timeout|oom|leak)-' | sort)"
    echo "== $t: ${secs}s, corpus $corpus + seeds $seeds"
    start=$(date +%s)
    # What `cargo fuzz run -O -a -s $sanitizer $t $corpus $seeds -- ...` runs, minus
    # the rebuild. No -jobs/-workers: one in-process fuzzer (-jobs forks workers).
    # shellcheck disable=SC2086
    "$bin_dir/$t" -artifact_prefix="$artifacts/" "$corpus" "$seeds" \
        -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        ${FUZZ_ARGS:-} >"$log" 2>&1
    status=$?
    elapsed=$(( $(date +%s) - start ))
    after="$(ls "$artifacts" | grep -E '^(crash|timeout|oom|leak)-' | sort)"
    new="$(comm -13 <(echo "$before") <(echo "$after") | grep -v '^$' || true)"
    execs="$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | tail -1 | awk '{print $2}')"
    if [ -z "$execs" ]; then
        execs="$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')"
    fi
    rate="$(grep -oE 'stat::average_exec_per_sec: *[0-9]+' "$log" | tail -1 | awk '{print $2}')"
    last="$(grep -E '^#[0-9]+' "$log" | tail -1)"
    cov="$(echo "$last" | grep -oE 'cov: [0-9]+' | awk '{print $2}')"
    ft="$(echo "$last" | grep -oE 'ft: [0-9]+' | awk '{print $2}')"
    corp="$(echo "$last" | grep -oE 'corp: [0-9]+/[0-9a-zA-Z]+' | awk '{print $2}')"
    if [ "$status" -ne 0 ] || [ -n "$new" ]; then
        crashed=1
        kind="CRASH"
        grep -m1 -E "panicked at|ERROR: libFuzzer|ERROR: AddressSanitizer|==ERROR" "$log" | sed 's/^/   /'
        grep -m1 -A1 "panicked at" "$log" | tail -1 | sed 's/^/   /'
        for a in $new; do echo "   artifact: $artifacts/$a"; done
        [ -z "$new" ] && echo "   (exit status $status; see $log)"
    else
        kind="no crash"
    fi
    line="$(printf '%-12s %5ss  execs %-10s exec/s %-7s cov %-6s ft %-6s corp %-10s %s' \
        "$t" "$elapsed" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$kind")"
    echo "$line"
    summary+=("$line")
done

echo "== summary"
printf '%s\n' "${summary[@]}"
exit "$crashed"
