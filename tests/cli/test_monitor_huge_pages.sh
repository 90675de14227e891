#!/bin/sh
# test_monitor_huge_pages.sh - `centinela monitor` executes itself again
# with glibc.malloc.hugetlb=1 added to GLIBC_TUNABLES (src/cli/huge_pages.c):
# the running monitor's environment has it, other tunables kept, and its
# process keeps the binary's name; a choice already in the environment is
# left alone; and the alerts are the same whichever way it runs, from a file
# or from stdin.
set -eu
BIN=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
case "${LD_PRELOAD:-}" in *vgpreload*) echo "under valgrind: the monitor does not re-execute"; exit 0 ;; esac
ldd "$BIN" 2>/dev/null | grep -q 'libc.so.6' || { echo "not glibc: nothing to test"; exit 0; }
"$BIN" synth --out "$T/d" --accounts 2000 --days 6 --seed 5 --quiet

# environ_of TUNABLES: the environment of a monitor started with that
# GLIBC_TUNABLES (unset when empty), read from /proc while it waits on its
# input, each variable ended by ':' (glibc ends each tunable's value with a
# NUL in place, so a list reads back as ':'-separated too).
environ_of() {
	rm -f "$T/fifo" && mkfifo "$T/fifo"
	if [ -n "$1" ]; then
		GLIBC_TUNABLES=$1 "$BIN" monitor --in - --out "$T/e.jsonl" --quiet --no-progress < "$T/fifo" &
	else
		env -u GLIBC_TUNABLES "$BIN" monitor --in - --out "$T/e.jsonl" --quiet --no-progress < "$T/fifo" &
	fi
	pid=$!
	exec 8> "$T/fifo" # the monitor's open of its stdin completes
	got=""
	for _ in $(seq 50); do
		got=$(tr '\0' ':' < /proc/$pid/environ 2>/dev/null)
		case "$got" in *glibc.malloc.hugetlb=*) break ;; esac
		sleep 0.1
	done
	comm=$(cat /proc/$pid/comm 2>/dev/null || true)
	cat "$T/d/transactions.csv" >&8
	exec 8>&-
	wait $pid
	[ "$comm" = "$(basename "$BIN" | cut -c1-15)" ] || { echo "process named '$comm'" >&2; exit 1; }
	echo "$got"
}
# has ENV WANT: WANT (a variable and its value) is in ENV whole
has() { case ":$1" in *":$2:"*) return 0 ;; esac; return 1; }
# tun ENV: what ENV says of the tunables, for a message
tun() { echo "$1" | tr ':' '\n' | grep -A1 '^GLIBC_TUNABLES=' | tr '\n' ' '; }
got=$(environ_of "")
has "$got" "GLIBC_TUNABLES=glibc.malloc.hugetlb=1" || { echo "no re-execution with the tunable: $(tun "$got")"; exit 1; }
got=$(environ_of "glibc.malloc.mxfast=0")
has "$got" "GLIBC_TUNABLES=glibc.malloc.mxfast=0:glibc.malloc.hugetlb=1" ||
	{ echo "other tunables not kept: $(tun "$got")"; exit 1; }
got=$(environ_of "glibc.malloc.hugetlb=0")
has "$got" "GLIBC_TUNABLES=glibc.malloc.hugetlb=0" && ! has "$got" "glibc.malloc.hugetlb=1" ||
	{ echo "the user's choice overridden: $(tun "$got")"; exit 1; }

env -u GLIBC_TUNABLES "$BIN" monitor --in "$T/d/transactions.csv" --accounts "$T/d/accounts.csv" \
	--out "$T/a.jsonl" --quiet --no-progress
GLIBC_TUNABLES=glibc.malloc.hugetlb=0 "$BIN" monitor --in "$T/d/transactions.csv" \
	--accounts "$T/d/accounts.csv" --out "$T/b.jsonl" --quiet --no-progress
env -u GLIBC_TUNABLES "$BIN" monitor --in - --accounts "$T/d/accounts.csv" --out "$T/c.jsonl" \
	--quiet --no-progress < "$T/d/transactions.csv"
[ "$(wc -l < "$T/a.jsonl")" -gt 20 ] || { echo "too few alerts to compare"; exit 1; }
cmp "$T/a.jsonl" "$T/b.jsonl"
cmp "$T/a.jsonl" "$T/c.jsonl"
echo "ok"
