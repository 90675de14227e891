#!/bin/sh
# test_prefetch_kept.sh - the monitor's prefetch hints are in the binary.
# A hint never changes a result, so no other test sees one vanish; GCC
# deleted them once (functions made of hints alone were found pure: see
# src/core/prefetch.h: they compiled to a bare return) and the 5 M
# benchmark ran 20% slower for it. Each function below must still hold a
# prefetch instruction, or (unoptimised builds) a call to the code that
# does (cen__graph_prefetch_evict is an inline test in graph.h: its
# out-of-line part, _run, issues the hints).
set -eu
BIN=$1
command -v objdump >/dev/null || { echo "objdump not found (binutils)"; exit 1; }
T=$(mktemp)
trap 'rm -f "$T"' EXIT
objdump -d --no-show-raw-insn "$BIN" > "$T"
status=0
for f in cen__graph_prefetch_add cen__graph_prefetch_evict_run cen__graph_prefetch_pairs \
	ctr_prefetch st_prefetch; do
	n=$(awk -v f="<$f>:" '$2 == f { on = 1; next } on && /^$/ { on = 0 } on' "$T" |
		grep -c -E 'prefetch|prfm|call|bl[[:space:]]' || true)
	if [ "$n" -eq 0 ]; then
		echo "FAIL: $f holds no prefetch instruction and calls nothing"
		status=1
	fi
done
[ $status -eq 0 ] && echo "ok: prefetch hints kept"
exit $status
