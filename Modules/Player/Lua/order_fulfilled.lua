-- PAID -> FULFILLED once. KEYS: 1 order hash, 2 paid-orders zset. ARGV: 1 order id, 2 now. Returns 1 if it moved.
if redis.call('HGET', KEYS[1], 'state') ~= 'PAID' then return 0 end
redis.call('HSET', KEYS[1], 'state', 'FULFILLED', 'fulfilledtime', ARGV[2])
redis.call('ZREM', KEYS[2], ARGV[1])
return 1
