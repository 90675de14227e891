#!/bin/sh
# run_screen.sh - builds the release library and bench_screen, then runs the
# screening benchmark on the full OFAC SDN list (CENTINELA_DATA, default
# ../shared/data) with the exhaustive scan and the Python baseline.
# Extra arguments go to bench_screen (e.g. --queries 50000 --python 500).
set -eu
cd "$(dirname "$0")/.."
BUILD=build/bench
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCEN_TESTS=OFF >/dev/null
cmake --build "$BUILD" --target centinela_lib >/dev/null
cc -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -Iinclude bench/bench_screen.c "$BUILD/libcentinela.a" \
	$(pkg-config --libs libutf8proc icu-uc icu-i18n jansson libxml-2.0 libcurl) -lpthread -lm \
	-o "$BUILD/bench_screen"
DATA=${CENTINELA_DATA:-../shared/data}
exec "$BUILD/bench_screen" "$DATA/ofac/sdn-2024-05" "$@"
