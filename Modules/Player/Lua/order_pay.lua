-- A payment callback for an order: CREATED -> PAID once; repeats with the same transaction are duplicates.
-- KEYS: 1 order hash, 2 paid-orders zset. ARGV: 1 order id, 2 amount (fen), 3 platform transaction id, 4 now
-- Returns {outcome, state}: outcome paid | duplicate | conflict | amount | unknown
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return {'unknown', ''} end
if redis.call('HGET', KEYS[1], 'amount') ~= ARGV[2] then return {'amount', state} end
if state == 'CREATED' then
  redis.call('HSET', KEYS[1], 'state', 'PAID', 'txid', ARGV[3], 'paidtime', ARGV[4])
  redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
  return {'paid', 'PAID'}
end
if redis.call('HGET', KEYS[1], 'txid') ~= ARGV[3] then return {'conflict', state} end
return {'duplicate', state}
