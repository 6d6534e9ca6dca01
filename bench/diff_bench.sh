#!/usr/bin/env bash
# Benchmark `draftwatch diff --files` against git diff, GNU diff and Python difflib,
# on the same machine in one go, and score Draftwatch's clause alignment on
# synthetic bills whose true alignment is known.
#
#   bench/diff_bench.sh            # from anywhere; prints Markdown on stdout, progress on stderr
#
# Environment knobs (all optional):
#   RUNS=3                     timed runs per row (the median is reported)
#   SCALE_SIZES="500 5000 50000"  synthetic sizes for the scaling curve
#   SYNTH_SIZE=5000            synthetic size compared against every tool
#   TIMEOUT=600                per-run limit in seconds for draftwatch, git, diff
#   DIFFLIB_TIMEOUT=60         per-run limit for the word-level difflib row
#   H2H_RUNS=21                runs of the head-to-head draftwatch / git rows (alternating)
#   BGB_OLD=... BGB_NEW=...    the real-law pair (default: BGB 2012 -> 2022 from ../shared/corpus)
#   KEEP=1                     keep the temporary folder (generated bills, reports)
#   SKIP_BUILD=1               do not run cargo build (use target/release/draftwatch as it is)
#
# Needs: cargo, git, GNU diff, python3, GNU time at /usr/bin/time (Debian package
# `time`; installed with apt-get when missing and running as root).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
RUNS=${RUNS:-3}
SCALE_SIZES=${SCALE_SIZES:-"500 5000 50000"}
SYNTH_SIZE=${SYNTH_SIZE:-5000}
TIMEOUT=${TIMEOUT:-600}
DIFFLIB_TIMEOUT=${DIFFLIB_TIMEOUT:-60}
H2H_RUNS=${H2H_RUNS:-21}
BGB_OLD=${BGB_OLD:-$ROOT/../shared/corpus/de-bundestag/bgb/2012-08-02_8e9e7a10.md}
BGB_NEW=${BGB_NEW:-$ROOT/../shared/corpus/de-bundestag/bgb/2022-02-13_79bdc90d.md}
DW=$ROOT/target/release/draftwatch
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)

log() { printf '%s\n' "$*" >&2; }

# ---- tools -------------------------------------------------------------------
if [ ! -x /usr/bin/time ] || ! /usr/bin/time -f "%e %M" true >/dev/null 2>&1; then
    log "GNU time missing: installing the Debian package 'time'"
    if [ "$(id -u)" = 0 ]; then
        apt-get update >&2 && apt-get install -y time >&2
    else
        sudo apt-get update >&2 && sudo apt-get install -y time >&2
    fi
fi
for t in cargo git diff python3 timeout; do
    command -v "$t" >/dev/null || { log "diff_bench: $t not found"; exit 1; }
done
for f in "$BGB_OLD" "$BGB_NEW"; do
    [ -r "$f" ] || { log "diff_bench: cannot read $f (set BGB_OLD/BGB_NEW)"; exit 1; }
done

if [ "${SKIP_BUILD:-0}" = 1 ]; then
    log "SKIP_BUILD=1: using the existing $DW"
else
    log "building the release CLI (cargo build --release -p draftwatch-cli)"
    cargo build --release -p draftwatch-cli >&2
