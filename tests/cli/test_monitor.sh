#!/bin/sh
# test_monitor.sh - `centinela monitor` end to end: a planted cycle and
# pass-through in canonical CSV are alerted with their transactions, a
# malformed row is reported and kept in --rejects (exit 1 with --strict),
# streaming from stdin gives the same alerts as a file, and features are
# written with a header and one row per transaction.
set -eu
BIN=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cat > "$T/tx.csv" <<'CSV'
id,timestamp,orig_bank,orig_account,bene_bank,bene_account,amount,currency,channel
a1,2025-03-01T09:00:00Z,B1,ALPHA,B1,BRAVO,9000.00,USD,wire
a2,2025-03-01T11:00:00Z,B1,BRAVO,B2,CHARLIE,8900.00,USD,wire
a3,2025-03-01T15:00:00Z,B2,CHARLIE,B1,ALPHA,8800.00,USD,wire
p1,2025-03-02T09:00:00Z,B3,ORIGIN,B3,CONDUIT,40000.00,USD,wire
bad,not-a-time,B3,ORIGIN,B3,CONDUIT,1.00,USD,wire
p2,2025-03-02T12:00:00Z,B3,CONDUIT,B4,ABROAD,39500.00,USD,wire
CSV
set +e
"$BIN" monitor --in "$T/tx.csv" --out "$T/alerts.jsonl" --rejects "$T/rej.csv" \
	--features "$T/feat.csv" --strict --no-progress 2> "$T/err.txt"
rc=$?
set -e
[ "$rc" = 1 ] || { echo "expected exit 1 with --strict and a bad row, got $rc"; cat "$T/err.txt"; exit 1; }
grep -q 'tx.csv:6' "$T/err.txt" || { echo "bad row not reported with its line"; cat "$T/err.txt"; exit 1; }
grep -q '^bad,not-a-time' "$T/rej.csv" || { echo "bad row not in rejects"; exit 1; }
head -1 "$T/rej.csv" | grep -q '^id,timestamp' || { echo "rejects lacks the header"; exit 1; }
grep '"typology":"cycle"' "$T/alerts.jsonl" | grep -q '"txns":\["a1","a2","a3"\]' ||
	{ echo "cycle not alerted"; cat "$T/alerts.jsonl"; exit 1; }
grep '"typology":"pass_through"' "$T/alerts.jsonl" | grep -q '"p1","p2"' ||
	{ echo "pass-through not alerted"; cat "$T/alerts.jsonl"; exit 1; }
grep -q 'cycle *1' "$T/err.txt" || { echo "summary lacks per-typology counts"; cat "$T/err.txt"; exit 1; }
grep -q '5 transactions read, 1 rejected' "$T/err.txt" || { echo "summary counts wrong"; cat "$T/err.txt"; exit 1; }
# Features: header + 5 rows, the first column the transaction id.
[ "$(wc -l < "$T/feat.csv")" = 6 ] || { echo "features rows"; cat "$T/feat.csv"; exit 1; }
head -1 "$T/feat.csv" | grep -q '^txn_id,fan_in_bins_2-3' || { echo "features header"; exit 1; }
# Streaming: same alerts from stdin to stdout.
"$BIN" monitor --in - --out - --quiet < "$T/tx.csv" > "$T/stream.jsonl" 2>/dev/null
cmp "$T/alerts.jsonl" "$T/stream.jsonl" || { echo "stream differs from batch"; exit 1; }
# A rules file can turn a detector off.
printf '[cycle]\nenabled = false\n' > "$T/rules.toml"
"$BIN" monitor --in "$T/tx.csv" --out "$T/a2.jsonl" --rules "$T/rules.toml" --quiet 2>/dev/null || true
if grep -q '"cycle"' "$T/a2.jsonl"; then echo "cycle not turned off"; exit 1; fi
echo ok
