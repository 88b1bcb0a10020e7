#!/bin/bash
# What the server allocates per request, by type: a fresh Redis (port 6795) and server (port 9800) with the load-test
# configuration, BOTS bots (default 100) of SCENARIO (default heartbeat), and during SECONDS (default 5) of their measured
# window a trace of the runtime's allocation ticks (dotnet-trace; one tick about every 100 KB, naming the type that crossed
# it), summed by type and divided by the requests answered meanwhile (Tools/Bench/AllocTypes). A sample: types of a few
# bytes per request move between runs; the total matches alloc.sh's.
# Needs dotnet-trace (`dotnet tool install -g dotnet-trace`).
# Usage: Tools/Bench/alloctypes.sh [SCENARIO] [SECONDS] [SERVER_DLL]   (output in .data/bench/alloctypes-SCENARIO/)
set -e
cd "$(dirname "$0")/../.."
SCENARIO=${1:-heartbeat}
SECS=${2:-5}
DLL=${3:-Server/Host/bin/Release/net10.0/SocialGame.Server.dll}
BOTS=${BOTS:-100}
OUT=.data/bench/alloctypes-$SCENARIO
TRACE=${DOTNET_TRACE:-$(command -v dotnet-trace || echo "$HOME/.dotnet/tools/dotnet-trace")}
mkdir -p "$OUT"
dotnet build Tools/Bench/AllocTypes -c Release -v q -nologo -clp:ErrorsOnly >&2
source Tools/Bench/node.sh
node_start "$OUT" 6795 9800 "$DLL"
requests() { curl -s -m 5 localhost:9801/metrics | awk '/^socialgame_requests_total/ { r += $2 } END { printf "%.0f\n", r }'; }
$TOOLS bots --config "$NODE_CFG" --port 9800 --bots "$BOTS" --warmup 3 --duration $((SECS + 6)) --scenario "$SCENARIO" \
  --prefix "${SCENARIO}x" --out "$OUT/bots.json" > "$OUT/bots.log" 2>&1 &
bots=$!
for _ in $(seq 600); do grep -q measuring "$OUT/bots.log" 2>/dev/null && break; sleep 0.05; done
r0=$(requests)
"$TRACE" collect -p "$NODE_SERVER" --providers Microsoft-Windows-DotNETRuntime:0x1:5 --duration "00:00:00:$(printf %02d "$SECS")" \
  -o "$OUT/alloc.nettrace" > "$OUT/trace.log" 2>&1
r1=$(requests)
wait $bots || true
n=$((r1 - r0))
# a server without /metrics (the baseline): the bots' rate over the traced window
[ "$n" -gt 0 ] || n=$(python3 -c "import json; d=json.load(open('$OUT/bots.json')); print(int(sum(o['perSecond'] for o in d['operations'].values()) * $SECS))")
dotnet Tools/Bench/AllocTypes/bin/Release/net10.0/SocialGame.AllocTypes.dll "$OUT/alloc.nettrace" "$n"
