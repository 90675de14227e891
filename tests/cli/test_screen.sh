#!/bin/sh
# test_screen.sh - `centinela screen` end to end on the bundled examples:
# output fields and input order, identical output for any --threads, JSON
# lines and stdin input, CSV output, rejects (file, line, field; --strict),
# a missing column, the good-guy list and delta screening (--since-list).
set -eu
BIN=$1
SRC=${CEN_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
LIST=$SRC/examples/watchlist-cartels.csv
CUST=$SRC/examples/customers.csv
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# 1. JSON lines with the documented fields, in input order; same for 1 and 2 threads.
"$BIN" screen --list "$LIST" --in "$CUST" --out "$T/h1.jsonl" --threads 1 2> "$T/err1"
"$BIN" screen --list "$LIST" --in "$CUST" --out "$T/h2.jsonl" --threads 2 2> "$T/err2"
cmp -s "$T/h1.jsonl" "$T/h2.jsonl" || fail "--threads 1 and 2 differ"
[ -s "$T/h1.jsonl" ] || fail "no hits on the demo customers"
python3 - "$T/h1.jsonl" "$CUST" <<'PY' || fail "JSON fields or order"
import csv, json, sys
order = {r["id"]: i for i, r in enumerate(csv.DictReader(open(sys.argv[2], encoding="utf-8")))}
last = -1
for line in open(sys.argv[1], encoding="utf-8"):
    h = json.loads(line)
    for k in ("input_id", "entity_id", "source", "name", "matched_name", "score", "programs",
              "explanation", "content_hash", "status"):
        assert k in h, (k, h)
    assert 0 <= h["score"] <= 1 and isinstance(h["programs"], list) and h["explanation"]
    assert order[h["input_id"]] >= last, ("order", h["input_id"])
    last = order[h["input_id"]]
PY
grep -q "read 320 records, screened 320, rejected 0" "$T/err1" || fail "summary: $(cat "$T/err1")"
grep -q "hits on" "$T/err1" || fail "summary has no hit count"

# 2. JSON lines input from stdin gives the same hits as the CSV.
python3 - "$CUST" > "$T/c.jsonl" <<'PY'
import csv, json, sys
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    print(json.dumps({k: r[k] for k in ("id", "name", "dob", "country", "kind") if r[k]}, ensure_ascii=False))
PY
"$BIN" screen --list "$LIST" --in - --out "$T/h3.jsonl" --quiet < "$T/c.jsonl"
cmp -s "$T/h1.jsonl" "$T/h3.jsonl" || fail "JSON lines input differs from CSV input"

# 3. CSV output: header and one row per hit.
"$BIN" screen --list "$LIST" --in "$CUST" --out "$T/h.csv" --quiet
head -1 "$T/h.csv" | grep -q '^input_id,input_name,entity_id,source,kind,name,matched_name,score,match,programs,content_hash,status,explanation,cleared$' ||
	fail "CSV header: $(head -1 "$T/h.csv")"
[ $(($(wc -l < "$T/h.csv") - 1)) -eq "$(wc -l < "$T/h1.jsonl")" ] || fail "CSV rows != JSON lines"

# 4. Bad input: every bad record named by line and field, kept in --rejects; --strict exits 1.
printf 'id,name,dob\n1,Joaquin Guzman Loera,1954\n2,GUZMAN, JOAQUIN,1954\n3,bad \303\050 utf8,\n,no id,\n5,"unterminated\n6,Ana Ruiz,31/31/1999\n7,%s,\n' \
	"$(head -c 3000 /dev/zero | tr '\0' a)" > "$T/bad.csv"
"$BIN" screen --list "$LIST" --in "$T/bad.csv" --out "$T/hb.jsonl" --rejects "$T/rej.csv" 2> "$T/errb" ||
	fail "bad rows made a non-strict run fail"
grep -q 'bad.csv:3' "$T/errb" || fail "line 3 not reported: $(cat "$T/errb")"
grep -q "bad.csv:4: field 'name'" "$T/errb" || fail "line 4 field name not reported"
grep -q "bad.csv:5: field 'id'" "$T/errb" || fail "line 5 field id not reported"
grep -q "bad.csv:8: field 'name'" "$T/errb" || fail "oversized name not reported"
grep -q "warning: .*bad.csv:7: field 'dob'" "$T/errb" || fail "bad dob not warned"
grep -q 'rejected 5' "$T/errb" || fail "summary: $(cat "$T/errb")"
[ "$(wc -l < "$T/rej.csv")" -eq 6 ] || fail "rejects file: $(cat "$T/rej.csv")"
head -1 "$T/rej.csv" | grep -q '^id,name,dob$' || fail "rejects file has no header"
grep -q '^2,GUZMAN, JOAQUIN,1954$' "$T/rej.csv" || fail "raw record not kept"
grep -q '"input_id":"1"' "$T/hb.jsonl" || fail "good record 1 not screened"
set +e
"$BIN" screen --list "$LIST" --in "$T/bad.csv" --out /dev/null --strict --quiet 2>/dev/null
rc=$?
printf 'id,nombre\n1,x\n' > "$T/nocol.csv"
"$BIN" screen --list "$LIST" --in "$T/nocol.csv" --out /dev/null 2> "$T/errn"
rc2=$?
"$BIN" screen --list "$LIST" --in "$T/missing.csv" --out /dev/null 2>/dev/null
rc3=$?
set -e
[ $rc -eq 1 ] || fail "--strict with rejects exited $rc, want 1"
[ $rc2 -eq 2 ] || fail "missing name column exited $rc2, want 2"
grep -q "no 'name' column" "$T/errn" || fail "missing column message: $(cat "$T/errn")"
[ $rc3 -eq 2 ] || fail "missing input exited $rc3, want 2"

# 5. Good-guy list: clear one hit in the CSV, rerun: suppressed; change the
#    entity's record: the hit is back with status recheck.
first=$(sed -n 2p "$T/h.csv")
in_id=${first%%,*}
ent=$(printf '%s\n' "$first" | python3 -c 'import csv,sys; print(next(csv.reader(sys.stdin))[2])')
python3 - "$T/h.csv" "$in_id" "$ent" > "$T/cleared.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(rows[0])
for r in rows[1:]:
    if r[0] == sys.argv[2] and r[2] == sys.argv[3]:
        r[-1] = "yes"
    w.writerow(r)
PY
"$BIN" screen --list "$LIST" --in "$CUST" --out "$T/hg.jsonl" --cleared "$T/cleared.csv" 2> "$T/errg"
n_before=$(wc -l < "$T/h1.jsonl")
n_after=$(wc -l < "$T/hg.jsonl")
[ "$n_after" -eq $((n_before - 1)) ] || fail "cleared hit not suppressed ($n_before -> $n_after)"
grep -q '1 suppressed as cleared' "$T/errg" || fail "summary: $(cat "$T/errg")"
! grep "\"input_id\":\"$in_id\"" "$T/hg.jsonl" | grep -q "\"entity_id\":\"$ent\"" || fail "cleared hit still there"
python3 - "$LIST" "${ent#own:}" > "$T/list2.csv" <<'PY'
import csv, sys
w = csv.writer(sys.stdout, lineterminator="\n")
for r in csv.reader(open(sys.argv[1], encoding="utf-8")):
    if r[0] == sys.argv[2]:
        r[3] = (r[3] + ";" if r[3] else "") + "NEW ALIAS OF THE TEST"
    w.writerow(r)
PY
cmp -s "$LIST" "$T/list2.csv" && fail "test list was not changed"
"$BIN" screen --list "$T/list2.csv" --in "$CUST" --out "$T/hr.jsonl" --cleared "$T/cleared.csv" 2>/dev/null
grep "\"input_id\":\"$in_id\"" "$T/hr.jsonl" | grep "\"entity_id\":\"$ent\"" | grep -q '"status":"recheck"' ||
	fail "changed entity's cleared hit not back as recheck"

# 6. Delta screening: OLD lacks two entities and has one changed; the delta
#    run equals the full run restricted to those entities.
grep -v '^CEN-0101,\|^CEN-0002,' "$LIST" | sed 's/^CEN-0201,person,"OSEGUERA CERVANTES, Nemesio",EL MENCHO;/CEN-0201,person,"OSEGUERA CERVANTES, Nemesio",/' > "$T/old.csv"
"$BIN" screen --list "$LIST" --since-list "$T/old.csv" --in "$CUST" --out "$T/hd.jsonl" 2> "$T/errd"
grep -q '2 added, 1 changed, 0 removed' "$T/errd" || fail "delta counts: $(cat "$T/errd")"
grep -E '"entity_id":"own:(CEN-0101|CEN-0002|CEN-0201)"' "$T/h1.jsonl" > "$T/hfull.jsonl" || true
[ -s "$T/hfull.jsonl" ] || fail "full run has no hits on the delta entities"
cmp -s "$T/hd.jsonl" "$T/hfull.jsonl" || fail "delta run differs from the full run on the delta entities"
echo "test_screen: ok"
