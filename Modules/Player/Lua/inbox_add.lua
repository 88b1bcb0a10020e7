-- Stores one inbox message, drops the oldest beyond the cap, optionally once per dedupe key.
-- KEYS: 1 messages hash, 2 order zset, 3 id sequence, 4 dedupe key
-- ARGV: 1 kind, 2 title, 3 text, 4 time, 5 extra, 6 cap, 7 dedupe ('' none), 8 dedupe ttl (s)
-- Returns {1, id} when stored, {0, id} when the dedupe key had already stored message id.
if ARGV[7] ~= '' then
  local seen = redis.call('GET', KEYS[4])
  if seen then return {0, tonumber(seen)} end
end
local id = redis.call('INCR', KEYS[3])
local message = cjson.encode({id = id, kind = ARGV[1], title = ARGV[2], text = ARGV[3], time = tonumber(ARGV[4]), read = false, extra = ARGV[5]})
redis.call('HSET', KEYS[1], id, message)
redis.call('ZADD', KEYS[2], id, id)
local n = redis.call('ZCARD', KEYS[2])
local cap = tonumber(ARGV[6])
if n > cap then
  local dropped = redis.call('ZPOPMIN', KEYS[2], n - cap)
  for i = 1, #dropped, 2 do redis.call('HDEL', KEYS[1], dropped[i]) end
end
if ARGV[7] ~= '' then redis.call('SET', KEYS[4], id, 'EX', tonumber(ARGV[8])) end
return {1, id}
