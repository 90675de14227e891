#!/bin/sh
# test_compare.sh - `centinela compare` end to end: the JSON object (score,
# match, explanation), the table, the ofac algorithm and usage errors.
set -eu
BIN=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$BIN" compare "Joaquín Guzmán Loera" "GUZMAN LOERA, Joaquin" --format json > "$T/c.json"
[ "$(wc -l < "$T/c.json")" -eq 1 ] || fail "compare printed more than one line"
python3 - "$T/c.json" <<'PY' || fail "compare JSON: $(cat "$T/c.json")"
import json, sys
o = json.load(open(sys.argv[1], encoding="utf-8"))
assert 0.9 <= o["score"] <= 1 and o["match"] is True and o["explanation"], o
assert o["algorithm"] == "default" and "parts" in o
PY
"$BIN" compare "Ovidio Guzmán López" "GUZMAN LOERA, Joaquin" --format json | grep -q '"match":false' ||
	fail "different person matched"
"$BIN" compare "Joaquin Guzman Loera" "GUZMAN LOERA, Joaquin" --algorithm ofac --format json > "$T/o.json"
grep -q '"algorithm":"ofac"' "$T/o.json" || fail "ofac algorithm not used"
grep -q '"match":true' "$T/o.json" || fail "ofac: same name not a match"
"$BIN" compare "Joaquín Guzmán" "GUZMAN LOERA, Joaquin" --format table > "$T/t.txt"
grep -q '^score [01]\.[0-9][0-9]  ' "$T/t.txt" || fail "table: $(cat "$T/t.txt")"
grep -q '^why: ' "$T/t.txt" || fail "table has no why"
set +e
"$BIN" compare "only one" > /dev/null 2>&1; rc1=$?
"$BIN" compare a b c > /dev/null 2>&1; rc2=$?
"$BIN" compare a b --algorithm nope > /dev/null 2>&1; rc3=$?
set -e
[ $rc1 -eq 2 ] && [ $rc2 -eq 2 ] && [ $rc3 -eq 2 ] || fail "usage errors exit $rc1 $rc2 $rc3"
echo "test_compare: ok"
