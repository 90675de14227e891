#!/bin/sh
# run.sh - runs one data-driven screening test file: sh run.sh CENTINELA FILE.test
#
# The format, for analysts to extend (docs/cli.md has the full description):
#
#   # a comment; blank lines separate nothing in particular
#   list: examples/watchlist-cartels.csv     lists to screen against (repeatable);
#                                            relative to the source root, or
#                                            $CENTINELA_DATA/... (the file is skipped,
#                                            exit 77, when that data is absent)
#   threshold: 0.80                          match threshold (default: the engine's)
#
#   search: Joaquín Guzmán Loera             one case: the name screened
#   dob: 1954                                optional: date of birth, country, kind
#   country: MX
#   kind: person
#   expect: own:CEN-0101                     this entity must be a hit at the threshold
#   expect: own:CEN-0101 0.90                ... with at least this score
#   reject: own:CEN-0105                     this entity must not be a hit
#   reject: *                                no entity may be a hit
#
#   compare: Joaquín Guzmán | GUZMAN LOERA, Joaquin
#   expect: match                            (or: expect: no-match)
#
# All searches of a file run in one `centinela screen` over a generated
# customer file (one record per case), so a big list is loaded once. The
# report names each failing case by its line and shows the best hits found.
# Exit 0 when every case passes, 1 otherwise, 77 when its data is absent.
set -u
BIN=$1
FILE=$2
SRC=${CEN_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
DATA=${CENTINELA_DATA:-$SRC/../shared/data}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# Pass 1: lists and threshold; the cases as a customer CSV and a check list.
awk -v tmp="$TMP" -v src="$SRC" -v data="$DATA" '
function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t\r]+$/, "", s); return s }
function csv(s) { if (s ~ /[",]/) { gsub(/"/, "\"\"", s); return "\"" s "\"" } return s }
function flush() {
	if (name != "") {
		printf "%s,%s,%s,%s,%s\n", "L" cline, csv(name), dob, country, kind > (tmp "/cases.csv")
	}
	name = ""; dob = ""; country = ""; kind = ""
}
BEGIN { print "id,name,dob,country,kind" > (tmp "/cases.csv"); nl = 0 }
{
	line = $0
	if (line ~ /^[ \t]*#/ || line ~ /^[ \t]*$/) next
	key = line; sub(/:.*/, "", key); key = trim(key)
	val = line; sub(/^[^:]*:/, "", val); val = trim(val)
	if (key == "list") {
		if (val ~ /^\$CENTINELA_DATA\//) { sub(/^\$CENTINELA_DATA/, data, val) }
		else if (val !~ /^\//) val = src "/" val
		print val > (tmp "/lists")
	} else if (key == "threshold") {
		print val > (tmp "/threshold")
	} else if (key == "search") {
		flush(); cline = NR; name = val; mode = "search"
	} else if (key == "compare") {
		flush(); cline = NR; mode = "compare"
		print "C\t" NR "\t" val > (tmp "/compares")
	} else if (key == "dob") { dob = csv(val)
	} else if (key == "country") { country = csv(val)
	} else if (key == "kind") { kind = csv(val)
	} else if (key == "expect" || key == "reject") {
		if (!cline) { printf "%s:%d: %s before any search/compare\n", FILENAME, NR, key > "/dev/stderr"; bad = 1 }
		print (mode == "compare" ? "C" : "L") cline "\t" NR "\t" key "\t" val > (tmp "/checks")
	} else {
		printf "%s:%d: unknown key \"%s\"\n", FILENAME, NR, key > "/dev/stderr"; bad = 1
	}
}
END { flush(); exit bad }
' "$FILE" || exit 1

[ -s "$TMP/lists" ] || { echo "$FILE: no list: line" >&2; exit 1; }
set --
while IFS= read -r l; do
	if [ ! -e "$l" ]; then
		echo "$FILE: SKIP: $l is absent (set CENTINELA_DATA)" >&2
		exit 77
	fi
	set -- "$@" --list "$l"
done < "$TMP/lists"
THRESHOLD=$(cat "$TMP/threshold" 2>/dev/null || echo "")
[ -n "$THRESHOLD" ] && set -- "$@" --threshold "$THRESHOLD"

# One screen run for every search case (threshold 0.5 so near misses show
# their scores in failure reports; the checks apply the real threshold).
LOW=0.5
if [ -n "$THRESHOLD" ]; then
	LOW=$(awk -v t="$THRESHOLD" 'BEGIN { print (t < 0.5 ? t : 0.5) }')
fi
"$BIN" screen "$@" --threshold "$LOW" --in "$TMP/cases.csv" --out "$TMP/hits.jsonl" \
	--format json --threads 1 --quiet --strict || { echo "$FILE: centinela screen failed" >&2; exit 1; }

# Compare cases: one run each, result kept as "C<line> score match".
: > "$TMP/cmp"
if [ -s "$TMP/compares" ]; then
	while IFS="$(printf '\t')" read -r _ cl pair; do
		a=$(printf '%s' "$pair" | sed 's/[ \t]*|.*//')
		b=$(printf '%s' "$pair" | sed 's/^[^|]*|[ \t]*//')
		"$BIN" compare "$a" "$b" --format json > "$TMP/c.json" ||
			{ echo "$FILE:$cl: centinela compare failed" >&2; exit 1; }
		s=$(sed -n 's/.*"score":\([0-9.]*\).*/\1/p' "$TMP/c.json")
		m=$(sed -n 's/.*"match":\(true\|false\).*/\1/p' "$TMP/c.json")
		printf 'C%s\t%s\t%s\n' "$cl" "$s" "$m" >> "$TMP/cmp"
	done < "$TMP/compares"
fi

# Threshold in effect for the checks: the file's, else the engine's default
# (taken from a compare of two unrelated names, which reports it).
if [ -z "$THRESHOLD" ]; then
	THRESHOLD=$("$BIN" compare "a" "b" --format json | sed -n 's/.*"threshold":\([0-9.]*\).*/\1/p')
fi

awk -v file="$FILE" -v th="$THRESHOLD" -v tmp="$TMP" '
BEGIN { FS = "\t" }
FILENAME ~ /hits.jsonl$/ {
	id = $0; sub(/^\{"input_id":"/, "", id); sub(/".*/, "", id)
	ent = $0; sub(/.*"entity_id":"/, "", ent); sub(/".*/, "", ent)
	sc = $0; sub(/.*"score":/, "", sc); sub(/,.*/, "", sc)
	nm = $0; sub(/.*"input_name":"/, "", nm); sub(/".*/, "", nm)
	score[id, ent] = sc + 0
	if (!(id in top)) top[id] = ""
	if (length(top[id]) < 300) top[id] = top[id] sprintf(" %s=%.2f", ent, sc)
	next
}
FILENAME ~ /cmp$/ { cscore[$1] = $2 + 0; cmatch[$1] = $3; next }
{
	c = $1; ln = $2; kind = $3; val = $4; n++
	split(val, w, /[ \t]+/); ent = w[1]; min = (w[2] == "" ? th : w[2]) + 0
	ok = 1; why = ""
	if (c ~ /^C/) {
		if (!(c in cscore)) { ok = 0; why = "no compare result" }
		else if (kind == "expect" && ent == "match") ok = cmatch[c] == "true"
		else if (kind == "expect" && ent == "no-match") ok = cmatch[c] == "false"
		else { ok = 0; why = "compare takes expect: match|no-match" }
		if (!ok && why == "") why = sprintf("score %.3f match %s", cscore[c], cmatch[c])
	} else if (kind == "expect") {
		if (!((c, ent) in score)) { ok = 0; why = "not found" }
		else if (score[c, ent] < min) { ok = 0; why = sprintf("score %.3f < %.3f", score[c, ent], min) }
	} else if (ent == "*") {
		for (k in score) { split(k, p, SUBSEP); if (p[1] == c && score[k] >= th) { ok = 0; why = why " " p[2] } }
		if (!ok) why = "hit(s) at threshold:" why
	} else if ((c, ent) in score && score[c, ent] >= th) {
		ok = 0; why = sprintf("hit with score %.3f >= %.3f", score[c, ent], th)
	}
	if (ok) pass++
	else printf "FAIL %s:%s: %s %s: %s (case line %s; hits:%s)\n", file, ln, kind, val, why, substr(c, 2), top[c] > "/dev/stderr"
}
END {
	printf "%s: %d of %d checks passed (threshold %s)\n", file, pass, n, th
	exit pass == n ? 0 : 1
}
' "$TMP/hits.jsonl" "$TMP/cmp" "$TMP/checks"
