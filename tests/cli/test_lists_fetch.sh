#!/bin/sh
# test_lists_fetch.sh - `centinela lists fetch` against a local HTTP server
# serving the OFAC files of $CENTINELA_DATA: the July 2021 set, then the May
# 2024 set into the same folder; the first is kept in previous/ and
# `lists diff` reports what changed. Skips (77) without the data.
set -eu
BIN=$1
SRC=${CEN_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
DATA=${CENTINELA_DATA:-$SRC/../shared/data}
OLD=$DATA/ofac/sdn-2021-07
NEW=$DATA/ofac/sdn-2024-05
if [ ! -f "$OLD/sdn.csv" ] || [ ! -f "$NEW/sdn.csv" ]; then
	echo "test_lists_fetch: SKIP: OFAC data absent in $DATA" >&2
	exit 77
fi
T=$(mktemp -d)
PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
mkdir "$T/www"
serve() { # links the set $1 (a mirror holds the files under their saved names)
	for f in sdn add alt sdn_comments; do
		ln -sf "$1/$f.csv" "$T/www/$f.csv"
	done
}
serve "$OLD"
python3 - "$T/www" "$T/port" <<'PY' &
import functools, http.server, sys
class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass
s = http.server.HTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=sys.argv[1]))
open(sys.argv[2], "w").write(str(s.server_address[1]))
s.serve_forever()
PY
PID=$!
i=0
while [ ! -s "$T/port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
[ -s "$T/port" ] || fail "HTTP server did not start"
URL=http://127.0.0.1:$(cat "$T/port")/

"$BIN" lists fetch ofac-sdn "$T/lists" --url "$URL" > "$T/o1" 2>&1 || fail "fetch 1: $(cat "$T/o1")"
grep -q '8976 entities' "$T/o1" || fail "fetch 1: $(cat "$T/o1")"
serve "$NEW"
"$BIN" lists fetch ofac-sdn "$T/lists" --url "$URL" > "$T/o2" 2>&1 || fail "fetch 2: $(cat "$T/o2")"
grep -q '14965 entities' "$T/o2" || fail "fetch 2: $(cat "$T/o2")"
[ -d "$T/lists/previous" ] || fail "previous version not kept"
"$BIN" lists diff "$T/lists/previous" "$T/lists" --format json > "$T/d.jsonl" 2> "$T/d.err"
grep -q '"change":"added"' "$T/d.jsonl" || fail "diff shows no added entity"
grep -q 'added, .* removed, .* changed' "$T/d.err" || fail "diff summary: $(cat "$T/d.err")"
# A failing server leaves the folder as it was.
set +e
"$BIN" lists fetch ofac-sdn "$T/lists" --url "http://127.0.0.1:1/" --timeout 5 > /dev/null 2>&1
rc=$?
set -e
[ $rc -eq 2 ] || fail "fetch from a dead server exited $rc"
"$BIN" lists show "$T/lists" --format table 2>/dev/null | grep -q 'total: 14965 entities' || fail "folder changed by a failed fetch"
echo "test_lists_fetch: ok"
