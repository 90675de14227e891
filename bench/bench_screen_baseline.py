#!/usr/bin/python3
"""bench_screen_baseline.py - the screener a user might write instead:
load every SDN name (sdn.csv primary names and alt.csv aliases), normalise
them (NFKD, strip accents, lower case, punctuation to space), and for each
query compute jellyfish's Jaro-Winkler against every name, keeping those at
or above the threshold. Prints the hit count and "qps N" for bench_screen.c.

Usage: bench_screen_baseline.py SDN_DIR QUERY_FILE [THRESHOLD]
"""
import csv
import os
import re
import sys
import time
import unicodedata

import jellyfish

_PUNCT = re.compile(r"[^a-z0-9]+")


def norm(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return _PUNCT.sub(" ", s.lower().replace("'", "")).strip()


def load(folder):
    names = []
    with open(os.path.join(folder, "sdn.csv"), encoding="latin-1", newline="") as f:
        for row in csv.reader(f):
            if len(row) > 1:
                names.append((row[0], norm(row[1])))
    alt = os.path.join(folder, "alt.csv")
    if os.path.exists(alt):
        with open(alt, encoding="latin-1", newline="") as f:
            for row in csv.reader(f):
                if len(row) > 3:
                    names.append((row[0], norm(row[3])))
    return names


def main():
    folder, qfile = sys.argv[1], sys.argv[2]
    thr = float(sys.argv[3]) if len(sys.argv) > 3 else 0.85
    names = load(folder)
    with open(qfile, encoding="utf-8") as f:
        queries = [line.rstrip("\n") for line in f if line.strip()]
    jw = jellyfish.jaro_winkler_similarity
    t0 = time.process_time()  # CPU time, like bench_screen.c
    hits = 0
    for q in queries:
        nq = norm(q)
        best = {}
        for ent, n in names:
            s = jw(nq, n)
            if s >= thr and s > best.get(ent, 0.0):
                best[ent] = s
        hits += len(best)
    dt = time.process_time() - t0
    print("python baseline: %d names, %d queries, %d hits at %.2f" % (len(names), len(queries), hits, thr))
    print("qps %.3f" % (len(queries) / dt))


if __name__ == "__main__":
    main()
