#!/bin/sh
# test_search.sh - `centinela search` end to end: JSON fields, the table,
# CSV, options and usage errors on the bundled demo list; then the real OFAC
# SDN list in $CENTINELA_DATA (that part skips when the data is absent).
set -eu
BIN=$1
SRC=${CEN_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
DATA=${CENTINELA_DATA:-$SRC/../shared/data}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# Without --list: the demo list (found from the source tree), said on stderr.
"$BIN" search "Joaquín Guzmán Loera" --format json > "$T/s.jsonl" 2> "$T/err"
python3 - "$T/s.jsonl" <<'PY' || fail "search JSON"
import json, sys
hits = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert hits and hits[0]["entity_id"] == "own:CEN-0101", hits
for h in hits:
    for k in ("entity_id", "source", "name", "matched_name", "score", "programs", "explanation"):
        assert k in h, k
assert hits[0]["source"] == "own" and "SDNTK" in hits[0]["programs"]
assert all(a["score"] >= b["score"] for a, b in zip(hits, hits[1:])), "not ranked"
PY
CENTINELA_DEMO_LIST=/nonexistent/list.csv "$BIN" search "x" > /dev/null 2> "$T/err2" && fail "bad CENTINELA_DEMO_LIST accepted"
grep -q "/nonexistent/list.csv" "$T/err2" || fail "CENTINELA_DEMO_LIST not used: $(cat "$T/err2")"

# Table and CSV.
"$BIN" search "Nemesio Oseguera" --format table > "$T/t.txt" 2>/dev/null
grep -q '^SCORE  *ENTITY  *NAME' "$T/t.txt" || fail "table header: $(cat "$T/t.txt")"
grep -q 'own:CEN-0201.*OSEGUERA CERVANTES, Nemesio' "$T/t.txt" || fail "table row"
grep -q 'why: ' "$T/t.txt" || fail "table has no explanation"
"$BIN" search "Nemesio Oseguera" --format csv 2>/dev/null | head -1 | grep -q '^entity_id,source,kind,name,matched_name,score,match,programs,content_hash,explanation$' ||
	fail "CSV header"

# --kind org excludes persons; --limit; --threshold 1 on a variant gives nothing.
"$BIN" search "Guzman" --kind org --threshold 0.1 --limit 50 --format json 2>/dev/null > "$T/k.jsonl"
! grep -q '"kind":"person"' "$T/k.jsonl" || fail "--kind org returned persons"
n=$("$BIN" search "Guzman" --threshold 0.1 --limit 2 --format json 2>/dev/null | wc -l)
[ "$n" -le 2 ] || fail "--limit 2 gave $n hits"

# Usage errors exit 2.
for args in "" "--bogus x" "a b" "x --threshold 2" "x --kind planet" "x --algorithm foo"; do
	# shellcheck disable=SC2086
	if "$BIN" search $args > /dev/null 2>&1; then fail "search $args succeeded"; fi
	set +e; "$BIN" search $args > /dev/null 2>&1; rc=$?; set -e
	[ $rc -eq 2 ] || fail "search $args exited $rc, want 2"
done

# The real SDN list (2024-05): the issue's example query.
SDN=$DATA/ofac/sdn-2024-05
if [ ! -f "$SDN/sdn.csv" ]; then
	echo "test_search: demo part ok; SKIP the OFAC part: $SDN absent" >&2
	exit 0
fi
"$BIN" search "Joaquin Guzman" --dob 1954 --country MX --list "$SDN" --format json > "$T/o.jsonl" 2>/dev/null
head -1 "$T/o.jsonl" | grep -q '"entity_id":"us_ofac_sdn:6861"' || fail "OFAC: Guzman Loera not first: $(head -3 "$T/o.jsonl")"
"$BIN" search "Joaquin Guzman" --list "$SDN" --exhaustive --format json > "$T/oe.jsonl" 2>/dev/null
head -1 "$T/oe.jsonl" | grep -q '"entity_id":"us_ofac_sdn:6861"' || fail "OFAC exhaustive"
echo "test_search: ok"
