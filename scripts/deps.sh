#!/bin/sh
# deps.sh - install the Debian packages Centinela needs, only those missing.
# Usage: scripts/deps.sh [--bench]   (--bench adds the Python baselines and
# clang, lld and llvm, for the fuzz targets and CEN_PGO_CC=clang scripts/build.sh)
set -eu
PKGS="build-essential cmake ninja-build pkg-config libutf8proc-dev libicu-dev
libjansson-dev libxml2-dev libcurl4-openssl-dev libcmocka-dev libsqlite3-dev python3"
if [ "${1:-}" = "--bench" ]; then
	PKGS="$PKGS clang lld llvm python3-jellyfish python3-networkx hyperfine"
fi
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps: installing$missing" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
