-- Forgets the account's room of one business if it is still this room. KEYS: 1 account's rooms hash. ARGV: 1 business, 2 room id.
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return redis.call('HDEL', KEYS[1], ARGV[1]) end
return 0
