-- A payment callback for an order: CREATED (or EXPIRED, paid late while its record is kept) -> PAID once;
-- repeats with the same transaction are duplicates.
-- KEYS: 1 order hash, 2 paid-orders zset, 3 unpaid-orders zset. ARGV: 1 order id, 2 amount (fen), 3 platform transaction id, 4 now
-- Returns {outcome, state, account}: outcome paid | duplicate | conflict | amount | unknown
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return {'unknown', '', ''} end
local acc = redis.call('HGET', KEYS[1], 'acc')
if redis.call('HGET', KEYS[1], 'amount') ~= ARGV[2] then return {'amount', state, acc} end
if state == 'CREATED' or state == 'EXPIRED' then
  redis.call('HSET', KEYS[1], 'state', 'PAID', 'txid', ARGV[3], 'paidtime', ARGV[4])
  redis.call('PERSIST', KEYS[1])
  redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
  redis.call('ZREM', KEYS[3], ARGV[1])
  return {'paid', 'PAID', acc}
end
if redis.call('HGET', KEYS[1], 'txid') ~= ARGV[3] then return {'conflict', state, acc} end
return {'duplicate', state, acc}
