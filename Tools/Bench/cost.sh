#!/bin/bash
# What one request costs a server outside its own code, per request answered: its user and system CPU (from
# /proc/<pid>/stat), its system calls by name, context switches and page faults (perf), and Redis's commands and
# their time inside Redis (INFO commandstats; a script's own redis.call()s are counted as commands too). A fresh Redis
# (port 6895) and server (port 9900) with the load-test configuration, BOTS bots (default 200) of SCENARIO (default
# heartbeat), SECONDS (default 10) measured after a 5 s warm-up. Run it on the game server and on the baseline
# (Tools/Bench/Baseline) alternately to see whether a difference is in the server's code (user time) or around it.
# Needs perf for the system calls (Debian: `apt-get install -y linux-perf`); without it those lines are left out.
# SERVER_ENV="NAME=VALUE ..." sets a runtime setting for the server only.
# Usage: Tools/Bench/cost.sh [SCENARIO] [SECONDS] [SERVER_DLL]   (output in .data/bench/cost-SCENARIO/)
set -e
cd "$(dirname "$0")/../.."
SCENARIO=${1:-heartbeat}
SECS=${2:-10}
DLL=${3:-Server/Host/bin/Release/net10.0/SocialGame.Server.dll}
BOTS=${BOTS:-200}
OUT=.data/bench/cost-$SCENARIO
rm -rf "$OUT"
mkdir -p "$OUT"
source Tools/Bench/node.sh
# shellcheck disable=SC2086
node_start "$OUT" 6895 9900 "$DLL" ${SERVER_ENV:-}
SERVER=$NODE_SERVER
REDIS=$(pgrep -f "redis-server.*:6895" | head -1)
$TOOLS bots --config "$NODE_CFG" --port 9900 --bots "$BOTS" --warmup 5 --duration $((SECS + 2)) --scenario "$SCENARIO" \
  --prefix "${SCENARIO}c" --out "$OUT/bots.json" > "$OUT/bots.log" 2>&1 &
bots=$!
for _ in $(seq 600); do grep -q measuring "$OUT/bots.log" 2>/dev/null && break; sleep 0.05; done
sleep 1
cpu() { awk '{print $14, $15}' "/proc/$1/stat"; }
redis-cli -p 6895 info commandstats > "$OUT/redis0.txt"
read -r u0 s0 < <(cpu "$SERVER")
read -r ru0 rs0 < <(cpu "$REDIS")
if command -v perf > /dev/null; then
  perf stat -e context-switches,page-faults -p "$SERVER" -o "$OUT/stat.txt" -- \
    perf record -q -e raw_syscalls:sys_enter -p "$SERVER" -o "$OUT/syscalls.data" -- sleep "$SECS" > /dev/null 2>&1 || true
else
  sleep "$SECS"
fi
read -r u1 s1 < <(cpu "$SERVER")
read -r ru1 rs1 < <(cpu "$REDIS")
redis-cli -p 6895 info commandstats > "$OUT/redis1.txt"
wait $bots || true
[ -f "$OUT/syscalls.data" ] && perf script -i "$OUT/syscalls.data" -F comm,trace 2>/dev/null > "$OUT/syscalls.txt" || true
TICK=$(getconf CLK_TCK)
python3 - "$OUT" "$SECS" "$TICK" "$((u1 - u0))" "$((s1 - s0))" "$((ru1 - ru0 + rs1 - rs0))" <<'PY'
import json, os, re, sys
from collections import Counter
out, secs, tick, user, system, redis_cpu = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), *map(int, sys.argv[4:7])
bots = json.load(open(f"{out}/bots.json"))
rate = sum(o["perSecond"] for o in bots["operations"].values())
n = rate * secs
us = lambda ticks: ticks * 1e6 / tick / n
print(f"# {bots['Scenario']}, {bots['Bots']} bots, {rate:,.0f} requests/s; per request over {secs:g} s:")
print(f"server user CPU      {us(user):8.2f} us")
print(f"server system CPU    {us(system):8.2f} us")
print(f"redis CPU            {us(redis_cpu):8.2f} us")
names = {0: "read", 1: "write", 7: "poll", 24: "sched_yield", 44: "sendto", 45: "recvfrom", 46: "sendmsg", 47: "recvmsg",
         202: "futex", 228: "clock_gettime", 232: "epoll_wait", 233: "epoll_ctl", 281: "epoll_pwait", 9: "mmap",
         10: "mprotect", 11: "munmap", 28: "madvise", 20: "writev", 19: "readv"}
if os.path.exists(f"{out}/syscalls.txt"):
    calls = Counter()
    for line in open(f"{out}/syscalls.txt"):
        m = re.search(r"NR (\d+)", line)
        if m: calls[int(m.group(1))] += 1
    print(f"system calls         {sum(calls.values()) / n:8.3f}")
    for nr, c in calls.most_common(8):
        print(f"  {names.get(nr, 'nr ' + str(nr)):18s} {c / n:8.3f}")
if os.path.exists(f"{out}/stat.txt"):
    for line in open(f"{out}/stat.txt"):
        parts = line.split()
        if len(parts) >= 2 and parts[1] in ("context-switches", "page-faults"):
            print(f"{parts[1]:20s} {float(parts[0].replace(',', '')) / n:8.3f}")
def stats(f):
    d = {}
    for line in open(f):
        m = re.match(r"cmdstat_(\w+):calls=(\d+),usec=(\d+)", line)
        if m: d[m.group(1)] = (int(m.group(2)), int(m.group(3)))
    return d
a, b = stats(f"{out}/redis0.txt"), stats(f"{out}/redis1.txt")
for cmd in sorted(b):
    calls, usec = b[cmd][0] - a.get(cmd, (0, 0))[0], b[cmd][1] - a.get(cmd, (0, 0))[1]
    if cmd != "info" and calls / n >= 0.001:
        print(f"redis {cmd:14s} {calls / n:8.3f} calls {usec / n:8.2f} us inside Redis")
PY
