-- Shows a triggered pendant in a room, or extends it while it shows. Entries are "since|until|current|total"
-- (unix seconds) under "id|key"; ended entries are pruned on the way.
-- KEYS: 1 the room's pendants hash. ARGV: 1 field, 2 now, 3 until, 4 current, 5 total, 6 key ttl (seconds).
-- A trigger without progress (total 0) keeps the progress of the entry it extends.
-- Returns {outcome (shown | extended), since, until, current, total}.
local field, now, untilv = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local function parse(v)
  local s, u, c, t = string.match(v, '^([^|]*)|([^|]*)|([^|]*)|([^|]*)$')
  return tonumber(s) or 0, tonumber(u) or 0, tonumber(c) or 0, tonumber(t) or 0
end
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  local _, u = parse(all[i + 1])
  if u <= now and all[i] ~= field then redis.call('HDEL', KEYS[1], all[i]) end
end
local since, cur, total, outcome = now, tonumber(ARGV[4]), tonumber(ARGV[5]), 'shown'
local old = redis.call('HGET', KEYS[1], field)
if old then
  local s, u, c, t = parse(old)
  if u > now then
    outcome, since = 'extended', s
    if u > untilv then untilv = u end
    if total == 0 then cur, total = c, t end
  end
end
redis.call('HSET', KEYS[1], field, since .. '|' .. untilv .. '|' .. cur .. '|' .. total)
if redis.call('TTL', KEYS[1]) < tonumber(ARGV[6]) then redis.call('EXPIRE', KEYS[1], ARGV[6]) end
return {outcome, since, untilv, cur, total}
