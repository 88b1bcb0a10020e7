#!/usr/bin/env bash
# The load tests of BENCHMARKS.md: a private redis-server (port 6395, no persistence), one server node with
# the load-test configuration (rate and help limits lifted: ./run.sh bots benchconfig), then the bots.
# Results (JSON) go to .data/bench/. Usage: Tools/Bench/bench.sh [bots] [seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
BOTS=${1:-200}
SECONDS_=${2:-15}
dotnet build SocialGame.sln -c Release -v q -nologo -clp:ErrorsOnly >&2
TOOLS="dotnet Tools/Cli/bin/Release/net10.0/SocialGame.Tools.dll"
$TOOLS benchconfig --config Config --out .data/bench/config
redis-server --port 6395 --bind 127.0.0.1 --save "" --appendonly no --daemonize yes --logfile "$PWD/.data/bench/redis.log"
trap 'kill -TERM $SERVER 2>/dev/null; redis-cli -p 6395 shutdown nosave >/dev/null 2>&1 || true' EXIT
SOCIALGAME_CONFIG=.data/bench/config SOCIALGAME_REDIS=127.0.0.1:6395 SOCIALGAME_PORT=9300 SOCIALGAME_ADMIN_PORT=9301 \
  dotnet Server/Host/bin/Release/net10.0/SocialGame.Server.dll --config .data/bench/config > .data/bench/server.log 2>&1 &
SERVER=$!
sleep 4
bots() { $TOOLS bots --config .data/bench/config --port 9300 --bots "$BOTS" "$@"; }
echo "== 1. heartbeat, closed loop";            bots --duration "$SECONDS_" --scenario heartbeat --out .data/bench/heartbeat.json | tail -4
redis-cli -p 6395 config resetstat >/dev/null
echo "== 2. bargain help, closed loop";          bots --duration "$SECONDS_" --scenario bargain --prefix b2bot --out .data/bench/bargain.json | tail -6
echo "== 3. redis cost of the help script during (2)"; redis-cli -p 6395 info commandstats | grep evalsha
echo "== 5. p99 at about half the maximum rate"
bots --duration "$SECONDS_" --scenario bargain --prefix b3bot --rate 1500 --out .data/bench/bargain-half.json | tail -6
bots --duration "$SECONDS_" --scenario heartbeat --prefix hbh --rate 12000 --out .data/bench/heartbeat-half.json | tail -4
echo "== 4. 10,000 idle logged-in connections"
grep VmRSS /proc/$SERVER/status
$TOOLS bots --config .data/bench/config --port 9300 --bots 10000 --ramp 15 --duration 25 --scenario idle --prefix idle --out .data/bench/idle.json > .data/bench/idle.log &
sleep 35; grep VmRSS /proc/$SERVER/status; curl -s localhost:9301/health; echo
wait
