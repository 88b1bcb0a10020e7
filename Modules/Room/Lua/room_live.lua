-- Applies one live event to a room. Sessions are ordered (numbers compared as numbers, else as text),
-- so a retried or reordered callback of an older session changes nothing. The newest stopped session is
-- remembered ('stopped'): a start of it or of an older one arriving after its stop (reordered, replayed)
-- does not open the room again.
-- KEYS: 1 room hash. ARGV: 1 action (start | stop | owner), 2 session (start_time; '' for owner), 3 owner, 4 slot count, 5 title, 6 now
-- Returns: opened | closed | owner | duplicate | stale | notlive
local function older(a, b)
  local x, y = tonumber(a), tonumber(b)
  if x and y then return x < y end
  return a < b
end
local r = redis.call('HMGET', KEYS[1], 'live', 'session', 'stopped')
local live, current, stopped = r[1] == '1', r[2] or '', r[3] or ''
local action, session = ARGV[1], ARGV[2]
if action == 'start' then
  if current ~= '' and session == current then return 'duplicate' end
  if current ~= '' and older(session, current) then return 'stale' end
  if stopped ~= '' and not older(stopped, session) then return 'stale' end
  redis.call('HSET', KEYS[1], 'live', 1, 'session', session, 'owner', ARGV[3], 'slotnum', ARGV[4], 'title', ARGV[5], 'opened', ARGV[6])
  return 'opened'
elseif action == 'stop' then
  if session ~= '' and (stopped == '' or older(stopped, session)) then redis.call('HSET', KEYS[1], 'stopped', session) end
  if not live then return 'notlive' end
  if session ~= '' and session ~= current and older(session, current) then return 'stale' end
  redis.call('HSET', KEYS[1], 'live', 0, 'closed', ARGV[6])
  return 'closed'
elseif action == 'owner' then
  if not live then return 'notlive' end
  if redis.call('HGET', KEYS[1], 'owner') == ARGV[3] then return 'duplicate' end
  redis.call('HSET', KEYS[1], 'owner', ARGV[3])
  return 'owner'
end
return redis.error_reply('unknown action ' .. action)
