-- Opens a paid packet once: stores its shares and its countdown. KEYS: 1 packet hash, 2 shares list.
-- ARGV: 1 expire (unix s), 2.. the shares. Returns 'opened', or the state it already had.
local state = redis.call('HGET', KEYS[1], 'state')
if state ~= 'paying' and state ~= 'ordered' then return state or 'missing' end
for i = 2, #ARGV do redis.call('RPUSH', KEYS[2], ARGV[i]) end
redis.call('HSET', KEYS[1], 'state', 'open', 'expire', ARGV[1], 'left', redis.call('HGET', KEYS[1], 'total'))
return 'opened'
