-- Applies for cancellation after the pre-checks, all in one step.
-- KEYS: 1 record hash, 2 application history zset, 3 family hash, 4.. bound-relation keys
-- ARGV: 1 now, 2 new sid, 3 due time, 4 window start, 5 max applications
-- Returns {outcome, sid}: created | active | cancelled | leader | bound:<key> | often
local state = redis.call('HGET', KEYS[1], 'state')
if state == 'cooling' then return {'active', redis.call('HGET', KEYS[1], 'sid')} end
if state == 'executing' or state == 'done' then return {'cancelled', redis.call('HGET', KEYS[1], 'sid')} end
if redis.call('HGET', KEYS[3], 'role') == 'leader' then return {'leader', ''} end
for i = 4, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 then return {'bound', KEYS[i]} end
end
if redis.call('ZCOUNT', KEYS[2], ARGV[4], '+inf') >= tonumber(ARGV[5]) then return {'often', ''} end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'sid', ARGV[2], 'state', 'cooling', 'created', ARGV[1], 'due', ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[1], ARGV[2])
return {'created', ARGV[2]}
