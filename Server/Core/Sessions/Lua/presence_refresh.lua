-- Keeps this node's entries alive. An entry is refreshed only while it still names its session, so a
-- release racing the refresh is not undone. In restore mode (Redis came back, possibly empty) a missing
-- entry is written again; an entry another session has claimed since is always left alone.
-- KEYS[i] = online key, ARGV[1] = ttl seconds, ARGV[2] = 1 restore / 0 refresh, ARGV[i+2] = "node|sessionId"
local ttl = tonumber(ARGV[1])
local restore = ARGV[2] == '1'
local refreshed = 0
for i, key in ipairs(KEYS) do
  local mine = ARGV[i + 2]
  local current = redis.call('GET', key)
  if current == mine or (restore and current == false) then
    redis.call('SET', key, mine, 'EX', ttl)
    refreshed = refreshed + 1
  end
end
return refreshed
