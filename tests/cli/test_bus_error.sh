#!/bin/sh
# test_bus_error.sh - monitor maps its --in file; when the file is cut
# short while it is being read, the user gets an error and exit code 2,
# not a silent crash (src/cli/bus_error.c).
# Deterministic: the monitor writes every malformed row to --rejects, a
# FIFO; once the FIFO is full it waits, far from the end of the input. The
# test truncates the input then, and drains the FIFO: the monitor's next
# row lies on a page that is gone.
set -eu
BIN=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
{
	echo "id,timestamp,orig_bank,orig_account,bene_bank,bene_account,amount,currency,channel"
	awk 'BEGIN { for (i = 1; i <= 200000; i++)
		printf "T%d,not-a-time,B1,A%d,B2,C%d,100.00,USD,wire\n", i, i, i }'
} > "$T/in.csv"
mkfifo "$T/rejects"
status=0
"$BIN" monitor --in "$T/in.csv" --out /dev/null --rejects "$T/rejects" --quiet \
	--no-progress 2> "$T/err" &
pid=$!
exec 3< "$T/rejects"
head -c 1000 <&3 > /dev/null
: > "$T/in.csv"
cat <&3 > /dev/null
exec 3<&-
wait $pid || status=$?
if [ "$status" -ne 2 ]; then
	echo "FAIL: exit status $status, want 2"; cat "$T/err"; exit 1
fi
grep -q "bus error: an input file was cut short" "$T/err" || {
	echo "FAIL: no message"; cat "$T/err"; exit 1; }
echo "ok: a truncated input ends with an error"
