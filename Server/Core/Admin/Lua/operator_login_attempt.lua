-- Counts an operator login attempt before its password is checked (a success deletes the count). The count lives
-- for the lockout time from the first attempt of the series.
-- KEYS[1] = the operator's attempt counter, ARGV[1] = lockout seconds. Returns {attempts, seconds left}.
local attempts = redis.call('INCR', KEYS[1])
if attempts == 1 then redis.call('EXPIRE', KEYS[1], tonumber(ARGV[1])) end
return {attempts, redis.call('TTL', KEYS[1])}
