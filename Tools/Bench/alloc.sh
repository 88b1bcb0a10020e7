#!/bin/bash
# Allocation per request of one server build: a fresh Redis (port 6495) and that server (port 9400, /metrics on
# 9401) with the load-test configuration (shipped limits, 2 event loops), then 50 bots of each scenario (heartbeat,
# help) for 5 s after a 2 s warm-up; prints the server's socialgame_allocated_bytes_total over 4 s of the measured
# window divided by the requests it answered meanwhile (socialgame_requests_total). Unlike rates and CPU, this does
# not depend on what else the machine runs, so it compares builds on a busy machine.
# Usage: Tools/Bench/alloc.sh [SERVER_DLL] [NAME]   (defaults: this build, "alloc"; output in .data/bench/NAME/)
set -e
cd "$(dirname "$0")/../.."
DLL=${1:-Server/Host/bin/Release/net10.0/SocialGame.Server.dll}
NAME=${2:-alloc}
OUT=.data/bench/$NAME
mkdir -p "$OUT"
source Tools/Bench/node.sh
node_start "$OUT" 6495 9400 "$DLL"
CFG=$NODE_CFG
# counters: "allocated-bytes requests-answered" now
counters() {
  curl -s -m 5 localhost:9401/metrics |
    awk '/^socialgame_allocated_bytes_total/ { a = $2 } /^socialgame_requests_total/ { r += $2 } END { printf "%.0f %.0f\n", a, r }'
}
for scenario in heartbeat help; do
  $TOOLS bots --config "$CFG" --port 9400 --bots 50 --warmup 2 --duration 5 --scenario $scenario --prefix "${scenario}x" \
    --out "$OUT/$scenario.json" > "$OUT/$scenario.log" 2>&1 &
  bots=$!
  for _ in $(seq 600); do grep -q measuring "$OUT/$scenario.log" 2>/dev/null && break; sleep 0.05; done
  read -r a0 r0 < <(counters)
  sleep 4
  read -r a1 r1 < <(counters)
  wait $bots
  echo "$NAME $scenario: $(( (a1 - a0) / (r1 - r0) )) B allocated per request ($((r1 - r0)) requests)"
done
