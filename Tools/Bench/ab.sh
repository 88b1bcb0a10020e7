#!/usr/bin/env bash
# The game server (A) against the baseline server of Tools/Bench/Baseline (B), alternately: A, B, A, B, ... each run on
# a fresh Redis and a fresh server, load-test configuration with the shipped bargain limits. A run measures
# heartbeats (closed loop), then bargain helps (closed loop, scenario help: every request a help). During each
# measured window it reads the CPU time of the server, Redis and the bots from /proc/<pid>/stat, and the CPU the
# rest of the machine used (/proc/stat user+nice+system minus those three): a pair with a run whose other
# processes used more than --max-other cores is marked disturbed (*), or run again first (--retries N times).
# Prints each pair's A/B ratios, then the median and the range over the undisturbed pairs (all pairs if none).
#
# Usage: Tools/Bench/ab.sh [--pairs N] [--bots N] [--seconds S] [--warmup S] [--loops N] [--full]
#                          [--max-other CORES] [--retries N] [--a DLL] [--b DLL] [--pin] [--rate HB[,HELP]] [--no-build]
#                          [--server-env "NAME=VALUE ..."] [--abba]
#   defaults: 5 pairs of 100 bots, 6 s measured after a 3 s warm-up, no reruns (about 6 minutes on two cores;
#             each --retries doubles that on a machine that stays busy)
#   --full    the issue's load: 200 bots, 15 s after a 5 s warm-up (about 9 minutes for 5 pairs)
#   --loops N eventLoopThreads of both servers (default: the number of cores); --b-loops N: B's only
#   --pin     the server and Redis on CPU 0, the bots on CPU 1 (taskset): the two servers then share their core only
#             with Redis, not with the bots, whose scheduling moves the unpinned ratios by tens of percent
#   --rate HB[,HELP]  open loop instead: the bots send HB heartbeats/s and HELP helps/s (default HB) whatever the
#             server's speed, so both servers do the same work and the CPU per request compares without the bots' share of
#             the machine moving it (closed loop, the faster server also gets more of the bots' CPU); rates then read 1.0
#   --server-env  environment of both servers (not the bots), e.g. "DOTNET_TieredCompilation=1": a runtime setting tried on
#             both sides
#   --abba    every other pair runs B first (A B, B A, A B, ...): a cost of running first or second in a pair (the machine
#             after the previous run's stop, say) then falls on both sides alike instead of on A
#   --a/--b   another build to run as A or B (a SocialGame.Server.dll or SocialGame.Baseline.dll), e.g. the game
#             server before a change as B: before/after on the same method
# Results: .data/bench/ab/ (each run's bots JSON and output, and summary.txt).
set -euo pipefail
cd "$(dirname "$0")/../.."
ABBA= SERVER_ENV= PAIRS=5 BOTS=100 SECS=6 WARM=3 LOOPS=$(nproc) B_LOOPS= MAX_OTHER=0.25 RETRIES=0 BUILD=1 PIN= BOTPIN= RATE_HB= RATE_HELP=
A_DLL=Server/Host/bin/Release/net10.0/SocialGame.Server.dll
B_DLL=Tools/Bench/Baseline/bin/Release/net10.0/SocialGame.Baseline.dll
while [ $# -gt 0 ]; do
  case "$1" in
    --pairs) PAIRS=$2; shift ;;
    --bots) BOTS=$2; shift ;;
    --seconds) SECS=$2; shift ;;
    --warmup) WARM=$2; shift ;;
    --loops) LOOPS=$2; shift ;;
    --b-loops) B_LOOPS=$2; shift ;;
    --full) BOTS=200 SECS=15 WARM=5 ;;
    --max-other) MAX_OTHER=$2; shift ;;
    --retries) RETRIES=$2; shift ;;
    --a) A_DLL=$2; shift ;;
    --b) B_DLL=$2; shift ;;
    --no-build) BUILD=0 ;;
    --abba) ABBA=1 ;;
    --server-env) SERVER_ENV=$2; shift ;;
    --pin) PIN="taskset -c 0" BOTPIN="taskset -c 1" ;;
    --rate) RATE_HB=${2%%,*} RATE_HELP=${2#*,}; shift ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
  shift
done
OUT=${OUT:-.data/bench/ab}
source Tools/Bench/lib.sh
CFG=$OUT/config
if [ "$BUILD" = 1 ]; then
  dotnet build SocialGame.sln -c Release -v q -nologo -clp:ErrorsOnly >&2
  dotnet build Tools/Bench/Baseline/SocialGame.Baseline.csproj -c Release -v q -nologo -clp:ErrorsOnly >&2
fi
$TOOLS benchconfig --config Config --out "$CFG" --limits shipped > /dev/null
# loops DIR N: sets eventLoopThreads in DIR/server.json
loops() {
  sed -i "s/\"eventLoopThreads\": *[0-9]*/\"eventLoopThreads\": $2/" "$1/server.json"
  grep -q "\"eventLoopThreads\": $2" "$1/server.json" || { echo "could not set eventLoopThreads in $1/server.json" >&2; exit 1; }
}
loops "$CFG" "$LOOPS"
CFG_A=$CFG CFG_B=$CFG
if [ -n "$B_LOOPS" ]; then CFG_B=$OUT/config-b; rm -rf "$CFG_B"; cp -r "$CFG" "$CFG_B"; loops "$CFG_B" "$B_LOOPS"; fi

BOTPID= REDISPID=
stop_run() {
  if [ -n "$SERVER" ]; then kill -TERM "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  SERVER=
  redis-cli -p 6395 shutdown nosave >/dev/null 2>&1 || true
}
trap stop_run EXIT
start_run() { # start_run DLL: a fresh Redis, then that server (configuration $CFG) on port 9300, waiting until it accepts connections
  stop_run
  $PIN redis-server --port 6395 --bind 127.0.0.1 --save "" --appendonly no --daemonize yes --logfile "$PWD/$OUT/redis.log"
  for _ in $(seq 50); do redis-cli -p 6395 ping >/dev/null 2>&1 && break; sleep 0.1; done
  REDISPID=$(redis-cli -p 6395 info server | awk -F: '/^process_id/ { print $2 + 0 }')
  # shellcheck disable=SC2086
  env $SERVER_ENV SOCIALGAME_CONFIG=$CFG SOCIALGAME_REDIS=127.0.0.1:6395 SOCIALGAME_PORT=9300 SOCIALGAME_ADMIN_PORT=9301 \
    $PIN dotnet "$1" --config "$CFG" --redis 127.0.0.1:6395 --port 9300 --lua Modules/Bargain/Lua > "$OUT/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 200); do (echo > /dev/tcp/127.0.0.1/9300) 2>/dev/null && return 0; sleep 0.1; done
  echo "server $1 did not start; see $OUT/server.log" >&2; exit 1
}
# allocated: the server's socialgame_allocated_bytes_total (0 for a server without /metrics, the baseline)
allocated() { curl -s -m 2 localhost:9301/metrics 2>/dev/null | awk '/^socialgame_allocated_bytes_total/ { v = $2 } END { printf "%.0f", v + 0 }'; }
# the machine's busy time (user, nice, system) and the time now, in ms, read by the shell itself (as cpu_ms)
busy_ms() { local cpu u n s; read -r cpu u n s _ < /proc/stat; echo $(( (u + n + s) * 1000 / CLK_TCK )); }
now_ms() { local t=${EPOCHREALTIME/[.,]/}; echo $(( t / 1000 )); }
# sample: "ms server redis bots busy" now; fails once the bots have exited
sample() {
  local b; b=$(cpu_ms "$BOTPID" 2>/dev/null) || return 1
  echo "$(now_ms) $(cpu_ms "$SERVER") $(cpu_ms "$REDISPID") $b $(busy_ms)"
}
# measure NAME SCENARIO: one bots run; prints "req/s p99ms serverCPU(cores) otherCPU(cores) allocated-bytes/request"
# over its measured window: from just after the bots' warm-up ends to the last sample (every 0.5 s) but one before
# they exit (the last may hold their stop). The server's allocation is read twice only, at the window's start and once
# the bots have exited (a scrape of /metrics costs CPU the bots and the servers share, and only A has one), over the
# requests from the first to the last sample.
measure() {
  local name=$1 scenario=$2 log=$OUT/$1.log rate=
  if [ -n "$RATE_HB" ]; then rate="--rate $RATE_HB"; [ "$scenario" = help ] && rate="--rate $RATE_HELP"; fi
  # shellcheck disable=SC2086
  $BOTPIN $TOOLS bots --config "$CFG" --port 9300 --bots "$BOTS" --warmup "$WARM" --duration "$SECS" --scenario "$scenario" $rate \
    --prefix "${name//[^a-z0-9]/}x" --out "$OUT/$name.json" > "$log" 2>&1 &
  BOTPID=$!
  for _ in $(seq 1200); do grep -q "measuring" "$log" 2>/dev/null && break; kill -0 $BOTPID 2>/dev/null || break; sleep 0.05; done
  sleep 0.3
  local first prev="" last="" now alloc0 alloc1
  alloc0=$(allocated)
  # bots that failed (a login refused while the server was starting on a loaded machine): zeros, the pair is left out
  first=$(sample) || { echo "bots ended before their measured window: $log" >&2; echo "0 0 0 0 0"; wait $BOTPID; return 0; }
  while now=$(sample); do prev=$last; last=$now; sleep 0.5; done
  [ -n "$prev" ] || prev=$last
  wait $BOTPID || { echo "bots failed: $log" >&2; tail -5 "$log" >&2; echo "0 0 0 0 0"; return 0; }
  alloc1=$(allocated)
  local op=heartbeat; [ "$scenario" = help ] && op=help
  echo "$first $prev ${last%% *} $alloc0 $alloc1" | awk -v rate="$(field "$OUT/$name.json" $op perSecond)" \
    -v p99="$(field "$OUT/$name.json" $op p99Ms)" '{
    dt = $6 - $1; s = $7 - $2; o = ($10 - $5) - s - ($8 - $3) - ($9 - $4); al = $13 - $12
    printf "%.0f %.2f %.3f %.3f %.0f\n", rate, p99, s / dt, (o < 0 ? 0 : o) / dt, al / (rate * ($11 - $1) / 1000) }'
}
# run SIDE DLL TAG: one fresh Redis and server; heartbeats then helps; prints one line of figures
run() {
  if [ "$1" = B ]; then CFG=$CFG_B; else CFG=$CFG_A; fi
  start_run "$2"
  local hb help
  hb=$(measure "$3-hb" heartbeat)
  help=$(measure "$3-help" help)
  stop_run
  echo "$1 $hb $help"
}
printf "# %s, %s cores, %s event loops, %s bots, %s s after %s s warm-up,%s%s A=%s B=%s\n" "$(date -u +%FT%TZ)" "$(nproc)" "$LOOPS${B_LOOPS:+ (B: $B_LOOPS)}" "$BOTS" "$SECS" "$WARM" "${PIN:+ pinned (server and Redis CPU 0, bots CPU 1),}" "${RATE_HB:+ open loop at $RATE_HB heartbeats/s and $RATE_HELP helps/s,}${SERVER_ENV:+ servers with $SERVER_ENV,}${ABBA:+ B first in even pairs,}" "$A_DLL" "$B_DLL" | tee "$OUT/summary.txt"
echo "# pair side hb/s hb-p99ms hb-server-cores hb-other-cores hb-bytes/req helps/s help-p99ms help-server-cores help-other-cores help-bytes/req" | tee -a "$OUT/summary.txt"
: > "$OUT/pairs.txt"
for pair in $(seq "$PAIRS"); do
  for try in $(seq 0 "$RETRIES"); do
    if [ -n "$ABBA" ] && [ $((pair % 2)) = 0 ]; then
      b=$(run B "$B_DLL" "p$pair-b"); a=$(run A "$A_DLL" "p$pair-a")
    else
      a=$(run A "$A_DLL" "p$pair-a"); b=$(run B "$B_DLL" "p$pair-b")
    fi
    echo "$pair $a" | tee -a "$OUT/summary.txt" >&2; echo "$pair $b" | tee -a "$OUT/summary.txt" >&2
    # 1: disturbed, 2: a run's bots failed (not counted)
    disturbed=$(echo "$a $b" | awk -v m="$MAX_OTHER" '{ print ($2 == 0 || $7 == 0 || $13 == 0 || $18 == 0) ? 2 : ($5 > m || $10 > m || $16 > m || $21 > m) ? 1 : 0 }')
    [ "$disturbed" = 0 ] && break
    [ "$disturbed" = 2 ] && { echo "# pair $pair: a run failed$([ "$try" -lt "$RETRIES" ] && echo ', running it again')" | tee -a "$OUT/summary.txt" >&2; continue; }
    echo "# pair $pair disturbed (other processes above $MAX_OTHER cores)$([ "$try" -lt "$RETRIES" ] && echo ', running it again')" | tee -a "$OUT/summary.txt" >&2
  done
  echo "$pair $disturbed $a $b" >> "$OUT/pairs.txt"