fi
# The help is read whole first: `grep -q` stops at the first match, and under
# pipefail the CLI's write into the closed pipe failed the check now and then.
grep -q -- '--files' <<<"$("$DW" diff --help 2>/dev/null)" || { log "diff_bench: $DW has no 'diff --files'"; exit 1; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/draftwatch-bench.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then log "keeping $TMP"; else trap 'rm -rf "$TMP"' EXIT; fi

cat >"$TMP/difflib_lines.py" <<'EOF'
import difflib, sys
a = open(sys.argv[1], encoding="utf-8").read().splitlines(True)
b = open(sys.argv[2], encoding="utf-8").read().splitlines(True)
sys.stdout.writelines(difflib.unified_diff(a, b, sys.argv[1], sys.argv[2]))
EOF
cat >"$TMP/difflib_words.py" <<'EOF'
import difflib, sys
a = open(sys.argv[1], encoding="utf-8").read().split()
b = open(sys.argv[2], encoding="utf-8").read().split()
sm = difflib.SequenceMatcher(None, a, b)  # defaults, as a quick script would use it
for tag, i1, i2, j1, j2 in sm.get_opcodes():
    if tag != "equal":
        print(tag, " ".join(a[i1:i2]), "->", " ".join(b[j1:j2]))
EOF

# ---- measuring ---------------------------------------------------------------
# measure LIMIT CMD... : runs CMD RUNS times (stdout to /dev/null) under GNU time (peak RSS)
# and the clock (wall time),
# sets RESULT to "median_seconds median_peak_rss_kb", or "timeout", or "failed rc".
measure() {
    local limit=$1; shift
    local times=() rss=() i out rc
    for ((i = 0; i < RUNS; i++)); do
        rc=0
        local t0 t1
        t0=$(date +%s%N)
        /usr/bin/time -f "%M" -o "$TMP/time.out" timeout "$limit" "$@" >/dev/null 2>"$TMP/stderr.out" || rc=$?
        t1=$(date +%s%N)
        if [ "$rc" = 124 ]; then RESULT="timeout"; return; fi
        # diff and git diff --no-index exit 1 when the files differ
        if [ "$rc" != 0 ] && [ "$rc" != 1 ]; then
            log "  failed (exit $rc): $*"; sed -n 1,5p "$TMP/stderr.out" >&2
            RESULT="failed $rc"; return
        fi
        # Wall time in milliseconds from the clock (GNU time's %e has 10 ms steps).
        times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')")
        rss+=("$(tail -n 1 "$TMP/time.out")")
    done
    local mt mr
    mt=$(printf '%s\n' "${times[@]}" | sort -g | sed -n "$(((RUNS + 1) / 2))p")
    mr=$(printf '%s\n' "${rss[@]}" | sort -g | sed -n "$(((RUNS + 1) / 2))p")
    RESULT="$mt $mr"
}

ROWS=()
declare -A R  # "case|tool" -> RESULT

# row CASE INPUT_DESC TOOL LIMIT CMD... : measure and add a table row
row() {
    local case=$1 input=$2 tool=$3 limit=$4; shift 4
    log "  $case: $tool"
    measure "$limit" "$@"
    R["$case|$tool"]=$RESULT
    local t m
    case $RESULT in
        timeout) t="> $limit s"; m="-" ;;
        failed*) t="failed (exit ${RESULT#failed })"; m="-" ;;
        *) t="${RESULT% *}"; m=$(awk -v k="${RESULT#* }" 'BEGIN { printf "%.0f", k / 1024 }') ;;
    esac
    ROWS+=("| $case | $input | $tool | $t | $m |")
}

mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.1f MB", b / 1048576 }'; }
articles() { grep -c '^Article [0-9]' "$1"; }

all_tools() {  # CASE INPUT OLD NEW
    local c=$1 in=$2 a=$3 b=$4
    row "$c" "$in" "draftwatch diff --files --format json" "$TIMEOUT" "$DW" diff --files "$a" "$b" --format json
    row "$c" "$in" "git diff --no-index --word-diff=porcelain" "$TIMEOUT" git diff --no-index --word-diff=porcelain "$a" "$b"
    row "$c" "$in" "GNU diff (lines)" "$TIMEOUT" diff "$a" "$b"
    row "$c" "$in" "python difflib.unified_diff (lines)" "$TIMEOUT" python3 "$TMP/difflib_lines.py" "$a" "$b"
    row "$c" "$in" "python difflib.SequenceMatcher (words)" "$DIFFLIB_TIMEOUT" python3 "$TMP/difflib_words.py" "$a" "$b"
}

# ---- synthetic bills ---------------------------------------------------------
SIZES=$(printf '%s\n' $SCALE_SIZES "$SYNTH_SIZE" | sort -n | uniq)
for n in $SIZES; do
    log "generating a synthetic pair of $n articles"
    python3 "$ROOT/bench/gen_bill.py" --articles "$n" --out-dir "$TMP/synth_$n" >&2
done

# ---- runs --------------------------------------------------------------------
log "case 1: BGB 2012 -> 2022"
all_tools "BGB 2012→2022" "$(mb "$BGB_OLD") → $(mb "$BGB_NEW")" "$BGB_OLD" "$BGB_NEW"

S=$TMP/synth_$SYNTH_SIZE
log "case 2: synthetic $SYNTH_SIZE articles"
all_tools "synthetic $SYNTH_SIZE" "$(mb "$S/old.txt"), $SYNTH_SIZE → $(articles "$S/new.txt") art." "$S/old.txt" "$S/new.txt"

log "case 3: scaling"
for n in $SCALE_SIZES; do
    S=$TMP/synth_$n
    in="$(mb "$S/old.txt"), $n → $(articles "$S/new.txt") art."
    if [ "$n" = "$SYNTH_SIZE" ]; then  # already measured in case 2
        for tool in "draftwatch diff --files --format json" "git diff --no-index --word-diff=porcelain"; do
            for r in "${ROWS[@]}"; do
                case $r in "| synthetic $n | "*"| $tool | "*) ROWS+=("${r/| synthetic $n |/| scaling $n |}") ;; esac
            done
            R["scaling $n|$tool"]=${R["synthetic $n|$tool"]}
        done
        continue
    fi
    row "scaling $n" "$in" "draftwatch diff --files --format json" "$TIMEOUT" "$DW" diff --files "$S/old.txt" "$S/new.txt" --format json
    row "scaling $n" "$in" "git diff --no-index --word-diff=porcelain" "$TIMEOUT" git diff --no-index --word-diff=porcelain "$S/old.txt" "$S/new.txt"
