#!/bin/sh
# fuzz.sh - build every libFuzzer target (tests/fuzz/fuzz_*.c) with clang,
# ASan and UBSan, and run each for SECONDS (default 60) on a copy of its
# committed seed corpus (tests/fuzz/corpus/<name>/). Crashes are kept in
# bench/out/fuzz/<target>/ and make the script exit non-zero.
# Usage: bench/fuzz.sh [SECONDS] [TARGET...]
set -eu
cd "$(dirname "$0")/.."
SECS=${1:-60}
[ $# -gt 0 ] && shift
scripts/deps.sh --bench
cmake -S . -B build/fuzz -G Ninja -DCEN_FUZZ=ON -DCEN_TESTS=OFF \
	-DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/fuzz
targets="$*"
[ -n "$targets" ] || targets=$(ls build/fuzz | sed -n 's/^\(fuzz_[a-z0-9_]*\)$/\1/p')
status=0
for t in $targets; do
	name=${t#fuzz_}
	work=bench/out/fuzz/$t
	mkdir -p "$work/corpus"
	[ -d "tests/fuzz/corpus/$name" ] && cp -r "tests/fuzz/corpus/$name/." "$work/corpus/" 2>/dev/null || true
	echo "== $t for ${SECS}s"
	if ! build/fuzz/$t -max_total_time="$SECS" -max_len=65536 -artifact_prefix="$work/" \
		"$work/corpus" >"$work/log" 2>&1; then
		echo "!! $t failed: see $work/log"; tail -30 "$work/log"; status=1
	else
		grep -E "^#[0-9]+.*DONE|stat::number_of_executed_units" "$work/log" | tail -1
	fi
done
exit $status
