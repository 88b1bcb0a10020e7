-- Sets one field of an existing profile. KEYS: 1 profile hash. ARGV: 1 field, 2 value. Returns 1, or 0 when there is no profile.
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
