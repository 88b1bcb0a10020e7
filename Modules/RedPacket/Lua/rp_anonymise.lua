-- A deleted account's grab of one packet: its name is replaced by an anonymous placeholder in who grabbed (the amount
-- stays) and in the grab log (amount and time stay), in one step, so the packet's records never name it half.
-- A share of the account still being credited is left alone: the settlement pass credits it by the account's name.
-- KEYS: 1 grabbed hash, 2 pending-credit set, 3 grab log list. ARGV: 1 account, 2 placeholder.
-- Returns 'pending', 'none' (no grab of the account: never, or already anonymised) or 'done'.
if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 then return 'pending' end
local amount = redis.call('HGET', KEYS[1], ARGV[1])
if not amount then return 'none' end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[1], ARGV[2], amount)
local prefix = ARGV[1] .. '|'
local entries = redis.call('LRANGE', KEYS[3], 0, -1)
for i, entry in ipairs(entries) do
  if string.sub(entry, 1, #prefix) == prefix then
    redis.call('LSET', KEYS[3], i - 1, ARGV[2] .. '|' .. string.sub(entry, #prefix + 1))
  end
end
return 'done'
