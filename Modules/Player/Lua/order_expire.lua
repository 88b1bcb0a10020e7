-- An unpaid order past its time: CREATED -> EXPIRED once; the record is kept a while longer (a payment reported
-- late is still honoured), then Redis drops it. Whatever its state, it leaves the unpaid index.
-- KEYS: 1 order hash, 2 unpaid-orders zset. ARGV: 1 order id, 2 now, 3 seconds the expired record is kept
-- Returns {outcome, account}: outcome 'expired' when it expired now, else the state it has ('' when unknown).
redis.call('ZREM', KEYS[2], ARGV[1])
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return {'', ''} end
local acc = redis.call('HGET', KEYS[1], 'acc')
if state ~= 'CREATED' then return {state, acc} end
redis.call('HSET', KEYS[1], 'state', 'EXPIRED', 'expiredtime', ARGV[2])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
return {'expired', acc}
