-- Moves a shown pendant's progress. Progress only goes forward for the same total, so a late update that
-- arrives after a newer one changes nothing.
-- KEYS: 1 the room's pendants hash. ARGV: 1 field, 2 now, 3 current, 4 total.
-- Returns {outcome (ok | same | stale | ended | missing), since, until, current, total}.
local old = redis.call('HGET', KEYS[1], ARGV[1])
if not old then return {'missing', 0, 0, 0, 0} end
local s, u, c, t = string.match(old, '^([^|]*)|([^|]*)|([^|]*)|([^|]*)$')
s, u, c, t = tonumber(s) or 0, tonumber(u) or 0, tonumber(c) or 0, tonumber(t) or 0
if u <= tonumber(ARGV[2]) then return {'ended', s, u, c, t} end
local cur, total = tonumber(ARGV[3]), tonumber(ARGV[4])
if cur == c and total == t then return {'same', s, u, c, t} end
if total == t and cur < c then return {'stale', s, u, c, t} end
redis.call('HSET', KEYS[1], ARGV[1], s .. '|' .. u .. '|' .. cur .. '|' .. total)
return {'ok', s, u, cur, total}
