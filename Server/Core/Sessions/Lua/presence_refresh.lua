-- Keeps this node's entries alive: for each key, rewrite it with its TTL when it is missing
-- (Redis restarted) or still ours; leave it when another session has claimed the account since.
-- KEYS[i] = online key, ARGV[1] = ttl seconds, ARGV[i+1] = "node|sessionId"
local ttl = tonumber(ARGV[1])
local refreshed = 0
for i, key in ipairs(KEYS) do
  local mine = ARGV[i + 1]
  local current = redis.call('GET', key)
  if current == false or current == mine then
    redis.call('SET', key, mine, 'EX', ttl)
    refreshed = refreshed + 1
  end
end
return refreshed
