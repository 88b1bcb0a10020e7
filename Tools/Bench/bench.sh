#!/usr/bin/env bash
# The load tests of BENCHMARKS.md: a private redis-server (port 6395, no persistence), one server node with
# the load-test configuration (./run.sh bots benchconfig), then the bots. Measured runs are preceded by a
# warm-up that is not counted. Part A lifts the bargain help limits: every help cuts and the lists grow to
# a hundred entries. N bots have N x (N - 1) helps to give, so part A's bargain runs use twice the bots, last
# 10 s, and each uses fresh bots (warmed up by other bots), so nearly every help cuts. Part B keeps the shipped limits (5 helps per account; the rest refused).
# Results (JSON) go to .data/bench/. Usage: Tools/Bench/bench.sh [bots] [seconds] (PARTS=A, B, C or a mix: those parts only).
# Part C repeats part B with the server and Redis on CPU 0 and the bots on CPU 1 (taskset), so the bots do not
# compete for the server's core.
set -euo pipefail
cd "$(dirname "$0")/../.."
BOTS=${1:-200}
SECONDS_=${2:-15}
WARMUP=${WARMUP:-5}
PARTS=${PARTS:-ABC}
source Tools/Bench/lib.sh
: > "$OUT/bots.log"
dotnet build SocialGame.sln -c Release -v q -nologo -clp:ErrorsOnly >&2

if [[ $PARTS == *A* ]]; then
echo "== A. load-test limits lifted"
start lifted
echo "== 1. heartbeat, closed loop";          bots --warmup "$WARMUP" --duration "$SECONDS_" --scenario heartbeat --out $OUT/heartbeat.json | tail -4
bots --duration "$WARMUP" --scenario bargain --prefix b1bot > /dev/null
BARGAIN_BOTS=$((BOTS * 2))
redis-cli -p 6395 config resetstat >/dev/null
echo "== 2. bargain help, closed loop";       bots --duration 10 --scenario bargain --prefix b2bot --bots $BARGAIN_BOTS --out $OUT/bargain.json | tail -6
echo "== 3. redis cost of the help script during (2), then redis-benchmark on the same keys"
redis-cli -p 6395 info commandstats | grep evalsha
SHA=$(redis-cli -p 6395 script load "$(cat Modules/Bargain/Lua/bargain_doc.lua; echo; cat Modules/Bargain/Lua/bargain_help.lua)")
CODE=$(redis-cli -p 6395 hget hash:bargain_1_1:player b2bot0 | grep -o '"code":"[A-Z0-9]*"' | head -1 | cut -d'"' -f4)
# b2bot1 helped b2bot0's code during (2): the script runs its checks and answers "already"
redis-benchmark -p 6395 -c 50 -n 20000 -q evalsha "$SHA" 3 hash:bargain_1_1:player hash:bargain_1_1:code hash:bargain_1_1:help \
  b2bot1 "$CODE" 127.0.0.3 bot-device-1 1000000 1000000 10000 10 5 1 1 999999999 | tr "\r" "\n" | tail -1 | sed "s/.*: /redis-benchmark: /"
echo "== 5. p99 at half the maximum rates of (1) and (2), open loop"
bots --warmup "$WARMUP" --duration 10 --scenario bargain --prefix b3bot --bots $BARGAIN_BOTS --rate $(( $(rate $OUT/bargain.json help) / 2 )) --out $OUT/bargain-half.json | tail -6
bots --warmup "$WARMUP" --duration "$SECONDS_" --scenario heartbeat --prefix hbh --rate $(( $(rate $OUT/heartbeat.json heartbeat) / 2 )) --out $OUT/heartbeat-half.json | tail -4
echo "== 4. 10,000 idle logged-in connections"
grep VmRSS /proc/$SERVER/status
$TOOLS bots --config $OUT/config --port 9300 --bots 10000 --ramp 15 --duration 25 --scenario idle --prefix idle --out $OUT/idle.json > $OUT/idle.log &
IDLE=$!
for _ in $(seq 60); do sleep 1; curl -s localhost:9301/health | grep -q '"loggedIn":10000' && break; done
sleep 5; grep VmRSS /proc/$SERVER/status; curl -s localhost:9301/health; echo
wait $IDLE || true

fi

if [[ $PARTS == *B* ]]; then
echo "== B. shipped bargain limits"
start shipped
redis-cli -p 6395 config resetstat >/dev/null
echo "== 2b. bargain help, closed loop";      bots --warmup "$WARMUP" --duration "$SECONDS_" --scenario bargain --prefix s2bot --out $OUT/bargain-shipped.json | tail -6
redis-cli -p 6395 info commandstats | grep evalsha
echo "== 5b. p99 at half the maximum rate of (2b)"
bots --warmup "$WARMUP" --duration "$SECONDS_" --scenario bargain --prefix s3bot --rate $(( $(rate $OUT/bargain-shipped.json help) / 2 )) --out $OUT/bargain-shipped-half.json | tail -6
fi

if [[ $PARTS == *C* ]] && [ "$(nproc)" -ge 2 ]; then
echo "== C. shipped bargain limits, server and Redis on CPU 0, bots on CPU 1"
PIN="taskset -c 0"; BOTPIN="taskset -c 1"
start shipped
echo "== 2c. bargain help, closed loop";      bots --warmup "$WARMUP" --duration "$SECONDS_" --scenario bargain --prefix p2bot --out $OUT/bargain-pinned.json | tail -6
echo "== 5c. p99 at half the maximum rate of (2c)"
for RUN in 1 2; do
  bots --warmup "$WARMUP" --duration "$SECONDS_" --scenario bargain --prefix p${RUN}hbot --rate $(( $(rate $OUT/bargain-pinned.json help) / 2 )) --out $OUT/bargain-pinned-half$RUN.json | tail -6
done
fi
