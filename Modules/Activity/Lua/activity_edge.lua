-- Claims the announcement of an activity's new state: only the first node to see the change announces it.
-- KEYS: 1 announced hash. ARGV: 1 id, 2 open | closed. Returns 1 when claimed, 0 when it was announced already.
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
