-- The open box's owner role moves to a new owner. KEYS: 1 box hash. ARGV: 1 owner. Returns 1 when moved, 0 when no box is open.
if redis.call('HGET', KEYS[1], 'state') ~= 'live' then return 0 end
redis.call('HSET', KEYS[1], 'owner', ARGV[1])
return 1
