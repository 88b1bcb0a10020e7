# Shared by alloc.sh and profile.sh (sourced, not run): one fresh Redis (no persistence) and one server node with
# the load-test configuration (shipped limits, 2 event loops), stopped on exit.
#   node_start OUT REDIS_PORT PORT DLL [ENV=VALUE ...]   (the server's admin port is PORT + 1; ENV goes to the server)
TOOLS="dotnet Tools/Cli/bin/Release/net10.0/SocialGame.Tools.dll"
NODE_SERVER= NODE_REDIS_PORT=
node_stop() {
  if [ -n "$NODE_SERVER" ]; then kill -TERM "$NODE_SERVER" 2>/dev/null || true; wait "$NODE_SERVER" 2>/dev/null || true; fi
  NODE_SERVER=
  [ -z "$NODE_REDIS_PORT" ] || redis-cli -p "$NODE_REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
}
trap node_stop EXIT
node_start() {
  local out=$1 redis_port=$2 port=$3 dll=$4; shift 4
  NODE_CFG=$out/config NODE_REDIS_PORT=$redis_port
  $TOOLS benchconfig --config Config --out "$NODE_CFG" --limits shipped > /dev/null
  sed -i "s/\"eventLoopThreads\": *[0-9]*/\"eventLoopThreads\": 2/" "$NODE_CFG/server.json"
  redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes --logfile "$PWD/$out/redis.log"
  for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  env "$@" SOCIALGAME_CONFIG="$NODE_CFG" SOCIALGAME_REDIS=127.0.0.1:"$redis_port" SOCIALGAME_PORT="$port" \
    SOCIALGAME_ADMIN_PORT=$((port + 1)) dotnet "$dll" --config "$NODE_CFG" --redis 127.0.0.1:"$redis_port" --port "$port" \
    --lua Modules/Bargain/Lua > "$out/server.log" 2>&1 &
  NODE_SERVER=$!
  for _ in $(seq 300); do (echo > /dev/tcp/127.0.0.1/"$port") 2>/dev/null && return 0; sleep 0.1; done
  echo "the server did not start; see $out/server.log" >&2
  return 1
}
