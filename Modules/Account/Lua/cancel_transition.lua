-- Moves a cancellation record from one state to another when it is in the expected state.
-- KEYS: 1 record hash
-- ARGV: 1 action (withdraw | claim | finish), 2 now, 3 node, 4 claim lease seconds, 5 sid ('' any), 6 why (withdraw),
--       7 (withdraw) the unix second of the login that withdraws it, 0 for none: a login no later than the
--       record's creation (the session it was applied in, delivered late or again) withdraws nothing ('stale')
-- withdraw: cooling -> withdrawn.  claim: cooling and due -> executing, or executing with an expired lease
-- (a node died mid-deletion) -> executing again.  finish: executing -> done.
-- Returns {outcome, sid, state before}.
local r = redis.call('HMGET', KEYS[1], 'state', 'sid', 'due', 'claimedat')
local state, sid, due, claimedat = r[1], r[2], tonumber(r[3] or '0'), tonumber(r[4] or '0')
if not state then return {'none', '', ''} end
if ARGV[5] ~= '' and ARGV[5] ~= sid then return {'none', sid, state} end
local now = tonumber(ARGV[2])
if ARGV[1] == 'withdraw' then
  if state ~= 'cooling' then return {'none', sid, state} end
  local login = tonumber(ARGV[7] or '0')
  if login > 0 and login <= tonumber(redis.call('HGET', KEYS[1], 'created') or '0') then return {'stale', sid, state} end
  redis.call('HSET', KEYS[1], 'state', 'withdrawn', 'withdrawn', now, 'withdrawnby', ARGV[6])
  return {'withdrawn', sid, state}
elseif ARGV[1] == 'claim' then
  if (state == 'cooling' and due <= now) or (state == 'executing' and claimedat + tonumber(ARGV[4]) <= now) then
    redis.call('HSET', KEYS[1], 'state', 'executing', 'claimedby', ARGV[3], 'claimedat', now)
    return {'claimed', sid, state}
  end
  return {'none', sid, state}
elseif ARGV[1] == 'finish' then
  if state ~= 'executing' then return {'none', sid, state} end
  redis.call('HSET', KEYS[1], 'state', 'done', 'done', now)
  return {'done', sid, state}
end
return redis.error_reply('unknown action ' .. ARGV[1])
