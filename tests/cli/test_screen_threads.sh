#!/bin/sh
# test_screen_threads.sh - screening is the same on any number of threads:
# 20,000 synthetic customers (about 1% variants of SDN names, the rest
# invented; several batches) screened against the full OFAC SDN list with
# 1, 2 and 4 threads give byte-identical hits, in input order, and the same
# summary counts. Skipped (77) without the shared data.
set -eu
BIN=$1
SRC=${CEN_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
SDN=${CENTINELA_DATA:-}/ofac/sdn-2024-05
[ -f "$SDN/sdn.csv" ] || { echo "skipped: no $SDN"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
python3 "$SRC/bench/bench_screen_file_gen.py" "$SDN/sdn.csv" 20000 "$T/customers.csv" 11
for n in 1 2 4; do
	"$BIN" screen --list "$SDN" --in "$T/customers.csv" --out "$T/hits.$n.jsonl" \
		--threads "$n" --no-progress 2> "$T/err.$n"
	grep -o 'read [0-9]* records, screened [0-9]*, rejected [0-9]*' "$T/err.$n" > "$T/sum.$n"
done
[ "$(wc -l < "$T/hits.1.jsonl")" -gt 50 ] || { echo "too few hits to compare"; exit 1; }
grep -q 'read 20000 records, screened 20000, rejected 0' "$T/sum.1" || { cat "$T/err.1"; exit 1; }
for n in 2 4; do
	cmp "$T/hits.1.jsonl" "$T/hits.$n.jsonl"
	cmp "$T/sum.1" "$T/sum.$n"
done
echo ok
