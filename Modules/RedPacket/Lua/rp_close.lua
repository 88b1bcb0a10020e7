-- Closes an open packet for its refund: status changes first, atomically with taking what is left, so a
-- grab racing it either got its share before or finds the packet closed.
-- KEYS: 1 packet hash, 2 shares list. ARGV: 1 now, 2 force (1: the room closed; 0: only when the countdown is over)
-- Returns {'refund', left} (also again while the refund is not settled), {'done', 0} or {'no', 0}.
local state = redis.call('HGET', KEYS[1], 'state')
if state == 'refunding' then return {'refund', tonumber(redis.call('HGET', KEYS[1], 'left'))} end
if state ~= 'open' then return {state == 'done' and 'done' or 'no', 0} end
if ARGV[2] ~= '1' and tonumber(redis.call('HGET', KEYS[1], 'expire')) > tonumber(ARGV[1]) then return {'no', 0} end
redis.call('DEL', KEYS[2])
redis.call('HSET', KEYS[1], 'state', 'refunding', 'closed', ARGV[1])
return {'refund', tonumber(redis.call('HGET', KEYS[1], 'left'))}
