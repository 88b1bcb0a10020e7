-- A change of the running activities; every change moves the version on.
-- KEYS: 1 defs, 2 version, 3 seed digest, 4 overrides hash.
-- ARGV: 1 seed | replace | override; seed: 2 json, 3 file digest (applied only when it differs from the last one);
-- replace: 2 json, 3 file digest or '' (an operator's set); override: 2 id, 3 open | close | auto.
-- Returns the new version, or 0 when a seed was applied already.
local op = ARGV[1]
if op == 'seed' then
  if redis.call('GET', KEYS[3]) == ARGV[3] then return 0 end
  redis.call('SET', KEYS[1], ARGV[2])
  redis.call('SET', KEYS[3], ARGV[3])
elseif op == 'replace' then
  redis.call('SET', KEYS[1], ARGV[2])
  if ARGV[3] ~= '' then redis.call('SET', KEYS[3], ARGV[3]) end
elseif op == 'override' then
  if ARGV[3] == 'auto' then redis.call('HDEL', KEYS[4], ARGV[2]) else redis.call('HSET', KEYS[4], ARGV[2], ARGV[3]) end
else
  return redis.error_reply('unknown op ' .. op)
end
return redis.call('INCR', KEYS[2])
