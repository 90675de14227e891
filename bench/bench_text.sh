#!/bin/sh
# bench_text.sh - build the release library and run bench_text (name
# normalisation and string similarity vs straightforward implementations).
# Usage: bench/bench_text.sh [SDN_DIR]   (default $CENTINELA_DATA/ofac/sdn-2024-05)
set -eu
cd "$(dirname "$0")/.."
: "${CENTINELA_DATA:=$(pwd)/../shared/data}"
export CENTINELA_DATA
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/release --target centinela_lib >/dev/null
mkdir -p build/bench
cc -O2 -std=c11 -Iinclude -Itests -o build/bench/bench_text bench/bench_text.c \
	build/release/libcentinela.a $(pkg-config --libs libutf8proc icu-uc icu-i18n jansson libxml-2.0 libcurl) -lpthread -lm
exec build/bench/bench_text "$@"
