-- Moves a packet from one state to another. KEYS: 1 packet hash. ARGV: 1 from, 2 to. Returns 1 when moved.
if redis.call('HGET', KEYS[1], 'state') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'state', ARGV[2])
return 1