done
# pairs.txt: pair disturbed A hb/s hbp99 hbcpu hbother hbbytes helps p99 cpu other bytes B ...
awk '
  function med(a, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
                                   return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
  function add(k, v) { n[k]++; vals[k, n[k]] = v }
  { clean += ($2 == 0); ok += ($2 != 2) }
  { rows[NR] = $0 }
  END {
    names["hb"] = "heartbeat req/s        A/B"; names["hbcpu"] = "server CPU per heartbeat A/B"
    names["help"] = "helps/s                A/B"; names["cpu"] = "server CPU per help    A/B"; names["p99"] = "help p99               A/B"
    names["hbp99"] = "heartbeat p99          A/B"
    names["hbbytes"] = "A allocated bytes per heartbeat"; names["bytes"] = "A allocated bytes per help"
    printf "%-6s %10s %10s %10s %10s %10s %10s %10s %10s\n", "pair", "hb/s", "hb CPU/req", "hb p99", "helps/s", "CPU/help", "help p99", "A B/hb", "A B/help"
    for (r = 1; r <= NR; r++) {
      split(rows[r], f, " ")
      if (f[2] == 2) { printf "%-6s a run failed, left out\n", f[1]; continue }
      # A: f[4..13] = hb/s hbp99 hbcpu hbother hbbytes helps p99 cpu other bytes; B: f[15..24]
      hb = f[4] / f[15]; hbcpu = (f[6] / f[4]) / (f[17] / f[15]); hbp99 = f[5] / f[16]
      help = f[9] / f[20]; cpu = (f[11] / f[9]) / (f[22] / f[20]); p99 = f[10] / f[21]
      printf "%-6s %10.3f %10.3f %10.3f %10.3f %10.3f %10.3f %10d %10d\n", f[1] (f[2] ? "*" : ""), hb, hbcpu, hbp99, help, cpu, p99, f[8], f[13]
      if (f[2] == 0 || (clean == 0 && f[2] == 1)) { add("hb", hb); add("hbcpu", hbcpu); add("hbp99", hbp99); add("help", help); add("cpu", cpu); add("p99", p99)
                                     add("hbbytes", f[8]); add("bytes", f[13]) }
    }
    printf "median and range over %d %s pairs:\n", n["hb"], clean ? "undisturbed" : "(all disturbed)"
    if (!n["hb"]) exit
    split("hb hbcpu hbp99 help cpu p99 hbbytes bytes", keys, " ")
    for (k = 1; k <= 8; k++) {
      key = keys[k]; m = n[key]; lo = 1e18; hi = -1e18
      for (i = 1; i <= m; i++) { a[i] = vals[key, i]; if (a[i] < lo) lo = a[i]; if (a[i] > hi) hi = a[i] }
      printf "  %s %.3f (%.3f-%.3f)\n", names[key], med(a, m), lo, hi
    }
  }' "$OUT/pairs.txt" | tee -a "$OUT/summary.txt"
