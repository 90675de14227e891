#!/bin/sh
# test_synth_pipeline.sh - synth -> monitor -> eval end to end: the monitor
# reads synth's files in both formats without a reject, and eval scores its
# alerts (some laundering found, figures well-formed).
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
