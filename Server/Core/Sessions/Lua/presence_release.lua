-- Deletes the account -> node entry only if it still names this session.
-- KEYS[1] = online key, ARGV[1] = "node|sessionId"
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
