#!/usr/bin/env bash
# Bargain help latency and machine time by offered rate (open loop, shipped limits): for each rate, a fresh
# Redis and server, 10 s of closed-loop bargain load (not counted), then the open-loop run; during its middle
# 10 s the CPU time of the server, Redis and the bots and the server's context switches are read from /proc.
# Then, if cyclictest is installed, the wake-up latency of a sleeping thread on this machine, idle.
# Usage: Tools/Bench/rates.sh [rate ...] (default 1000 2000 3700 5000 6000 7440). Results go to .data/bench/rates/.
set -euo pipefail
cd "$(dirname "$0")/../.."
RATES=${*:-1000 2000 3700 5000 6000 7440}
OUT=.data/bench/rates
source Tools/Bench/lib.sh
: > "$OUT/bots.log"
dotnet build SocialGame.sln -c Release -v q -nologo -clp:ErrorsOnly >&2

printf "%7s %9s %8s %8s %8s | %-31s | %10s %13s\n" "offered" "answered/s" "p50 ms" "p99 ms" "p99.9 ms" "CPU ms per 10 s: server redis bots" "server us/req" "switches/req"
for RATE in $RATES; do
  start shipped > /dev/null
  bots --warmup 5 --duration 5 --scenario bargain --prefix w${RATE}bot > /dev/null
  bots --warmup 3 --duration 15 --scenario bargain --prefix r${RATE}bot --rate "$RATE" --out "$OUT/rate-$RATE.json" > /dev/null &
  RUN=$!
  sleep 6
  REDIS=$(pgrep -f "redis-server 127.0.0.1:6395")
  BOTPID=$(pgrep -f "prefix r${RATE}bot" | tail -1)
  s1=$(cpu_ms "$SERVER"); r1=$(cpu_ms "$REDIS"); b1=$(cpu_ms "$BOTPID"); c1=$(switches "$SERVER")
  sleep 10
  s2=$(cpu_ms "$SERVER"); r2=$(cpu_ms "$REDIS"); b2=$(cpu_ms "$BOTPID"); c2=$(switches "$SERVER")
  wait $RUN
  J=$OUT/rate-$RATE.json
  printf "%7d %9s %8s %8s %8s | %13d %6d %6d %4s | %10d %13s\n" "$RATE" "$(rate "$J" help)" "$(field "$J" help p50Ms)" "$(field "$J" help p99Ms)" \
    "$(field "$J" help p999Ms)" $((s2 - s1)) $((r2 - r1)) $((b2 - b1)) "" $(( (s2 - s1) * 100 / RATE )) \
    "$(awk -v n=$((c2 - c1)) -v r="$RATE" 'BEGIN { printf "%.1f", n / (r * 10) }')"
done
stop_all
if command -v cyclictest > /dev/null; then
  # one thread sleeping 1 ms at a time for 10 s: how late it wakes, from its histogram (microseconds)
  cyclictest -q -t1 -i 1000 -D 10 -h 50000 2>/dev/null | awk '/^[0-9]/ { n += $2; c[$1 + 0] = $2 } END {
    printf "idle machine, wake-up latency of a sleeping thread:"; split("0.5 0.9 0.99 0.999", q, " ")
    for (us = 0; us <= 50000; us++) { a += c[us]; for (i = 1; i <= 4; i++) if (!(i in d) && a >= q[i] * n) { d[i] = us; printf " p%s %d us", q[i] * 100, us } }
    print "" }'
fi
