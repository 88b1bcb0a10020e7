-- Adds the XP of one event to an account's season: once per event, within its source's cap for the day.
-- KEYS: 1 the account's season record, 2 its XP per source today, 3 the event's marker
-- ARGV: 1 source, 2 XP the event earns, 3 the source's daily cap, 4 ttl of the day's counter (s), 5 ttl of the marker (s)
-- Returns {added, xp}: added -1 when the season is settled (nothing counted), 0 when the event was counted before or the
-- cap is reached; xp is the account's season XP after it.
local xp = tonumber(redis.call('HGET', KEYS[1], 'xp') or '0')
if redis.call('HEXISTS', KEYS[1], 'ended') == 1 then return {-1, xp} end
if not redis.call('SET', KEYS[3], '1', 'NX', 'EX', tonumber(ARGV[5])) then return {0, xp} end
local today = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
local add = math.min(tonumber(ARGV[2]), tonumber(ARGV[3]) - today)
if add <= 0 then return {0, xp} end
redis.call('HINCRBY', KEYS[2], ARGV[1], add)
redis.call('EXPIRE', KEYS[2], tonumber(ARGV[4]))
return {add, redis.call('HINCRBY', KEYS[1], 'xp', add)}
