#!/bin/sh
# test_screen_examples.sh - screening quality on the labelled demo customers
# (examples/customers.csv, label column: match:<id> | near-miss | clean): the
# true variants must be found on their entity, clean customers must not be
# hit, and near misses are counted. Prints precision and recall.
set -eu
BIN=$1
SRC=${CEN_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$BIN" screen --in "$SRC/examples/customers.csv" --out "$T/h.jsonl" --quiet 2>/dev/null
python3 - "$SRC/examples/customers.csv" "$T/h.jsonl" <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
hits = {}
for line in open(sys.argv[2], encoding="utf-8"):
    h = json.loads(line)
    hits.setdefault(h["input_id"], []).append(h)
tp = fn = fp_clean = fp_near = wrong = 0
misses, noisy = [], []
for r in rows:
    got = hits.get(r["id"], [])
    ents = {h["entity_id"] for h in got}
    if r["label"].startswith("match:"):
        want = "own:" + r["label"][6:]
        if want in ents:
            tp += 1
        else:
            fn += 1
            misses.append((r["id"], r["name"], want, [(h["entity_id"], h["score"]) for h in got]))
        wrong += len(ents - {want})
    elif got:
        if r["label"] == "near-miss":
            fp_near += len(got)
        else:
            fp_clean += len(got)
        noisy.append((r["id"], r["name"], r["label"], [(h["entity_id"], h["score"]) for h in got]))
fp = fp_clean + fp_near
recall = tp / (tp + fn)
precision = tp / (tp + fp) if tp + fp else 1.0
print(f"demo customers: {tp} of {tp + fn} true variants found (recall {recall:.3f}), "
      f"{fp} false hits ({fp_near} on near misses, {fp_clean} on clean customers; "
      f"precision {precision:.3f}); {wrong} extra hits on other entities for true variants")
for m in misses:
    print("  missed:", m)
for m in noisy:
    print("  false hit:", m)
# What must hold: every true variant found but at most 2 (typos can fall
# under the threshold), no clean customer hit, at most 3 near misses hit.
ok = fn <= 2 and fp_clean == 0 and fp_near <= 3
sys.exit(0 if ok else 1)
PY
