-- Creates a packet record once. A request naming an existing packet must be the same request: the first four
-- field pairs (sender, room, config, pay) bind it, and any difference is a conflict that changes nothing.
-- KEYS: 1 packet hash. ARGV: 1 create (1: create it when missing; 0: only look), then pairs of field, value
-- (the binding pairs first).
-- Returns {'created'|'exists'|'conflict'|'missing', state, pay kind of the stored packet}.
if redis.call('EXISTS', KEYS[1]) == 1 then
  local state = redis.call('HGET', KEYS[1], 'state') or ''
  local pay = redis.call('HGET', KEYS[1], 'pay') or ''
  for i = 2, 8, 2 do
    if redis.call('HGET', KEYS[1], ARGV[i]) ~= ARGV[i + 1] then return {'conflict', state, pay} end
  end
  return {'exists', state, pay}
end
if ARGV[1] ~= '1' then return {'missing', '', ''} end
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
return {'created', redis.call('HGET', KEYS[1], 'state'), redis.call('HGET', KEYS[1], 'pay')}
