-- Opens a paid packet once, for the payment that pays for it: a gold payment opens only a gold packet of the
-- configuration it paid for, while it is being paid ('paying'); an RMB packet opens only for its own order, while
-- it waits for it ('ordered'), or when that order's payment comes after the packet expired unpaid ('expired', or
-- 'failed' as such packets were marked before). Stores the shares and the countdown; an expired record that was
-- to go away is kept.
-- KEYS: 1 packet hash, 2 shares list. ARGV: 1 expire (unix s), 2 the payment ('gold:<config id>' or 'rmb:<order id>'),
-- 3.. the shares. Returns 'opened', 'refused' (not this payment's packet), 'missing', or the state it already had.
local f = redis.call('HMGET', KEYS[1], 'state', 'pay', 'config', 'orderid')
local state, pay, config, order = f[1], f[2], f[3], f[4]
if not state then return 'missing' end
local waiting
if pay == 'gold' and config and ARGV[2] == 'gold:' .. config then
  waiting = state == 'paying'
elseif pay == 'rmb' and order and order ~= '' and ARGV[2] == 'rmb:' .. order then
  waiting = state == 'ordered' or state == 'expired' or state == 'failed'
else
  return 'refused'
end
if not waiting then return state end
for i = 3, #ARGV do redis.call('RPUSH', KEYS[2], ARGV[i]) end
redis.call('HSET', KEYS[1], 'state', 'open', 'expire', ARGV[1], 'left', redis.call('HGET', KEYS[1], 'total'))
redis.call('PERSIST', KEYS[1])
return 'opened'
