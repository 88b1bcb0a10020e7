#!/usr/bin/env python3
"""Inclusive CPU per request from a `perf record -g` profile (as Tools/Bench/profile.sh takes one).

Usage: perftree.py PERF_DATA REQUESTS [ROOT] [DEPTH] [MIN_US]
  Every sample is 1 ms of one CPU at perf's -F 999. Prints, as microseconds per request, the call tree below
  each frame whose name contains ROOT (default: the whole process), DEPTH frames deep (default 12), leaving out
  branches under MIN_US (default 0.2). E.g. ROOT=FireChannelRead for the read path on the event loop,
  ROOT=RunFromThreadPoolDispatchLoop for the work after Redis replies.
"""
import collections
import re
import subprocess
import sys


def frame_name(symbol):
    symbol = re.sub(r'\[(Optimized|PreJIT|OptimizedTier1)\]', '', symbol)
    m = re.search(r'(?:\] )?([\w.`+<>|$]+(?:\[[^\]]*\])?(?:\+<\w+>d__\d+)?::[\w.`<>|$]+)', symbol)
    return m.group(1) if m else symbol[:90]


def stacks(perf_data):
    out = subprocess.run(['perf', 'script', '-i', perf_data, '-F', 'ip,sym'], capture_output=True, text=True).stdout
    stack = []
    for line in out.splitlines():
        if not line.strip():
            if stack:
                yield list(reversed(stack))
            stack = []
            continue
        parts = line.strip().split(None, 1)
        if len(parts) == 2:
            stack.append(frame_name(parts[1]))
    if stack:
        yield list(reversed(stack))


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    perf_data, requests = sys.argv[1], float(sys.argv[2])
    root = sys.argv[3] if len(sys.argv) > 3 else ''
    depth = int(sys.argv[4]) if len(sys.argv) > 4 else 12
    min_us = float(sys.argv[5]) if len(sys.argv) > 5 else 0.2
    us_per_sample = 1e6 / 999 / requests
    tree = {}
    total = 0
    for stack in stacks(perf_data):
        total += 1
        start = next((i for i, f in enumerate(stack) if root in f), None) if root else 0
        if start is None:
            continue
        node = tree
        for f in stack[start:start + depth]:
            entry = node.setdefault(f, [0, {}])
            entry[0] += 1
            node = entry[1]
    print(f'# {total * us_per_sample:.1f} us of CPU per request in all ({total} samples, {requests:.0f} requests)')

    def show(node, indent):
        for name, (count, children) in sorted(node.items(), key=lambda kv: -kv[1][0]):
            if count * us_per_sample < min_us:
                continue
            print(f'{count * us_per_sample:7.2f} {"  " * indent}{name[:150]}')
            show(children, indent + 1)
    show(tree, 0)


if __name__ == '__main__':
    main()
