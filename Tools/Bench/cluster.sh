#!/usr/bin/env bash
# Scale-out on a local Redis 7 Cluster (BENCHMARKS.md, Scale-out): 3 masters + 3 replicas on ports 7101-7106, the
# load-test configuration with redis.cluster on, then bargain helps (limits lifted) against
#   1. one node, redis.waitReplicas 0        2. one node, redis.waitReplicas 1
#   3. two nodes, waitReplicas 0, half the bots on each (and PIN/BOTPIN as in lib.sh)
# For each run: the bots' helps/s and latency, and from INFO commandstats of the master serving the period the EVALSHA
# calls per second (help script and the others) and microseconds per call, and WAIT's. Usage: Tools/Bench/cluster.sh [BOTS] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${OUT:-.data/bench/cluster}
BOTS=${1:-200}
SECONDS_RUN=${2:-10}
PIN=${PIN:-}
BOTPIN=${BOTPIN:-}
TOOLS="dotnet Tools/Cli/bin/Release/net10.0/SocialGame.Tools.dll"
PORTS="7101 7102 7103 7104 7105 7106"
ADDRESS="127.0.0.1:7101,127.0.0.1:7102,127.0.0.1:7103"
SERVERS=()
mkdir -p "$OUT"

stop_servers() {
  for pid in "${SERVERS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  SERVERS=()
}
stop_all() {
  stop_servers
  for p in $PORTS; do redis-cli -p "$p" shutdown nosave >/dev/null 2>&1 || true; done
}
trap stop_all EXIT

start_cluster() {
  for p in $PORTS; do
    rm -rf "$OUT/redis-$p"; mkdir -p "$OUT/redis-$p"
    $PIN redis-server --port "$p" --cluster-port $((p + 100)) --bind 127.0.0.1 --dir "$PWD/$OUT/redis-$p" --cluster-enabled yes \
      --cluster-config-file nodes.conf --cluster-node-timeout 2000 --save "" --appendonly no --daemonize yes --logfile "$PWD/$OUT/redis-$p.log"
  done
  sleep 1
  redis-cli --cluster create $(for p in $PORTS; do printf '127.0.0.1:%s ' "$p"; done) --cluster-replicas 1 --cluster-yes >/dev/null
  until [ "$(redis-cli -p 7101 cluster info | tr -d '\r' | awk -F: '$1 == "cluster_state" { print $2 }')" = ok ]; do sleep 0.2; done
  sleep 2
}

config() { # config WAIT: the load-test configuration on the cluster
  $TOOLS benchconfig --config Config --out "$OUT/config" --limits lifted >/dev/null
  sed -i -E 's/"cluster": false/"cluster": true/; s/"waitReplicas": [0-9]+/"waitReplicas": '"$1"'/' "$OUT/config/server.json"
}

node() { # node NAME PORT
  SOCIALGAME_CONFIG=$OUT/config SOCIALGAME_REDIS=$ADDRESS SOCIALGAME_PORT=$2 SOCIALGAME_ADMIN_PORT=$(($2 + 1)) SOCIALGAME_NODE=$1 \
    $PIN dotnet Server/Host/bin/Release/net10.0/SocialGame.Server.dll --config "$OUT/config" > "$OUT/server-$1.log" 2>&1 &
  SERVERS+=($!)
}

period_master() { # the port of the master serving the bargain period's keys (area 1, period 1)
  local slot; slot=$(redis-cli -p 7101 cluster keyslot 'hash:bargain_{1_1}:code' | tr -d '\r')
  redis-cli -p 7101 cluster nodes | tr -d '\r' | awk -v s="$slot" '$3 ~ /master/ && $3 !~ /fail/ {
      for (i = 9; i <= NF; i++) { split($i, r, "-"); if (r[2] == "") r[2] = r[1]; if (s >= r[1] && s <= r[2]) { split($2, a, "[:@]"); print a[2] } } }'
}

stat() { # stat PORT COMMAND FIELD
  redis-cli -p "$1" info commandstats | tr -d '\r' | awk -F'[:,=]' -v c="cmdstat_$2" -v f="$3" '$1 == c { for (i = 2; i < NF; i += 2) if ($i == f) print $(i + 1) }'
}

run() { # run LABEL PORT... : bots split over the nodes on PORT..., EVALSHA/s on the period's master over 5 s when all run
  local label=$1; shift
  local master; master=$(period_master)
  local n=$(( BOTS / $# )) i=0 pids=() left=$#
  # one bots process per node, each started 4 s after the one before (a bots process logs in as gm for its setup,
  # and a gm login elsewhere would kick it), each running until the last one's SECONDS_RUN is over
  for port in "$@"; do
    left=$((left - 1))
    $BOTPIN $TOOLS bots --config "$OUT/config" --port "$port" --bots "$n" --prefix "s$label$i" --duration $((SECONDS_RUN + 4 * left)) \
      --scenario bargain --out "$OUT/$label-$i.json" > "$OUT/$label-$i.txt" 2>&1 &
    pids+=($!); i=$((i + 1))
    [ "$left" -gt 0 ] && sleep 4
  done
  sleep 3
  for p in $PORTS; do redis-cli -p "$p" config resetstat >/dev/null; done
  sleep 5
  local calls; calls=$(stat "$master" evalsha calls)
  for pid in "${pids[@]}"; do wait "$pid"; done
  echo "== $label: nodes on $*; period master 127.0.0.1:$master"
  for f in "$OUT/$label"-*.txt; do grep -E '^help' "$f"; done
  echo "EVALSHA on the period master over 5 s: $((calls / 5))/s, usec_per_call=$(stat "$master" evalsha usec_per_call); WAIT usec_per_call=$(stat "$master" wait usec_per_call)"
}

start_cluster
config 0; node nodeA 9310; sleep 5; run one-wait0 9310; stop_servers
config 1; node nodeA 9310; sleep 5; run one-wait1 9310; stop_servers
config 0; node nodeA 9310; node nodeB 9320; sleep 6; run two-wait0 9310 9320; stop_servers
