#!/bin/sh
# test_monitor_lookahead.sh - the lookahead pipe changes when alerts come
# out, never what they are: synthetic data with every typology, a feature
# file, late records and a reorder tolerance give byte-identical alerts,
# features and summaries with no lookahead, an odd depth and the default;
# stdin (no lookahead) gives the same alerts too; a bad depth is refused.
set -eu
BIN=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$BIN" synth --out "$T/d" --accounts 3000 --days 10 --seed 11 --quiet
# Shuffle a little: swap neighbouring rows every 50 so some records are
# late (no tolerance) or reordered (with one).
awk 'NR == 1 { print; next } { if (held != "") { if (NR % 50 == 0) { print $0; print held } else { print held; print $0 } held = "" } else if (NR % 50 == 49) held = $0; else print }
     END { if (held != "") print held }' "$T/d/transactions.csv" > "$T/tx.csv"
[ "$(wc -l < "$T/tx.csv")" -eq "$(wc -l < "$T/d/transactions.csv")" ]
printf '[monitor]\nreorder_tolerance = 120\n' > "$T/tol.toml"
for rules in none tol; do
	R=""
	[ $rules = tol ] && R="--rules $T/tol.toml"
	for la in 0 7 default; do
		L=""
		[ $la = default ] || L="--lookahead $la"
		# shellcheck disable=SC2086
		"$BIN" monitor --in "$T/tx.csv" --accounts "$T/d/accounts.csv" $R $L \
			--features "$T/f-$rules-$la.csv" --out "$T/a-$rules-$la.jsonl" --no-progress \
			2> "$T/e-$rules-$la"
		sed -i '/ s, [0-9]* txn\/s/d' "$T/e-$rules-$la" # the timing line differs
	done
	for la in 7 default; do
		cmp "$T/a-$rules-0.jsonl" "$T/a-$rules-$la.jsonl"
		cmp "$T/f-$rules-0.csv" "$T/f-$rules-$la.csv"
		cmp "$T/e-$rules-0" "$T/e-$rules-$la"
	done
done
[ "$(wc -l < "$T/a-none-0.jsonl")" -gt 50 ] || { echo "too few alerts to compare"; exit 1; }
grep -q ' [1-9][0-9]* late' "$T/e-none-0" || { echo "no late records"; cat "$T/e-none-0"; exit 1; }
grep -q ' [1-9][0-9]* reordered' "$T/e-tol-0" || { echo "nothing reordered"; cat "$T/e-tol-0"; exit 1; }
"$BIN" monitor --in - --accounts "$T/d/accounts.csv" --out "$T/s.jsonl" --no-progress \
	< "$T/tx.csv" 2>/dev/null
cmp "$T/a-none-0.jsonl" "$T/s.jsonl"
if "$BIN" monitor --in "$T/tx.csv" --lookahead 5000 --out - 2>/dev/null >/dev/null; then
	echo "--lookahead 5000 accepted"; exit 1
fi
echo ok
