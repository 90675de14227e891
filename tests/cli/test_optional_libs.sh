#!/bin/sh
# test_optional_libs.sh - the command does not link libcurl, libxml2 or
# ICU: they are opened when a fetch, a UN list or a non-Latin name first
# needs them (src/core/dynlib.h), so a start does not pay for loading them
# (about 30 ms of CPU each start when they were linked). The binary must
# not name them as needed libraries, and the work that needs them must
# still find them: non-Latin names are transliterated (ICU) by `compare`.
set -eu
BIN=$1
command -v readelf >/dev/null || { echo "readelf not found (binutils)"; exit 1; }
needed=$(readelf -d "$BIN" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
[ -n "$needed" ] || { echo "FAIL: no needed libraries read from $BIN"; exit 1; }
for lib in libcurl libxml2 libicu; do
	if echo "$needed" | grep -q "^$lib"; then
		echo "FAIL: $BIN links $lib:"; echo "$needed"; exit 1
	fi
done
# ICU at work: Greek and Han names are transliterated when compared
out=$("$BIN" compare "Γεώργιος Παπαδόπουλος" "Georgios Papadopoulos" 2>&1) || {
	echo "FAIL: compare failed: $out"; exit 1
}
echo "$out" | grep -q '"score":1.0000' || { echo "FAIL: Greek not transliterated: $out"; exit 1; }
out=$("$BIN" compare "王小明" "Wang Xiaoming" 2>&1) || { echo "FAIL: compare failed: $out"; exit 1; }
echo "$out" | grep -q 'wang~wang' || { echo "FAIL: Han not transliterated: $out"; exit 1; }
echo ok
