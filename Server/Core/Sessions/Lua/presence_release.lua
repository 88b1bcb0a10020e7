-- Gives up the account -> node entry only if it still names this session: deletes it, or, when a login is
-- undone, puts back the entry it replaced (so a holder still connected elsewhere keeps its entry).
-- KEYS[1] = online key, ARGV[1] = "node|sessionId", ARGV[2] = the replaced entry ('' = none), ARGV[3] = ttl (s)
if redis.call('GET', KEYS[1]) == ARGV[1] then
  if ARGV[2] ~= nil and ARGV[2] ~= '' then
    redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
    return 1
  end
  return redis.call('DEL', KEYS[1])
end
return 0
