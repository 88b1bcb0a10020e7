#!/usr/bin/env bash
# SocialGame: build and run the server, the tests and the tools.
#   ./run.sh              build (Release), make sure Redis is there, run the server in the foreground
#                         in development mode (SOCIALGAME_DEVELOPMENT=1 unless set: the shipped secrets are accepted)
#   ./run.sh test         all tests
#   ./run.sh token ACC    a login token for ACC under the current configuration (last line: the token)
#   ./run.sh client       interactive command-line client
#   ./run.sh protocol     regenerate Protocol/PROTOCOL.md and the Lua constants
#   ./run.sh audit        recompute every wallet balance from its ledger (every master) and report differences
#   ./run.sh pay ORDERID  play the payment platform's signed callback for an order (local testing)
#   ./run.sh operator-hash  the PBKDF2 hash of the password on standard input, for admin.operators in server.json
#   ./run.sh bots ...     load-test bots against a running server (./run.sh bots --help)
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
DATA="$ROOT/.data"
CONFIG="${SOCIALGAME_CONFIG:-$ROOT/Config}"
export SOCIALGAME_CONFIG="$CONFIG"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

build() {
  dotnet build "$ROOT/SocialGame.sln" -c Release -v q -nologo -clp:ErrorsOnly "$@" >&2
}

TOOLS_DLL="$ROOT/Tools/Cli/bin/Release/net10.0/SocialGame.Tools.dll"

tools() {
  dotnet "$TOOLS_DLL" "$@"
}

# Builds the tools only when a source the build reads is newer than the built tools (the client, token, bots ...
# then start at once: checking takes a few milliseconds, a build that finds nothing to do about five seconds).
build_tools() {
  if [ -f "$TOOLS_DLL" ] && [ -z "$(find "$ROOT/Protocol" "$ROOT/Server" "$ROOT/Modules" "$ROOT/Tools" \
        "$ROOT/Directory.Build.props" "$ROOT/Directory.Packages.props" "$ROOT/SocialGame.sln" \
        \( -name bin -o -name obj \) -prune -o -type f -newer "$TOOLS_DLL" -print -quit)" ]; then
    return 0
  fi
  # the stamp is the tools' file: a change that leaves it as it was (a comment) is not looked at again
  build && touch "$TOOLS_DLL"
}

need_redis_server() {
  if command -v redis-server >/dev/null 2>&1; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "redis-server not found; installing the Debian package" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server) >&2
  else
    echo "redis-server is needed: install it (e.g. sudo apt-get install redis-server) or set SOCIALGAME_REDIS=host:port" >&2
    exit 1
  fi
}

REDIS_PID=""
start_private_redis() {
  need_redis_server
  mkdir -p "$DATA/redis"
  local port=${SOCIALGAME_REDIS_PORT:-6390}
  redis-server --port "$port" --bind 127.0.0.1 --dir "$DATA/redis" --appendonly yes --save "" \
    --daemonize no --logfile "$DATA/redis/redis.log" &
  REDIS_PID=$!
  for _ in $(seq 1 50); do
    if redis-cli -p "$port" ping >/dev/null 2>&1; then break; fi
    sleep 0.1
  done
  export SOCIALGAME_REDIS="127.0.0.1:$port"
  echo "started private redis-server on $SOCIALGAME_REDIS (data in .data/redis, append-only)" >&2
}

stop_private_redis() {
  if [ -n "$REDIS_PID" ]; then kill "$REDIS_PID" 2>/dev/null || true; wait "$REDIS_PID" 2>/dev/null || true; fi
}

cmd=${1:-run}
[ $# -gt 0 ] && shift
case "$cmd" in
  run|server)
    build
    if [ -z "${SOCIALGAME_REDIS:-}" ]; then start_private_redis; fi
    # a local run: the shipped development secrets are accepted (SOCIALGAME_DEVELOPMENT=0 refuses them)
    export SOCIALGAME_DEVELOPMENT="${SOCIALGAME_DEVELOPMENT:-1}"
    trap stop_private_redis EXIT
    set +e
    dotnet "$ROOT/Server/Host/bin/Release/net10.0/SocialGame.Server.dll" --config "$CONFIG" "$@" &
    SERVER_PID=$!
    trap 'kill -TERM $SERVER_PID 2>/dev/null' INT TERM
    wait $SERVER_PID; status=$?
    # a signal interrupts the first wait; wait again for the server's own exit
    if kill -0 $SERVER_PID 2>/dev/null; then wait $SERVER_PID; status=$?; fi
    exit $status
    ;;
  test)
    need_redis_server
    build
    dotnet test "$ROOT/Tests/SocialGame.Tests.csproj" -c Release --no-build --logger "console;verbosity=normal" "$@"
    ;;
  token)
    build_tools
    tools token "$@"
    ;;
  client)
    build_tools
    tools client "$@"
    ;;
  audit)
    build_tools
    tools audit "$@"
    ;;
  bots)
    build_tools
    tools bots "$@"
    ;;
  pay)
    build_tools
    tools pay "$@"
    ;;
  operator-hash)
    build
    tools operator-hash "$@"
    ;;
  protocol)
    build
    tools protocol --root "$ROOT" "$@"
    ;;
  *)
    echo "usage: ./run.sh [run|test|token ACC|client|protocol|audit|pay ORDERID|bots|operator-hash]" >&2
    exit 2
    ;;
esac
