-- Opens a paid packet once: stores its shares and its countdown. KEYS: 1 packet hash, 2 shares list.
-- ARGV: 1 expire (unix s), 2 the RMB order paying it late ('' otherwise), 3.. the shares.
-- An RMB packet forgotten as unpaid after a day ('failed') is opened when its own order's payment arrives
-- after all (ARGV 2 names that order). Returns 'opened', or the state it already had.
local state = redis.call('HGET', KEYS[1], 'state')
local late = state == 'failed' and ARGV[2] ~= '' and redis.call('HGET', KEYS[1], 'pay') == 'rmb'
  and redis.call('HGET', KEYS[1], 'orderid') == ARGV[2]
if state ~= 'paying' and state ~= 'ordered' and not late then return state or 'missing' end
for i = 3, #ARGV do redis.call('RPUSH', KEYS[2], ARGV[i]) end
redis.call('HSET', KEYS[1], 'state', 'open', 'expire', ARGV[1], 'left', redis.call('HGET', KEYS[1], 'total'))
return 'opened'
