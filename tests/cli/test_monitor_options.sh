#!/bin/sh
# test_monitor_options.sh - monitor's reader options: an edge list separated
# by spaces, with a '#' comment line and no header (the layout of IBM's GFP
# examples), read through a positional mapping; a semicolon CSV with a rate
# override; a bad --sep refused.
set -eu
BIN=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
printf '# txn src dst time\n0 0 1 0\n1 1 2 60\n2 2 0 120\n' > "$T/edges.txt"
"$BIN" monitor --in "$T/edges.txt" --sep ' ' --comment '#' --no-header \
	--columns 'id=#1,src=#2,dst=#3,time=#4' --out "$T/a.jsonl" --no-progress 2> "$T/err"
grep -q '^monitor: 3 transactions read, 0 rejected' "$T/err" || { cat "$T/err"; exit 1; }
# Without the options the same file is not readable as transactions.
if "$BIN" monitor --in "$T/edges.txt" --out "$T/b.jsonl" --no-progress 2> "$T/err2"; then
	grep -q ' 0 transactions read' "$T/err2" || { echo "edge list read without options"; cat "$T/err2"; exit 1; }
fi
printf 'id;timestamp;orig_account;bene_account;amount;currency\nt1;2025-01-01T00:00:00Z;A;B;100.00;EUR\nt2;2025-01-01T00:01:00Z;B;C;12,5;EUR\n' > "$T/semi.csv"
"$BIN" monitor --in "$T/semi.csv" --sep ';' --rates EUR=1.10 --out "$T/c.jsonl" \
	--rejects "$T/rej.csv" --no-progress 2> "$T/err3"
grep -q '^monitor: 1 transactions read, 1 rejected' "$T/err3" || { cat "$T/err3"; exit 1; }
grep -q "^monitor: $T/semi.csv:3: field 'amount': not a number: '12,5'$" "$T/err3" || { cat "$T/err3"; exit 1; }
grep -q '^t2;' "$T/rej.csv"
# JSON lines on stdin are detected and read a whole line at a time: a key
# ending in an escaped quote does not join the next line.
printf '%s\n' '{"id":"j1","timestamp":"2025-01-01T00:00:00Z","orig_account":"A","bene_account":"B","amount":5,"x\"":1}' \
	'{"id":"j2","timestamp":"2025-01-01T00:01:00Z","orig_account":"B","bene_account":"C","amount":5}' |
	"$BIN" monitor --in - --out "$T/d.jsonl" --no-progress 2> "$T/err4"
grep -q '^monitor: 2 transactions read, 0 rejected' "$T/err4" || { cat "$T/err4"; exit 1; }
# A separator must be one character.
if "$BIN" monitor --in "$T/semi.csv" --sep ';;' --out - 2>/dev/null; then
	echo "--sep ';;' accepted"; exit 1
fi
echo ok
