-- Takes global stock for one buy, never below zero, and remembers the buy as holding it until it is settled.
-- KEYS: 1 stock hash, 2 holding hash, 3 holding index (zset)
-- ARGV: 1 field (store:item), 2 count, 3 the file's stock, 4 holding id, 5 holding record (JSON), 6 now (unix s)
-- The stock is seeded from the file's value the first time; a later change of the file's value moves what is left by the
-- difference (never below zero when taking).
-- Returns {'taken', left after} | {'sold_out', left}
local cfg_field = ARGV[1] .. ':cfg'
local cfg = redis.call('HGET', KEYS[1], cfg_field)
local file = tonumber(ARGV[3])
if not cfg then
  redis.call('HSET', KEYS[1], ARGV[1], file, cfg_field, file)
elseif tonumber(cfg) ~= file then
  redis.call('HINCRBY', KEYS[1], ARGV[1], file - tonumber(cfg))
  redis.call('HSET', KEYS[1], cfg_field, file)
end
local left = tonumber(redis.call('HGET', KEYS[1], ARGV[1]))
local count = tonumber(ARGV[2])
if left < count then
  return {'sold_out', math.max(left, 0)}
end
redis.call('HINCRBY', KEYS[1], ARGV[1], -count)
redis.call('HSET', KEYS[2], ARGV[4], ARGV[5])
redis.call('ZADD', KEYS[3], ARGV[6], ARGV[4])
return {'taken', left - count}
