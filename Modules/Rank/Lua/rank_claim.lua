-- Claims a period's settlement for this node and, the first time, freezes it. KEYS: 1 board (zset), 2 state (hash), 3 final (list).
-- ARGV: 1 claimant (node and call), 2 now (unix s), 3 claim held until (unix s), 4 places to freeze, 5 seconds the period's keys are kept from now.
-- Returns {outcome, step}: done (settled before), busy (another claimant holds an unexpired claim), claimed (this claimant settles; step:
-- the last place already rewarded). The freeze copies the top places, "acc TAB score", into the final list; from then on updates
-- go to the next period.
local state = redis.call('HGET', KEYS[2], 'state')
if state == 'done' then return {'done', 0} end
local owner = redis.call('HGET', KEYS[2], 'owner')
local held = tonumber(redis.call('HGET', KEYS[2], 'held') or '0')
if owner and owner ~= ARGV[1] and held > tonumber(ARGV[2]) then return {'busy', 0} end
redis.call('HSET', KEYS[2], 'owner', ARGV[1], 'held', ARGV[3])
if state ~= 'frozen' then
  redis.call('DEL', KEYS[3])
  local top = redis.call('ZREVRANGE', KEYS[1], 0, tonumber(ARGV[4]) - 1, 'WITHSCORES')
  for i = 1, #top, 2 do
    redis.call('RPUSH', KEYS[3], string.sub(top[i], 14) .. '\t' .. top[i + 1])
  end
  redis.call('HSET', KEYS[2], 'state', 'frozen', 'frozenat', ARGV[2], 'step', 0)
  for i = 1, 3 do redis.call('EXPIRE', KEYS[i], ARGV[5]) end
end
return {'claimed', tonumber(redis.call('HGET', KEYS[2], 'step') or '0')}
