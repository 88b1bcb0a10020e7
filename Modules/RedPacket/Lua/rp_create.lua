-- Creates a packet record once (a repeated send with the same request finds the first one).
-- KEYS: 1 packet hash. ARGV: pairs of field, value. Returns {'created'|'exists', state}.
if redis.call('EXISTS', KEYS[1]) == 1 then return {'exists', redis.call('HGET', KEYS[1], 'state')} end
redis.call('HSET', KEYS[1], unpack(ARGV))
return {'created', redis.call('HGET', KEYS[1], 'state')}
