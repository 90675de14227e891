#!/bin/sh
# bench_screen_file.sh - screening a 1,000,000-row customer file against the
# full OFAC SDN list (2024-05): rows per second with every core (default
# --threads) and with one thread in the same run, and their ratio.
# Usage: bench/bench_screen_file.sh [BUILD_DIR] [ROWS]
#   BUILD_DIR defaults to build/release (built by scripts/test.sh).
set -eu
cd "$(dirname "$0")/.."
BUILD=${1:-build/release}
ROWS=${2:-1000000}
BIN=$BUILD/centinela
DATA=${CENTINELA_DATA:-../shared/data}
SDN=$DATA/ofac/sdn-2024-05
[ -x "$BIN" ] || { echo "bench: build first ($BIN missing)" >&2; exit 1; }
[ -f "$SDN/sdn.csv" ] || { echo "bench: SKIP: $SDN absent (set CENTINELA_DATA)" >&2; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
python3 bench/bench_screen_file_gen.py "$SDN/sdn.csv" "$ROWS" "$T/customers.csv" 7
CORES=$(nproc 2>/dev/null || echo 2)
run() { # threads -> prints seconds; hits go to $T/hits.$1
	s=$(date +%s.%N)
	"$BIN" screen --list "$SDN" --in "$T/customers.csv" --out "$T/hits.$1.jsonl" \
		--threads "$1" --no-progress 2> "$T/err.$1"
	e=$(date +%s.%N)
	echo "$s $e" | awk '{ printf "%.3f", $2 - $1 }'
}
tn=$(run "$CORES")
t1=$(run 1)
cmp -s "$T/hits.$CORES.jsonl" "$T/hits.1.jsonl" || echo "bench: WARNING: outputs differ between thread counts" >&2
hits=$(wc -l < "$T/hits.1.jsonl")
echo "bench_screen_file: $ROWS rows against $SDN ($hits hits)"
awk -v n="$ROWS" -v tn="$tn" -v t1="$t1" -v c="$CORES" 'BEGIN {
	printf "  %d threads: %.2f s, %.0f rows/s\n", c, tn, n / tn
	printf "  1 thread:  %.2f s, %.0f rows/s\n", t1, n / t1
	printf "  speed-up with %d threads: %.2fx (whole command, list load and index build included)\n", c, t1 / tn
}'
grep 'records/s' "$T/err.$CORES" | sed 's/^/  engine summary: /'
