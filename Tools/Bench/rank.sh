#!/usr/bin/env bash
# Gifts/s with the rankings on against gifts/s with them off (rank.json without boards), alternately in one run, then
# reads/s of the rankings' `top`. Its own ports (Redis 6496, server 9500/9501) and folder (.data/bench/rank), so it can run
# beside the other scripts. Usage: Tools/Bench/rank.sh [BOTS] [SECONDS] [PAIRS]
set -euo pipefail
cd "$(dirname "$0")/../.."
BOTS=${1:-100}; SECONDS_=${2:-10}; PAIRS=${3:-2}
OUT=.data/bench/rank
TOOLS="dotnet Tools/Cli/bin/Release/net10.0/SocialGame.Tools.dll"
SERVER=
mkdir -p "$OUT"
stop_all() {
  if [ -n "$SERVER" ]; then kill -TERM "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  SERVER=
  redis-cli -p 6496 shutdown nosave >/dev/null 2>&1 || true
}
trap stop_all EXIT
start() { # start on|off: a fresh Redis and server, the rankings' boards as shipped or none
  stop_all
  $TOOLS benchconfig --config Config --out "$OUT/config-$1" --limits lifted >/dev/null
  if [ "$1" = off ]; then
    python3 - "$OUT/config-off/rank.json" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p).read()
i = s.index('"boards"')
open(p, 'w').write(s[:i] + '"boards": []\n}\n')
PY
  fi
  redis-server --port 6496 --bind 127.0.0.1 --save "" --appendonly no --daemonize yes --logfile "$PWD/$OUT/redis.log"
  SOCIALGAME_CONFIG=$OUT/config-$1 SOCIALGAME_REDIS=127.0.0.1:6496 SOCIALGAME_PORT=9500 SOCIALGAME_ADMIN_PORT=9501 \
    dotnet Server/Host/bin/Release/net10.0/SocialGame.Server.dll --config "$OUT/config-$1" > "$OUT/server-$1.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 240); do (echo > /dev/tcp/127.0.0.1/9500) 2>/dev/null && return 0; sleep 0.5; done
  echo "the server did not open its port; see $OUT/server-$1.log" >&2; exit 1
}
run() { # run NAME SCENARIO: one closed-loop bots run, its JSON in $OUT/NAME.json
  $TOOLS bots --config "$OUT/config-on" --port 9500 --bots "$BOTS" --warmup 3 --duration "$SECONDS_" --scenario "$2" \
    --out "$OUT/$1.json" >> "$OUT/bots.log" 2>&1
  awk -v op='"'"${3}"'":' '$1 == op { on = 1 } on && $1 == "\"perSecond\":" { gsub(/[",]/, "", $2); printf "%s %s/s ", "'"$1"'", int($2) } on && $1 == "\"p99Ms\":" { gsub(/[",]/, "", $2); print "p99 " $2 " ms"; exit }' "$OUT/$1.json"
}
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores before the run"
for i in $(seq 1 "$PAIRS"); do
  start on;  run "gift-on-$i" gift sendgift
  start off; run "gift-off-$i" gift sendgift
done
start on; run top ranktop top
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) after the run"
