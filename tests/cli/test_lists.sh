#!/bin/sh
# test_lists.sh - `centinela lists show|diff` end to end on the demo list and
# a changed copy, and `lists show` on the real OFAC folder when present.
set -eu
BIN=$1
SRC=${CEN_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
DATA=${CENTINELA_DATA:-$SRC/../shared/data}
LIST=$SRC/examples/watchlist-cartels.csv
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

n=$(($(grep -c . "$LIST") - 1))
"$BIN" lists show "$LIST" --format table > "$T/show.txt"
grep -q "total: $n entities" "$T/show.txt" || fail "show: $(cat "$T/show.txt")"
grep -q 'sha256 [0-9a-f]\{64\}' "$T/show.txt" || fail "show has no hash"
[ "$("$BIN" lists show "$LIST" --entities --format json | wc -l)" -eq "$n" ] || fail "--entities count"
"$BIN" lists show "$LIST" --id own:CEN-0101 | grep -q '"aliases":\["EL CHAPO"' || fail "--id"
"$BIN" lists show --format json 2>/dev/null | grep -q '"entities":'"$n" || fail "show without a path (demo list)"
set +e; "$BIN" lists show "$LIST" --id own:NOPE > /dev/null 2>&1; rc=$?; set -e
[ $rc -eq 2 ] || fail "unknown --id exited $rc"

# diff: one removed, one added, one with a changed alias and DOB.
grep -v '^CEN-0007,' "$LIST" | sed 's/^CEN-0102,person,"ZAMBADA GARCIA, Ismael",EL MAYO;/CEN-0102,person,"ZAMBADA GARCIA, Ismael",EL MAYITO;EL MAYO;/; s/MAYO ZAMBADA,1948,/MAYO ZAMBADA,1948-01-01,/' > "$T/new.csv"
echo 'CEN-9999,org,CARTEL DE PRUEBA,,,MX,FTO,' >> "$T/new.csv"
"$BIN" lists diff "$LIST" "$T/new.csv" --format table > "$T/d.txt" 2> "$T/d.err"
grep -q '^- own:CEN-0007 .*TREN DE ARAGUA.*removed' "$T/d.txt" || fail "removed: $(cat "$T/d.txt")"
grep -q '^+ own:CEN-9999 .*CARTEL DE PRUEBA.*added' "$T/d.txt" || fail "added"
grep -q '^~ own:CEN-0102 .*changed: names, dobs' "$T/d.txt" || fail "changed fields: $(cat "$T/d.txt")"
grep -q '1 added, 1 removed, 1 changed' "$T/d.err" || fail "diff summary: $(cat "$T/d.err")"
"$BIN" lists diff "$LIST" "$T/new.csv" --format json 2>/dev/null | python3 -c '
import json, sys
c = {o["entity_id"]: o for o in map(json.loads, sys.stdin)}
assert c["own:CEN-0102"]["change"] == "changed" and c["own:CEN-0102"]["fields"] == ["names", "dobs"], c
assert c["own:CEN-9999"]["change"] == "added" and c["own:CEN-0007"]["change"] == "removed"
' || fail "diff JSON"
[ -z "$("$BIN" lists diff "$LIST" "$LIST" 2>/dev/null)" ] || fail "a list differs from itself"

SDN=$DATA/ofac/sdn-2024-05
if [ ! -f "$SDN/sdn.csv" ]; then
	echo "test_lists: demo part ok; SKIP the OFAC part: $SDN absent" >&2
	exit 0
fi
"$BIN" lists show "$SDN" --format table > "$T/o.txt" 2>/dev/null
grep -q 'total: 14965 entities' "$T/o.txt" || fail "OFAC show: $(cat "$T/o.txt")"
echo "test_lists: ok"
