-- Adds points to an account on one board's period. KEYS: 1 board (zset), 2 members (hash acc -> member), 3 state (hash).
-- ARGV: 1 account, 2 points (> 0), 3 seconds the period's keys are kept from now. Returns the new score, or -1 when the period is frozen (settling or
-- settled: the caller counts it in the next period). A member is "<tie>:<acc>", tie = 999999999999 - (the period's update
-- number), 12 digits: equal scores sort by member, so in descending order the one that reached its score first ranks higher.
local state = redis.call('HGET', KEYS[3], 'state')
if state and state ~= 'open' then return -1 end
local seq = redis.call('HINCRBY', KEYS[3], 'seq', 1)
local old = redis.call('HGET', KEYS[2], ARGV[1])
local score = tonumber(ARGV[2])
if old then
  score = score + tonumber(redis.call('ZSCORE', KEYS[1], old) or '0')
  redis.call('ZREM', KEYS[1], old)
end
local member = string.format('%012.0f', 999999999999 - seq) .. ':' .. ARGV[1]
redis.call('ZADD', KEYS[1], score, member)
redis.call('HSET', KEYS[2], ARGV[1], member)
if not state then redis.call('HSET', KEYS[3], 'state', 'open') end
for i = 1, 3 do redis.call('EXPIRE', KEYS[i], ARGV[3]) end
return score
