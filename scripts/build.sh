#!/bin/sh
# build.sh - the fastest build of the command: profile-guided (GCC PGO).
#
#   1. builds an instrumented binary in build/pgo-train,
#   2. runs it on a training workload of its own making: a synthetic bank
#      from `centinela synth` (a seed the benchmark does not use) monitored
#      with the default rules and with examples/rules.toml and the bank's
#      watchlist, and the bundled customers screened against the bundled
#      cartel watchlist,
#   3. builds build/pgo/centinela with those counts and link-time
#      optimisation: branch layout, inlining (across files too) and
#      hot/cold splitting follow what the training ran. Both builds are at
#      -O3 (CEN_OPT_LEVEL): with the same profile, 4% fewer instructions
#      than -O2 on the monitor (callgrind, 500 k transactions).
#
# The result computes exactly what build/release/centinela computes (the
# benchmark checks the alerts are the same, byte for byte); only its speed
# differs. Profiles go to build/pgo-profile and are made afresh each time,
# so they always match the sources. Needs GCC 11 or later
# (-fprofile-prefix-path). Run scripts/deps.sh first on a fresh machine.
set -eu
cd "$(dirname "$0")/.."
JOBS=$(nproc 2>/dev/null || echo 2)
ROOT=$(pwd)
PROFILE="$ROOT/build/pgo-profile"
TRAIN="$ROOT/build/pgo-train"

rm -rf "$PROFILE"
cmake -S . -B "$TRAIN" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCEN_TESTS=OFF -DCEN_OPT_LEVEL=3 \
	-DCEN_PGO=generate -DCEN_PGO_DIR="$PROFILE" -DCMAKE_INTERPROCEDURAL_OPTIMIZATION=ON >/dev/null
cmake --build "$TRAIN" -j "$JOBS" --target centinela

echo "build.sh: training run"
CEN="$TRAIN/centinela"
DATA="$TRAIN/data"
rm -rf "$DATA"
mkdir -p "$DATA"
# train CMD...: a training step; its messages go to a log shown on failure
train() {
	"$@" >> "$DATA/train.log" 2>&1 || {
		cat "$DATA/train.log" >&2
		echo "build.sh: training step failed: $*" >&2
		exit 1
	}
}
train "$CEN" synth --accounts 30000 --days 6 --seed 11 --out "$DATA/bank" --quiet
train "$CEN" monitor --in "$DATA/bank/transactions.csv" --accounts "$DATA/bank/accounts.csv" \
	--out "$DATA/alerts.jsonl" --quiet --no-progress
sed 's|^# watchlist = .*|watchlist = "bank/watchlist.csv"|' examples/rules.toml > "$DATA/rules.toml"
train "$CEN" monitor --in "$DATA/bank/transactions.csv" --accounts "$DATA/bank/accounts.csv" \
	--rules "$DATA/rules.toml" --out "$DATA/alerts-rules.jsonl" --quiet --no-progress
train "$CEN" eval --alerts "$DATA/alerts.jsonl" --truth "$DATA/bank"
train "$CEN" screen --list examples/watchlist-cartels.csv --in examples/customers.csv \
	--out "$DATA/hits.jsonl"
test -d "$PROFILE" || { echo "build.sh: the training wrote no profile in $PROFILE" >&2; exit 1; }

cmake -S . -B build/pgo -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCEN_TESTS=OFF -DCEN_OPT_LEVEL=3 \
	-DCEN_PGO=use -DCEN_PGO_DIR="$PROFILE" -DCMAKE_INTERPROCEDURAL_OPTIMIZATION=ON >/dev/null
cmake --build build/pgo -j "$JOBS" --target centinela
echo "build.sh: build/pgo/centinela (profile-guided)"
