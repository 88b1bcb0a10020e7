#!/usr/bin/env python3
"""Pools the pairs of several `ab.sh` runs (their pairs.txt) and prints two estimates of each ratio.

Usage: pool.py RUN_DIR [RUN_DIR ...]   (e.g. .data/bench/ab-13a .data/bench/ab-13b)
  - the issue's measure: the median of the pairs' A/B ratios, for each run (as ab.sh prints it) and over all the pairs;
  - each run's ratio of medians: the median of A's rate (or CPU per request) over B's, each side's median taken over the
    run's pairs. A pair's ratio moves with the machine's fast and slow stretches (BENCHMARKS.md, "Fast and slow runs"),
    which fall on one side of a pair as often as on the other; each side's median within one run is less moved by them.
    Runs taken at different times are not pooled this way (their levels differ); the last line gives the median of the
    runs' figures.
Only undisturbed pairs count (all of a run's pairs when none is).
"""
import statistics
import sys

# pairs.txt: pair disturbed A hb/s hbp99 hbcpu hbother hbbytes helps p99 cpu other bytes B (the same eleven)
HB, HB_CPU, HELP, HELP_CPU, B = 3, 5, 8, 10, 11
MEASURES = (("heartbeat/s", HB, None), ("CPU/heartbeat", HB, HB_CPU), ("helps/s", HELP, None), ("CPU/help", HELP, HELP_CPU))


def pairs(run_dir):
    with open(f"{run_dir}/pairs.txt") as f:
        rows = [line.split() for line in f if line.strip()]
    return [r for r in rows if r[1] == "0"] or rows


def value(row, rate, cpu, b):
    """A side's rate, or its CPU per request in microseconds."""
    shift = B if b else 0
    if cpu is None:
        return float(row[rate + shift])
    return float(row[cpu + shift]) / float(row[rate + shift]) * 1e6


def pair_ratios(rows, rate, cpu):
    return [value(r, rate, cpu, False) / value(r, rate, cpu, True) for r in rows]


def ratio_of_medians(rows, rate, cpu):
    return statistics.median(value(r, rate, cpu, False) for r in rows) / statistics.median(value(r, rate, cpu, True) for r in rows)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    runs = [(run, pairs(run)) for run in sys.argv[1:]]
    print("median of the pairs' ratios | ratio of the sides' medians, A/B")
    print(f"{'run':32}{'pairs':>6}" + "".join(f"{name:>28}" for name, _, _ in MEASURES))
    for run, rows in runs:
        cells = "".join(f"{statistics.median(pair_ratios(rows, rate, cpu)):>19.3f} | {ratio_of_medians(rows, rate, cpu):.3f}"
                        for _, rate, cpu in MEASURES)
        print(f"{run[-32:]:32}{len(rows):>6}{cells}")
    every = [r for _, rows in runs for r in rows]
    cells = "".join(
        f"{statistics.median(pair_ratios(every, rate, cpu)):>19.3f} | "
        f"{statistics.median(ratio_of_medians(rows, rate, cpu) for _, rows in runs):.3f}"
        for _, rate, cpu in MEASURES)
    print(f"{'all pairs | median of the runs':32}{len(every):>6}{cells}")


if __name__ == "__main__":
    main()
