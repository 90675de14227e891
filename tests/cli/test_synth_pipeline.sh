#!/bin/sh
# test_synth_pipeline.sh - synth -> monitor -> eval end to end: the monitor
# reads synth's files in both formats without a reject, and eval scores its
# alerts (some laundering found, figures well-formed); examples/rules.toml
# gives the structural detectors' defaults.
set -eu
BIN=$1
SRC=${CEN_SRC:-$(dirname "$0")/../..}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$BIN" monitor --help >/dev/null 2>&1 || { echo "no monitor command: skipped"; exit 77; }
"$BIN" synth --accounts 3000 --days 10 --seed 5 --laundering 0.02 --out "$T/d" --quiet
"$BIN" monitor --in "$T/d/transactions.csv" --accounts "$T/d/accounts.csv" \
	--rules "$SRC/examples/rules.toml" --out "$T/alerts.jsonl" --no-progress 2>"$T/mon.log"
rows=$(($(wc -l <"$T/d/transactions.csv") - 1))
grep -q "$rows transactions read, 0 rejected" "$T/mon.log" || { cat "$T/mon.log" >&2; exit 1; }
"$BIN" eval --alerts "$T/alerts.jsonl" --truth "$T/d" --format json --strict >"$T/eval.json"
# transaction-level recall: the first "recall" of the object
recall=$(grep -o '"recall":[0-9.e+-]*' "$T/eval.json" | head -1 | cut -d: -f2)
awk -v r="$recall" 'BEGIN { exit !(r > 0.2 && r <= 1) }' || {
	echo "transaction recall $recall" >&2; cat "$T/eval.json" >&2; exit 1; }
grep -q '"typology":"structuring"' "$T/eval.json"
# examples/rules.toml writes out the defaults: the structural detectors
# alert exactly as with no rules file (the cash ones differ by its lists).
"$BIN" monitor --in "$T/d/transactions.csv" --accounts "$T/d/accounts.csv" \
	--out "$T/alerts0.jsonl" --no-progress 2>/dev/null
structural() {
	grep -E '"typology":"(pass_through|fan_in|fan_out|scatter_gather|gather_scatter|bipartite|stack|cycle)"' "$1" |
		sed 's/"alert_id":[0-9]*,//'
}
structural "$T/alerts.jsonl" >"$T/s1"
structural "$T/alerts0.jsonl" >"$T/s0"
[ -s "$T/s0" ] || { echo "no structural alert without rules" >&2; exit 1; }
cmp -s "$T/s0" "$T/s1" || { echo "examples/rules.toml differs from the defaults:" >&2; diff "$T/s0" "$T/s1" | head >&2; exit 1; }
# With synth's watchlist in the rules, transfers to listed parties alert too.
printf '[blocked_counterparty]\nwatchlist = "%s"\n' "$T/d/watchlist.csv" >"$T/rules.toml"
"$BIN" monitor --in "$T/d/transactions.csv" --accounts "$T/d/accounts.csv" \
	--rules "$T/rules.toml" --out "$T/alerts2.jsonl" --no-progress 2>/dev/null
before=$(grep -c '"typology":"blocked_counterparty"' "$T/alerts.jsonl" || true)
after=$(grep -c '"typology":"blocked_counterparty"' "$T/alerts2.jsonl" || true)
[ "$after" -gt "$before" ] || { echo "watchlist added no alert ($before -> $after)" >&2; exit 1; }
# AMLworld layout of the same world reads without a reject either
"$BIN" synth --accounts 3000 --days 10 --seed 5 --laundering 0.02 --out "$T/w" --format amlworld --quiet
"$BIN" monitor --in "$T/w/transactions.csv" --out "$T/w.jsonl" --no-progress 2>"$T/w.log"
grep -q "$rows transactions read, 0 rejected" "$T/w.log" || { cat "$T/w.log" >&2; exit 1; }
"$BIN" eval --alerts "$T/w.jsonl" --truth "$T/w" --strict >/dev/null
echo ok
