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
# run THREADS -> "wall_seconds cpu_seconds"; hits go to $T/hits.THREADS.jsonl.
# CPU time (user + system of the command) is printed too because these
# machines are shared: with other load, wall time says little about scaling.
run() {
	python3 - "$@" <<'PY'
import resource, subprocess, sys, time
bin_, sdn, tmp, n = sys.argv[1:5]
t = time.time()
with open(f"{tmp}/err.{n}", "w") as err:
    subprocess.run([bin_, "screen", "--list", sdn, "--in", f"{tmp}/customers.csv",
                    "--out", f"{tmp}/hits.{n}.jsonl", "--threads", n, "--no-progress"],
                   stderr=err, check=True)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{time.time() - t:.3f} {r.ru_utime + r.ru_stime:.3f}")
PY
}
rn=$(run "$BIN" "$SDN" "$T" "$CORES")
r1=$(run "$BIN" "$SDN" "$T" 1)
cmp -s "$T/hits.$CORES.jsonl" "$T/hits.1.jsonl" || echo "bench: WARNING: outputs differ between thread counts" >&2
hits=$(wc -l < "$T/hits.1.jsonl")
echo "bench_screen_file: $ROWS rows against $SDN ($hits hits; load average $(cut -d' ' -f1 /proc/loadavg) on $CORES cores)"
echo "$rn $r1" | awk -v n="$ROWS" -v c="$CORES" '{
	printf "  %d threads: %.2f s wall, %.0f rows/s; %.2f s CPU\n", c, $1, n / $1, $2
	printf "  1 thread:  %.2f s wall, %.0f rows/s; %.2f s CPU, %.0f rows per CPU second\n", $3, n / $3, $4, n / $4
	printf "  wall-time ratio 1 thread / %d threads: %.2fx (whole command, list load and index build included)\n", c, $3 / $1
	printf "  CPU-time ratio %d threads / 1 thread: %.2f (1.00 = no threading overhead)\n", c, $2 / $4
}'
grep 'records/s' "$T/err.$CORES" | sed 's/^/  engine summary: /'
