-- Adds points to accounts on boards' periods, one gift's every board in one call. For board i (from 1): KEYS 3i-2 board (zset),
-- 3i-1 members (hash acc -> member), 3i state (hash); ARGV 3i-2 account, 3i-1 points (> 0), 3i seconds the period's keys are kept
-- from now. Returns each board's new score, or -1 where the period is frozen (settling or settled: the caller counts it in the next
-- period). A member is "<tie>:<acc>", tie = 999999999999 - (the period's update number), 12 digits: equal scores sort by member,
-- so in descending order the one that reached its score first ranks higher.
local scores = {}
for i = 1, #KEYS / 3 do
  local board, members, stateKey = KEYS[3 * i - 2], KEYS[3 * i - 1], KEYS[3 * i]
  local acc, points, keep = ARGV[3 * i - 2], tonumber(ARGV[3 * i - 1]), ARGV[3 * i]
  local state = redis.call('HGET', stateKey, 'state')
  if state and state ~= 'open' then
    scores[i] = -1
  else
    local seq = redis.call('HINCRBY', stateKey, 'seq', 1)
    local old = redis.call('HGET', members, acc)
    local score = points
    if old then
      score = score + tonumber(redis.call('ZSCORE', board, old) or '0')
      redis.call('ZREM', board, old)
    end
    local member = string.format('%012.0f', 999999999999 - seq) .. ':' .. acc
    redis.call('ZADD', board, score, member)
    redis.call('HSET', members, acc, member)
    if not state then redis.call('HSET', stateKey, 'state', 'open') end
    redis.call('EXPIRE', board, keep)
    redis.call('EXPIRE', members, keep)
    redis.call('EXPIRE', stateKey, keep)
    scores[i] = score
  end
end
return scores
