-- One grab: already grabbed, none left, closed, or a share popped and recorded (with a pending credit the
-- ledger settles right after; a crash in between is settled by the recovery pass).
-- KEYS: 1 packet hash, 2 shares list, 3 grabbed hash, 4 pending-credit set, 5 grab log list
-- ARGV: 1 account, 2 now. Returns {outcome, amount}.
local state = redis.call('HGET', KEYS[1], 'state')
local mine = redis.call('HGET', KEYS[3], ARGV[1])
if mine then return {'grabbed', tonumber(mine)} end
if state ~= 'open' then
  if state == 'done' then return {'empty', 0} end
  return {'closed', 0}
end
if tonumber(redis.call('HGET', KEYS[1], 'expire')) <= tonumber(ARGV[2]) then return {'closed', 0} end
local amount = redis.call('LPOP', KEYS[2])
if not amount then return {'empty', 0} end
redis.call('HSET', KEYS[3], ARGV[1], amount)
redis.call('SADD', KEYS[4], ARGV[1])
redis.call('RPUSH', KEYS[5], ARGV[1] .. '|' .. amount .. '|' .. ARGV[2])
redis.call('HINCRBY', KEYS[1], 'left', -tonumber(amount))
if redis.call('LLEN', KEYS[2]) == 0 then redis.call('HSET', KEYS[1], 'state', 'done') end
return {'ok', tonumber(amount)}
