#!/usr/bin/python3
"""bench_monitor_baseline.py - what a user might write instead of
`centinela monitor`: Python with networkx, one pass in time order over the
first N transactions of a canonical CSV, keeping a sliding window graph;
per transaction the windowed fan-in of the beneficiary and fan-out of the
originator; cycles of at most K hops: every simulated hour
nx.simple_cycles(window, length_bound=K) where networkx has it (>= 3.1),
else (Debian's 2.8) per transaction nx.all_simple_paths(window, dst, src,
cutoff=K-1), the cycles the new transfer closes. Prints 'baseline_txn_per_cpu_s <x>' (process CPU time, like the C side)."""
import csv
import sys
import time
from collections import deque

import networkx as nx

HAS_BOUND = tuple(int(x) for x in nx.__version__.split(".")[:2]) >= (3, 1)


def main():
    path, n = sys.argv[1], int(sys.argv[2])
    window = int(sys.argv[3]) if len(sys.argv) > 3 else 3 * 86400
    bound = int(sys.argv[4]) if len(sys.argv) > 4 else 6
    g = nx.MultiDiGraph()
    live = deque()
    alerts = cycles = 0
    t0 = time.process_time()
    last_cycle_check = None
    done = 0
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            if done >= n:
                break
            ts = time.mktime(time.strptime(row["timestamp"][:19], "%Y-%m-%dT%H:%M:%S"))
            src = row["orig_bank"] + ":" + row["orig_account"]
            dst = row["bene_bank"] + ":" + row["bene_account"]
            amount = float(row["amount"])
            while live and live[0][0] < ts - window:
                _, s, d, k = live.popleft()
                g.remove_edge(s, d, key=k)
                for v in (s, d):
                    if g.degree(v) == 0:
                        g.remove_node(v)
            k = g.add_edge(src, dst, amount=amount, ts=ts)
            live.append((ts, src, dst, k))
            fan_in = len(set(g.predecessors(dst)))
            fan_out = len(set(g.successors(src)))
            if fan_in >= 5 or fan_out >= 5:
                alerts += 1
            if HAS_BOUND:
                if last_cycle_check is None or ts - last_cycle_check >= 3600:
                    last_cycle_check = ts
                    for c in nx.simple_cycles(nx.DiGraph(g), length_bound=bound):
                        cycles += 1
            elif src != dst:
                for p in nx.all_simple_paths(g, dst, src, cutoff=bound - 1):
                    cycles += 1
            done += 1
    el = time.process_time() - t0
    print("baseline: networkx %s, %s" % (nx.__version__, "hourly simple_cycles(length_bound)"
          if HAS_BOUND else "all_simple_paths per transaction"))
    print("baseline_rows %d" % done)
    print("baseline_cpu_s %.3f" % el)
    print("baseline_txn_per_cpu_s %.1f" % (done / el if el > 0 else 0))
    print("baseline_fan_candidates %d cycles %d" % (alerts, cycles))


if __name__ == "__main__":
    main()
