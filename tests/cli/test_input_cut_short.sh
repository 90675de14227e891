#!/bin/sh
# test_input_cut_short.sh - monitor reads its --in file in chunks (window
# mode); when the file is cut short by another process while it is read,
# the user gets an error naming the file and the bytes read, and exit
# code 2, not a quiet end as if the file were whole (src/core/csv.c).
# Deterministic: the monitor writes every malformed row to --rejects, a
# FIFO; once the FIFO is full it waits, far from the end of the input. The
# test truncates the input then, and drains the FIFO: the monitor's next
# read finds the end of a file shorter than it was.
set -eu
BIN=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
{
	echo "id,timestamp,orig_bank,orig_account,bene_bank,bene_account,amount,currency,channel"
	awk 'BEGIN { for (i = 1; i <= 200000; i++)
		printf "T%d,not-a-time,B1,A%d,B2,C%d,100.00,USD,wire\n", i, i, i }'
} > "$T/in.csv"
size=$(wc -c < "$T/in.csv")
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
grep -q "in.csv: the file was cut short while it was read ([0-9]* of its $size bytes)" "$T/err" || {
	echo "FAIL: no message"; cat "$T/err"; exit 1; }
# A file read whole is no error, nor one emptied before it is opened.
{
	echo "id,timestamp,orig_bank,orig_account,bene_bank,bene_account,amount,currency,channel"
	echo "T1,2025-11-28T00:00:06Z,B1,A1,B2,C1,100.00,USD,wire"
} > "$T/whole.csv"
for f in whole.csv in.csv; do
	"$BIN" monitor --in "$T/$f" --out /dev/null --quiet --no-progress 2> "$T/err2" || {
		echo "FAIL: $f is an error"; cat "$T/err2"; exit 1; }
done
echo "ok: an input cut short while read ends with an error"
