-- Closes the open box: no gift adds energy after this. KEYS: 1 box hash. ARGV: 1 now.
-- Returns: {'closed' | 'was' (closed before), box id, energy, opened levels '|1|3|'} | {'none'} (the room never had a box)
local st = redis.call('HMGET', KEYS[1], 'state', 'box', 'energy', 'opened')
if not st[2] then return {'none', '', 0, ''} end
local outcome = 'was'
if st[1] == 'live' then
  redis.call('HSET', KEYS[1], 'state', 'closed', 'closed', ARGV[1])
  outcome = 'closed'
end
return {outcome, st[2], tonumber(st[3]) or 0, st[4] or '|'}
