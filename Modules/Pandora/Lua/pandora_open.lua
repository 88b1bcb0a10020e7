-- Opens one level of a box once: stores every draw and the owner reward as pending (granted next, by the caller or the sweep).
-- KEYS: 1 box hash, 2 the box's draws, 3 the box's pending draws.
-- ARGV: 1 box id, 2 level, 3 threshold, 4 caller ('' when the close opens it: no owner check, the box may be closed), 5 now,
--       6 seconds to keep the draws, 7 the owner reward (JSON), then pairs (account, prize JSON).
-- Returns: {'stored', owner} | {'nobox'} | {'notowner'} | {'notreached'} | {'opened'} (opened before)
local st = redis.call('HMGET', KEYS[1], 'box', 'state', 'owner', 'energy', 'opened')
if st[1] ~= ARGV[1] then return {'nobox', ''} end
if ARGV[4] ~= '' then
  if st[2] ~= 'live' then return {'nobox', ''} end
  if st[3] ~= ARGV[4] then return {'notowner', ''} end
end
if (tonumber(st[4]) or 0) < tonumber(ARGV[3]) then return {'notreached', ''} end
local opened = st[5] or '|'
if string.find(opened, '|' .. ARGV[2] .. '|', 1, true) then return {'opened', ''} end
redis.call('HSET', KEYS[1], 'opened', opened .. ARGV[2] .. '|')
local owner = st[3] or ''
if owner ~= '' then
  local field = ARGV[2] .. '|o|' .. owner
  redis.call('HSET', KEYS[2], field, ARGV[7])
  redis.call('SADD', KEYS[3], field)
end
for i = 8, #ARGV, 2 do
  local field = ARGV[2] .. '|d|' .. ARGV[i]
  redis.call('HSET', KEYS[2], field, ARGV[i + 1])
  redis.call('SADD', KEYS[3], field)
end
redis.call('EXPIRE', KEYS[2], ARGV[6])
if redis.call('EXISTS', KEYS[3]) == 1 then redis.call('EXPIRE', KEYS[3], ARGV[6]) end
return {'stored', owner}