done

# ---- head to head ----------------------------------------------------------------
# Draftwatch and git in turn, H2H_RUNS times each, on the two pairs the targets
# name: on a shared machine, alternating keeps both under the same load.
H2H=()
clock_us() {
    local t0 t1
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    echo $(((t1 - t0) / 1000))
}
median_of() { sort -n | sed -n "$(((H2H_RUNS + 1) / 2))p"; }
head_to_head() {  # CASE OLD NEW
    local dw=() gt=() i a b
    log "  head to head: $1"
    for ((i = 0; i < H2H_RUNS; i++)); do
        dw+=("$(clock_us "$DW" diff --files "$2" "$3" --format json)")
        gt+=("$(clock_us git diff --no-index --word-diff=porcelain "$2" "$3")")
    done
    a=$(printf '%s\n' "${dw[@]}" | median_of)
    b=$(printf '%s\n' "${gt[@]}" | median_of)
    H2H+=("$(awk -v c="$1" -v a="$a" -v b="$b" 'BEGIN { printf "| %s | %.1f | %.1f | %.2fx |", c, a / 1000, b / 1000, a / b }')")
}
log "case 4: head to head"
head_to_head "BGB 2012→2022" "$BGB_OLD" "$BGB_NEW"
head_to_head "synthetic $SYNTH_SIZE" "$TMP/synth_$SYNTH_SIZE/old.txt" "$TMP/synth_$SYNTH_SIZE/new.txt"

# ---- alignment accuracy --------------------------------------------------------
ACC=()
for n in $SIZES; do
    S=$TMP/synth_$n
    log "scoring the alignment on $n articles"
    if timeout "$TIMEOUT" "$DW" diff --files "$S/old.txt" "$S/new.txt" --format json >"$S/report.json" 2>"$TMP/stderr.out"; then
        ACC+=("### synthetic $n articles ($(python3 -c 'import json,sys; print(", ".join("%s %s" % (v, k.replace("_", " ")) for k, v in json.load(open(sys.argv[1]))["events"].items()))' "$S/truth.json"))" "")
        while IFS= read -r line; do ACC+=("- $line"); done < <(python3 "$ROOT/bench/score_alignment.py" "$S" "$S/report.json")
        ACC+=("")
    else
        ACC+=("### synthetic $n articles: draftwatch failed or timed out" "")
    fi
done

# ---- report --------------------------------------------------------------------
rev=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "?")
git -C "$ROOT" diff --quiet HEAD -- crates 2>/dev/null || rev="$rev + uncommitted changes"
echo "## Draftwatch diff benchmark"
echo
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), load average at start $LOAD0, at end $(cut -d' ' -f1-3 /proc/loadavg); draftwatch at $rev;"
echo "$(git --version), $(diff --version | head -1), Python $(python3 -c 'import sys; print(sys.version.split()[0])')."
echo "Wall time: median of $RUNS runs (the clock around GNU time, in ms; it includes starting \`timeout\` and \`time\`, about 1 ms, the same for every tool); peak RSS: median of the runs' maximum resident set (%M). Output to /dev/null."
echo
echo "| Case | Input | Tool | Wall time (s) | Peak RSS (MB) |"
echo "|---|---|---|---:|---:|"
printf '%s\n' "${ROWS[@]}"
echo
ratio() {
    local a=${R["BGB 2012→2022|draftwatch diff --files --format json"]:-} b=${R["BGB 2012→2022|git diff --no-index --word-diff=porcelain"]:-}
    case "$a $b" in *timeout* | *failed*) echo "Ratio draftwatch / git diff on the BGB pair: n/a (a run did not finish)"; return ;; esac
    awk -v n="$RUNS" -v ta="${a% *}" -v ma="${a#* }" -v tb="${b% *}" -v mb="${b#* }" 'BEGIN {
        printf "**Ratio draftwatch / git diff --word-diff on the BGB pair, from the medians of %d runs above: time %s, peak RSS %.1fx** (%d runs move by a fifth on this machine: read the time ratio from the head-to-head below)\n",
            n, (tb > 0 ? sprintf("%.1fx", ta / tb) : "n/a (git took no measurable time)"), ma / mb, n }'
}
ratio
echo
echo "### Head to head: draftwatch and git diff --word-diff in turn, $H2H_RUNS runs each, median ms"
echo
echo "| Case | draftwatch diff --files | git diff --no-index --word-diff=porcelain | ratio |"
echo "|---|---:|---:|---:|"
printf '%s\n' "${H2H[@]}"
echo
echo "## Alignment accuracy (synthetic bills, truth from bench/gen_bill.py)"
echo
printf '%s\n' "${ACC[@]}"
