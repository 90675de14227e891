#!/bin/sh
# bench_monitor.sh - throughput of `centinela monitor` with every detector
# on, reading CSV included, over synthetic transactions from `centinela
# synth` (about 5,000,000 by default), its memory per transaction held in
# the window, and the same run's baseline: Python + networkx (windowed
# fan-in/out per transaction, simple_cycles with a length bound each hour)
# on a sample, with the ratio.
#
# Usage: bench/bench_monitor.sh [ACCOUNTS] [DIR] [SAMPLE]
#   ACCOUNTS  synth accounts (default 470000: ~5.0 M transactions in 10 days)
#   DIR       where the data is generated once and kept (default /tmp/cen_bench_monitor)
#   SAMPLE    transactions the Python baseline reads (default 20000)
#   BENCH_RUNS (environment) runs of centinela, fastest and median shown (3)
# Throughput is given per CPU second (user + sys of the process, which is
# what a shared machine does not distort much) and per wall second.
# The binary measured is the profile-guided one (scripts/build.sh); the
# plain build runs alternately with it, so both see the same machine, and
# their alerts must be the same byte for byte (the bench fails otherwise).
set -eu
cd "$(dirname "$0")/.."
ACCOUNTS=${1:-470000}
DIR=${2:-/tmp/cen_bench_monitor}
SAMPLE=${3:-20000}
RUNS=${BENCH_RUNS:-3}
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/release --target centinela >/dev/null
PLAIN=build/release/centinela
PGO_CC=$(scripts/build.sh | sed -n 's/^build.sh: compiler //p')
BIN=build/pgo/centinela
if [ ! -f "$DIR/transactions.csv" ]; then
	"$BIN" synth --out "$DIR" --accounts "$ACCOUNTS" --days 10 --seed 3 --quiet
fi
ROWS=$(($(wc -l < "$DIR/transactions.csv") - 1))
echo "data: $DIR/transactions.csv, $ROWS transactions ($(du -h "$DIR/transactions.csv" | cut -f1))"
echo "profile-guided build by $PGO_CC (scripts/build.sh); plain build by the default compiler"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
# The run is repeated RUNS times (a shared VM varies by 15-40% from run to
# run): the summary is the first run's, the rates are the fastest run's and
# the median's.
# run BINARY ERR ALERTS: one timed run; appends "cpu wall" to stdout.
run() {
	/usr/bin/time -f "time_user %U\ntime_sys %S\ntime_wall %e\nmaxrss_kb %M" \
		"$1" monitor --in "$DIR/transactions.csv" --accounts "$DIR/accounts.csv" \
		--out "$3" --no-progress 2> "$2"
	awk '/^time_user/ {u=$2} /^time_sys/ {s=$2} /^time_wall/ {w=$2} END {print u + s, w}' "$2"
}
: > "$DIR/cpu_times"
: > "$DIR/cpu_times_plain"
for i in $(seq "$RUNS"); do # alternate which goes first
	if [ $((i % 2)) = 1 ]; then
		run "$BIN" "$DIR/monitor.err.$i" "$DIR/alerts.jsonl" >> "$DIR/cpu_times"
		run "$PLAIN" "$DIR/plain.err" "$DIR/alerts_plain.jsonl" >> "$DIR/cpu_times_plain"
	else
		run "$PLAIN" "$DIR/plain.err" "$DIR/alerts_plain.jsonl" >> "$DIR/cpu_times_plain"
		run "$BIN" "$DIR/monitor.err.$i" "$DIR/alerts.jsonl" >> "$DIR/cpu_times"
	fi
	cmp -s "$DIR/alerts.jsonl" "$DIR/alerts_plain.jsonl" || {
		echo "bench_monitor: the profile-guided and plain builds gave different alerts" >&2
		exit 1
	}
done
cp "$DIR/monitor.err.1" "$DIR/monitor.err"
cat "$DIR/monitor.err" | grep -v '^time_\|^maxrss'
RSS=$(awk '/^maxrss_kb/ {print $2}' "$DIR/monitor.err")
MIN=$(sort -n "$DIR/cpu_times" | head -1 | cut -d' ' -f1)
MED=$(sort -n "$DIR/cpu_times" | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}')
W=$(sort -n "$DIR/cpu_times" | head -1 | cut -d' ' -f2)
U=$MIN
S=0
C_CPU=$(echo "$ROWS $MIN" | awk '{printf "%.0f", $1 / $2}')
C_MED=$(echo "$ROWS $MED" | awk '{printf "%.0f", $1 / $2}')
C_WALL=$(echo "$ROWS $W" | awk '{printf "%.0f", $1 / $2}')
echo "centinela over $RUNS runs (CPU s: $(cut -d' ' -f1 "$DIR/cpu_times" | tr '\n' ' ')):" \
	"$C_CPU txn per CPU second at the fastest, $C_MED at the median;" \
	"$C_WALL txn per wall second; max RSS $((RSS / 1024)) MiB"
P_MIN=$(sort -n "$DIR/cpu_times_plain" | head -1 | cut -d' ' -f1)
P_MED=$(sort -n "$DIR/cpu_times_plain" | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}')
RATIO=$(paste -d' ' "$DIR/cpu_times" "$DIR/cpu_times_plain" | awk '{print $1 / $3}' | sort -n |
	awk '{a[NR]=$1} END {printf "%.3f", a[int((NR + 1) / 2)]}')
echo "plain build (no profile), alternating with it: $(echo "$ROWS $P_MIN" | awk '{printf "%.0f", $1 / $2}')" \
	"txn per CPU second at the fastest, $(echo "$ROWS $P_MED" | awk '{printf "%.0f", $1 / $2}') at the median;" \
	"CPU time profile-guided / plain, median of the pairs: $RATIO; alerts identical"
# Where the time goes: the same run with every detector off (reading,
# interning and the graph with a 1-second window), so the share of the
# detectors and their 7-day window is the difference.
NONE="$DIR/no_detectors.toml"
: > "$NONE"
for t in $(awk '/^  [a-z_]+ +[0-9]+$/ {print $1}' "$DIR/monitor.err"); do # the summary's typologies
	printf '[%s]\nenabled = false\n' "$t" >> "$NONE"
done
/usr/bin/time -f "time_user %U\ntime_sys %S" "$BIN" monitor --in "$DIR/transactions.csv" \
	--accounts "$DIR/accounts.csv" --rules "$NONE" --out /dev/null --no-progress --quiet \
	2> "$DIR/monitor0.err"
B_CPU=$(awk '/^time_user/ {u=$2} /^time_sys/ {s=$2} END {printf "%.2f", u + s}' "$DIR/monitor0.err")
echo "without detectors (read, intern, graph with a 1 s window): $B_CPU CPU s" \
	"($(echo "$ROWS $B_CPU" | awk '{printf "%.0f", $1 / $2}') txn per CPU second);" \
	"with them: $(echo "$U $S" | awk '{printf "%.2f", $1 + $2}') CPU s"
/usr/bin/python3 bench/bench_monitor_baseline.py "$DIR/transactions.csv" "$SAMPLE" > "$DIR/baseline.out"
cat "$DIR/baseline.out"
P_CPU=$(awk '/^baseline_txn_per_cpu_s/ {print $2}' "$DIR/baseline.out")
echo "ratio (centinela / python+networkx, per CPU second): $(echo "$C_CPU $P_CPU" | awk '{printf "%.0f", $1 / $2}')x"
echo "target: >= 2,000,000 txn per CPU second on one core"
