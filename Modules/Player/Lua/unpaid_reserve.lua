-- Takes one of an account's capped places for something unpaid (an order, a red packet), each place held until
-- it is paid (released) or falls due (then it no longer counts).
-- KEYS: 1 the account's places (zset member -> due, unix s). ARGV: 1 member, 2 now, 3 due, 4 cap.
-- Returns 2 when taken now, 1 when the member already holds a place, 0 when the account is at its cap.
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 1 end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
redis.call('EXPIREAT', KEYS[1], last[2])
return 2
