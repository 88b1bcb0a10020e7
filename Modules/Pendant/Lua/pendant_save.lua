-- An operator's change to one pendant; every change moves the version on.
-- KEYS: 1 defs hash, 2 version. ARGV: 1 create | change | remove, 2 id, 3 json (create, change).
-- Returns the new version, or 'exists' (create) / 'missing' (change, remove).
local op, id = ARGV[1], ARGV[2]
if op == 'create' then
  if redis.call('HSETNX', KEYS[1], id, ARGV[3]) == 0 then return 'exists' end
elseif op == 'change' then
  if redis.call('HEXISTS', KEYS[1], id) == 0 then return 'missing' end
  redis.call('HSET', KEYS[1], id, ARGV[3])
elseif op == 'remove' then
  if redis.call('HDEL', KEYS[1], id) == 0 then return 'missing' end
else
  return redis.error_reply('unknown op ' .. op)
end
return tostring(redis.call('INCR', KEYS[2]))
