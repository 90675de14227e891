#!/bin/sh
# demo.sh - the main job on bundled sample data, on a fresh Debian machine:
# installs missing packages, builds the release binary, then
#   1. screens examples/customers.csv against the bundled cartel watchlist,
#   2. generates a labelled synthetic bank, monitors it with examples/rules.toml
#      (plus the bank's watchlist of designated parties),
#   3. scores the alerts against the planted truth.
# Outputs go to out/demo/. Exit status is non-zero if any step fails.
set -eu
cd "$(dirname "$0")/.."
scripts/deps.sh
JOBS=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/release -j "$JOBS" --target centinela
CEN=build/release/centinela
OUT=out/demo
mkdir -p "$OUT"

echo
echo "== 1. Screening examples/customers.csv against examples/watchlist-cartels.csv"
$CEN screen --list examples/watchlist-cartels.csv --in examples/customers.csv \
	--out "$OUT/hits.jsonl" --rejects "$OUT/rejects.csv"
echo "   hits written to $OUT/hits.jsonl; the strongest:"
$CEN screen --list examples/watchlist-cartels.csv --in examples/customers.csv \
	--out - --format table 2>/dev/null | head -15

echo
echo "== 2. A synthetic bank: 20,000 accounts over 14 days, with planted laundering"
$CEN synth --accounts 20000 --days 14 --seed 2026 --out "$OUT/bank"
# The documented rules, with the bank's own watchlist of designated parties
# (synth writes it): party names on wires are screened against it.
sed 's|^# watchlist = .*|watchlist = "bank/watchlist.csv"|' examples/rules.toml > "$OUT/rules.toml"
grep -q '^watchlist = "bank/watchlist.csv"' "$OUT/rules.toml"
$CEN monitor --in "$OUT/bank/transactions.csv" --accounts "$OUT/bank/accounts.csv" \
	--rules "$OUT/rules.toml" --out "$OUT/alerts.jsonl"

echo
echo "== 3. Alerts scored against the planted truth"
$CEN eval --alerts "$OUT/alerts.jsonl" --truth "$OUT/bank"
echo
echo "demo: done; see $OUT/"
