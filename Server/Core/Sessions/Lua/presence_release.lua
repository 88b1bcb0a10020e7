-- Gives up the account -> node entry only if it still names this session: deletes it, or, when a login is
-- undone, puts back the entry it replaced (so a holder still connected elsewhere keeps its entry).
-- KEYS[1] = online key, ARGV[1] = "node|sessionId", ARGV[2] = the replaced entry ('' = none), ARGV[3] = ttl (s)
-- Returns the entry naming another session, if the account has one, else ''.
local current = redis.call('GET', KEYS[1])
if current ~= ARGV[1] then return current or '' end
if ARGV[2] ~= '' then
  redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
else
  redis.call('DEL', KEYS[1])
end
return ''
