#!/bin/bash
# Two servers measured at the same time, each with its own fresh Redis and its own BOTS bots (default 100) of SCENARIO
# (heartbeat or help, closed loop, 5 s warm-up): the game server (A) and the baseline (B) by default. For each run it
# prints both rates and both servers' CPU per request (utime + stime from /proc/<pid>/stat, lib.sh's cpu_ms, over 13 s of the measured
# window), and the ratios A/B; at the end the medians. Both sides share every moment of the machine, so a slow stretch of
# it (BENCHMARKS.md, "Fast and slow runs") slows both alike: the CPU ratio of one run is steadier than ab.sh's, which runs
# A and B one after the other. What it does not give is the issue's measure: each side here has half the machine.
# Usage: Tools/Bench/together.sh [SCENARIO] [RUNS] [A_DLL] [B_DLL]   (output in .data/bench/together-SCENARIO/)
set -e
cd "$(dirname "$0")/../.."
SCENARIO=${1:-heartbeat}
RUNS=${2:-5}
A_DLL=${3:-Server/Host/bin/Release/net10.0/SocialGame.Server.dll}
B_DLL=${4:-Tools/Bench/Baseline/bin/Release/net10.0/SocialGame.Baseline.dll}
BOTS=${BOTS:-100}
OUT=.data/bench/together-$SCENARIO
rm -rf "$OUT"
# TOOLS, field and cpu_ms
source Tools/Bench/lib.sh
CFG=$OUT/config
$TOOLS benchconfig --config Config --out "$CFG" --limits shipped > /dev/null
sed -i "s/\"eventLoopThreads\": *[0-9]*/\"eventLoopThreads\": 2/" "$CFG/server.json"
SERVERS=()
stop_pair() {
  for pid in "${SERVERS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  SERVERS=()
  for port in 6597 6598; do redis-cli -p $port shutdown nosave >/dev/null 2>&1 || true; done
}
trap stop_pair EXIT
echo "# $(date -u +%FT%TZ), $(nproc) cores, $BOTS bots a side, $SCENARIO, A=$A_DLL B=$B_DLL" | tee "$OUT/summary.txt"
for run in $(seq "$RUNS"); do
  for side in A B; do
    if [ $side = A ]; then redis=6597 port=9520 dll=$A_DLL; else redis=6598 port=9530 dll=$B_DLL; fi
    redis-server --port $redis --bind 127.0.0.1 --save "" --appendonly no --daemonize yes --logfile "$PWD/$OUT/redis-$side.log"
    for _ in $(seq 50); do redis-cli -p $redis ping >/dev/null 2>&1 && break; sleep 0.1; done
    SOCIALGAME_CONFIG=$CFG SOCIALGAME_REDIS=127.0.0.1:$redis SOCIALGAME_PORT=$port SOCIALGAME_ADMIN_PORT=$((port + 1)) \
      dotnet "$dll" --config "$CFG" --redis 127.0.0.1:$redis --port $port --lua Modules/Bargain/Lua > "$OUT/server-$side.log" 2>&1 &
    SERVERS+=($!)
  done
  for port in 9520 9530; do
    for _ in $(seq 200); do (echo > /dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done
  done
  bots=()
  for side in A B; do
    port=9520; [ $side = B ] && port=9530
    $TOOLS bots --config "$CFG" --port $port --bots "$BOTS" --warmup 5 --duration 15 --scenario "$SCENARIO" \
      --prefix "t${side,,}x" --out "$OUT/$run-$side.json" > "$OUT/$run-$side.log" 2>&1 &
    bots+=($!)
  done
  for _ in $(seq 600); do
    grep -q measuring "$OUT/$run-A.log" 2>/dev/null && grep -q measuring "$OUT/$run-B.log" 2>/dev/null && break
    sleep 0.05
  done
  sleep 0.5
  a0=$(cpu_ms "${SERVERS[0]}") b0=$(cpu_ms "${SERVERS[1]}")
  sleep 13
  a1=$(cpu_ms "${SERVERS[0]}") b1=$(cpu_ms "${SERVERS[1]}")
  wait "${bots[@]}" || { echo "bots failed; see $OUT/$run-*.log" >&2; exit 1; }
  stop_pair
  python3 - "$(field "$OUT/$run-A.json" "$SCENARIO" perSecond)" "$(field "$OUT/$run-B.json" "$SCENARIO" perSecond)" \
    $((a1 - a0)) $((b1 - b0)) "$run" <<'PY' |
import sys
ra, rb, ma, mb, run = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
ua, ub = ma * 1e3 / 13 / ra, mb * 1e3 / 13 / rb
print(f"{run} A {ra:.0f}/s {ua:.1f} us B {rb:.0f}/s {ub:.1f} us rate {ra / rb:.3f} cpu {ua / ub:.3f}")
PY
    tee -a "$OUT/summary.txt"
done
python3 - "$OUT/summary.txt" <<'PY' | tee -a "$OUT/summary.txt"
import statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if line[:1].isdigit()]
rate, cpu = [float(r[10]) for r in rows], [float(r[12]) for r in rows]
print(f"median of {len(rows)} runs: rate {statistics.median(rate):.3f} ({min(rate):.3f}-{max(rate):.3f}), "
      f"cpu {statistics.median(cpu):.3f} ({min(cpu):.3f}-{max(cpu):.3f})")
PY
