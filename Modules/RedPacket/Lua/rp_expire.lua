-- An RMB packet whose order expired unpaid: 'ordered' -> 'expired', its record kept only as long as a late payment
-- of that order may still open it. KEYS: 1 packet hash. ARGV: 1 seconds to keep it. Returns 1 when it expired now.
if redis.call('HGET', KEYS[1], 'state') ~= 'ordered' then return 0 end
redis.call('HSET', KEYS[1], 'state', 'expired')
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[1]))
return 1
