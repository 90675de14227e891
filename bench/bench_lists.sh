#!/bin/sh
# bench_lists.sh - build the release library and run bench_lists (list load
# times vs the bare CSV tokenizer and a Python loader, same run).
# Usage: bench/bench_lists.sh [DATA_DIR]
set -eu
cd "$(dirname "$0")/.."
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/release --target centinela_lib >/dev/null
mkdir -p build/bench
cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -Iinclude -o build/bench/bench_lists bench/bench_lists.c \
	build/release/libcentinela.a $(pkg-config --libs libutf8proc icu-uc icu-i18n jansson libxml-2.0 libcurl) -lpthread -lm
exec build/bench/bench_lists "${1:-${CENTINELA_DATA:-../shared/data}}"
