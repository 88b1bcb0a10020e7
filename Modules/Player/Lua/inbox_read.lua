-- Marks inbox messages read. KEYS: 1 messages hash. ARGV: message ids. Returns how many were found.
local found = 0
for _, id in ipairs(ARGV) do
  local raw = redis.call('HGET', KEYS[1], id)
  if raw then
    found = found + 1
    local message = cjson.decode(raw)
    if not message.read then
      message.read = true
      redis.call('HSET', KEYS[1], id, cjson.encode(message))
    end
  end
end
return found
