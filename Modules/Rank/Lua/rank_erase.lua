-- Takes an account off one board's period. KEYS: 1 board (zset), 2 members (hash), 3 final (list).
-- ARGV: 1 account, 2 placeholder name. Its live score goes; its final places stay under the placeholder (the rewards were granted
-- by place). Returns how many entries changed.
local changed = 0
local member = redis.call('HGET', KEYS[2], ARGV[1])
if member then
  redis.call('ZREM', KEYS[1], member)
  redis.call('HDEL', KEYS[2], ARGV[1])
  changed = changed + 1
end
local prefix = ARGV[1] .. '\t'
local final = redis.call('LRANGE', KEYS[3], 0, -1)
for i, entry in ipairs(final) do
  if string.sub(entry, 1, #prefix) == prefix then
    redis.call('LSET', KEYS[3], i - 1, ARGV[2] .. '\t' .. string.sub(entry, #prefix + 1))
    changed = changed + 1
  end
end
return changed
