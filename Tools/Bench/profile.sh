#!/bin/bash
# Where the server's CPU goes under one bots scenario: a fresh Redis (port 6695) and server (port 9600) with the
# load-test configuration (shipped limits, 2 event loops; the runtime compiling every method itself and writing
# a perf map of it, without W^X double mapping, so perf can name managed frames),
# BOTS bots (default 100) of SCENARIO (default help) for a few seconds of warm-up, then `perf` samples the server's
# CPU for SECONDS (default 8) and prints where it was spent: the functions by their own samples, and the call tree
# in microseconds of CPU per request (Tools/Bench/perftree.py). Needs perf (Debian: `apt-get install -y linux-perf`; as root, or perf_event_paranoid
# permitting).
# PROFILE_ENV=DOTNET_ReadyToRun=1 keeps the framework's precompiled code, as every other run has it (its frames are then
# named by library only, not by method); BOTS=N sets the number of bots.
# Usage: Tools/Bench/profile.sh [SCENARIO] [SECONDS] [SERVER_DLL]   (output in .data/bench/profile-SCENARIO/)
set -e
cd "$(dirname "$0")/../.."
SCENARIO=${1:-help}
SECS=${2:-8}
DLL=${3:-Server/Host/bin/Release/net10.0/SocialGame.Server.dll}
BOTS=${BOTS:-100}
OUT=.data/bench/profile-$SCENARIO
mkdir -p "$OUT"
source Tools/Bench/node.sh
node_start "$OUT" 6695 9600 "$DLL" DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 ${PROFILE_ENV:-DOTNET_ReadyToRun=0}
CFG=$NODE_CFG SERVER=$NODE_SERVER
$TOOLS bots --config "$CFG" --port 9600 --bots "$BOTS" --warmup 3 --duration $((SECS + 4)) --scenario "$SCENARIO" \
  --prefix "${SCENARIO}x" --out "$OUT/bots.json" > "$OUT/bots.log" 2>&1 &
bots=$!
for _ in $(seq 600); do grep -q measuring "$OUT/bots.log" 2>/dev/null && break; sleep 0.05; done
perf record -e cpu-clock -F 999 -g -p "$SERVER" -o "$OUT/perf.data" -- sleep "$SECS" > "$OUT/perf.log" 2>&1 || true
wait $bots || true
perf report -i "$OUT/perf.data" --no-children --sort dso,symbol --stdio -g none --percent-limit 0.2 2>/dev/null |
  grep -v '^#' | grep -v '^$' > "$OUT/self.txt" || true
# requests answered in the sampled window: the bots' rate of the scenario's operation times its length
op=$SCENARIO; [ "$op" = help ] || [ "$op" = heartbeat ] || op=
REQUESTS=$(python3 -c "import json,sys
d=json.load(open('$OUT/bots.json'))
def find(o):
    if isinstance(o,dict):
        for k,v in o.items():
            if isinstance(v,dict) and 'perSecond' in v and (not '$op' or k=='$op'): return v['perSecond']
            r=find(v)
            if r: return r
    if isinstance(o,list):
        for v in o:
            r=find(v)
            if r: return r
print(find(d)*$SECS)")
python3 Tools/Bench/perftree.py "$OUT/perf.data" "$REQUESTS" "" 14 0.3 > "$OUT/tree.txt"
echo "# $SCENARIO, $BOTS bots, $SECS s sampled, $REQUESTS requests; $OUT/ (self.txt, tree.txt, perf.data;"
echo "# Tools/Bench/perftree.py $OUT/perf.data $REQUESTS ROOT for the tree below a frame)"
echo "# own samples"; head -40 "$OUT/self.txt"
echo "# microseconds per request, inclusive"; head -80 "$OUT/tree.txt"
