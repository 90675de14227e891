#!/bin/sh
# test.sh - the whole test suite on a fresh Debian machine: installs what is
# missing, builds twice (warnings as errors; ASan+UBSan) and runs every test
# with ctest in both. This is exactly what CI runs (.ci/run).
set -eu
cd "$(dirname "$0")/.."
scripts/deps.sh
JOBS=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build/release -G Ninja -DCEN_WERROR=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/release -j "$JOBS"
(cd build/release && ctest --output-on-failure -j "$JOBS")
cmake -S . -B build/asan -G Ninja -DCEN_WERROR=ON -DCEN_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build build/asan -j "$JOBS"
(cd build/asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	ctest --output-on-failure -j "$JOBS")
echo "test.sh: all tests passed (release and ASan+UBSan builds)"
