# Shared by the load-test scripts in this folder (sourced, not run): a private redis-server on port 6395
# (no persistence) and one server node with the load-test configuration, both started by `start LIMITS`
# (lifted or shipped; PIN, e.g. "taskset -c 0", runs them on chosen CPUs) and stopped on exit; `bots ...`
# runs the bots (BOTPIN likewise) and appends their whole output to $OUT/bots.log. SERVER_ENV ("NAME=VALUE ...") is the
# server's environment only (not the bots'), e.g. a runtime setting to try.
OUT=${OUT:-.data/bench}
PIN=${PIN:-}
BOTPIN=${BOTPIN:-}
BOTS=${BOTS:-200}
TOOLS="dotnet Tools/Cli/bin/Release/net10.0/SocialGame.Tools.dll"
SERVER=
mkdir -p "$OUT"
stop_all() {
  if [ -n "$SERVER" ]; then kill -TERM "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  SERVER=
  redis-cli -p 6395 shutdown nosave >/dev/null 2>&1 || true
}
trap stop_all EXIT
start() { # start LIMITS: a fresh Redis and server with the load-test configuration
  stop_all
  $TOOLS benchconfig --config Config --out "$OUT/config" --limits "$1"
  $PIN redis-server --port 6395 --bind 127.0.0.1 --save "" --appendonly no --daemonize yes --logfile "$PWD/$OUT/redis.log"
  # shellcheck disable=SC2086
  env ${SERVER_ENV:-} SOCIALGAME_CONFIG=$OUT/config SOCIALGAME_REDIS=127.0.0.1:6395 SOCIALGAME_PORT=9300 SOCIALGAME_ADMIN_PORT=9301 \
    $PIN dotnet Server/Host/bin/Release/net10.0/SocialGame.Server.dll --config "$OUT/config" > "$OUT/server-$1.log" 2>&1 &
  SERVER=$!
  sleep 4
}
bots() { echo "# bots $*" >> "$OUT/bots.log"; $BOTPIN $TOOLS bots --config "$OUT/config" --port 9300 --bots "$BOTS" "$@" | tee -a "$OUT/bots.log"; }
# field FILE OP NAME: a number of operation OP in a bots JSON report (perSecond, p50Ms, p99Ms, ...)
field() { awk -v op="\"$2\"" -v name="\"$3\":" '$1 == op":" { on = 1 } on && $1 == name { gsub(/[",]/, "", $2); print $2; exit }' "$1"; }
# rate FILE OP: requests/s of operation OP, whole
rate() { field "$1" "$2" perSecond | awk '{ printf "%d", $1 }'; }
CLK_TCK=$(getconf CLK_TCK)
# cpu_ms PID: the user + system CPU time of a process so far, in ms; read by the shell itself, with no program started
# (a sampler that starts programs twice a second takes a tenth of a core from what it measures on a busy 2-core machine)
cpu_ms() {
  local line
  read -r line < "/proc/$1/stat" || return 1
  # the fields after the command name (which may hold spaces), from the third: utime and stime are the 14th and 15th
  local -a f
  read -r -a f <<< "${line##*) }"
  echo $(( (f[11] + f[12]) * 1000 / CLK_TCK ))
}
# switches PID: context switches of all of a process's threads so far
switches() { cat /proc/"$1"/task/*/status 2>/dev/null | awk '/ctxt_switches/ { n += $2 } END { print n }'; }
