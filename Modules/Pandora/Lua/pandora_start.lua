-- Opens the box of a live session. KEYS: 1 box hash. ARGV: 1 box id, 2 owner, 3 now.
-- Returns: started | duplicate (this session's box, open or closed) | busy (another session's box is still open: close it first)
local cur = redis.call('HMGET', KEYS[1], 'box', 'state')
if cur[1] == ARGV[1] then return 'duplicate' end
if cur[2] == 'live' then return 'busy' end
redis.call('HSET', KEYS[1], 'box', ARGV[1], 'state', 'live', 'owner', ARGV[2], 'energy', 0, 'opened', '|', 'started', ARGV[3])
redis.call('HDEL', KEYS[1], 'closed')
return 'started'
