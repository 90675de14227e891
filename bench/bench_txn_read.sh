#!/bin/sh
# bench_txn_read.sh - build the release library and run bench_txn_read
# (transaction reader vs a naive fgets/strtok/strtod/strptime reader).
# Usage: bench/bench_txn_read.sh [ROWS] [DIR]   (default 2000000 rows in /tmp)
set -eu
cd "$(dirname "$0")/.."
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/release --target centinela_lib >/dev/null
mkdir -p build/bench
cc -O2 -std=c11 -Iinclude -o build/bench/bench_txn_read bench/bench_txn_read.c \
	build/release/libcentinela.a $(pkg-config --libs libutf8proc icu-uc icu-i18n jansson libxml-2.0 libcurl) -lpthread -lm
exec build/bench/bench_txn_read "$@"
