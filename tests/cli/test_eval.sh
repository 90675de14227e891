#!/bin/sh
# test_eval.sh - `centinela eval` on synth's truth: perfect alerts score 1,
# half of them score recall 1/2 exactly, bad lines are reported (exit 1 only
# with --strict), missing options exit 2.
set -eu
BIN=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$BIN" synth --accounts 1200 --days 5 --seed 4 --out "$T/d" --quiet
# One alert per truth transaction, with its typology: a perfect monitor.
awk -F, 'NR > 1 { printf "{\"alert_id\":%d,\"typology\":\"%s\",\"txns\":[\"%s\"],\"accounts\":[]}\n", NR, $2, $1 }' \
	"$T/d/truth_txns.csv" >"$T/perfect.jsonl"
"$BIN" eval --alerts "$T/perfect.jsonl" --truth "$T/d" --format json >"$T/p.json"
grep -q '"transactions":{"truth":[0-9]*,"flagged":[0-9]*,"true_positives":[0-9]*,"precision":1,"recall":1,"f1":1}' "$T/p.json"
# Every other truth transaction: k of n flagged, all of them true.
n=$(($(wc -l <"$T/d/truth_txns.csv") - 1))
awk 'NR % 2 == 1' "$T/perfect.jsonl" >"$T/half.jsonl"
k=$(wc -l <"$T/half.jsonl")
"$BIN" eval --alerts "$T/half.jsonl" --truth "$T/d" >"$T/half.txt"
grep -q "transactions: truth $n, flagged $k, true positives $k" "$T/half.txt"
grep -q "^ctr " "$T/half.txt"
# Bad lines: reported with their line number, not fatal; --strict exits 1.
{ cat "$T/half.jsonl"; echo '{"typology": 3}'; echo 'nonsense'; } >"$T/bad.jsonl"
"$BIN" eval --alerts "$T/bad.jsonl" --truth "$T/d" >"$T/bad.txt" 2>"$T/bad.err"
grep -q "bad.jsonl:$((k + 1)): bad alert" "$T/bad.err"
grep -q "bad.jsonl:$((k + 2)): bad alert" "$T/bad.err"
grep -q "(2 bad lines skipped)" "$T/bad.txt"
rc=0; "$BIN" eval --alerts "$T/bad.jsonl" --truth "$T/d" --strict >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 1 ] || { echo "--strict exit $rc" >&2; exit 1; }
# stdin
"$BIN" eval --alerts - --truth "$T/d" <"$T/perfect.jsonl" | grep -q "precision 1.0000  recall 1.0000  F1 1.0000"
rc=0; "$BIN" eval --alerts "$T/perfect.jsonl" 2>/dev/null || rc=$?
[ "$rc" -eq 2 ] || { echo "no --truth: exit $rc" >&2; exit 1; }
rc=0; "$BIN" eval --alerts "$T/nothere.jsonl" --truth "$T/d" 2>/dev/null || rc=$?
[ "$rc" -eq 2 ] || { echo "missing alerts file: exit $rc" >&2; exit 1; }
echo ok
