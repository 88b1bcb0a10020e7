-- Applies Config/pendants.json when it differs from the file applied last (its hash is kept): the file's
-- pendants are written over the stored ones with the same id, pendants the previous file had and this one
-- lacks are removed, pendants created through the admin API stay.
-- KEYS: 1 defs hash, 2 version, 3 seed hash, 4 seeded ids set. ARGV: 1 file hash, then id, json pairs.
-- Returns 1 when applied, 0 when this file was applied already.
if redis.call('GET', KEYS[3]) == ARGV[1] then return 0 end
local keep = {}
for i = 2, #ARGV, 2 do keep[ARGV[i]] = true end
for _, id in ipairs(redis.call('SMEMBERS', KEYS[4])) do
  if not keep[id] then redis.call('HDEL', KEYS[1], id) end
end
redis.call('DEL', KEYS[4])
for i = 2, #ARGV, 2 do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
  redis.call('SADD', KEYS[4], ARGV[i])
end
redis.call('SET', KEYS[3], ARGV[1])
redis.call('INCR', KEYS[2])
return 1
